// X402Settlement: x402 (EIP-3009) payments for calls, settled and split on chain; its pull credits. Each
// settlement pays the AIM's royalty receiver at that block, like a channel claim, and counts in the creator's
// revenue as a paid call.
import { ponder } from "ponder:registry";
import { aim, x402Payment } from "ponder:schema";
import { recordActivity } from "../lib/activity.js";
import { addCreatorRevenue } from "../lib/creator-revenue.js";
import { addCredit, bumpAccount } from "../lib/credits.js";
import { logId } from "../lib/market.js";

const CONTRACT = "X402Settlement";

ponder.on("X402Settlement:X402Settled", async ({ event, context }) => {
  const { aimId, node, token, from, amount, royalty, nonce } = event.args;
  const nodeAmount = amount - royalty;
  await context.db.insert(x402Payment).values({
    id: logId(event),
    aimId,
    node,
    token,
    payer: from,
    amount,
    royalty,
    nodeAmount,
    nonce,
    timestamp: event.block.timestamp,
    txHash: event.transaction.hash,
  });
  await bumpAccount(context.db, node, token, { channelEarned: nodeAmount });
  const terms = await context.db.find(aim, { id: aimId });
  if (terms !== null && royalty > 0n) {
    await bumpAccount(context.db, terms.royaltyReceiver, token, { royaltiesEarned: royalty });
  }
  await addCreatorRevenue(context.db, aimId, token, event.block.timestamp, { call: royalty });
  await recordActivity(context.db, event, {
    kind: "x402_payment",
    aimId,
    account: node,
    counterparty: from,
    currency: token,
    amount,
  });
});

ponder.on("X402Settlement:Credited", ({ event: { args, block }, context }) =>
  addCredit(context.db, CONTRACT, args.account, args.token, args.amount, 0n, block.timestamp),
);
ponder.on("X402Settlement:Withdrawn", ({ event: { args, block }, context }) =>
  addCredit(context.db, CONTRACT, args.account, args.token, 0n, args.amount, block.timestamp),
);
