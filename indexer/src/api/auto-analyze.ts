// Keeps the planner's statistics fresh. PGlite has no autovacuum daemon, so nothing ever ANALYZEs its
// tables: after a backfill the planner believes `listing` is tiny and sorts every matching row instead
// of walking the price index (measured on 20,000 listings: 112 ms → 1 ms per catalogue query after
// ANALYZE). Postgres's autovacuum gets there eventually; this does it within seconds on both, with
// autovacuum's own threshold (50 rows + 10% changed since the last ANALYZE), from the API process
// (ANALYZE is allowed in its read-only session).
import { db } from "ponder:api";
import { sql } from "ponder";

interface TableStats {
  relname: string;
  reltuples: number;
  n_mod_since_analyze: number;
}

const STALE = sql`
  select c.relname, c.reltuples::float8 as reltuples, s.n_mod_since_analyze::float8 as n_mod_since_analyze
  from pg_class c join pg_stat_user_tables s on s.relid = c.oid
  where s.schemaname = current_schema() and c.relkind = 'r' and c.relname not like '\\_%'
    and (c.reltuples < 0 or s.n_mod_since_analyze > 50 + 0.1 * greatest(c.reltuples, 0))`;

/** ANALYZEs every table of the indexer's schema that changed enough, every `everyMs`. */
export function startAutoAnalyze(everyMs = 5_000, log = console.warn): void {
  let running = false;
  let warned = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      const result = (await db.execute(STALE)) as unknown as { rows: TableStats[] };
      for (const table of result.rows) await db.execute(sql`analyze ${sql.identifier(table.relname)}`);
    } catch (error) {
      if (!warned) log(`AIM   auto-analyze skipped: ${(error as Error).message}`);
      warned = true;
    } finally {
      running = false;
    }
  };
  setInterval(tick, everyMs).unref();
}
