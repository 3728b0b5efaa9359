// AIMMarketplace: listings (full lifecycle), sales with their split, credits, settings, aggregates.

import { ponder } from "ponder:registry";
import { aim, aimCurrencyStat, dailyStat, feeWithdrawal, listing, marketConfig, sale } from "ponder:schema";
import { sellerProceeds } from "@aim/sdk/marketplace";
import { recordActivity } from "../lib/activity.js";
import { addCreatorRevenue } from "../lib/creator-revenue.js";
import { bumpAccount, creditHandlers, setCurrency } from "../lib/credits.js";
import { expiresAt, listingStatus, logId, unitPrice, utcDay, ZERO_ADDRESS } from "../lib/market.js";

const CONTRACT = "AIMMarketplace";

ponder.on("AIMMarketplace:ListingCreated", async ({ event, context }) => {
  const { listingId, seller, token, tokenId, standard, currency, pricePerUnit, quantity, expiry, feeBps } =
    event.args;
  const isAim = token.toLowerCase() === context.contracts.AIMRegistry.address?.toString().toLowerCase();
  const now = event.block.timestamp;
  // The same key is reused when a seller lists again after a cancel or a sell-out: start afresh.
  const row = {
    seller,
    token,
    tokenId,
    aimId: isAim ? tokenId : null,
    standard,
    currency,
    pricePerUnit,
    quantity,
    remaining: quantity,
    sold: 0n,
    salesCount: 0,
    expiry,
    expiresAt: expiresAt(expiry),
    feeBps,
    status: listingStatus(quantity, 0n, false),
    open: quantity > 0n,
    createdAt: now,
    updatedAt: now,
    txHash: event.transaction.hash,
  };
  await context.db
    .insert(listing)
    .values({ id: listingId, ...row })
    .onConflictDoUpdate(row);
  await recordActivity(context.db, event, {
    kind: "listing",
    aimId: row.aimId,
    account: seller,
    currency,
    amount: pricePerUnit,
    quantity,
    ref: listingId,
  });
});

ponder.on("AIMMarketplace:ListingUpdated", async ({ event, context }) => {
  const { listingId, pricePerUnit, quantity, expiry } = event.args;
  const current = await context.db.find(listing, { id: listingId });
  if (current === null) return;
  const now = event.block.timestamp;
  await context.db.update(listing, { id: listingId }).set({
    pricePerUnit,
    quantity,
    remaining: quantity,
    expiry,
    expiresAt: expiresAt(expiry),
    status: listingStatus(quantity, current.sold, false),
    open: quantity > 0n,
    updatedAt: now,
  });
  await recordActivity(context.db, event, {
    kind: "listing_updated",
    aimId: current.aimId,
    account: current.seller,
    currency: current.currency,
    amount: pricePerUnit,
    quantity,
    ref: listingId,
  });
});

ponder.on("AIMMarketplace:ListingCancelled", async ({ event, context }) => {
  const { listingId } = event.args;
  const current = await context.db.find(listing, { id: listingId });
  if (current === null) return;
  const now = event.block.timestamp;
  await context.db
    .update(listing, { id: listingId })
    .set({ status: "cancelled", open: false, remaining: 0n, updatedAt: now });
  await recordActivity(context.db, event, {
    kind: "listing_cancelled",
    aimId: current.aimId,
    account: current.seller,
    currency: current.currency,
    ref: listingId,
  });
});

ponder.on("AIMMarketplace:Sale", async ({ event, context }) => {
  const { listingId, buyer, seller, quantity, totalPrice, fee, royaltyReceiver, royalty, remaining } =
    event.args;
  const current = await context.db.find(listing, { id: listingId });
  const now = event.block.timestamp;
  const currency = current?.currency ?? ZERO_ADDRESS;
  const aimId = current?.aimId ?? null;
  const proceeds = sellerProceeds(totalPrice, fee, royalty);
  await context.db.insert(sale).values({
    id: logId(event),
    listingId,
    buyer,
    seller,
    token: current?.token ?? ZERO_ADDRESS,
    tokenId: current?.tokenId ?? 0n,
    aimId,
    currency,
    quantity,
    pricePerUnit: unitPrice(totalPrice, quantity),
    totalPrice,
    fee,
    royaltyReceiver,
    royalty,
    sellerProceeds: proceeds,
    remaining,
    timestamp: now,
    blockNumber: event.block.number,
    txHash: event.transaction.hash,
  });
  if (current !== null) {
    const sold = current.sold + quantity;
    await context.db.update(listing, { id: listingId }).set({
      remaining,
      sold,
      salesCount: current.salesCount + 1,
      status: listingStatus(remaining, sold, false),
      open: remaining > 0n,
      updatedAt: now,
    });
  }
  if (aimId !== null) {
    if ((await context.db.find(aim, { id: aimId })) !== null) {
      await context.db
        .update(aim, { id: aimId })
        .set((row) => ({ salesCount: row.salesCount + 1, unitsSold: row.unitsSold + quantity }));
    }
    await context.db
      .insert(aimCurrencyStat)
      .values({
        aimId,
        currency,
        volume: totalPrice,
        sales: 1,
        units: quantity,
        royalties: royalty,
        fees: fee,
      })
      .onConflictDoUpdate((row) => ({
        volume: row.volume + totalPrice,
        sales: row.sales + 1,
        units: row.units + quantity,
        royalties: row.royalties + royalty,
        fees: row.fees + fee,
      }));
  }
  if (aimId !== null) await addCreatorRevenue(context.db, aimId, currency, now, { sale: royalty });
  await bumpAccount(context.db, buyer, currency, { boughtCount: 1, boughtVolume: totalPrice });
  await bumpAccount(context.db, seller, currency, { soldCount: 1, soldProceeds: proceeds });
  if (royalty > 0n) await bumpAccount(context.db, royaltyReceiver, currency, { royaltiesEarned: royalty });
  const { day, date } = utcDay(now);
  await context.db
    .insert(dailyStat)
    .values({ day, currency, date, volume: totalPrice, sales: 1, fees: fee, royalties: royalty })
    .onConflictDoUpdate((row) => ({
      volume: row.volume + totalPrice,
      sales: row.sales + 1,
      fees: row.fees + fee,
      royalties: row.royalties + royalty,
    }));
  await recordActivity(context.db, event, {
    kind: "sale",
    aimId,
    account: buyer,
    counterparty: seller,
    currency,
    amount: totalPrice,
    quantity,
    ref: listingId,
  });
});

const credits = creditHandlers(CONTRACT);
ponder.on("AIMMarketplace:Credited", credits.credited);
ponder.on("AIMMarketplace:Withdrawn", credits.withdrawn);

ponder.on("AIMMarketplace:FeesWithdrawn", async ({ event, context }) => {
  const { treasury, currency, amount } = event.args;
  await context.db.insert(feeWithdrawal).values({
    id: logId(event),
    treasury,
    currency,
    amount,
    timestamp: event.block.timestamp,
    txHash: event.transaction.hash,
  });
});

ponder.on("AIMMarketplace:CurrencyAllowed", async ({ event, context }) => {
  const { currency, allowed } = event.args;
  await setCurrency(context.db, CONTRACT, currency, allowed, event.block.timestamp);
});

async function setConfig(
  db: Parameters<typeof setCurrency>[0],
  now: bigint,
  values: { feeBps?: number; treasury?: `0x${string}`; paused?: boolean },
) {
  await db
    .insert(marketConfig)
    .values({ id: "market", paused: false, ...values, updatedAt: now })
    .onConflictDoUpdate({ ...values, updatedAt: now });
}

ponder.on("AIMMarketplace:FeeUpdated", async ({ event, context }) => {
  await setConfig(context.db, event.block.timestamp, { feeBps: event.args.newBps });
});

ponder.on("AIMMarketplace:TreasuryUpdated", async ({ event, context }) => {
  await setConfig(context.db, event.block.timestamp, { treasury: event.args.next });
});

ponder.on("AIMMarketplace:Paused", async ({ event, context }) => {
  await setConfig(context.db, event.block.timestamp, { paused: true });
});

ponder.on("AIMMarketplace:Unpaused", async ({ event, context }) => {
  await setConfig(context.db, event.block.timestamp, { paused: false });
});
