// `npm run chain:fork`, offline: a local chain with the system deployed and seeded is the upstream; a second
// node forks it at the seeded block; a listing bought in the fork changes the fork only.

import { abis, deploymentFor } from "@aim/sdk/deployments";
import { TokenStandard } from "@aim/sdk/marketplace";
import { createPublicClient, createWalletClient, http, parseEther, zeroAddress } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { hardhat } from "viem/chains";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { devAccount } from "../../deploy/dev-accounts.js";
import { seedCatalogue } from "../../deploy/seed.js";
import { type LocalChain, startLocalChain } from "../../scripts/harness/chain.js";
import { freePort } from "../../scripts/harness/ports.js";
import { type Service, startService } from "../../scripts/harness/processes.js";
import { deployLocalSystem } from "./helpers.js";

const { AIMRegistry, AIMMarketplace } = deploymentFor(31337).contracts;
const BUYER = devAccount(7); // not used by the seed
let upstream: LocalChain;
let fork: Service;
let forkUrl: string;
let forkBlock: bigint;

beforeAll(async () => {
  upstream = await startLocalChain();
  await deployLocalSystem(upstream.url);
  await seedCatalogue({ rpcUrl: upstream.url });
  forkBlock = await upstream.publicClient.getBlockNumber();
  const port = await freePort();
  fork = startService("fork", "npx", [
    "tsx",
    "scripts/fork.ts",
    "--url",
    upstream.url,
    "--block",
    String(forkBlock),
    "--port",
    String(port),
  ]);
  await fork.waitForOutput(/Ctrl-C stops it/, 120_000);
  forkUrl = `http://127.0.0.1:${port}`;
}, 300_000);

afterAll(async () => {
  if (fork !== undefined) {
    await fork.stop(); // SIGINT: fork.ts stops its node (a SIGKILL would leave the node's own group running)
  }
  await upstream?.stop();
});

describe("npm run chain:fork", () => {
  it("prints the deployment of the upstream's chain id from sdk/deployments.ts", () => {
    expect(fork.output()).toMatch(
      new RegExp(`fork ready on ${forkUrl} \\(chain id 31337, forked at block ${forkBlock}`),
    );
    expect(fork.output()).toContain(AIMMarketplace.address);
    expect(fork.output()).toContain(AIMRegistry.address);
  });

  it("buys a listing in the fork and leaves the upstream untouched", async () => {
    const forkClient = createPublicClient({ chain: hardhat, transport: http(forkUrl) });
    const upstreamBlock = await upstream.publicClient.getBlockNumber();
    const balance = (client: typeof forkClient) =>
      client.readContract({
        address: AIMRegistry.address,
        abi: abis.AIMRegistry,
        functionName: "balanceOf",
        args: [BUYER.address, 1n],
      });
    expect(await balance(forkClient)).toBe(0n);

    // AIM #1 (echo) is listed in ETH by its creator at 0.01 ETH (deploy/seed.ts).
    const creator = (await forkClient.readContract({
      address: AIMRegistry.address,
      abi: abis.AIMRegistry,
      functionName: "creatorOf",
      args: [1n],
    })) as `0x${string}`;
    const wallet = createWalletClient({
      chain: hardhat,
      transport: http(forkUrl),
      account: privateKeyToAccount(BUYER.privateKey),
    });
    const hash = await wallet.writeContract({
      address: AIMMarketplace.address,
      abi: abis.AIMMarketplace,
      functionName: "buy",
      args: [creator, AIMRegistry.address, 1n, TokenStandard.ERC1155, zeroAddress, 1n, parseEther("0.01")],
      value: parseEther("0.01"),
    });
    expect((await forkClient.waitForTransactionReceipt({ hash })).status).toBe("success");

    expect(await balance(forkClient)).toBe(1n);
    expect(await balance(upstream.publicClient as typeof forkClient)).toBe(0n);
    expect(await upstream.publicClient.getBlockNumber()).toBe(upstreamBlock);
    expect(await upstream.publicClient.getTransaction({ hash }).catch(() => undefined)).toBeUndefined();
  }, 120_000);
});
