// A local chain with PaymentChannels, the real AIMRegistry (AIM 1 published by the deployer, 5% per-call royalty
// to `royaltyReceiver`, one license given to the operator) and a 6-decimal test USDC, deployed from the compiled
// artifacts (run `npx hardhat build` first), plus helpers to open channels, sign vouchers and move licenses.
import { readFileSync } from "node:fs";
import { type ChannelParams, channelId } from "@aim/sdk/channel";
import { encodeVoucherHeader, signVoucher } from "@aim/sdk/voucher";
import { type Abi, type Address, getAddress, type Hex, keccak256, stringToHex } from "viem";
import { generatePrivateKey, type PrivateKeyAccount, privateKeyToAccount } from "viem/accounts";
import { type LocalChain, startLocalChain, walletClientFor } from "./local-chain.js";

/** Hardhat's well-known dev accounts #0..#2 (public test keys, never used outside local chains). */
export const DEV_KEYS = [
  "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80",
  "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d",
  "0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a",
] as const;

function artifact(path: string): { abi: Abi; bytecode: Hex } {
  const url = new URL(`../../artifacts/contracts/${path}`, import.meta.url);
  try {
    return JSON.parse(readFileSync(url, "utf8"));
  } catch {
    throw new Error(`missing artifact ${path}: run \`npx hardhat build\` first`);
  }
}

export interface ChannelsChain {
  chain: LocalChain;
  deployer: Address;
  operator: PrivateKeyAccount;
  buyer: Address;
  royaltyReceiver: Address;
  contract: Address;
  usdc: Address;
  /** The real AIMRegistry. */
  registry: Address;
  registryAbi: Abi;
  channelsAbi: Abi;
  usdcAbi: Abi;
  stop(): Promise<void>;
}

export const AIM_ID = 1n;
export const ROYALTY_BPS = 500;

/** Starts a `hardhat node` and deploys the contracts (`deploy`: a test hook); stops the node if deploying fails. */
export async function startChannelsChain(
  deploy: (chain: LocalChain) => Promise<ChannelsChain> = deployChannels,
): Promise<ChannelsChain> {
  const chain = await startLocalChain();
  try {
    return await deploy(chain);
  } catch (error) {
    // Never leak the `hardhat node` when a deployment fails (e.g. missing artifacts).
    await chain.stop();
    throw error;
  }
}

async function deployChannels(chain: LocalChain): Promise<ChannelsChain> {
  const accounts = (await chain.publicClient.request({ method: "eth_accounts" } as never)) as string[];
  const [deployer, operator, buyer, royaltyReceiver] = accounts.map((a) => getAddress(a)) as [
    Address,
    Address,
    Address,
    Address,
  ];
  const wallet = walletClientFor(chain, deployer);
  const deploy = async (path: string, args: unknown[]) => {
    const { abi, bytecode } = artifact(path);
    const hash = await wallet.deployContract({ abi, bytecode, args });
    const receipt = await chain.publicClient.waitForTransactionReceipt({ hash });
    return { address: getAddress(receipt.contractAddress as Address), abi };
  };
  const factory = await deploy("RoyaltySplitterFactory.sol/RoyaltySplitterFactory.json", []);
  const registry = await deploy("AIMRegistry.sol/AIMRegistry.json", [factory.address]);
  const usdc = await deploy("test/MockERC20.sol/MockERC20.json", ["Test USD Coin", "tUSDC", 6]);
  const channels = await deploy("PaymentChannels.sol/PaymentChannels.json", [
    deployer,
    registry.address,
    [usdc.address],
  ]);
  // The deployer publishes AIM 1 (10 licenses) and gives the operator one: the right to be paid for its calls.
  await send(chain, deployer, registry.address, registry.abi, "publish", [
    {
      manifestURI: "ipfs://text-stats/manifest.json",
      manifestHash: keccak256(stringToHex("text-stats")),
      royaltyReceiver,
      royaltyBps: 500n,
      callFeeBps: ROYALTY_BPS,
      maxSupply: 0n,
      initialHolder: deployer,
      initialAmount: 10n,
      splitPayees: [],
      splitShares: [],
    },
  ]);
  await send(chain, deployer, registry.address, registry.abi, "safeTransferFrom", [
    deployer,
    operator,
    AIM_ID,
    1n,
    "0x",
  ]);
  await send(chain, deployer, usdc.address, usdc.abi, "mint", [buyer, 10n ** 15n]);
  await send(chain, buyer, usdc.address, usdc.abi, "approve", [channels.address, 2n ** 255n]);
  return {
    chain,
    deployer,
    operator: privateKeyToAccount(DEV_KEYS[1]),
    buyer,
    royaltyReceiver,
    contract: channels.address,
    usdc: usdc.address,
    registry: registry.address,
    registryAbi: registry.abi,
    channelsAbi: channels.abi,
    usdcAbi: usdc.abi,
    stop: () => chain.stop(),
  };
}

/** Moves `amount` licenses of `aimId` between two dev accounts. */
export async function transferLicense(
  env: ChannelsChain,
  from: Address,
  to: Address,
  aimId = AIM_ID,
  amount = 1n,
): Promise<void> {
  await send(env.chain, from, env.registry, env.registryAbi, "safeTransferFrom", [
    from,
    to,
    aimId,
    amount,
    "0x",
  ]);
}

export async function send(
  chain: LocalChain,
  from: Address,
  address: Address,
  abi: Abi,
  functionName: string,
  args: unknown[],
) {
  const hash = await walletClientFor(chain, from).writeContract({
    address,
    abi,
    functionName,
    args,
    chain: undefined,
  });
  const receipt = await chain.publicClient.waitForTransactionReceipt({ hash });
  if (receipt.status !== "success") throw new Error(`${functionName} reverted`);
  return receipt;
}

export interface OpenChannel {
  id: Hex;
  params: ChannelParams;
  session: PrivateKeyAccount;
  /** The session account's private key (benchmarks sign with it natively). */
  sessionKey: Hex;
  /** A header for `amount`, signed by the session key (or `by`), for `chainId`/`contract` if given. */
  header(
    amount: bigint,
    options?: { by?: PrivateKeyAccount; chainId?: number; contract?: Address },
  ): Promise<string>;
}

/**
 * The buyer opens a USDC channel to the operator for AIM 1 with a fresh session key, whose vouchers are valid up
 * to `sessionCap` (default: the deposit).
 */
export async function openChannel(
  env: ChannelsChain,
  options: { deposit?: bigint; expiresIn?: number; aimId?: bigint; sessionCap?: bigint } = {},
): Promise<OpenChannel> {
  const sessionKey = generatePrivateKey();
  const session = privateKeyToAccount(sessionKey);
  const salt = generatePrivateKey();
  const block = await env.chain.publicClient.getBlock();
  const expiry = block.timestamp + BigInt(options.expiresIn ?? 7 * 24 * 3600);
  const deposit = options.deposit ?? 1_000_000n;
  const sessionCap = options.sessionCap ?? deposit;
  await send(env.chain, env.buyer, env.contract, env.channelsAbi, "open", [
    env.operator.address,
    env.usdc,
    session.address,
    options.aimId ?? AIM_ID,
    sessionCap,
    salt,
    deposit,
    expiry,
  ]);
  const params: ChannelParams = {
    payer: env.buyer,
    payee: env.operator.address,
    token: env.usdc,
    signer: session.address,
    aimId: options.aimId ?? AIM_ID,
    sessionCap,
    salt,
  };
  const id = channelId(params);
  const chainId = await env.chain.publicClient.getChainId();
  return {
    id,
    params,
    session,
    sessionKey,
    async header(amount, o = {}) {
      const signed = await signVoucher(o.by ?? session, {
        chainId: o.chainId ?? chainId,
        contract: o.contract ?? env.contract,
        channelId: id,
        cumulativeAmount: amount,
      });
      return encodeVoucherHeader(signed);
    },
  };
}

export async function readChannelState(env: ChannelsChain, id: Hex) {
  const [deposit, claimed, expiry, closed] = (await env.chain.publicClient.readContract({
    address: env.contract,
    abi: env.channelsAbi,
    functionName: "channel",
    args: [id],
  })) as [bigint, bigint, bigint, boolean];
  return { deposit, claimed, expiry, closed };
}
