// Metered LLM calls through the gateway on a real local chain: a deterministic OpenAI-compatible upstream
// (scripts/fixtures/openai-upstream.ts), the SDK's MeteredClient, streamed and not, charges equal to the usage,
// cut streams charged only what was delivered, every refusal free, the claim on chain equal to the charges,
// and /metrics scraped after it all.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { countTokens, type MeteredCharge, maxCallCost, promptTokens, tokenCost } from "@aim/sdk/metered";
import { openMeteredChannel } from "@aim/sdk/metered-channel";
import { MeteredCallError, MeteredClient } from "@aim/sdk/metered-client";
import { encodeVoucherHeader, signVoucher } from "@aim/sdk/voucher";
import type { PrivateKeyAccount } from "viem/accounts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { promptTokensOf } from "../../gateway/chat/tokens.js";
import { type Gateway, startGateway } from "../../gateway/server.js";
import {
  type ChannelsChain,
  readChannelState,
  startChannelsChain,
} from "../../scripts/fixtures/channels-chain.js";
import { parseGatewayConfigFor } from "../../scripts/fixtures/gateway-config.js";
import {
  type OpenAiUpstream,
  replyToken,
  startOpenAiUpstream,
} from "../../scripts/fixtures/openai-upstream.js";
import { walletClientFor } from "../../scripts/harness/chain.js";
import { REPO_ROOT } from "../../scripts/harness/processes.js";

const PRICES = { input_per_1k_tokens: 10_000, output_per_1k_tokens: 30_000, max_tokens_default: 256 };
const MESSAGES = [{ role: "user", content: "Tell me about the cat on the mat." }];
const FULL = Array.from({ length: 20 }, (_, i) => replyToken(i)).join("");
let env: ChannelsChain;
let upstream: OpenAiUpstream;
let gateway: Gateway;
let channel: { id: `0x${string}`; session: PrivateKeyAccount; header(amount: bigint): Promise<string> };
let client: MeteredClient;
const dir = mkdtempSync(join(tmpdir(), "gateway-chat-"));

beforeAll(async () => {
  env = await startChannelsChain();
  upstream = await startOpenAiUpstream();
  const config = parseGatewayConfigFor(env, join(dir, "vouchers.sqlite"), {
    offer: {
      manifest: join(REPO_ROOT, "sdk", "examples", "chat.json"),
      handler: "openai",
      openai: { baseUrl: `${upstream.url}/v1`, model: "demo-llm", timeoutMs: 1000 },
    },
  });
  gateway = await startGateway(config, { settle: false });
  // The buyer opens the channel with the SDK (approve + open, a fresh session key).
  const opened = await openMeteredChannel(walletClientFor(env.chain, env.buyer), env.chain.publicClient, {
    contract: env.contract,
    payee: env.operator.address,
    token: env.usdc,
    aimId: 1n,
    deposit: 1_000_000n,
  });
  const voucher = { chainId: 31337, contract: env.contract, channelId: opened.channel.id };
  channel = {
    id: opened.channel.id,
    session: opened.session,
    header: async (amount) =>
      encodeVoucherHeader(await signVoucher(opened.session, { ...voucher, cumulativeAmount: amount })),
  };
  client = new MeteredClient({
    nodeUrl: gateway.url,
    aimId: 1n,
    channel: opened.channel,
    signer: opened.session,
  });
});
afterAll(async () => {
  await gateway?.close();
  await upstream?.close();
  await env?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const chat = (body: unknown, header?: string) =>
  fetch(`${gateway.url}/v1/chat/completions`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(header ? { "x-aim-voucher": header } : {}) },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
const receipted = async () => (await gateway.store.latest(channel.id))?.cumulativeAmount ?? 0n;
const fullCost = tokenCost(PRICES, promptTokens(MESSAGES), 20);

describe("metered chat completions", () => {
  it("lists the node's LLM AIMs as models with their per-token prices", async () => {
    const models = await (await fetch(`${gateway.url}/v1/models`)).json();
    expect(models.data).toHaveLength(1);
    expect(models.data[0]).toMatchObject({
      id: "aim-1",
      aim: {
        prices: { ...PRICES, max_tokens_limit: 4096 },
        payee: env.operator.address,
        contract: env.contract,
      },
    });
  });

  it("streams a completion and charges exactly the upstream's usage; the receipt is what the node may claim", async () => {
    let text = "";
    const stream = client.stream({ messages: MESSAGES, max_tokens: 100 });
    let result = await stream.next();
    while (!result.done) {
      text += result.value;
      result = await stream.next();
    }
    expect(text).toBe(FULL);
    const charge = result.value as MeteredCharge;
    expect(charge).toMatchObject({
      prompt_tokens: promptTokens(MESSAGES),
      completion_tokens: 20,
      complete: true,
    });
    expect(BigInt(charge.charged)).toBe(fullCost);
    expect(BigInt(charge.authorized)).toBe(maxCallCost(PRICES, MESSAGES, 100));
    expect(client.state.charged).toBe(fullCost);
    expect(await receipted()).toBe(fullCost);
  });

  it("answers a non-streamed completion with the charge in the body and headers", async () => {
    const before = client.state.charged;
    const { content, charge } = await client.complete({ messages: MESSAGES, max_tokens: 5 });
    expect(content).toBe(
      FULL.split(" ")
        .slice(1, 6)
        .map((w) => ` ${w}`)
        .join(""),
    );
    expect(BigInt(charge.charged)).toBe(tokenCost(PRICES, promptTokens(MESSAGES), 5));
    expect(client.state.charged).toBe(before + BigInt(charge.charged));
    expect(await receipted()).toBe(client.state.charged);
  });

  it("charges a stream the client cut only for the tokens delivered, and tells the next call", async () => {
    upstream.options.tokenDelayMs = 150;
    const before = client.state.charged;
    let deltas = 0;
    for await (const _ of client.stream({ messages: MESSAGES, max_tokens: 100 })) {
      if (++deltas === 3) break;
    }
    upstream.options.tokenDelayMs = 0;
    await new Promise((r) => setTimeout(r, 300));
    const cut = tokenCost(PRICES, promptTokensOf(MESSAGES), 3);
    // Without the receipt the node refuses the next call and says what it charged.
    const next = await chat(
      { model: "aim-1", messages: MESSAGES, max_tokens: 10 },
      await channel.header(before + cut + 10_000n),
    );
    expect(next.status).toBe(402);
    expect((await next.json()).error).toMatchObject({
      code: "receipt_required",
      charged: (before + cut).toString(),
    });
    // The SDK checks that charge against what it authorised, signs the receipt and goes on.
    const { charge } = await client.complete({ messages: MESSAGES, max_tokens: 2 });
    // Its voucher is never below the one it signed for the cut call (claimable anyway): the outstanding
    // authorisation stays the in-flight call's.
    expect(BigInt(charge.authorized)).toBe(before + maxCallCost(PRICES, MESSAGES, 100));
    expect(client.state.charged).toBe(before + cut + BigInt(charge.charged));
  });

  it("charges a stream the upstream cut only for the tokens delivered, and says it failed", async () => {
    upstream.options.dieAfterTokens = 5;
    const before = client.state.charged;
    let text = "";
    const error = await (async () => {
      for await (const delta of client.stream({ messages: MESSAGES, max_tokens: 100 })) text += delta;
    })().catch((e: unknown) => e);
    upstream.options.dieAfterTokens = undefined;
    expect(error).toBeInstanceOf(MeteredCallError);
    expect(countTokens(text)).toBe(5);
    expect(client.charges.at(-1)).toMatchObject({ complete: false, completion_tokens: 5 });
    expect(client.state.charged - before).toBe(tokenCost(PRICES, promptTokensOf(MESSAGES), 5));
    expect(await receipted()).toBe(client.state.charged);
  });

  it("counts the tokens with a BPE tokenizer when the upstream reports no usage", async () => {
    upstream.options.omitUsage = true;
    const before = client.state.charged;
    const { content, charge } = await client.complete({ messages: MESSAGES, max_tokens: 100 });
    upstream.options.omitUsage = false;
    expect(content).toBe(FULL);
    // o200k_base: the prompt's 9 tokens + 3 for its message + 3 for the reply's priming (the sdk's cheap rule,
    // used only for the maximum, says 10); the 20 words of the reply are 21 tokens (" owls" is " ow" + "ls").
    expect(charge).toMatchObject({ prompt_tokens: 15, completion_tokens: 21, complete: true });
    expect(client.state.charged - before).toBe(tokenCost(PRICES, 15, 21));
  });

  it("refuses bad requests, unknown models and max_tokens beyond the limit or the voucher, charging nothing", async () => {
    const before = await receipted();
    const requests = upstream.requests;
    const cases: [unknown, number, string][] = [
      ["{not json", 400, "invalid_json"],
      [{ model: "aim-1" }, 400, "invalid_request"],
      [{ model: "aim-1", messages: [{ role: "user", content: 3 }] }, 400, "invalid_request"],
      [{ model: "aim-7", messages: MESSAGES }, 404, "model_not_found"],
      [{ model: "gpt-4", messages: MESSAGES }, 404, "model_not_found"],
      [{ model: "aim-1", messages: MESSAGES, max_tokens: 5000 }, 400, "max_tokens_too_large"],
      [{ model: "aim-1", messages: MESSAGES }, 402, "payment_required"],
    ];
    for (const [body, status, code] of cases) {
      const response = await chat(body);
      expect(response.status, JSON.stringify(body)).toBe(status);
      expect((await response.json()).error.code).toBe(code);
    }
    // A voucher one unit short of charged + the maximum of max_tokens = 1000.
    const max = maxCallCost(PRICES, MESSAGES, 1000);
    const short = await chat(
      { model: "aim-1", messages: MESSAGES, max_tokens: 1000 },
      await channel.header(before + max - 1n),
    );
    expect(short.status).toBe(402);
    expect((await short.json()).error).toMatchObject({
      code: "insufficient_authorization",
      required: (before + max).toString(),
    });
    expect(upstream.requests).toBe(requests);
    expect(await receipted()).toBe(before);
  });

  it("gives up on an upstream that never answers with 504 and charges nothing", async () => {
    upstream.options.neverAnswer = true;
    const before = client.state.charged;
    const error = await client.complete({ messages: MESSAGES, max_tokens: 10 }).catch((e: unknown) => e);
    upstream.options.neverAnswer = false;
    expect(error).toMatchObject({ status: 504, code: "upstream_timeout" });
    // The channel is free again and nothing was charged: the next call starts from the same cumulative.
    const { charge } = await client.complete({ messages: MESSAGES, max_tokens: 3 });
    expect(BigInt(charge.cumulative) - BigInt(charge.charged)).toBe(before);
  });

  it("lands a claim on chain equal to the sum of the charges", async () => {
    const sum = client.charges.reduce((total, c) => total + BigInt(c.charged), 0n);
    // The cut call's charge reached the client as receipt_required, not as a charge.
    const cut = tokenCost(PRICES, promptTokensOf(MESSAGES), 3);
    expect(client.state.charged).toBe(sum + cut);
    const report = await gateway.settler.settle(true);
    expect(report.claimed).toContainEqual({ channelId: channel.id, cumulativeAmount: client.state.charged });
    expect((await readChannelState(env, channel.id)).claimed).toBe(client.state.charged);
  });

  it("serves /metrics with requests, amounts, tokens, refusals and latencies per AIM", async () => {
    const fixed = await fetch(`${gateway.url}/aims/1/call/v1/chat/completions`, {
      method: "POST",
      body: "{}",
    });
    expect(fixed.status).toBe(400);
    const text = await (await fetch(`${gateway.url}/metrics`)).text();
    const value = (series: string) => {
      const line = text.split("\n").find((l) => l.startsWith(`${series} `));
      return line === undefined ? undefined : Number(line.split(" ")[1]);
    };
    const charged = client.charges.reduce((total, c) => total + Number(c.charged), 0);
    const cut = Number(tokenCost(PRICES, promptTokensOf(MESSAGES), 3));
    expect(value('aim_paid_amount_total{aim="1",kind="chat"}')).toBe(charged + cut);
    const out = client.charges.reduce((total, c) => total + c.completion_tokens, 0) + 3;
    expect(value('aim_tokens_total{aim="1",direction="out"}')).toBe(out);
    expect(value('aim_requests_total{aim="1",kind="chat",status="200"}')).toBe(client.charges.length + 1);
    expect(value('aim_refusals_total{aim="1",kind="chat",code="insufficient_authorization"}')).toBe(1);
    expect(value('aim_refusals_total{aim="1",kind="chat",code="upstream_timeout"}')).toBe(1);
    expect(value('aim_refusals_total{aim="unknown",kind="chat",code="model_not_found"}')).toBe(2);
    expect(value('aim_refusals_total{aim="1",kind="call",code="bad_request"}')).toBe(1);
    expect(value('aim_time_to_first_token_seconds_count{aim="1"}')).toBeGreaterThanOrEqual(3);
    expect(value('aim_request_duration_seconds_count{aim="1",kind="chat"}')).toBeGreaterThan(5);
  });
});

describe("metered calls under attack", () => {
  it("refuses a second call in flight on a channel and a receipt below the charge", async () => {
    const before = (await gateway.store.latest(channel.id))?.cumulativeAmount ?? 0n;
    const max = maxCallCost(PRICES, MESSAGES, 20);
    const body = { model: "aim-1", messages: MESSAGES, max_tokens: 20, stream: true };
    upstream.options.tokenDelayMs = 20;
    const first = await chat(body, await channel.header(before + max));
    expect(first.status).toBe(200);
    // While it streams, the same channel cannot start another call (it could double-spend the authorisation).
    const second = await chat(body, await channel.header(before + max));
    expect(second.status).toBe(409);
    expect((await second.json()).error.code).toBe("channel_busy");
    const text = await first.text();
    upstream.options.tokenDelayMs = 0;
    const last = text
      .split("\n\n")
      .filter((event) => event.startsWith("data: {"))
      .map((event) => JSON.parse(event.slice(6)))
      .find((chunk) => chunk.aim);
    const cumulative = BigInt(last.aim.cumulative);
    expect(cumulative).toBe(before + fullCost);
    const receipt = async (amount: bigint) =>
      fetch(`${gateway.url}/v1/receipts`, {
        method: "POST",
        headers: { "x-aim-voucher": await channel.header(amount) },
      });
    const low = await receipt(cumulative - 1n);
    expect(low.status).toBe(402);
    expect((await low.json()).error).toMatchObject({ code: "wrong_receipt", charged: cumulative.toString() });
    expect(await receipted()).toBe(before);
    expect((await receipt(cumulative)).status).toBe(200);
    expect(await receipted()).toBe(cumulative);
  });
});
