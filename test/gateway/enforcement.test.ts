// Issue 12 on the gateway, against the real AIMRegistry and PaymentChannels: session-key vouchers stop at the
// channel's on-chain session cap (the payer's own signature goes up to the deposit), a node that no longer holds
// a license of an AIM stops serving it and holds its claims until the license returns, and the per-call royalty
// goes to the creator's current receiver at the current rate at each claim.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Address, getAddress, type Hex } from "viem";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Gateway, startGateway } from "../../gateway/server.js";
import {
  AIM_ID,
  type ChannelsChain,
  DEV_KEYS,
  openChannel,
  ROYALTY_BPS,
  readChannelState,
  send,
  startChannelsChain,
  transferLicense,
} from "../../scripts/fixtures/channels-chain.js";
import { parseGatewayConfigFor } from "../../scripts/fixtures/gateway-config.js";
import { callAnalyze } from "./paid-call.js";

const PRICE = 10_000n;
let env: ChannelsChain;
let gateway: Gateway;
const dir = mkdtempSync(join(tmpdir(), "gateway-enforcement-"));
const payer = privateKeyToAccount(DEV_KEYS[2]);

beforeAll(async () => {
  env = await startChannelsChain();
  gateway = await startGateway(parseGatewayConfigFor(env, join(dir, "vouchers.sqlite")), { settle: false });
});
afterAll(async () => {
  await gateway?.close();
  await env?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const call = (header: string | undefined) =>
  callAnalyze(gateway.url, header, { text: "The cat sat.", top: 1 });

const creditOf = async (account: Address) =>
  (await env.chain.publicClient.readContract({
    address: env.contract,
    abi: env.channelsAbi,
    functionName: "credits",
    args: [account, env.usdc],
  })) as bigint;

const unclaimedOf = async (id: Hex) =>
  (await gateway.store.unclaimed()).find((v) => v.channelId.toLowerCase() === id.toLowerCase());

describe("session cap", () => {
  it("refuses a session-key voucher above the cap, accepts the payer's up to the deposit, and follows a raise", async () => {
    const channel = await openChannel(env, { deposit: 100_000n, sessionCap: 20_000n });
    expect((await call(await channel.header(PRICE))).status).toBe(200);
    expect((await call(await channel.header(2n * PRICE))).status).toBe(200);

    const over = await call(await channel.header(3n * PRICE));
    expect(over.status).toBe(402);
    expect(over.body).toMatchObject({ error: "over_session_cap", sessionCap: "20000", deposit: "100000" });
    expect(over.body.message).toMatch(/above the channel's session cap 20000/);
    expect(over.body.message).toMatch(/raiseSessionCap/);
    expect(over.body.quote).toBeDefined();

    // The payer's own signature is valid up to the deposit (the contract agrees: see the claim below).
    const byPayer = await call(await channel.header(3n * PRICE, { by: payer }));
    expect(byPayer.status, JSON.stringify(byPayer.body)).toBe(200);

    // The payer raises the cap on chain; the very next session voucher above the old cap is accepted (the
    // gateway looks once, a refresh shared with cache misses, before refusing it).
    await send(env.chain, env.buyer, env.contract, env.channelsAbi, "raiseSessionCap", [
      channel.params,
      50_000n,
    ]);
    const raised = await call(await channel.header(4n * PRICE));
    expect(raised.status, JSON.stringify(raised.body)).toBe(200);
    expect(gateway.channels.get(channel.id)?.sessionCap).toBe(50_000n);
    const stillOver = await call(await channel.header(6n * PRICE));
    expect(stillOver.body).toMatchObject({ error: "over_session_cap", sessionCap: "50000" });

    const report = await gateway.settler.settle(true);
    expect(report.claimed).toContainEqual({ channelId: channel.id, cumulativeAmount: 4n * PRICE });
    expect((await readChannelState(env, channel.id)).claimed).toBe(4n * PRICE);
  });
});

describe("license", () => {
  it("stops serving an AIM whose license the node sold, holds its claims, and resumes when it returns", async () => {
    const channel = await openChannel(env);
    expect((await call(await channel.header(PRICE))).status).toBe(200);

    await transferLicense(env, env.operator.address, env.deployer);
    await gateway.channels.refresh();
    const health = (await (await fetch(`${gateway.url}/health`)).json()) as {
      licensed: Record<string, boolean>;
    };
    expect(health.licensed).toEqual({ "1": false });
    const refused = await call(await channel.header(2n * PRICE));
    expect(refused.status).toBe(503);
    expect(refused.body).toMatchObject({ error: "not_licensed", aimId: "1" });
    expect(refused.body.message).toMatch(/no longer holds a license of AIM 1/);

    // Settlement sends nothing that would revert: the voucher stays stored, reported as held.
    const held = await gateway.settler.settle(true);
    expect(held.held).toContainEqual({ channelId: channel.id, cumulativeAmount: PRICE, aimId: AIM_ID });
    expect(held.claimed.find((c) => c.channelId === channel.id)).toBeUndefined();
    expect(held.transactions).toEqual([]);
    expect((await readChannelState(env, channel.id)).claimed).toBe(0n);
    expect((await unclaimedOf(channel.id))?.cumulativeAmount).toBe(PRICE);

    await transferLicense(env, env.deployer, env.operator.address);
    await gateway.channels.refresh();
    expect(((await (await fetch(`${gateway.url}/health`)).json()) as { licensed: unknown }).licensed).toEqual(
      {
        "1": true,
      },
    );
    expect((await call(await channel.header(2n * PRICE))).status).toBe(200);
    const report = await gateway.settler.settle(true);
    expect(report.claimed).toContainEqual({ channelId: channel.id, cumulativeAmount: 2n * PRICE });
    expect((await readChannelState(env, channel.id)).claimed).toBe(2n * PRICE);
    expect(await unclaimedOf(channel.id)).toBeUndefined();
  });
});

describe("per-call royalty", () => {
  it("pays the creator's current receiver and rate at each claim", async () => {
    const channel = await openChannel(env);
    const newReceiver = getAddress(privateKeyToAccount(generatePrivateKey()).address);
    const setRoyalty = (receiver: Address, callFeeBps: number) =>
      send(env.chain, env.deployer, env.registry, env.registryAbi, "setRoyalty", [
        AIM_ID,
        receiver,
        500n,
        callFeeBps,
      ]);

    const oldBefore = await creditOf(env.royaltyReceiver);
    expect((await call(await channel.header(PRICE))).status).toBe(200);
    await gateway.settler.settle(true);
    expect((await creditOf(env.royaltyReceiver)) - oldBefore).toBe((PRICE * BigInt(ROYALTY_BPS)) / 10_000n);

    // The creator moves the royalty to a new receiver: the very next claim pays it there.
    await setRoyalty(newReceiver, ROYALTY_BPS);
    const oldAfterFirst = await creditOf(env.royaltyReceiver);
    expect((await call(await channel.header(2n * PRICE))).status).toBe(200);
    await gateway.settler.settle(true);
    expect(await creditOf(newReceiver)).toBe(500n);
    expect(await creditOf(env.royaltyReceiver)).toBe(oldAfterFirst);

    // A lower rate applies at once too: 20000 -> 30000 at 2.5% pays floor(750) - floor(500).
    await setRoyalty(newReceiver, 250);
    expect((await call(await channel.header(3n * PRICE))).status).toBe(200);
    await gateway.settler.settle(true);
    expect(await creditOf(newReceiver)).toBe(750n);
  });
});
