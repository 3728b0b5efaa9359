// The gateway against a real local chain: paid calls, claims on chain, every refusal, concurrency.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Gateway, startGateway } from "../../gateway/server.js";
import {
  type ChannelsChain,
  openChannel,
  readChannelState,
  send,
  startChannelsChain,
} from "../../scripts/fixtures/channels-chain.js";
import { parseGatewayConfigFor } from "../../scripts/fixtures/gateway-config.js";
import { testClientFor } from "../../scripts/harness/chain.js";
import { callAnalyze } from "./paid-call.js";

const PRICE = 10_000n;
let env: ChannelsChain;
let gateway: Gateway;
const dir = mkdtempSync(join(tmpdir(), "gateway-test-"));

beforeAll(async () => {
  env = await startChannelsChain();
  gateway = await startGateway(parseGatewayConfigFor(env, join(dir, "vouchers.sqlite")), { settle: false });
});
afterAll(async () => {
  await gateway?.close();
  await env?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const call = (header: string | undefined, body: unknown = { text: "The cat sat. The cat ran!", top: 2 }) =>
  callAnalyze(gateway.url, header, body);

describe("gateway on a local chain", () => {
  it("quotes the manifest's price and answers an unpaid call with 402 and how to pay", async () => {
    const quote = await (await fetch(`${gateway.url}/aims/1/quote`)).json();
    expect(quote).toMatchObject({
      aimId: "1",
      price: "10000",
      payee: env.operator.address,
      contract: env.contract,
      chainId: 31337,
    });
    const unpaid = await call(undefined);
    expect(unpaid.status).toBe(402);
    expect(unpaid.body).toMatchObject({
      error: "payment_required",
      quote: { price: "10000", payee: env.operator.address },
    });
  });

  it("lets the dApp call it from another origin: preflight answered, voucher header allowed, price exposed", async () => {
    const preflight = await fetch(`${gateway.url}/aims/1/call/analyze`, {
      method: "OPTIONS",
      headers: {
        origin: "http://127.0.0.1:5173",
        "access-control-request-headers": "content-type, x-aim-voucher",
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-origin")).toBe("*");
    expect(preflight.headers.get("access-control-allow-headers")).toContain("x-aim-voucher");
    const quote = await fetch(`${gateway.url}/aims/1/quote`, {
      headers: { origin: "http://127.0.0.1:5173" },
    });
    expect(quote.headers.get("access-control-allow-origin")).toBe("*");
    const unpaid = await fetch(`${gateway.url}/aims/1/call/analyze`, { method: "POST", body: "{}" });
    expect(unpaid.headers.get("access-control-expose-headers")).toContain("x-aim-price");
  });

  it("runs paid calls and lands the operator's claim on chain, royalty included", async () => {
    const channel = await openChannel(env);
    for (let i = 1n; i <= 3n; i++) {
      const { status, body } = await call(await channel.header(i * PRICE));
      expect(status, JSON.stringify(body)).toBe(200);
      expect(body).toMatchObject({
        words: 6,
        sentences: 2,
        top_words: [
          { word: "cat", count: 2 },
          { word: "the", count: 2 },
        ],
      });
    }
    const before = (await env.chain.publicClient.readContract({
      address: env.usdc,
      abi: env.usdcAbi,
      functionName: "balanceOf",
      args: [env.operator.address],
    })) as bigint;
    const report = await gateway.settler.settle(true);
    expect(report.claimed).toContainEqual({ channelId: channel.id, cumulativeAmount: 3n * PRICE });
    expect((await readChannelState(env, channel.id)).claimed).toBe(3n * PRICE);
    const after = (await env.chain.publicClient.readContract({
      address: env.usdc,
      abi: env.usdcAbi,
      functionName: "balanceOf",
      args: [env.operator.address],
    })) as bigint;
    expect(after - before).toBe(3n * PRICE - (3n * PRICE * 500n) / 10_000n);
    expect((await gateway.store.unclaimed()).find((v) => v.channelId === channel.id)).toBeUndefined();
  });

  it("refuses replayed, under-paying, wrong-signer, over-deposit, wrong-chain and wrong-contract vouchers", async () => {
    const channel = await openChannel(env, { deposit: 50_000n });
    expect((await call(await channel.header(PRICE))).status).toBe(200);
    const cases: [string, Promise<string>, number, RegExp][] = [
      ["replay", channel.header(PRICE), 409, /not above the latest accepted 10000/],
      ["underpaid", channel.header(PRICE + 9_999n), 402, /adds 9999 .* costs 10000: sign 20000/],
      [
        "wrong_signer",
        channel.header(2n * PRICE, { by: privateKeyToAccount(generatePrivateKey()) }),
        402,
        /expected 0x/,
      ],
      ["over_deposit", channel.header(60_000n), 402, /exceeds the channel's deposit 50000/],
      ["wrong_chain", channel.header(2n * PRICE, { chainId: 1 }), 402, /chain 1, .* chain 31337/],
      ["wrong_contract", channel.header(2n * PRICE, { contract: env.usdc }), 402, /PaymentChannels/],
      ["invalid_voucher", Promise.resolve("v1.garbage"), 400, /x-aim-voucher/],
    ];
    for (const [code, header, status, message] of cases) {
      const response = await call(await header);
      expect(response.status, code).toBe(status);
      expect(response.body.error).toBe(code);
      expect(response.body.message).toMatch(message);
    }
    const unknown = (await channel.header(PRICE)).replace(channel.id.slice(2), "ab".repeat(32));
    expect((await call(unknown)).body.error).toBe("unknown_channel");
    // A refused voucher changed nothing: the next honest voucher still goes through.
    expect((await call(await channel.header(2n * PRICE))).status).toBe(200);
  });

  it("refuses bad input before taking payment", async () => {
    const channel = await openChannel(env);
    const header = await channel.header(PRICE);
    const bad = await call(header, { text: 42 });
    expect(bad).toMatchObject({ status: 400, body: { error: "bad_request" } });
    expect(await gateway.store.latest(channel.id)).toBeUndefined();
    expect((await call(header)).status).toBe(200);
  });

  it("answers the paid-call route's HTTP edge cases with clear errors and the paid headers", async () => {
    const channel = await openChannel(env);
    const ok = await fetch(`${gateway.url}/aims/1/call/analyze?unused=1`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-aim-voucher": await channel.header(PRICE) },
      body: JSON.stringify({ text: "One. Two." }),
    });
    expect(ok.status).toBe(200);
    expect(ok.headers.get("content-type")).toBe("application/json");
    expect([ok.headers.get("x-aim-paid"), ok.headers.get("x-aim-price")]).toEqual(["10000", "10000"]);
    expect(await ok.json()).toMatchObject({ words: 2, sentences: 2 });
    const refusal = async (path: string, init: RequestInit) => {
      const response = await fetch(`${gateway.url}${path}`, init);
      return { status: response.status, body: (await response.json()) as { error: string; message: string } };
    };
    expect(await refusal("/aims/1/call/analyze", { method: "GET" })).toMatchObject({
      status: 405,
      body: { error: "method_not_allowed", message: "/analyze accepts POST, not GET" },
    });
    expect(await refusal("/aims/7/call/analyze", { method: "POST", body: "{}" })).toMatchObject({
      status: 404,
      body: { error: "unknown_aim" },
    });
    expect(await refusal("/aims/1/call/nope", { method: "POST", body: "{}" })).toMatchObject({
      status: 404,
      body: {
        error: "unknown_endpoint",
        message: expect.stringMatching(/no endpoint \/nope; it has \/analyze/),
      },
    });
    expect(await refusal("/aims/1/call/analyze", { method: "POST", body: "{not json" })).toMatchObject({
      status: 400,
      body: { error: "bad_request", message: "the body is not valid JSON" },
    });
    expect(
      await refusal("/aims/1/call/analyze", {
        method: "POST",
        body: JSON.stringify({ text: "x".repeat(1_100_000) }),
      }),
    ).toMatchObject({
      status: 400,
      body: { error: "bad_request", message: expect.stringMatching(/larger than/) },
    });
    // Other routes still go through the Hono app.
    expect((await fetch(`${gateway.url}/health`)).status).toBe(200);
    expect(await refusal("/nowhere", { method: "GET" })).toMatchObject({
      status: 404,
      body: { error: "unknown_endpoint" },
    });
  });

  it("refuses vouchers of expired and closed channels", async () => {
    const expiring = await openChannel(env, { expiresIn: 3600 });
    const closing = await openChannel(env);
    expect((await call(await closing.header(PRICE))).status).toBe(200);
    await send(env.chain, env.operator.address, env.contract, env.channelsAbi, "close", [
      closing.params,
      PRICE,
      (await closing.header(PRICE)).split(".")[5],
    ]);
    await testClientFor(env.chain).increaseTime({ seconds: 3601 });
    await testClientFor(env.chain).mine({ blocks: 1 });
    await gateway.channels.refresh();
    const expired = await call(await expiring.header(PRICE));
    expect(expired.body).toMatchObject({ error: "channel_expired" });
    expect(expired.body.message).toMatch(/expired at/);
    const closed = await call(await closing.header(2n * PRICE));
    expect(closed.body).toMatchObject({ error: "channel_closed" });
  });

  it("never double-counts concurrent calls on one channel", async () => {
    const channel = await openChannel(env);
    expect((await call(await channel.header(PRICE))).status).toBe(200);
    const header = await channel.header(2n * PRICE);
    const results = await Promise.all(Array.from({ length: 12 }, () => call(header)));
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    expect(results.filter((r) => r.status === 409).every((r) => r.body.error === "replay")).toBe(true);
    expect(results.filter((r) => r.status === 409)).toHaveLength(11);
    const stored = await gateway.store.latest(channel.id);
    expect(stored).toMatchObject({ cumulativeAmount: 2n * PRICE, calls: 2 });
  });
});
