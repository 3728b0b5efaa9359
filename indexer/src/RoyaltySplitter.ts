// RoyaltySplitter clones (found through the factory's SplitterCreated): payments in, releases out.
import { ponder } from "ponder:registry";
import { splitter, splitterPayment, splitterRelease } from "ponder:schema";
import { logId, ZERO_ADDRESS } from "../lib/market.js";

ponder.on("RoyaltySplitter:PaymentReceived", async ({ event, context }) => {
  const { from, amount } = event.args;
  const address = event.log.address;
  await context.db.insert(splitterPayment).values({
    id: logId(event),
    splitter: address,
    from,
    amount,
    failed: false,
    timestamp: event.block.timestamp,
    txHash: event.transaction.hash,
  });
  if ((await context.db.find(splitter, { id: address })) === null) return;
  await context.db
    .update(splitter, { id: address })
    .set((row) => ({ receivedEth: row.receivedEth + amount }));
});

ponder.on("RoyaltySplitter:PaymentReleased", async ({ event, context }) => {
  const { to, amount } = event.args;
  const address = event.log.address;
  await context.db.insert(splitterRelease).values({
    id: logId(event),
    splitter: address,
    token: ZERO_ADDRESS,
    to,
    amount,
    failed: false,
    timestamp: event.block.timestamp,
    txHash: event.transaction.hash,
  });
  if ((await context.db.find(splitter, { id: address })) === null) return;
  await context.db
    .update(splitter, { id: address })
    .set((row) => ({ releasedEth: row.releasedEth + amount }));
});

ponder.on("RoyaltySplitter:ERC20PaymentReleased", async ({ event, context }) => {
  const { token, to, amount } = event.args;
  await context.db.insert(splitterRelease).values({
    id: logId(event),
    splitter: event.log.address,
    token,
    to,
    amount,
    failed: false,
    timestamp: event.block.timestamp,
    txHash: event.transaction.hash,
  });
});

ponder.on("RoyaltySplitter:ReleaseFailed", async ({ event, context }) => {
  const { token, to, amount } = event.args;
  await context.db.insert(splitterRelease).values({
    id: logId(event),
    splitter: event.log.address,
    token,
    to,
    amount,
    failed: true,
    timestamp: event.block.timestamp,
    txHash: event.transaction.hash,
  });
});
