// The demo catalogue: what `npm run dev` puts on a fresh local chain, and what tests and benchmarks
// import. From the example HyperCycle manifests (sdk/examples/*.json) it publishes one AIM each
// (manifest as a data: URI + its keccak256), mints licenses, lists them in ETH and in TestUSDC, makes
// a few sales between dev accounts, registers the gateway's HyperBox node with offers and opens a
// payment channel. `scale: n` adds n - 1 bulk rounds (publish + 2 listings + 1 sale, ≈ 10 events
// each) for the indexer benchmark: ≈ 10,000 rounds give 100k events.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { abis, type Deployment, deploymentFor } from "@aim/sdk/deployments";
import { callFeeBps, manifestHash, parseManifest, toDataUri } from "@aim/sdk/manifest";
import { TokenStandard } from "@aim/sdk/marketplace";
import {
  type Address,
  type Chain,
  createPublicClient,
  createWalletClient,
  type Hash,
  http,
  keccak256,
  nonceManager,
  type PublicClient,
  parseEther,
  parseEventLogs,
  toHex,
  zeroAddress,
} from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { devAccount } from "./dev-accounts.js";

export interface SeedOptions {
  /** JSON-RPC URL of a local chain on which LocalSystem is deployed (its chain id picks the addresses). */
  rpcUrl: string;
  /** Endpoint registered for the demo HyperBox node (the local gateway). */
  gatewayUrl?: string;
  /** 1 (default) = the demo catalogue; n > 1 adds n - 1 bulk rounds for benchmarks. */
  scale?: number;
  log?: (line: string) => void;
}

interface SeededAim {
  aimId: bigint;
  shortName: string;
  creator: Address;
}

export interface SeedResult {
  chainId: number;
  /** The demo AIMs (bulk rounds publish more: see aimCount). */
  aims: SeededAim[];
  aimCount: number;
  listings: number;
  sales: number;
  nodeId: bigint;
  channelOpened: boolean;
  /** Logs emitted by the system and test-token contracts from their deployment to the last seed block. */
  events: number;
  lastBlock: bigint;
}

const EXAMPLES_DIR = join(import.meta.dirname, "..", "sdk", "examples");
const { ERC1155 } = TokenStandard;
const USDC = 1_000_000n; // TestUSDC has 6 decimals
const YEAR = 365n * 24n * 3600n;
// Fixed fees and gas in bulk mode: viem then asks the node for nothing but the first nonce.
const BULK_FEES = { maxFeePerGas: 50_000_000_000n, maxPriorityFeePerGas: 1_000_000_000n };

// Dev account roles (deploy/dev-accounts.ts).
const CREATORS = [1, 2, 3] as const;
const BUYERS = [4, 5] as const;
const buyerFor = (k: number): number => (k % 2 === 0 ? BUYERS[0] : BUYERS[1]);
const OPERATOR = 6;

interface Example {
  shortName: string;
  bytes: Uint8Array;
  creatorIndex: number;
  callFeeBps: number;
  pricePerCall: bigint;
}

/** The example manifests, validated; the creator is the dev account its `royalties.address` names. */
export function loadExamples(): Example[] {
  const files = readdirSync(EXAMPLES_DIR)
    .filter((name) => name.endsWith(".json"))
    .sort();
  // Per-token (LLM) examples after the per-call ones, so adding one never renumbers the others.
  const metered = (file: string) => readFileSync(join(EXAMPLES_DIR, file), "utf8").includes('"x-per-token"');
  files.sort((a, b) => Number(metered(a)) - Number(metered(b)));
  return files.map((file) => {
    const bytes = readFileSync(join(EXAMPLES_DIR, file));
    const parsed = parseManifest(bytes);
    if (!parsed.ok) throw new Error(`sdk/examples/${file} is not a valid manifest`);
    const manifest = parsed.manifest;
    const royaltyAddress = manifest.royalties?.address?.toLowerCase();
    const creatorIndex =
      CREATORS.find((index) => devAccount(index).address.toLowerCase() === royaltyAddress) ?? CREATORS[0];
    const minPrice = manifest.endpoints[0]?.price_per_call?.min ?? 1000;
    return {
      shortName: manifest.short_name ?? file.replace(/\.json$/, ""),
      bytes: new Uint8Array(bytes),
      creatorIndex,
      callFeeBps: callFeeBps(manifest),
      pricePerCall: BigInt(Math.max(1, Math.round(Number(minPrice)))),
    };
  });
}

/** Seeds the demo catalogue (and `scale - 1` bulk rounds) on the chain at `rpcUrl`. */
export async function seedCatalogue(options: SeedOptions): Promise<SeedResult> {
  const log = options.log ?? (() => {});
  const scale = options.scale ?? 1;
  if (!Number.isInteger(scale) || scale < 1)
    throw new Error(`seed: scale must be an integer ≥ 1, got ${scale}`);
  const transport = http(options.rpcUrl);
  const publicClient = createPublicClient({ transport }) as PublicClient;
  const chainId = await publicClient.getChainId();
  const deployment = deploymentFor(chainId);
  const { TestUSDC } = deployment.contracts;
  if (TestUSDC === undefined)
    throw new Error(`seed: chain ${chainId} has no TestUSDC (seed local chains only)`);
  const code = await publicClient.getCode({ address: deployment.contracts.AIMRegistry.address });
  if (code === undefined || code === "0x") {
    throw new Error(
      `seed: no AIMRegistry at ${deployment.contracts.AIMRegistry.address} on ${options.rpcUrl}; deploy first`,
    );
  }
  const chain = {
    id: chainId,
    name: "local",
    nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
    rpcUrls: { default: { http: [options.rpcUrl] } },
  } as const satisfies Chain;
  const wallets = new Map<number, ReturnType<typeof makeWallet>>();
  function makeWallet(index: number) {
    const account = privateKeyToAccount(devAccount(index).privateKey, { nonceManager });
    return createWalletClient({ account, chain, transport });
  }
  const wallet = (index: number) => {
    let client = wallets.get(index);
    if (client === undefined) {
      client = makeWallet(index);
      wallets.set(index, client);
    }
    return client;
  };
  // The demo estimates gas, so a failing step reports the contract's custom error, and checks receipts.
  async function send(hash: Promise<Hash>): Promise<void> {
    const mined = await hash;
    const receipt = await publicClient.waitForTransactionReceipt({ hash: mined });
    if (receipt.status !== "success") throw new Error(`seed: transaction ${mined} reverted`);
  }
  const { AIMRegistry, AIMMarketplace, PaymentChannels, HyperBoxRegistry } = deployment.contracts;
  const now = (await publicClient.getBlock()).timestamp;
  const expiry = now + YEAR;

  let nextAimId =
    (await publicClient.readContract({
      address: AIMRegistry.address,
      abi: abis.AIMRegistry,
      functionName: "lastAimId",
    })) + 1n;
  async function publish(
    creatorIndex: number,
    bytes: Uint8Array,
    fee: number,
    splitWith?: Address,
  ): Promise<bigint> {
    const creator = devAccount(creatorIndex).address;
    const aimId = nextAimId++;
    await send(
      wallet(creatorIndex).writeContract({
        address: AIMRegistry.address,
        abi: abis.AIMRegistry,
        functionName: "publish",
        args: [publishParams(creator, bytes, fee, splitWith)],
      }),
    );
    return aimId;
  }
  // Sellers accept the marketplace fee in force now (list refuses a listing if it rose in flight).
  const maxFeeBps = await publicClient.readContract({
    address: AIMMarketplace.address,
    abi: abis.AIMMarketplace,
    functionName: "feeBps",
  });
  let listings = 0;
  async function list(creatorIndex: number, aimId: bigint, currency: Address, price: bigint): Promise<void> {
    await send(
      wallet(creatorIndex).writeContract({
        address: AIMMarketplace.address,
        abi: abis.AIMMarketplace,
        functionName: "list",
        args: [AIMRegistry.address, aimId, ERC1155, currency, price, 50n, expiry, maxFeeBps],
      }),
    );
    listings++;
  }
  let sales = 0;
  async function buy(buyerIndex: number, seller: number, aimId: bigint, currency: Address, price: bigint) {
    await send(
      wallet(buyerIndex).writeContract({
        address: AIMMarketplace.address,
        abi: abis.AIMMarketplace,
        functionName: "buy",
        args: [devAccount(seller).address, AIMRegistry.address, aimId, ERC1155, currency, 1n, price],
        value: currency === zeroAddress ? price : 0n,
      }),
    );
    sales++;
  }

  // Approvals and faucet money: creators let the marketplace move their licenses; buyers and the
  // operator get TestUSDC and approve the marketplace and the channels.
  for (const index of CREATORS) {
    await send(
      wallet(index).writeContract({
        address: AIMRegistry.address,
        abi: abis.AIMRegistry,
        functionName: "setApprovalForAll",
        args: [AIMMarketplace.address, true],
      }),
    );
  }
  for (const index of [...BUYERS, OPERATOR]) {
    await send(
      wallet(index).writeContract({
        address: TestUSDC.address,
        abi: abis.TestUSDC,
        functionName: "mint",
        args: [devAccount(index).address, 1_000_000n * USDC],
      }),
    );
    for (const spender of [AIMMarketplace.address, PaymentChannels.address]) {
      await send(
        wallet(index).writeContract({
          address: TestUSDC.address,
          abi: abis.TestUSDC,
          functionName: "approve",
          args: [spender, 2n ** 255n],
        }),
      );
    }
  }

  // The catalogue: every example AIM, listed in ETH and in TestUSDC by its creator.
  const examples = loadExamples();
  const aims: SeededAim[] = [];
  let aimCount = examples.length;
  for (const [i, example] of examples.entries()) {
    // One AIM shares its royalties with the treasury through a RoyaltySplitter clone.
    const splitWith = i === 1 ? devAccount(9).address : undefined;
    const aimId = await publish(example.creatorIndex, example.bytes, example.callFeeBps, splitWith);
    aims.push({ aimId, shortName: example.shortName, creator: devAccount(example.creatorIndex).address });
    log(`published AIM #${aimId} ${example.shortName}`);
    await list(example.creatorIndex, aimId, zeroAddress, parseEther("0.01") * BigInt(i + 1));
    await list(example.creatorIndex, aimId, TestUSDC.address, 25n * USDC * BigInt(i + 1));
  }
  log(`listed ${listings} licenses in ETH and TestUSDC`);

  // Sales between dev accounts; the operator buys a license of every AIM it will serve.
  for (const [i, example] of examples.entries()) {
    const aim = aims[i] as SeededAim;
    await buy(buyerFor(i), example.creatorIndex, aim.aimId, zeroAddress, parseEther("0.01") * BigInt(i + 1));
    await buy(buyerFor(i + 1), example.creatorIndex, aim.aimId, TestUSDC.address, 25n * USDC * BigInt(i + 1));
    await buy(OPERATOR, example.creatorIndex, aim.aimId, zeroAddress, parseEther("0.01") * BigInt(i + 1));
  }
  log(`made ${sales} sales`);

  // The local gateway as a HyperBox node offering every AIM, priced per call in TestUSDC.
  const operator = wallet(OPERATOR);
  const registration = await operator.writeContract({
    address: HyperBoxRegistry.address,
    abi: abis.HyperBoxRegistry,
    functionName: "registerNode",
    args: [
      options.gatewayUrl ?? "http://127.0.0.1:8787",
      JSON.stringify({ gpus: 0, cpus: 2, memory_gb: 8 }),
      "local",
    ],
  });
  const registered = parseEventLogs({
    abi: abis.HyperBoxRegistry,
    eventName: "NodeRegistered",
    logs: (await publicClient.waitForTransactionReceipt({ hash: registration })).logs,
  })[0];
  if (registered === undefined) throw new Error("seed: registerNode emitted no NodeRegistered event");
  const nodeId = registered.args.nodeId;
  for (const [i, example] of examples.entries()) {
    await send(
      operator.writeContract({
        address: HyperBoxRegistry.address,
        abi: abis.HyperBoxRegistry,
        functionName: "setOffer",
        args: [nodeId, (aims[i] as SeededAim).aimId, 1n, TestUSDC.address, example.pricePerCall],
      }),
    );
  }
  log(
    `registered HyperBox node #${nodeId} at ${options.gatewayUrl ?? "http://127.0.0.1:8787"} with ${examples.length} offers`,
  );

  // A buyer opens a TestUSDC channel to the operator for the first AIM (vouchers signed by the payer).
  const firstAim = aims[0] as SeededAim;
  await send(
    wallet(BUYERS[0]).writeContract({
      address: PaymentChannels.address,
      abi: abis.PaymentChannels,
      functionName: "open",
      args: [
        devAccount(OPERATOR).address,
        TestUSDC.address,
        zeroAddress,
        firstAim.aimId,
        0n, // session cap: no session signer, the payer signs (valid up to the deposit)
        keccak256(toHex("aim-marketplace demo channel")),
        10n * USDC,
        now + 7n * 24n * 3600n,
      ],
    }),
  );
  log(`opened a 10 tUSDC payment channel from ${devAccount(BUYERS[0]).address} to the operator`);

  // Bulk rounds for benchmarks: a variant of an example manifest, two listings and one sale each.
  // Automine is switched off and each phase of a chunk is sent at once and mined in a few blocks:
  // one block per transaction would make 100k events take an hour.
  if (scale > 1) {
    const creatorIndexOf = new Map(CREATORS.map((index) => [devAccount(index).address.toLowerCase(), index]));
    const rpc = (method: string, params: unknown[] = []) =>
      publicClient.request({ method, params } as never) as Promise<unknown>;
    async function mineAll(sends: Promise<Hash>[]): Promise<void> {
      const pending = new Set(await Promise.all(sends));
      for (let attempt = 0; pending.size > 0; attempt++) {
        if (attempt === 50) throw new Error(`seed: ${pending.size} bulk transactions never mined`);
        await rpc("evm_mine");
        for (const hash of [...pending]) {
          const receipt = await publicClient.getTransactionReceipt({ hash }).catch(() => undefined);
          if (receipt === undefined) continue;
          if (receipt.status !== "success") throw new Error(`seed: bulk transaction ${hash} reverted`);
          pending.delete(hash);
        }
      }
    }
    const tx = (index: number, request: Record<string, unknown>, gasLimit: bigint) =>
      wallet(index).writeContract({ ...request, ...BULK_FEES, gas: gasLimit } as never);
    const CHUNK = 50;
    await rpc("evm_setAutomine", [false]);
    try {
      for (let done = 0; done < scale - 1; done += CHUNK) {
        const size = Math.min(CHUNK, scale - 1 - done);
        const fromBlock = (await publicClient.getBlockNumber()) + 1n;
        await mineAll(
          Array.from({ length: size }, (_, k) => {
            const round = done + k + 1;
            const example = examples[round % examples.length] as Example;
            const manifest = JSON.parse(new TextDecoder().decode(example.bytes));
            const bytes = new TextEncoder().encode(
              JSON.stringify({ ...manifest, name: `${manifest.name} #${round}` }),
            );
            return tx(
              example.creatorIndex,
              {
                address: AIMRegistry.address,
                abi: abis.AIMRegistry,
                functionName: "publish",
                args: [publishParams(devAccount(example.creatorIndex).address, bytes, example.callFeeBps)],
              },
              3_000_000n,
            );
          }),
        );
        const published = await publicClient.getContractEvents({
          address: AIMRegistry.address,
          abi: abis.AIMRegistry,
          eventName: "AIMPublished",
          fromBlock,
        });
        const rounds = published.map((event) => ({
          aimId: event.args.aimId as bigint,
          creator: creatorIndexOf.get(String(event.args.creator).toLowerCase()) ?? CREATORS[0],
        }));
        await mineAll(
          rounds.flatMap(({ aimId, creator }) =>
            [
              [zeroAddress, parseEther("0.001")],
              [TestUSDC.address, 5n * USDC],
            ].map(([currency, price]) =>
              tx(
                creator,
                {
                  address: AIMMarketplace.address,
                  abi: abis.AIMMarketplace,
                  functionName: "list",
                  args: [AIMRegistry.address, aimId, ERC1155, currency, price, 50n, expiry, maxFeeBps],
                },
                200_000n,
              ),
            ),
          ),
        );
        listings += rounds.length * 2;
        await mineAll(
          rounds.map(({ aimId, creator }, k) =>
            tx(
              buyerFor(k),
              {
                address: AIMMarketplace.address,
                abi: abis.AIMMarketplace,
                functionName: "buy",
                args: [
                  devAccount(creator).address,
                  AIMRegistry.address,
                  aimId,
                  ERC1155,
                  zeroAddress,
                  1n,
                  parseEther("0.001"),
                ],
                value: parseEther("0.001"),
              },
              400_000n,
            ),
          ),
        );
        sales += rounds.length;
        aimCount += rounds.length;
        if ((done / CHUNK) % 20 === 19) log(`bulk round ${done + size}/${scale - 1}`);
      }
    } finally {
      await rpc("evm_setAutomine", [true]);
    }
  }

  const lastBlock = await publicClient.getBlockNumber();
  const events = await countEvents(publicClient, deployment, lastBlock);
  return { chainId, aims, aimCount, listings, sales, nodeId, channelOpened: true, events, lastBlock };
}

/** AIMRegistry.publish arguments: 5 % ERC-2981 royalty, 1,000 licenses at most, 100 minted to the creator. */
function publishParams(creator: Address, bytes: Uint8Array, fee: number, splitWith?: Address) {
  return {
    manifestURI: toDataUri(bytes),
    manifestHash: manifestHash(bytes),
    royaltyReceiver: splitWith === undefined ? creator : zeroAddress,
    royaltyBps: 500n,
    callFeeBps: fee,
    maxSupply: 1000n,
    initialHolder: creator,
    initialAmount: 100n,
    splitPayees: splitWith === undefined ? [] : [creator, splitWith],
    splitShares: splitWith === undefined ? [] : [80n, 20n],
  };
}

async function countEvents(client: PublicClient, deployment: Deployment, toBlock: bigint): Promise<number> {
  const addresses = Object.values(deployment.contracts).map((contract) => contract.address);
  let count = 0;
  const step = 10_000n;
  for (let from = BigInt(deployment.startBlock); from <= toBlock; from += step) {
    const to = from + step - 1n < toBlock ? from + step - 1n : toBlock;
    count += (await client.getLogs({ address: addresses, fromBlock: from, toBlock: to })).length;
  }
  return count;
}
