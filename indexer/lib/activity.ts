// The live feed's rows (table `activity`): one per event the feed shows, keyed by the log.
// Imported by indexer/src/*.ts only (needs ponder:schema).
import { activity } from "ponder:schema";
import type { Db } from "./credits.js";
import { logId } from "./market.js";

type ActivityRow = typeof activity.$inferInsert;

interface ActivityLog {
  block: { timestamp: bigint; number: bigint };
  log: { logIndex: number };
  transaction: { hash: `0x${string}` };
}

/** Adds the feed row of `event` (id, time, block, log index and tx hash from the event; idempotent). */
export async function recordActivity(
  db: Db,
  event: ActivityLog,
  row: Omit<ActivityRow, "id" | "timestamp" | "blockNumber" | "logIndex" | "txHash">,
) {
  await db
    .insert(activity)
    .values({
      ...row,
      id: logId(event),
      timestamp: event.block.timestamp,
      blockNumber: event.block.number,
      logIndex: event.log.logIndex,
      txHash: event.transaction.hash,
    })
    .onConflictDoNothing();
}
