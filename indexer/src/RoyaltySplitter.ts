// RoyaltySplitter clones (found through the factory's SplitterCreated): payments in, releases out.
import { ponder } from "ponder:registry";
import { splitter, splitterPayment, splitterRelease } from "ponder:schema";
import type { Db } from "../lib/credits.js";
import { logId, ZERO_ADDRESS } from "../lib/market.js";

interface SplitterLog {
  log: { address: `0x${string}`; logIndex: number };
  block: { timestamp: bigint };
  transaction: { hash: `0x${string}` };
}

/** The columns every payment and release row shares. */
const base = (event: SplitterLog) => ({
  id: logId(event),
  splitter: event.log.address,
  timestamp: event.block.timestamp,
  txHash: event.transaction.hash,
});

/** Adds `amount` to the splitter's ETH total `column` (splitters the factory did not create are skipped). */
async function addEth(db: Db, address: `0x${string}`, column: "receivedEth" | "releasedEth", amount: bigint) {
  if ((await db.find(splitter, { id: address })) === null) return;
  await db.update(splitter, { id: address }).set((row) => ({ [column]: row[column] + amount }));
}

async function recordRelease(
  db: Db,
  event: SplitterLog,
  release: { token: `0x${string}`; to: `0x${string}`; amount: bigint; failed: boolean },
) {
  await db.insert(splitterRelease).values({ ...base(event), ...release });
}

ponder.on("RoyaltySplitter:PaymentReceived", async ({ event, context }) => {
  const { from, amount } = event.args;
  await context.db.insert(splitterPayment).values({ ...base(event), from, amount, failed: false });
  await addEth(context.db, event.log.address, "receivedEth", amount);
});

ponder.on("RoyaltySplitter:PaymentReleased", async ({ event, context }) => {
  const { to, amount } = event.args;
  await recordRelease(context.db, event, { token: ZERO_ADDRESS, to, amount, failed: false });
  await addEth(context.db, event.log.address, "releasedEth", amount);
});

ponder.on("RoyaltySplitter:ERC20PaymentReleased", async ({ event, context }) => {
  const { token, to, amount } = event.args;
  await recordRelease(context.db, event, { token, to, amount, failed: false });
});

ponder.on("RoyaltySplitter:ReleaseFailed", async ({ event, context }) => {
  const { token, to, amount } = event.args;
  await recordRelease(context.db, event, { token, to, amount, failed: true });
});
