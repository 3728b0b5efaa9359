// PaymentChannels: channel state (deposit, claimed, remaining, expiry, session cap, state), claims, royalties,
// credits. The royalty is not frozen at open: each claim pays the AIM's receiver and per-call rate in force at
// that block (AIMRegistry.callTerms), tracked from AIMRegistry's events in the `aim` row.
import { ponder } from "ponder:registry";
import { aim, channel, channelClaim } from "ponder:schema";
import { recordActivity } from "../lib/activity.js";
import { addCreatorRevenue } from "../lib/creator-revenue.js";
import { bumpAccount, creditHandlers, type Db, setCurrency } from "../lib/credits.js";
import { logId, ZERO_ADDRESS } from "../lib/market.js";
import { callFeeAt, claimRoyalty } from "../lib/royalty.js";

const CONTRACT = "PaymentChannels";

type Channel = typeof channel.$inferSelect;

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
    sessionCap: a.sessionCap,
    sessionCapInForce: a.sessionCap,
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
  await recordActivity(context.db, event, {
    kind: "channel_opened",
    aimId: a.aimId,
    account: a.payer,
    counterparty: a.payee,
    currency: a.token,
    amount: a.deposit,
    ref: a.channelId,
  });
});

ponder.on("PaymentChannels:ChannelToppedUp", async ({ event, context }) => {
  const { channelId, deposit } = event.args;
  if ((await context.db.find(channel, { id: channelId })) === null) return;
  await context.db
    .update(channel, { id: channelId })
    .set((row) => ({ deposit, remaining: deposit - row.claimed, updatedAt: event.block.timestamp }));
});

/**
 * Sets `values` on a channel row the indexer has (an event of an unknown channel changes nothing) and returns the
 * row as it was before, or null.
 */
async function updateChannel(
  db: Db,
  channelId: `0x${string}`,
  values: Partial<typeof channel.$inferInsert>,
  now: bigint,
) {
  const current = await db.find(channel, { id: channelId });
  if (current !== null) await db.update(channel, { id: channelId }).set({ ...values, updatedAt: now });
  return current;
}

/** The feed row of a payer's act on its channel: toward the payee, in the channel's currency. */
function payerActivity(
  current: typeof channel.$inferSelect,
  kind: Parameters<typeof recordActivity>[2]["kind"],
  amount: bigint,
) {
  return {
    kind,
    aimId: current.aimId,
    account: current.payer,
    counterparty: current.payee,
    currency: current.token,
    amount,
    ref: current.id,
  };
}

ponder.on("PaymentChannels:ChannelExtended", async ({ event, context }) => {
  const { channelId, expiry } = event.args;
  await updateChannel(context.db, channelId, { expiry }, event.block.timestamp);
});

ponder.on("PaymentChannels:SessionCapRaised", async ({ event, context }) => {
  const { channelId, sessionCap } = event.args;
  const current = await updateChannel(
    context.db,
    channelId,
    { sessionCapInForce: sessionCap },
    event.block.timestamp,
  );
  if (current === null) return;
  await recordActivity(context.db, event, payerActivity(current, "session_cap_raised", sessionCap));
});

/**
 * Records one claim of `current` up to `cumulativeAmount` (royalty `royalty` of `amount`, credited to the AIM's
 * receiver at this block) and its effect on the channel and the accounts.
 */
async function recordClaim(
  db: Db,
  event: Parameters<typeof logId>[0] & { block: { timestamp: bigint } },
  current: Channel,
  receiver: `0x${string}`,
  claim: { cumulativeAmount: bigint; amount: bigint; royalty: bigint; final: boolean },
) {
  const payeeAmount = claim.amount - claim.royalty;
  await db.insert(channelClaim).values({
    id: logId(event),
    channelId: current.id,
    aimId: current.aimId,
    payee: current.payee,
    token: current.token,
    ...claim,
    royaltyReceiver: receiver,
    payeeAmount,
    timestamp: event.block.timestamp,
    txHash: event.transaction.hash as `0x${string}`,
  });
  await db.update(channel, { id: current.id }).set({
    claimed: claim.cumulativeAmount,
    royaltyPaid: current.royaltyPaid + claim.royalty,
    remaining: current.deposit - claim.cumulativeAmount,
    claimsCount: current.claimsCount + 1,
    updatedAt: event.block.timestamp,
  });
  await bumpAccount(db, current.payee, current.token, { channelEarned: payeeAmount });
  if (claim.royalty > 0n) await bumpAccount(db, receiver, current.token, { royaltiesEarned: claim.royalty });
  await addCreatorRevenue(db, current.aimId, current.token, event.block.timestamp, { call: claim.royalty });
}

ponder.on("PaymentChannels:ChannelClaimed", async ({ event, context }) => {
  const { channelId, cumulativeAmount, amount, royalty } = event.args;
  const current = await context.db.find(channel, { id: channelId });
  if (current === null) return;
  // The royalty is the chain's own figure; its receiver is the one AIMRegistry names at this block.
  const terms = await context.db.find(aim, { id: current.aimId });
  const receiver = terms?.royaltyReceiver ?? ZERO_ADDRESS;
  await recordClaim(context.db, event, current, receiver, {
    cumulativeAmount,
    amount,
    royalty,
    final: false,
  });
  await recordActivity(context.db, event, {
    kind: "claim",
    aimId: current.aimId,
    account: current.payee,
    counterparty: current.payer,
    currency: current.token,
    amount,
    ref: channelId,
  });
});

ponder.on("PaymentChannels:ChannelClosed", async ({ event, context }) => {
  const { channelId, claimed, refunded } = event.args;
  const current = await context.db.find(channel, { id: channelId });
  if (current === null) return;
  const now = event.block.timestamp;
  if (claimed > current.claimed) {
    // Close emits no ChannelClaimed: its final claim pays the royalty the contract computes, at the rate in force.
    const terms = await context.db.find(aim, { id: current.aimId });
    const bps = terms === null ? 0 : callFeeAt(terms, now);
    const royalty = claimRoyalty(current.claimed, claimed, bps);
    const receiver = terms?.royaltyReceiver ?? ZERO_ADDRESS;
    const claim = { cumulativeAmount: claimed, amount: claimed - current.claimed, royalty, final: true };
    await recordClaim(context.db, event, current, receiver, claim);
  }
  await context.db
    .update(channel, { id: channelId })
    .set({ state: "closed", claimed, refunded, remaining: 0n, updatedAt: now });
  await recordActivity(context.db, event, {
    kind: "channel_closed",
    aimId: current.aimId,
    account: current.payee,
    counterparty: current.payer,
    currency: current.token,
    amount: refunded,
    ref: channelId,
  });
});

ponder.on("PaymentChannels:ChannelReclaimed", async ({ event, context }) => {
  const { channelId, refunded } = event.args;
  const current = await updateChannel(
    context.db,
    channelId,
    { state: "reclaimed", refunded, remaining: 0n },
    event.block.timestamp,
  );
  if (current === null) return;
  await recordActivity(context.db, event, payerActivity(current, "channel_reclaimed", refunded));
});

const credits = creditHandlers(CONTRACT);
ponder.on("PaymentChannels:Credited", credits.credited);
ponder.on("PaymentChannels:Withdrawn", credits.withdrawn);

ponder.on("PaymentChannels:CurrencyAllowed", async ({ event, context }) => {
  const { currency, allowed } = event.args;
  await setCurrency(context.db, CONTRACT, currency, allowed, event.block.timestamp);
});
