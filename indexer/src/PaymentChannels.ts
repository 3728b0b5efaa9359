// PaymentChannels: channel state (deposit, claimed, remaining, expiry, state), claims, royalties, credits.
import { ponder } from "ponder:registry";
import { activity, channel, channelClaim } from "ponder:schema";
import { addCredit, bumpAccount, setCurrency } from "../lib/credits.js";
import { logId } from "../lib/market.js";

const CONTRACT = "PaymentChannels";

ponder.on("PaymentChannels:ChannelOpened", async ({ event, context }) => {
  const a = event.args;
  const now = event.block.timestamp;
  await context.db.insert(channel).values({
    id: a.channelId,
    payer: a.payer,
    payee: a.payee,
    token: a.token,
    signer: a.signer,
    aimId: a.aimId,
    royaltyReceiver: a.royaltyReceiver,
    royaltyBps: a.royaltyBps,
    salt: a.salt,
    deposit: a.deposit,
    claimed: 0n,
    royaltyPaid: 0n,
    remaining: a.deposit,
    refunded: 0n,
    claimsCount: 0,
    expiry: a.expiry,
    state: "open",
    openedAt: now,
    updatedAt: now,
    txHash: event.transaction.hash,
  });
  await context.db.insert(activity).values({
    id: logId(event),
    kind: "channel_opened",
    aimId: a.aimId,
    account: a.payer,
    counterparty: a.payee,
    currency: a.token,
    amount: a.deposit,
    ref: a.channelId,
    timestamp: now,
    blockNumber: event.block.number,
    logIndex: event.log.logIndex,
    txHash: event.transaction.hash,
  });
});

ponder.on("PaymentChannels:ChannelToppedUp", async ({ event, context }) => {
  const { channelId, deposit } = event.args;
  if ((await context.db.find(channel, { id: channelId })) === null) return;
  await context.db
    .update(channel, { id: channelId })
    .set((row) => ({ deposit, remaining: deposit - row.claimed, updatedAt: event.block.timestamp }));
});

ponder.on("PaymentChannels:ChannelExtended", async ({ event, context }) => {
  const { channelId, expiry } = event.args;
  if ((await context.db.find(channel, { id: channelId })) === null) return;
  await context.db.update(channel, { id: channelId }).set({ expiry, updatedAt: event.block.timestamp });
});

ponder.on("PaymentChannels:ChannelClaimed", async ({ event, context }) => {
  const { channelId, cumulativeAmount, amount, royalty } = event.args;
  const current = await context.db.find(channel, { id: channelId });
  if (current === null) return;
  const now = event.block.timestamp;
  const payeeAmount = amount - royalty;
  await context.db.insert(channelClaim).values({
    id: logId(event),
    channelId,
    aimId: current.aimId,
    payee: current.payee,
    token: current.token,
    cumulativeAmount,
    amount,
    royalty,
    payeeAmount,
    timestamp: now,
    txHash: event.transaction.hash,
  });
  await context.db.update(channel, { id: channelId }).set({
    claimed: cumulativeAmount,
    royaltyPaid: current.royaltyPaid + royalty,
    remaining: current.deposit - cumulativeAmount,
    claimsCount: current.claimsCount + 1,
    updatedAt: now,
  });
  await bumpAccount(context.db, current.payee, current.token, { channelEarned: payeeAmount });
  if (royalty > 0n) {
    await bumpAccount(context.db, current.royaltyReceiver, current.token, { royaltiesEarned: royalty });
  }
  await context.db.insert(activity).values({
    id: logId(event),
    kind: "claim",
    aimId: current.aimId,
    account: current.payee,
    counterparty: current.payer,
    currency: current.token,
    amount,
    ref: channelId,
    timestamp: now,
    blockNumber: event.block.number,
    logIndex: event.log.logIndex,
    txHash: event.transaction.hash,
  });
});

ponder.on("PaymentChannels:ChannelClosed", async ({ event, context }) => {
  const { channelId, claimed, refunded } = event.args;
  const current = await context.db.find(channel, { id: channelId });
  if (current === null) return;
  const now = event.block.timestamp;
  await context.db
    .update(channel, { id: channelId })
    .set({ state: "closed", claimed, refunded, remaining: 0n, updatedAt: now });
  await context.db.insert(activity).values({
    id: logId(event),
    kind: "channel_closed",
    aimId: current.aimId,
    account: current.payee,
    counterparty: current.payer,
    currency: current.token,
    amount: refunded,
    ref: channelId,
    timestamp: now,
    blockNumber: event.block.number,
    logIndex: event.log.logIndex,
    txHash: event.transaction.hash,
  });
});

ponder.on("PaymentChannels:ChannelReclaimed", async ({ event, context }) => {
  const { channelId, refunded } = event.args;
  const current = await context.db.find(channel, { id: channelId });
  if (current === null) return;
  const now = event.block.timestamp;
  await context.db
    .update(channel, { id: channelId })
    .set({ state: "reclaimed", refunded, remaining: 0n, updatedAt: now });
  await context.db.insert(activity).values({
    id: logId(event),
    kind: "channel_reclaimed",
    aimId: current.aimId,
    account: current.payer,
    counterparty: current.payee,
    currency: current.token,
    amount: refunded,
    ref: channelId,
    timestamp: now,
    blockNumber: event.block.number,
    logIndex: event.log.logIndex,
    txHash: event.transaction.hash,
  });
});

ponder.on("PaymentChannels:Credited", async ({ event, context }) => {
  const { account, currency, amount } = event.args;
  await addCredit(context.db, CONTRACT, account, currency, amount, 0n, event.block.timestamp);
});

ponder.on("PaymentChannels:Withdrawn", async ({ event, context }) => {
  const { account, currency, amount } = event.args;
  await addCredit(context.db, CONTRACT, account, currency, 0n, amount, event.block.timestamp);
});

ponder.on("PaymentChannels:CurrencyAllowed", async ({ event, context }) => {
  const { currency, allowed } = event.args;
  await setCurrency(context.db, CONTRACT, currency, allowed, event.block.timestamp);
});
