// Paid calls through the gateway on a local chain: verified, durably stored (SQLite, WAL), the demo AIM
// behind it. Pre-signed vouchers with increasing cumulative amounts over many channels, 32 connections
// (autocannon), the gateway in its own process. Then where the time of one call goes.
// Run: npx hardhat build && npm run bench:gateway
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import autocannon from "autocannon";
import { textStats } from "../gateway/aims/text-stats.js";
import { SqliteStore } from "../gateway/store-sqlite.js";
import { decodeVoucherHeader, verifyVoucher } from "../sdk/voucher.js";
import {
  DEV_KEYS,
  type OpenChannel,
  openChannel,
  startChannelsChain,
} from "../test/support/gateway-chain.js";
import { freePort } from "../test/support/local-chain.js";

const CHANNELS = Number(process.env.BENCH_CHANNELS ?? 64);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 4000);
const CONNECTIONS = 32;
const PRICE = 10_000n;
const BODY = JSON.stringify({ text: "The quick brown fox jumps over the lazy dog. The dog sleeps!", top: 3 });

const env = await startChannelsChain();
const dir = mkdtempSync(join(tmpdir(), "gateway-bench-"));
let child: ChildProcess | undefined;
try {
  const channels: OpenChannel[] = [];
  for (let i = 0; i < CHANNELS; i++) channels.push(await openChannel(env, { deposit: 10n ** 12n }));
  // Voucher i is channel i % CHANNELS's (i / CHANNELS + 1)-th call: in-flight calls on one channel are
  // CHANNELS requests apart, so they arrive in order.
  const headers: string[] = [];
  for (let i = 0; i < REQUESTS; i++) {
    const channel = channels[i % CHANNELS] as OpenChannel;
    headers.push(await channel.header(BigInt(Math.floor(i / CHANNELS) + 1) * PRICE));
  }

  const port = await freePort();
  const configPath = join(dir, "config.json");
  writeFileSync(
    configPath,
    JSON.stringify({
      listen: { host: "127.0.0.1", port },
      publicUrl: `http://127.0.0.1:${port}`,
      chain: { rpcUrl: env.chain.url, chainId: 31337, paymentChannels: env.contract },
      node: { register: false },
      store: { sqlitePath: join(dir, "vouchers.sqlite") },
      settlement: { claimThreshold: "1000000000000", intervalMs: 600_000 },
      offers: [
        {
          aimId: "1",
          manifest: resolve("sdk/examples/text-stats.json"),
          currency: env.usdc,
          handler: "text-stats",
        },
      ],
    }),
  );
  child = spawn("npx", ["tsx", "gateway/main.ts"], {
    env: { ...process.env, GATEWAY_CONFIG: configPath, GATEWAY_PRIVATE_KEY: DEV_KEYS[1] },
    stdio: "ignore",
    detached: true,
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if (i > 300) throw new Error("gateway did not start");
    if (
      await fetch(`${url}/health`).then(
        (r) => r.ok,
        () => false,
      )
    )
      break;
    await new Promise((r) => setTimeout(r, 200));
  }

  let next = 0;
  const result = await autocannon({
    url: `${url}/aims/1/call/analyze`,
    connections: CONNECTIONS,
    amount: REQUESTS,
    requests: [
      {
        method: "POST",
        setupRequest: (request) => ({
          ...request,
          headers: { "content-type": "application/json", "x-aim-voucher": headers[next++] ?? "" },
          body: BODY,
        }),
      },
    ],
  });
  const ok = result["2xx"];
  const rate = ok / (result.duration || 1);

  // Where the time of one call goes, measured in this process on the same inputs.
  const samples = headers.slice(0, 300);
  const decoded = samples.map((h) => decodeVoucherHeader(h));
  let t = performance.now();
  for (let i = 0; i < decoded.length; i++) {
    const channel = channels[i % CHANNELS] as OpenChannel;
    await verifyVoucher(decoded[i] as never, channel.session.address);
  }
  const verifyMs = (performance.now() - t) / decoded.length;
  const store = new SqliteStore(join(dir, "breakdown.sqlite"));
  t = performance.now();
  for (let i = 0; i < 2000; i++) {
    const id = `0x${(i % 64).toString(16).padStart(64, "0")}` as const;
    await store.record(id, BigInt(i + 1) * PRICE, `0x${"11".repeat(65)}`, BigInt(i + 1) * PRICE - PRICE);
  }
  const storeMs = (performance.now() - t) / 2000;
  await store.close();
  t = performance.now();
  for (let i = 0; i < 2000; i++) textStats(JSON.parse(BODY).text, 3);
  const aimMs = (performance.now() - t) / 2000;

  const row = (what: string, value: string, target: string) =>
    `| ${what.padEnd(44)} | ${value.padStart(12)} | ${target.padEnd(10)} |`;
  console.log(
    `\nGateway: ${REQUESTS} pre-signed paid calls over ${CHANNELS} channels, ${CONNECTIONS} connections, SQLite (WAL, synchronous=NORMAL)\n`,
  );
  console.log(row("what", "measured", "target"));
  console.log(`|${"-".repeat(46)}|${"-".repeat(14)}|${"-".repeat(12)}|`);
  console.log(row("verified, stored paid calls / s", rate.toFixed(0), ">= 2,000"));
  console.log(row("latency p50 (ms)", String(result.latency.p50), ""));
  console.log(row("latency p99 (ms)", String(result.latency.p99), "<= 25"));
  console.log(
    row(
      "answered 2xx / non-2xx / errors",
      `${ok} / ${result.non2xx} / ${result.errors}`,
      `${REQUESTS} / 0 / 0`,
    ),
  );
  console.log("\nWhere one call's time goes (single thread, this machine):\n");
  console.log(row("signature check (sdk/voucher.ts verifyVoucher)", `${verifyMs.toFixed(3)} ms`, ""));
  console.log(row("durable compare-and-set (SqliteStore.record)", `${storeMs.toFixed(3)} ms`, ""));
  console.log(row("demo AIM (textStats)", `${aimMs.toFixed(3)} ms`, ""));
} finally {
  if (child?.pid) process.kill(-child.pid, "SIGTERM");
  await env.stop();
  rmSync(dir, { recursive: true, force: true });
}
