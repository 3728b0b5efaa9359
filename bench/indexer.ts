// Indexer benchmark (npm run bench:indexer): on a real hardhat node with the real handlers,
//  1. backfill of >= 100,000 marketplace events from an empty database (JSON-RPC fetch + sync store +
//     handlers), and re-indexing the same history from Ponder's sync cache (handlers + writes only);
//  2. tx mined → visible in GraphQL, p50/p95 over 40 live listings (WebSocket realtime);
//  3. the app's catalogue query (/catalogue) and the listing queries at 10 connections (autocannon)
//     over 100,000 listings → p99,
//     on PGlite and, when DATABASE_URL is set, on Postgres.
// Env: BENCH_LISTINGS (default 100000), BENCH_SECONDS (autocannon duration per query, default 10).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import autocannon, { type Options } from "autocannon";
import { emitLogs } from "../scripts/fixtures/event-pump.js";
import { startLocalChain } from "../scripts/harness/chain.js";
import { type IndexerProcess, startIndexer } from "../scripts/harness/indexer.js";
import { ETH, list, listingId } from "../test/indexer/scenario.js";
import { emitHistory } from "./indexer-stream.js";

const LISTINGS = Number(process.env.BENCH_LISTINGS ?? 100_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
type Row = [what: string, measured: string, target: string, met: string];

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

/**
 * Waits for the end of the backfill and returns the seconds between Ponder's first "Started backfill
 * indexing" and its "Completed backfill indexing" log lines. (The chain mines an empty block every
 * second, so Ponder may run a few more, empty, backfill rounds before it goes live.)
 */
async function backfillSeconds(indexer: IndexerProcess, head: number): Promise<number> {
  await indexer.service.waitForOutput(/Completed backfill indexing/, 1_800_000).catch(() => undefined);
  await indexer.waitForBlock(head, 600_000);
  const out = indexer.output();
  const started = /"time":(\d+)[^\n]*Started backfill indexing/.exec(out);
  const done = /"time":(\d+)[^\n]*Completed backfill indexing/.exec(out);
  if (!started || !done) {
    const tail = out.split("\n").slice(-15).join("\n");
    throw new Error(`no backfill start/end lines in the indexer's log; its tail:\n${tail}`);
  }
  return (Number(done[1]) - Number(started[1])) / 1000;
}

function backfillRow(label: string, events: number, seconds: number): Row {
  const rate = events / seconds;
  return [
    label,
    `${Math.round(rate).toLocaleString("en")} events/s (${events.toLocaleString("en")} in ${seconds.toFixed(1)} s)`,
    ">= 8,000 events/s",
    rate >= 8_000 ? "yes" : "NO",
  ];
}

/** Events per second of handler time alone (Ponder's ponder_indexing_function_duration metric). */
async function handlerRate(indexer: IndexerProcess): Promise<{ events: number; seconds: number }> {
  const metrics = await (await fetch(`${indexer.url}/metrics`)).text();
  const total = (suffix: string) =>
    [...metrics.matchAll(new RegExp(`^ponder_indexing_function_duration_${suffix}\\{[^}]*\\} (\\S+)$`, "gm"))]
      .map((m) => Number(m[1]))
      .reduce((a, b) => a + b, 0);
  return { events: total("count"), seconds: total("sum") / 1000 };
}

/** Mines listings one at a time and waits for each to be readable through GraphQL. */
async function minedToGraphql(
  chain: Awaited<ReturnType<typeof startLocalChain>>,
  indexer: IndexerProcess,
  sellerBase: number,
): Promise<number[]> {
  const latencies: number[] = [];
  for (let i = 0; i < 40; i++) {
    const aimId = BigInt(1 + i);
    const seller = `0x${(sellerBase + i).toString(16).padStart(40, "0")}` as `0x${string}`;
    await emitLogs(chain, [list(aimId, 777n, 1n, ETH, seller)]);
    const mined = performance.now();
    const id = listingId(seller, aimId, ETH);
    for (;;) {
      const d = await indexer.gql<{ listing: { id: string } | null }>(`{ listing(id: "${id}") { id } }`);
      if (d.listing) break;
      if (performance.now() - mined > 30_000) throw new Error(`live listing ${id} never appeared`);
      await new Promise((r) => setTimeout(r, 2));
    }
    latencies.push(performance.now() - mined);
  }
  return latencies;
}

/** Open ETH listings over a price, cheapest first, a page of 50, through Ponder's GraphQL. */
const CATALOGUE_GRAPHQL = JSON.stringify({
  query: `query ($where: listingFilter) { listings(where: $where, orderBy: "pricePerUnit",
    orderDirection: "asc", limit: 50) { items { id aimId seller currency pricePerUnit remaining } totalCount } }`,
  variables: { where: { open: true, expiresAt_gt: "1700000000", currency: ETH, pricePerUnit_gte: "5000" } },
});

async function load(label: string, options: Options): Promise<Row> {
  const result = await autocannon({ connections: 10, duration: SECONDS, ...options });
  // Timeouts and non-2xx answers are reported in the row (they count against the target), not thrown.
  const failed = result.non2xx + result.errors;
  return [
    `${label}, 10 conn, p50 / p99`,
    `${result.latency.p50} / ${result.latency.p99} ms (${Math.round(result.requests.average)} req/s${failed ? `, ${failed} failed` : ""})`,
    "p99 <= 30 ms",
    result.latency.p99 <= 30 && failed === 0 ? "yes" : "NO",
  ];
}

async function benchDatabase(
  chain: Awaited<ReturnType<typeof startLocalChain>>,
  db: { name: string; url?: string; dir: string },
  history: { events: number; head: number },
  rows: Row[],
): Promise<void> {
  const options = { rpcUrl: chain.url, pgliteDir: path.join(db.dir, "pglite"), databaseUrl: db.url };
  const cold = await startIndexer({ ...options, schema: `bench_${process.pid}` });
  try {
    const seconds = await backfillSeconds(cold, history.head);
    rows.push(backfillRow(`backfill from empty database (${db.name})`, history.events, seconds));
  } finally {
    await cold.stop();
  }
  // Same database, new schema: Ponder reads the history from its sync cache (no JSON-RPC fetch).
  const indexer = await startIndexer({ ...options, schema: `bench_${process.pid}_warm` });
  try {
    const seconds = await backfillSeconds(indexer, history.head);
    rows.push(backfillRow(`re-index from sync cache (${db.name})`, history.events, seconds));
    const handlers = await handlerRate(indexer);
    rows.push([
      `  of which in our handlers (${db.name})`,
      `${handlers.seconds.toFixed(1)} s for ${handlers.events.toLocaleString("en")} events = ${Math.round(handlers.events / handlers.seconds).toLocaleString("en")} events/s`,
      "",
      "",
    ]);

    const latencies = await minedToGraphql(chain, indexer, 0xbeef0000 + (db.url ? 1_000 : 0));
    const p95 = percentile(latencies, 95);
    rows.push([
      `tx mined → GraphQL, p50 / p95 (${db.name})`,
      `${percentile(latencies, 50).toFixed(0)} / ${p95.toFixed(0)} ms`,
      "p95 <= 100 ms",
      p95 <= 100 ? "yes" : "NO",
    ]);

    rows.push(
      await load(`/catalogue: AIMs by ETH floor >= 5,000, page of 50 (${db.name})`, {
        url: `${indexer.url}/catalogue?currency=ETH&sort=price&limit=50&minPrice=5000`,
      }),
    );
    rows.push(
      await load(`/search: ETH listings >= 5,000 by price, page of 50 (${db.name})`, {
        url: `${indexer.url}/search?currency=ETH&sort=price&limit=50&minPrice=5000`,
      }),
    );
    rows.push(
      await load(`GraphQL listings, same filter + totalCount (${db.name})`, {
        url: `${indexer.url}/graphql`,
        method: "POST",
        headers: { "content-type": "application/json" },
        body: CATALOGUE_GRAPHQL,
      }),
    );
  } finally {
    await indexer.stop();
  }
}

async function main() {
  const chain = await startLocalChain();
  const dirs: string[] = [];
  const rows: Row[] = [];
  try {
    process.env.AIM_WS_URL = chain.wsUrl; // realtime by subscription, as `npm run dev` (the tests poll)
    const t0 = performance.now();
    const history = await emitHistory(chain, LISTINGS);
    console.log(
      `emitted ${history.events} events up to block ${history.head} in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );
    const databases: { name: string; url?: string }[] = [{ name: "PGlite" }];
    if (process.env.DATABASE_URL) databases.push({ name: "Postgres", url: process.env.DATABASE_URL });
    for (const db of databases) {
      const dir = mkdtempSync(path.join(tmpdir(), "aim-bench-"));
      dirs.push(dir);
      await benchDatabase(chain, { ...db, dir }, history, rows);
    }
  } finally {
    await chain.stop();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    if (!process.env.DATABASE_URL) rows.push(["Postgres figures", "not run (set DATABASE_URL)", "", ""]);
    console.log("\n| what | measured | target | met |\n|---|---|---|---|");
    for (const row of rows) console.log(`| ${row.join(" | ")} |`);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
