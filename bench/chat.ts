// Streamed chat completions through the gateway against the same streams straight from the upstream, in one run:
// the deterministic OpenAI-compatible upstream (its own process, 20 tokens, BENCH_TOKEN_DELAY_MS apart), the
// gateway (its own process, metered offer on a local chain), 32 concurrent streams, rounds alternating direct /
// through the gateway. Each gateway call carries a pre-signed voucher (charged cumulative + max) and is followed by
// its pre-signed receipt, as the SDK does; TTFT = request sent → first token received. A third path, a bare
// pass-through proxy (bench/passthrough-proxy.ts), shows what any Node proxy adds on this machine.
// Run: npx hardhat build && npm run bench:chat   (BENCH_ROUNDS default 10, BENCH_TOKEN_DELAY_MS default 10,
// BENCH_STREAMS default 32; BENCH_PROFILE=dir writes the gateway's CPU profile there)
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { maxCallCost, promptTokens, tokenCost } from "@aim/sdk/metered";
import { encodeVoucherHeader, voucherDigestBytes } from "@aim/sdk/voucher";
import { hexToBytes } from "viem";
import {
  DEV_KEYS,
  type OpenChannel,
  openChannel,
  startChannelsChain,
} from "../scripts/fixtures/channels-chain.js";
import { gatewayConfigFor } from "../scripts/fixtures/gateway-config.js";
import { startGatewayProcess } from "../scripts/harness/gateway.js";
import { freePort } from "../scripts/harness/ports.js";
import { httpAnswers, REPO_ROOT, startService, startUntilReady } from "../scripts/harness/processes.js";

const STREAMS = Number(process.env.BENCH_STREAMS ?? 32);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 10);
const DELAY = Number(process.env.BENCH_TOKEN_DELAY_MS ?? 10);
const MAX_TOKENS = 32;
const MESSAGES = [{ role: "user", content: "Tell me about the cat on the mat." }];
const PRICES = { input_per_1k_tokens: 10_000, output_per_1k_tokens: 30_000 }; // sdk/examples/chat.json
const COST = tokenCost(PRICES, promptTokens(MESSAGES), 20);
const MAX = maxCallCost(PRICES, MESSAGES, MAX_TOKENS);
const secp256k1 = createRequire(import.meta.url)("secp256k1/bindings") as {
  ecdsaSign(message: Uint8Array, key: Uint8Array): { signature: Uint8Array; recid: number };
};

interface Timing {
  ttft: number;
  total: number;
  receipt: number;
}

const env = await startChannelsChain();
const dir = mkdtempSync(join(tmpdir(), "chat-bench-"));
const upstreamPort = await freePort();
const upstream = await startUntilReady(
  startService("upstream", process.execPath, ["--import", "tsx", "scripts/openai-upstream.ts"], {
    cwd: REPO_ROOT,
    env: { AIM_UPSTREAM_PORT: String(upstreamPort), AIM_UPSTREAM_TOKEN_DELAY_MS: String(DELAY) },
  }),
  () => httpAnswers(`http://127.0.0.1:${upstreamPort}/v1/models`, true),
  30_000,
);
const proxyPort = await freePort();
const proxy = await startUntilReady(
  startService(
    "proxy",
    process.execPath,
    [
      "--import",
      "tsx",
      "bench/passthrough-proxy.ts",
      String(proxyPort),
      `http://127.0.0.1:${upstreamPort}/v1`,
    ],
    { cwd: REPO_ROOT },
  ),
  () => httpAnswers(`http://127.0.0.1:${proxyPort}/`, false),
  30_000,
);
let gateway: Awaited<ReturnType<typeof startGatewayProcess>> | undefined;
try {
  const channels: OpenChannel[] = [];
  for (let i = 0; i < STREAMS; i++) channels.push(await openChannel(env, { deposit: 10n ** 12n }));
  const sign = (channel: OpenChannel, amount: bigint) => {
    const voucher = {
      chainId: 31337,
      contract: env.contract,
      channelId: channel.id,
      cumulativeAmount: amount,
    };
    const { signature, recid } = secp256k1.ecdsaSign(
      voucherDigestBytes(voucher),
      hexToBytes(channel.sessionKey),
    );
    const hex = Buffer.from(signature).toString("hex");
    return encodeVoucherHeader({ ...voucher, signature: `0x${hex}${(27 + recid).toString(16)}` });
  };
  // Call k of a channel (k from 0): authorised from k × COST (every call is charged COST), receipt (k + 1) × COST.
  const vouchers = channels.map((channel) =>
    Array.from({ length: ROUNDS + 1 }, (_, k) => ({
      authorize: sign(channel, BigInt(k) * COST + MAX),
      receipt: sign(channel, BigInt(k + 1) * COST),
    })),
  );

  const port = await freePort();
  const configPath = join(dir, "config.json");
  const upstreamUrl = `http://127.0.0.1:${upstreamPort}/v1`;
  const config = gatewayConfigFor(env, join(dir, "vouchers.sqlite"), {
    port,
    chain: { pollingIntervalMs: undefined },
    settlement: { claimThreshold: "1000000000000", intervalMs: 600_000 },
    offer: {
      manifest: join(REPO_ROOT, "sdk", "examples", "chat.json"),
      handler: "openai",
      openai: { baseUrl: upstreamUrl, model: "demo-llm" },
    },
  });
  writeFileSync(configPath, JSON.stringify(config));
  gateway = await startGatewayProcess({
    port,
    env: { GATEWAY_CONFIG: configPath, GATEWAY_PRIVATE_KEY: DEV_KEYS[1] },
    nodeArgs: process.env.BENCH_PROFILE ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : [],
  });
  const gatewayUrl = gateway.url;

  const body = (model: string) =>
    JSON.stringify({
      model,
      messages: MESSAGES,
      max_tokens: MAX_TOKENS,
      stream: true,
      stream_options: { include_usage: true },
    });
  const directBody = body("demo-llm");
  const gatewayBody = body("aim-1");

  /** One streamed completion; TTFT and total in ms. */
  async function stream(url: string, payload: string, header?: string, receipt?: string): Promise<Timing> {
    const start = performance.now();
    const response = await fetch(`${url}/chat/completions`, {
      method: "POST",
      headers: { "content-type": "application/json", ...(header ? { "x-aim-voucher": header } : {}) },
      body: payload,
    });
    if (!response.ok) throw new Error(`HTTP ${response.status}: ${await response.text()}`);
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    let ttft = 0;
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      if (ttft === 0 && decoder.decode(value).includes('"content":" ')) ttft = performance.now() - start;
    }
    const total = performance.now() - start;
    let receiptMs = 0;
    if (receipt) {
      const sent = performance.now();
      const answer = await fetch(`${gatewayUrl}/v1/receipts`, {
        method: "POST",
        headers: { "x-aim-voucher": receipt },
      });
      if (!answer.ok) throw new Error(`receipt refused: ${await answer.text()}`);
      await answer.arrayBuffer();
      receiptMs = performance.now() - sent;
    }
    return { ttft, total, receipt: receiptMs };
  }

  const proxyUrl = `http://127.0.0.1:${proxyPort}/v1`;
  const direct: Timing[] = [];
  const proxied: Timing[] = [];
  const through: Timing[] = [];
  // Round 0 warms both paths up (JIT, keep-alive sockets) and is not counted.
  for (let round = 0; round <= ROUNDS; round++) {
    const d = await Promise.all(channels.map(() => stream(upstreamUrl, directBody)));
    const p = await Promise.all(channels.map(() => stream(proxyUrl, directBody)));
    const g = await Promise.all(
      channels.map((_, i) => {
        const v = vouchers[i]?.[round] as { authorize: string; receipt: string };
        return stream(`${gatewayUrl}/v1`, gatewayBody, v.authorize, v.receipt);
      }),
    );
    if (round > 0) {
      direct.push(...d);
      proxied.push(...p);
      through.push(...g);
    }
  }

  const p50 = (values: number[]) =>
    [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
  const metric = (timings: Timing[], key: keyof Timing) => p50(timings.map((t) => t[key]));
  const ttftAdded = metric(through, "ttft") - metric(direct, "ttft");
  const totalAdded = (metric(through, "total") / metric(direct, "total") - 1) * 100;
  const proxyTtftAdded = metric(proxied, "ttft") - metric(direct, "ttft");
  const proxyTotalAdded = (metric(proxied, "total") / metric(direct, "total") - 1) * 100;
  const row = (what: string, value: string, target: string, previous = "—") =>
    `| ${what.padEnd(52)} | ${value.padStart(10)} | ${target.padEnd(8)} | ${previous.padEnd(8)} |`;
  console.log(
    `\nStreamed chat completions: ${STREAMS} concurrent streams × ${ROUNDS} rounds per path, 20 tokens ${DELAY} ms ` +
      `apart, max_tokens ${MAX_TOKENS}; direct, through a bare proxy and through the gateway alternate by round`,
  );
  console.log(
    `machine load average (1 min) at the end: ${readFileSync("/proc/loadavg", "utf8").split(" ")[0]}\n`,
  );
  console.log(row("what", "measured", "target", "previous"));
  console.log(`|${"-".repeat(54)}|${"-".repeat(12)}|${"-".repeat(10)}|${"-".repeat(10)}|`);
  console.log(row("TTFT p50 direct (ms)", metric(direct, "ttft").toFixed(2), ""));
  console.log(row("TTFT p50 through the gateway (ms)", metric(through, "ttft").toFixed(2), ""));
  console.log(row("TTFT p50 added by the gateway (ms)", ttftAdded.toFixed(2), "<= 2"));
  console.log(row("TTFT p50 added by a bare pass-through proxy (ms)", proxyTtftAdded.toFixed(2), ""));
  console.log(row("total p50 direct (ms)", metric(direct, "total").toFixed(1), ""));
  console.log(row("total p50 through the gateway (ms)", metric(through, "total").toFixed(1), ""));
  console.log(row("total p50 added by the gateway (%)", totalAdded.toFixed(1), "<= 5"));
  console.log(row("total p50 added by a bare pass-through proxy (%)", proxyTotalAdded.toFixed(1), ""));
  console.log(row("receipt round trip p50 after each call (ms)", metric(through, "receipt").toFixed(2), ""));
  console.log(
    row("streams measured direct / through the gateway", `${direct.length} / ${through.length}`, ""),
  );
} finally {
  await gateway?.stop();
  await proxy.stop();
  await upstream.stop();
  await env.stop();
  rmSync(dir, { recursive: true, force: true });
}
