// The close race (issue 12, finding 1), on a real local chain with automine off: once settlement may close
// a channel, no call on it is answered, so every voucher the node answered is in the close it sends. Before
// the fix the node answered calls between sending close() and its mining; those vouchers were unclaimable.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Gateway, startGateway } from "../../gateway/server.js";
import { SqliteStore } from "../../gateway/store-sqlite.js";
import {
  type ChannelsChain,
  type OpenChannel,
  openChannel,
  readChannelState,
  startChannelsChain,
} from "../../scripts/fixtures/channels-chain.js";
import { parseGatewayConfigFor } from "../../scripts/fixtures/gateway-config.js";
import { testClientFor } from "../../scripts/harness/chain.js";
import { callAnalyze } from "./paid-call.js";

const PRICE = 10_000n;
const CLOSE_BEFORE = 600;
const MARGIN = 120;
let env: ChannelsChain;
const dir = mkdtempSync(join(tmpdir(), "gateway-race-"));
const started: Gateway[] = [];

function config(closeBeforeExpirySeconds: number, sqlitePath: string) {
  return parseGatewayConfigFor(env, sqlitePath, {
    acceptance: { expiryMarginSeconds: MARGIN },
    settlement: { closeBeforeExpirySeconds },
  });
}

const call = (gateway: Gateway, header: string) => callAnalyze(gateway.url, header, { text: "One. Two." });

/** Moves chain time so the channel expires in `seconds`, then lets the gateway see the new block. */
async function expireIn(gateway: Gateway, channel: OpenChannel, seconds: number) {
  const { expiry } = await readChannelState(env, channel.id);
  const test = testClientFor(env.chain);
  await test.setNextBlockTimestamp({ timestamp: expiry - BigInt(seconds) });
  await test.mine({ blocks: 1 });
  await gateway.channels.refresh();
}

/** Waits until settlement's close() is in the mempool (automine off: it stays there until we mine). */
async function closePending(): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const pending = await env.chain.publicClient.getBlock({ blockTag: "pending" });
    if (pending.transactions.length > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error("settlement never sent its close()");
}

beforeAll(async () => {
  env = await startChannelsChain();
});
afterAll(async () => {
  if (env) await testClientFor(env.chain).setAutomine(true);
  for (const gateway of started) await gateway.close();
  await env?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe("the close race (automine off)", () => {
  it("stops answering a channel before its settler may close it, and the close carries every answered voucher", async () => {
    const gateway = await startGateway(config(CLOSE_BEFORE, join(dir, "one.sqlite")), { settle: false });
    started.push(gateway);
    const channel = await openChannel(env, { expiresIn: 3600 });
    expect((await call(gateway, await channel.header(PRICE))).status).toBe(200);

    // Inside the close window (expires in 500 s < 600 s): the payer's attack was to call here.
    await expireIn(gateway, channel, CLOSE_BEFORE - 100);
    const test = testClientFor(env.chain);
    await test.setAutomine(false);
    const settling = gateway.settler.settle();
    await closePending();
    const during = await call(gateway, await channel.header(2n * PRICE));
    expect(during.status).toBe(402);
    expect(during.body.error).toBe("channel_expired");
    expect(during.body.message).toMatch(new RegExp(`within ${CLOSE_BEFORE + MARGIN} s`));
    await test.mine({ blocks: 1 });
    await test.setAutomine(true);
    const report = await settling;

    expect(report.lost).toEqual([]);
    expect(report.closed).toEqual([{ channelId: channel.id, cumulativeAmount: PRICE }]);
    const onChain = await readChannelState(env, channel.id);
    expect(onChain).toMatchObject({ claimed: PRICE, closed: true });
    expect((await gateway.store.latest(channel.id))?.cumulativeAmount).toBe(onChain.claimed);
  });

  it("a replica still serving refuses vouchers once another replica marked the channel closing", async () => {
    // Two gateways of one node on one store: the settling one closes earlier than the serving one accepts
    // (a configuration mismatch between replicas, or clocks apart): the store's closing flag decides.
    const store = new SqliteStore(join(dir, "shared.sqlite"));
    const serving = await startGateway(config(CLOSE_BEFORE, join(dir, "unused.sqlite")), {
      store,
      settle: false,
    });
    const settling = await startGateway(config(7200, join(dir, "unused.sqlite")), { store, settle: false });
    started.push(serving, settling);
    const channel = await openChannel(env, { expiresIn: 5000 });
    expect((await call(serving, await channel.header(PRICE))).status).toBe(200);
    await settling.channels.refresh();

    const test = testClientFor(env.chain);
    await test.setAutomine(false);
    const settled = settling.settler.settle();
    await closePending();
    const during = await call(serving, await channel.header(2n * PRICE));
    expect(during.status).toBe(402);
    expect(during.body).toMatchObject({ error: "channel_closing" });
    await test.mine({ blocks: 1 });
    await test.setAutomine(true);
    const report = await settled;

    expect(report.closed).toEqual([{ channelId: channel.id, cumulativeAmount: PRICE }]);
    expect(await readChannelState(env, channel.id)).toMatchObject({ claimed: PRICE, closed: true });
    await store.close();
  });
});
