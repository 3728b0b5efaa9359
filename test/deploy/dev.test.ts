// Smoke test of `npm run dev`, headless on free ports: it reaches "ready" with the chain deployed and
// seeded exactly as deploy/seed.ts plans it, the gateway, indexer and app answering, stops cleanly on SIGINT
// with no process left behind, and a second run works again on a fresh chain.
import { abis, deploymentFor } from "@aim/sdk/deployments";
import { createPublicClient, http } from "viem";
import { hardhat } from "viem/chains";
import { describe, expect, it } from "vitest";
import { devAccount } from "../../deploy/dev-accounts.js";
import { loadExamples } from "../../deploy/seed.js";
import { freePort } from "../../scripts/harness/ports.js";
import { startService } from "../../scripts/harness/processes.js";
import { isAlive, processTree } from "./helpers.js";

const local = deploymentFor(31337);
// The seed publishes one AIM per example manifest, lists each twice (ETH, TestUSDC) and sells it three times.
const examples = loadExamples().length;

async function devRun(): Promise<void> {
  const ports = {
    chain: await freePort(),
    indexer: await freePort(),
    app: await freePort(),
    gateway: await freePort(),
  };
  const dev = startService("npm run dev", "npm", ["run", "dev"], {
    env: {
      AIM_CHAIN_PORT: String(ports.chain),
      AIM_INDEXER_PORT: String(ports.indexer),
      AIM_APP_PORT: String(ports.app),
      AIM_GATEWAY_PORT: String(ports.gateway),
    },
  });
  let tree: number[] = [];
  try {
    await dev.waitForOutput(/\[dev\] ready in [\d.]+ s/, 240_000);
    const rpcUrl = `http://127.0.0.1:${ports.chain}`;
    expect(dev.output()).toContain(rpcUrl);
    expect(dev.output()).toMatch(/PUBLIC TEST KEYS/);
    expect(dev.output()).toContain("0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80");

    // The chain: deployed at the committed addresses and seeded, exactly once (a fresh chain each run).
    const client = createPublicClient({ chain: hardhat, transport: http(rpcUrl) });
    const read = (functionName: "lastAimId") =>
      client.readContract({
        address: local.contracts.AIMRegistry.address,
        abi: abis.AIMRegistry,
        functionName,
      });
    expect(examples).toBeGreaterThanOrEqual(4);
    expect(await read("lastAimId")).toBe(BigInt(examples));
    const listings = await client.getContractEvents({
      address: local.contracts.AIMMarketplace.address,
      abi: abis.AIMMarketplace,
      eventName: "ListingCreated",
      fromBlock: 0n,
    });
    expect(listings.length).toBe(2 * examples);
    const sales = await client.getContractEvents({
      address: local.contracts.AIMMarketplace.address,
      abi: abis.AIMMarketplace,
      eventName: "Sale",
      fromBlock: 0n,
    });
    expect(sales.length).toBe(3 * examples);

    // The gateway serves the seeded HyperBox node for the operator (dev account 6) on PaymentChannels.
    const health = (await (await fetch(`http://127.0.0.1:${ports.gateway}/health`)).json()) as Record<
      string,
      unknown
    >;
    expect(health).toMatchObject({ ok: true, chainId: 31337 });
    expect(String(health.contract).toLowerCase()).toBe(local.contracts.PaymentChannels.address.toLowerCase());
    expect(String(health.payee).toLowerCase()).toBe(devAccount(6).address.toLowerCase());
    await dev.waitForOutput(/\[gateway\] gateway listening on .*\(node 1,/, 30_000);

    // The indexer serves the seeded AIMs (once it has caught up with the seed's blocks).
    const indexedAims = async () => {
      const response = await fetch(`http://127.0.0.1:${ports.indexer}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ query: "{ aims { totalCount } }" }),
      });
      return ((await response.json()) as { data?: { aims?: { totalCount: number } } }).data?.aims?.totalCount;
    };
    await expect.poll(indexedAims, { timeout: 60_000, interval: 500 }).toBe(examples);

    // The app's page.
    const page = await fetch(`http://127.0.0.1:${ports.app}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/<html/i);

    // Ctrl-C: SIGINT to the foreground process group, as a terminal does.
    tree = processTree(dev.pid);
    expect(tree.length).toBeGreaterThan(2);
    dev.signal("SIGINT");
    await dev.exited;
    await dev.waitForOutput(/\[dev\] stopped/, 1000);
    const deadline = Date.now() + 10_000;
    while (tree.some(isAlive) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(tree.filter(isAlive)).toEqual([]);
    expect(
      await fetch(rpcUrl).then(
        () => "answering",
        () => "closed",
      ),
    ).toBe("closed");
  } finally {
    await dev.stop(); // after a failure too: SIGINT lets dev.ts stop the process groups it started
    for (const pid of tree) {
      try {
        process.kill(pid, "SIGKILL");
      } catch {
        // gone, as expected
      }
    }
  }
}

describe("npm run dev", () => {
  it("starts everything, serves seeded data and stops cleanly on SIGINT", devRun, 300_000);
  it("works again on a second run (fresh chain, same addresses)", devRun, 300_000);
});
