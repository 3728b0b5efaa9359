// Paid calls through the gateway on a local chain: verified, durably stored (SQLite, WAL, group commit), the
// demo AIM behind it. Vouchers are pre-signed (natively) with increasing cumulative amounts over many channels;
// the gateway runs in its own process, the load generator (autocannon, 32 connections) in another, and the CPU
// each used is read from /proc. Then where the CPU time of one call goes.
// Run: npx hardhat build && npm run bench:gateway
// Env: BENCH_REQUESTS (default 30000), BENCH_WARMUP (3000), BENCH_CHANNELS (128), BENCH_CPU_PROF=1 (writes the
// gateway's .cpuprofile to .bench/ for `npx tsx bench/profile-top.ts <file>`), GATEWAY_SQLITE_SYNCHRONOUS.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import {
  decodeVoucherHeader,
  encodeVoucherHeader,
  recoverVoucherSigner,
  type SignedVoucher,
  voucherDigestBytes,
} from "@aim/sdk/voucher";
import { describeVoucherRecovery, recoverVoucherSignerNative } from "@aim/sdk/voucher-fast";
import { hexToBytes } from "viem";
import { textStats } from "../gateway/aims/text-stats.js";
import { SqliteStore } from "../gateway/store-sqlite.js";
import {
  DEV_KEYS,
  type OpenChannel,
  openChannel,
  startChannelsChain,
} from "../scripts/fixtures/channels-chain.js";
import { gatewayConfigFor } from "../scripts/fixtures/gateway-config.js";
import { type GatewayProcess, startGatewayProcess } from "../scripts/harness/gateway.js";
import { freePort } from "../scripts/harness/ports.js";
import { runToCompletion } from "../scripts/harness/processes.js";
import type { LoadPlan, LoadResult } from "./gateway-load.js";

const CHANNELS = Number(process.env.BENCH_CHANNELS ?? 128);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 30_000);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 3000);
const CONNECTIONS = 32;
const PRICE = 10_000n;
const SYNCHRONOUS = (process.env.GATEWAY_SQLITE_SYNCHRONOUS ?? "NORMAL").toUpperCase();
const BODY = JSON.stringify({ text: "The quick brown fox jumps over the lazy dog. The dog sleeps!", top: 3 });
const secp256k1 = createRequire(import.meta.url)("secp256k1/bindings") as {
  ecdsaSign(message: Uint8Array, key: Uint8Array): { signature: Uint8Array; recid: number };
};
const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString("hex");

const env = await startChannelsChain();
const dir = mkdtempSync(join(tmpdir(), "gateway-bench-"));
let gateway: GatewayProcess | undefined;
try {
  const channels: OpenChannel[] = [];
  for (let i = 0; i < CHANNELS; i++) channels.push(await openChannel(env, { deposit: 10n ** 12n }));
  // Voucher i is channel i % CHANNELS's (i / CHANNELS + 1)-th call: in-flight calls on one channel are
  // CHANNELS requests apart, so they arrive in order. Signed with libsecp256k1 (low s, v 27/28), like a wallet.
  const total = WARMUP + REQUESTS + 4 * CONNECTIONS;
  const headers: string[] = [];
  const keys = channels.map((c) => hexToBytes(c.sessionKey));
  for (let i = 0; i < total; i++) {
    const channel = channels[i % CHANNELS] as OpenChannel;
    const voucher = {
      chainId: 31337,
      contract: env.contract,
      channelId: channel.id,
      cumulativeAmount: BigInt(Math.floor(i / CHANNELS) + 1) * PRICE,
    };
    const { signature, recid } = secp256k1.ecdsaSign(
      voucherDigestBytes(voucher),
      keys[i % CHANNELS] as Uint8Array,
    );
    headers.push(
      encodeVoucherHeader({ ...voucher, signature: `0x${hex(signature)}${(27 + recid).toString(16)}` }),
    );
  }

  const port = await freePort();
  const configPath = join(dir, "config.json");
  const config = gatewayConfigFor(env, join(dir, "vouchers.sqlite"), {
    port,
    chain: { pollingIntervalMs: undefined },
    store: { synchronous: SYNCHRONOUS },
    settlement: { claimThreshold: "1000000000000", intervalMs: 600_000 },
  });
  writeFileSync(configPath, JSON.stringify(config));
  const profileDir = resolve(".bench");
  const profile = process.env.BENCH_CPU_PROF === "1";
  if (profile) mkdirSync(profileDir, { recursive: true });
  gateway = await startGatewayProcess({
    port,
    env: { GATEWAY_CONFIG: configPath, GATEWAY_PRIVATE_KEY: DEV_KEYS[1] },
    nodeArgs: profile ? ["--cpu-prof", `--cpu-prof-dir=${profileDir}`] : [],
    readyTimeoutMs: 60_000,
  });
  const url = gateway.url;

  const planPath = join(dir, "plan.json");
  const plan: LoadPlan = {
    url: `${url}/aims/1/call/analyze`,
    body: BODY,
    connections: CONNECTIONS,
    warmup: WARMUP,
    requests: REQUESTS,
    gatewayPid: gateway.service.pid,
    headers,
  };
  writeFileSync(planPath, JSON.stringify(plan));
  const loader = await runToCompletion(process.execPath, [
    "--import",
    "tsx",
    "bench/gateway-load.ts",
    planPath,
  ]);
  process.stderr.write(loader.stderr);
  if (loader.code !== 0) throw new Error(`load generator exited with ${loader.code}`);
  const {
    result,
    cpuSeconds: loaderCpu,
    gatewayCpuSeconds: gatewayCpu,
    refusals,
  } = JSON.parse(loader.stdout) as LoadResult;
  const wall = result.duration;
  const ok = result["2xx"];
  const rate = ok / (result.duration || 1);

  // Where the CPU time of one call goes, measured in this process on the same inputs (warm, single thread).
  const decoded = headers.slice(0, 2000).map((h) => decodeVoucherHeader(h)) as SignedVoucher[];
  const perCall = (n: number, run: (i: number) => unknown) => {
    for (let i = 0; i < Math.min(n, 500); i++) run(i);
    const start = process.cpuUsage();
    for (let i = 0; i < n; i++) run(i);
    const used = process.cpuUsage(start);
    return (used.user + used.system) / n;
  };
  const decodeUs = perCall(4000, (i) => decodeVoucherHeader(headers[i % 2000] as string));
  const digestUs = perCall(4000, (i) => voucherDigestBytes(decoded[i % 2000] as SignedVoucher));
  const recoverUs =
    perCall(4000, (i) => recoverVoucherSignerNative(decoded[i % 2000] as SignedVoucher)) - digestUs;
  let viemStart = process.cpuUsage();
  for (let i = 0; i < 100; i++) await recoverVoucherSigner(decoded[i] as SignedVoucher);
  viemStart = process.cpuUsage(viemStart);
  const viemUs = (viemStart.user + viemStart.system) / 100;
  const storeUs = async (batch: number) => {
    const store = new SqliteStore(join(dir, `breakdown-${batch}.sqlite`), SYNCHRONOUS as "NORMAL");
    const n = 6400;
    const start = process.cpuUsage();
    for (let i = 0; i < n; i += batch) {
      const calls = [];
      for (let j = i; j < i + batch; j++) {
        const id = `0x${(j % 256).toString(16).padStart(64, "0")}` as const;
        const amount = BigInt(Math.floor(j / 256) + 1) * PRICE;
        calls.push(store.record(id, amount, `0x${"11".repeat(65)}`, amount - PRICE));
      }
      await Promise.all(calls);
    }
    const used = process.cpuUsage(start);
    await store.close();
    return (used.user + used.system) / n;
  };
  const store1Us = await storeUs(1);
  const store16Us = await storeUs(16);
  const aimUs = perCall(4000, () => textStats(JSON.parse(BODY).text, 3));
  const gatewayUs = (gatewayCpu / ok) * 1e6;
  const httpUs = gatewayUs - decodeUs - digestUs - recoverUs - store16Us - aimUs;

  const row = (what: string, value: string, target: string) =>
    `| ${what.padEnd(58)} | ${value.padStart(16)} | ${target.padEnd(10)} |`;
  const rule = `|${"-".repeat(60)}|${"-".repeat(18)}|${"-".repeat(12)}|`;
  console.log(
    `\nGateway: ${REQUESTS} pre-signed paid calls (after ${WARMUP} warm-up) over ${CHANNELS} channels, ` +
      `${CONNECTIONS} connections, SQLite (WAL, synchronous=${SYNCHRONOUS}, group commit)`,
  );
  console.log(
    `${gateway.service.output().trim()}\nmachine load average (1 min) at the end: ${readFileSync("/proc/loadavg", "utf8").split(" ")[0]}\n`,
  );
  console.log(row("what", "measured", "target"));
  console.log(rule);
  console.log(row("verified, durably stored paid calls / s", rate.toFixed(0), ">= 2,000"));
  console.log(row("latency p50 (ms)", String(result.latency.p50), ""));
  console.log(row("latency p97.5 (ms)", String(result.latency.p97_5), ""));
  console.log(row("latency p99 (ms)", String(result.latency.p99), "<= 25"));
  console.log(row("latency max (ms)", String(result.latency.max), ""));
  console.log(
    row(
      "answered 2xx / non-2xx / errors",
      `${ok} / ${result.non2xx} / ${result.errors}`,
      `${REQUESTS} / 0 / 0`,
    ),
  );
  console.log(
    row("gateway CPU (share of one core over the run)", `${((gatewayCpu / wall) * 100).toFixed(0)} %`, ""),
  );
  console.log(
    row(
      "load generator CPU (share of one core, own process)",
      `${((loaderCpu / result.duration) * 100).toFixed(0)} %`,
      "",
    ),
  );
  console.log(
    row("gateway capacity if it had one core to itself (calls/s)", (1e6 / gatewayUs).toFixed(0), ""),
  );
  console.log(
    "\nWhere one call's CPU time goes (µs; the parts measured in a single warm thread, HTTP = the rest):\n",
  );
  console.log(row("part", "µs per call", ""));
  console.log(rule);
  console.log(row("header decode (decodeVoucherHeader)", decodeUs.toFixed(1), ""));
  console.log(row("EIP-712 digest (voucherDigestBytes)", digestUs.toFixed(1), ""));
  console.log(row("signer recovery, native (+ checks, address keccak)", recoverUs.toFixed(1), ""));
  console.log(row("  (was: viem recoverVoucherSigner, pure JS)", viemUs.toFixed(1), ""));
  console.log(row("durable store, group commit of 16 (SqliteStore.record)", store16Us.toFixed(1), ""));
  console.log(row("  (one transaction per call)", store1Us.toFixed(1), ""));
  console.log(row("demo AIM (JSON.parse + textStats)", aimUs.toFixed(1), ""));
  console.log(row("HTTP, routing, channel checks, JSON out (the rest)", httpUs.toFixed(1), ""));
  console.log(row("total gateway CPU per call (from /proc)", gatewayUs.toFixed(1), ""));
  console.log(`\n${describeVoucherRecovery()}`);
  for (const refusal of refusals) console.log(`refused: ${refusal}`);
} finally {
  await gateway?.stop();
  await env.stop();
  rmSync(dir, { recursive: true, force: true });
}
