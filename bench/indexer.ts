// Indexer benchmark (npm run bench:indexer): on a real hardhat node with the real handlers,
//  1. backfill of >= 100,000 marketplace events (1,000 AIMs, 100,000 listings, sales) → events/s;
//  2. tx mined → visible in GraphQL, p50/p95 over live listings (ws realtime);
//  3. the catalogue query (/search: currency filter + price sort, page of 50, over 100,000 listings)
//     at 10 connections with autocannon → p99, on PGlite and, when DATABASE_URL is set, Postgres.
// Events are replayed by EventPump at the deployment addresses (see test/support/event-pump.ts).
// Env: BENCH_LISTINGS (default 100000), BENCH_SECONDS (autocannon duration, default 10).
import { mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { addr, buy, CORE, ETH, list, mint, publish, SPLITTER, USDC } from "../test/indexer/scenario.js";
import { emitLogs, installPump, mineBlocks, type RawLog } from "../test/support/event-pump.js";
import { type IndexerProcess, startIndexer } from "../test/support/indexer-process.js";
import { startLocalChain } from "../test/support/local-chain.js";

// autocannon ships no types: the slice of its API used here.
const autocannon = createRequire(import.meta.url)("autocannon") as (options: {
  url: string;
  connections: number;
  duration: number;
}) => Promise<{ non2xx: number; latency: { p50: number; p99: number }; requests: { average: number } }>;

const LISTINGS = Number(process.env.BENCH_LISTINGS ?? 100_000);
const AIMS = 1_000;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const SELLERS = Array.from(
  { length: 100 },
  (_, i) => `0x${(0xa11ce000 + i).toString(16).padStart(40, "0")}` as `0x${string}`,
);
const TAGS = ["nlp", "vision", "audio", "finance", "code", "search", "translation", "chat"];

function stream(): RawLog[] {
  const logs: RawLog[] = [];
  for (let i = 1; i <= AIMS; i++) {
    logs.push(
      ...publish(BigInt(i), `Model ${i} ${TAGS[i % TAGS.length]}`, [TAGS[i % TAGS.length] as string]),
    );
    logs.push(mint(BigInt(i), SELLERS[0] as `0x${string}`, 1_000n));
  }
  let seed = 42;
  const rand = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return seed;
  };
  for (let n = 0; n < LISTINGS; n++) {
    const aimId = BigInt((n % AIMS) + 1);
    const seller = SELLERS[Math.floor(n / AIMS) % SELLERS.length] as `0x${string}`;
    const currency = n % 2 === 0 ? ETH : USDC;
    logs.push(list(aimId, BigInt(1_000 + (rand() % 1_000_000)), 10n, currency, seller));
  }
  // A listing by scenario's seller A on every AIM, then 2,500 sales of them (Sale + TransferSingle each).
  for (let i = 1; i <= AIMS; i++) logs.push(list(BigInt(i), 1_000n, 10n));
  for (let i = 1; i <= 2_500; i++) logs.push(...buy(BigInt((i % AIMS) + 1), 1n, 1_000n, 9n));
  return logs;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

async function catalogue(indexer: IndexerProcess): Promise<{ p99: number; p50: number; rps: number }> {
  const result = await autocannon({
    url: `${indexer.url}/search?currency=ETH&sort=price&limit=50&minPrice=5000`,
    connections: 10,
    duration: SECONDS,
  });
  if (result.non2xx > 0) throw new Error(`catalogue query: ${result.non2xx} non-2xx answers`);
  return { p99: result.latency.p99, p50: result.latency.p50, rps: result.requests.average };
}

async function main() {
  const chain = await startLocalChain();
  const dirs: string[] = [];
  const rows: [string, string, string, string][] = [];
  try {
    await installPump(chain, [...CORE.map(addr), SPLITTER]);
    await mineBlocks(chain, 8);
    process.env.AIM_WS_URL = chain.wsUrl; // realtime by subscription (the tests poll)
    const logs = stream();
    const t0 = Date.now();
    const receipts = await emitLogs(chain, logs, 400);
    const head = Number(receipts.at(-1)?.blockNumber ?? 0n);
    console.log(
      `emitted ${logs.length} events in ${receipts.length} txs (${((Date.now() - t0) / 1000).toFixed(1)} s)`,
    );

    const databases = [{ name: "PGlite", url: undefined as string | undefined }];
    if (process.env.DATABASE_URL) databases.push({ name: "Postgres", url: process.env.DATABASE_URL });
    for (const db of databases) {
      const dir = mkdtempSync(path.join(tmpdir(), "aim-bench-"));
      dirs.push(dir);
      const indexer = await startIndexer({
        rpcUrl: chain.url,
        pgliteDir: path.join(dir, "pglite"),
        databaseUrl: db.url,
        schema: `bench_${process.pid}`,
      });
      try {
        await indexer.waitForBlock(head, 1_800_000);
        const out = indexer.output();
        const started = /"time":(\d+)[^\n]*Started backfill indexing/.exec(out);
        const done = /"time":(\d+)[^\n]*Completed backfill indexing/.exec(out);
        const seconds = started && done ? (Number(done[1]) - Number(started[1])) / 1000 : Number.NaN;
        const rate = logs.length / seconds;
        rows.push([
          `backfill, real handlers (${db.name})`,
          `${Math.round(rate)} events/s (${logs.length} in ${seconds.toFixed(1)} s)`,
          ">= 8,000 events/s",
          rate >= 8_000 ? "yes" : "NO",
        ]);

        // Live: a listing mined → visible through GraphQL.
        const latencies: number[] = [];
        for (let i = 0; i < 40; i++) {
          const aimId = BigInt(1 + i);
          const seller =
            `0x${(0xbeef0000 + i + (db.url ? 1000 : 0)).toString(16).padStart(40, "0")}` as `0x${string}`;
          const [receipt] = await emitLogs(chain, [list(aimId, 777n, 1n, ETH, seller)]);
          const mined = Date.now();
          const id = (await import("../test/indexer/scenario.js")).listingId(seller, aimId, ETH);
          for (;;) {
            const d = await indexer.gql<{ listing: { id: string } | null }>(
              `{ listing(id: "${id}") { id } }`,
            );
            if (d.listing) break;
            if (Date.now() - mined > 30_000)
              throw new Error(`listing of block ${receipt?.blockNumber} never appeared`);
            await new Promise((r) => setTimeout(r, 2));
          }
          latencies.push(Date.now() - mined);
        }
        const p95 = percentile(latencies, 95);
        rows.push([
          `tx mined → GraphQL, p50 / p95 (${db.name})`,
          `${percentile(latencies, 50)} / ${p95} ms`,
          "p95 <= 100 ms",
          p95 <= 100 ? "yes" : "NO",
        ]);

        const q = await catalogue(indexer);
        rows.push([
          `catalogue /search, 10 conn, p50 / p99 (${db.name})`,
          `${q.p50} / ${q.p99} ms (${Math.round(q.rps)} req/s)`,
          "p99 <= 30 ms",
          q.p99 <= 30 ? "yes" : "NO",
        ]);
      } finally {
        await indexer.stop();
      }
    }
  } finally {
    await chain.stop();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  }
  if (!process.env.DATABASE_URL) rows.push(["Postgres figures", "not run (set DATABASE_URL)", "", ""]);
  console.log("\n| what | measured | target | met |\n|---|---|---|---|");
  for (const row of rows) console.log(`| ${row.join(" | ")} |`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
