// HyperBoxRegistry: compute nodes and their offers (which AIM runs where, at what price per call), and
// whether each offer is active (not retired, and backed by the operator's licenses: lib/licenses.ts).
import { ponder } from "ponder:registry";
import { node, offer } from "ponder:schema";
import { and, eq } from "ponder";
import { recordActivity } from "../lib/activity.js";
import type { Db } from "../lib/credits.js";
import { changeServing } from "../lib/licenses.js";
import { parseCapabilities, ZERO_ADDRESS } from "../lib/market.js";
import { cleanJson, cleanText } from "../lib/text.js";

function nodeFields(endpoint: string, capabilities: string, region: string) {
  const caps = cleanText(capabilities, 64 * 1024);
  return {
    endpoint: cleanText(endpoint, 2_000),
    capabilities: caps,
    capabilitiesJson: cleanJson(parseCapabilities(caps)),
    region: cleanText(region, 200),
  };
}

ponder.on("HyperBoxRegistry:NodeRegistered", async ({ event, context }) => {
  const { nodeId, operator, endpoint, capabilities, region } = event.args;
  const now = event.block.timestamp;
  await context.db.insert(node).values({
    id: nodeId,
    operator,
    ...nodeFields(endpoint, capabilities, region),
    active: true,
    registeredAt: now,
    updatedAt: now,
  });
});

ponder.on("HyperBoxRegistry:NodeUpdated", async ({ event, context }) => {
  const { nodeId, endpoint, capabilities, region } = event.args;
  if ((await context.db.find(node, { id: nodeId })) === null) return;
  await context.db
    .update(node, { id: nodeId })
    .set({ ...nodeFields(endpoint, capabilities, region), updatedAt: event.block.timestamp });
});

ponder.on("HyperBoxRegistry:NodeRetired", async ({ event, context }) => {
  const { nodeId } = event.args;
  const now = event.block.timestamp;
  if ((await context.db.find(node, { id: nodeId })) === null) return;
  await context.db.update(node, { id: nodeId }).set({ active: false, updatedAt: now });
  // Retiring a node retires its offers (and frees their licenses for the operator's other nodes).
  const offers = await context.db.sql
    .select({ aimId: offer.aimId })
    .from(offer)
    .where(and(eq(offer.nodeId, nodeId), eq(offer.retired, false)));
  for (const { aimId } of offers) await retire(context.db, nodeId, aimId, now);
});

ponder.on("HyperBoxRegistry:OfferSet", async ({ event, context }) => {
  const { nodeId, aimId, version, currency, pricePerCall } = event.args;
  const now = event.block.timestamp;
  const operator = (await context.db.find(node, { id: nodeId }))?.operator ?? ZERO_ADDRESS;
  const before = await context.db.find(offer, { nodeId, aimId });
  const values = { operator, version, currency, pricePerCall, retired: false, updatedAt: now };
  await context.db
    .insert(offer)
    .values({ nodeId, aimId, ...values, active: false, licensed: false })
    .onConflictDoUpdate(values);
  // A new (or re-set retired) offer takes one more license of the operator; a re-price takes none.
  const serves = before !== null && !before.retired;
  const licensed = await changeServing(context.db, operator, aimId, serves ? 0 : 1, now);
  await context.db.update(offer, { nodeId, aimId }).set({ licensed, active: licensed });
  await recordActivity(context.db, event, {
    kind: "offer",
    aimId,
    account: operator,
    currency,
    amount: pricePerCall,
    ref: nodeId.toString(),
  });
});

ponder.on("HyperBoxRegistry:OfferRetired", async ({ event, context }) => {
  const { nodeId, aimId } = event.args;
  await retire(context.db, nodeId, aimId, event.block.timestamp);
});

/** Retires one offer: inactive for good (until set again), and one license fewer in use by its operator. */
async function retire(db: Db, nodeId: bigint, aimId: bigint, now: bigint) {
  const current = await db.find(offer, { nodeId, aimId });
  if (current === null || current.retired) return;
  await db.update(offer, { nodeId, aimId }).set({ retired: true, active: false, updatedAt: now });
  await changeServing(db, current.operator, aimId, -1, now);
}
