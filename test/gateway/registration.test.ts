// The gateway registers its node and offers in the real HyperBoxRegistry at start: once, idempotently on a
// restart, updating only what changed, and refusing to start when the operator holds no license.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Abi, type Address, getAddress, type Hex } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startGateway } from "../../gateway/server.js";
import { type ChannelsChain, startChannelsChain } from "../../scripts/fixtures/channels-chain.js";
import { parseGatewayConfigFor } from "../../scripts/fixtures/gateway-config.js";
import { walletClientFor } from "../../scripts/harness/chain.js";

const ENDPOINT = "http://127.0.0.1:9999";
let env: ChannelsChain;
let registry: Address;
let registryAbi: Abi;
const dir = mkdtempSync(join(tmpdir(), "gateway-registration-"));

function artifact(path: string): { abi: Abi; bytecode: Hex } {
  return JSON.parse(readFileSync(new URL(`../../artifacts/contracts/${path}`, import.meta.url), "utf8"));
}

beforeAll(async () => {
  env = await startChannelsChain();
  const { abi, bytecode } = artifact("HyperBoxRegistry.sol/HyperBoxRegistry.json");
  const hash = await walletClientFor(env.chain, env.deployer).deployContract({
    abi,
    bytecode,
    args: [env.registry],
  });
  const receipt = await env.chain.publicClient.waitForTransactionReceipt({ hash });
  registry = getAddress(receipt.contractAddress as Address);
  registryAbi = abi;
  // The operator holds a license of AIM 1 (the right to run it) in the real AIMRegistry, none of AIM 2.
});
afterAll(async () => {
  await env?.stop();
  rmSync(dir, { recursive: true, force: true });
});

function config(name: string, overrides: { region?: string; aimId?: string; price?: string } = {}) {
  return parseGatewayConfigFor(env, join(dir, `${name}.sqlite`), {
    publicUrl: ENDPOINT,
    chain: { hyperBoxRegistry: registry, pollingIntervalMs: undefined },
    node: { capabilities: { gpu: false }, region: overrides.region ?? "eu-west", register: true },
    offer: { aimId: overrides.aimId ?? "1", ...(overrides.price ? { pricePerCall: overrides.price } : {}) },
  });
}

const read = (functionName: string, args: unknown[]) =>
  env.chain.publicClient.readContract({ address: registry, abi: registryAbi, functionName, args });
const events = async (eventName: string) =>
  (
    await env.chain.publicClient.getContractEvents({
      address: registry,
      abi: registryAbi,
      eventName,
      fromBlock: 0n,
    })
  ).length;

describe("node registration in HyperBoxRegistry", () => {
  it("registers the node and its offer at start, with the manifest's price", async () => {
    const gateway = await startGateway(config("first"), { settle: false });
    await gateway.close();
    expect(gateway.nodeId).toBe(1n);
    expect(await read("node", [1n])).toMatchObject({
      operator: env.operator.address,
      endpoint: ENDPOINT,
      capabilities: JSON.stringify({ gpu: false }),
      region: "eu-west",
    });
    const [offer, licensed] = (await read("offer", [1n, 1n])) as [Record<string, unknown>, boolean];
    expect(offer).toMatchObject({ version: 1n, currency: env.usdc, pricePerCall: 10_000n, active: true });
    expect(licensed).toBe(true);
    expect([await events("NodeRegistered"), await events("OfferSet")]).toEqual([1, 1]);
  });

  it("reuses the node on a restart and sends nothing when nothing changed", async () => {
    const gateway = await startGateway(config("second"), { settle: false });
    await gateway.close();
    expect(gateway.nodeId).toBe(1n);
    expect([await events("NodeRegistered"), await events("NodeUpdated"), await events("OfferSet")]).toEqual([
      1, 0, 1,
    ]);
  });

  it("updates only what changed: the region, then the price", async () => {
    let gateway = await startGateway(config("third", { region: "us-east" }), { settle: false });
    await gateway.close();
    expect(gateway.nodeId).toBe(1n);
    expect(await read("node", [1n])).toMatchObject({ region: "us-east", endpoint: ENDPOINT });
    expect([await events("NodeUpdated"), await events("OfferSet")]).toEqual([1, 1]);
    gateway = await startGateway(config("fourth", { region: "us-east", price: "25000" }), { settle: false });
    await gateway.close();
    expect([await events("NodeRegistered"), await events("NodeUpdated"), await events("OfferSet")]).toEqual([
      1, 1, 2,
    ]);
    const [offer] = (await read("offer", [1n, 1n])) as [Record<string, unknown>];
    expect(offer).toMatchObject({ pricePerCall: 25_000n });
  });

  it("refuses to start offering an AIM the operator holds no license of", async () => {
    await expect(startGateway(config("fifth", { aimId: "2" }), { settle: false })).rejects.toThrow(
      /NotLicensed|reverted/,
    );
    const [offer] = (await read("offer", [1n, 2n])) as [Record<string, unknown>];
    expect(offer).toMatchObject({ active: false });
  });
});
