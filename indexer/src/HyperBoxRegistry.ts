// HyperBoxRegistry: compute nodes and their offers (which AIM runs where, at what price per call).
import { ponder } from "ponder:registry";
import { activity, node, offer } from "ponder:schema";
import { logId, parseCapabilities } from "../lib/market.js";
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
  if ((await context.db.find(node, { id: nodeId })) === null) return;
  await context.db.update(node, { id: nodeId }).set({ active: false, updatedAt: event.block.timestamp });
});

ponder.on("HyperBoxRegistry:OfferSet", async ({ event, context }) => {
  const { nodeId, aimId, version, currency, pricePerCall } = event.args;
  const now = event.block.timestamp;
  const values = { version, currency, pricePerCall, active: true, updatedAt: now };
  await context.db
    .insert(offer)
    .values({ nodeId, aimId, ...values })
    .onConflictDoUpdate(values);
  const host = await context.db.find(node, { id: nodeId });
  await context.db.insert(activity).values({
    id: logId(event),
    kind: "offer",
    aimId,
    account: host?.operator ?? "0x0000000000000000000000000000000000000000",
    currency,
    amount: pricePerCall,
    ref: nodeId.toString(),
    timestamp: now,
    blockNumber: event.block.number,
    logIndex: event.log.logIndex,
    txHash: event.transaction.hash,
  });
});

ponder.on("HyperBoxRegistry:OfferRetired", async ({ event, context }) => {
  const { nodeId, aimId } = event.args;
  if ((await context.db.find(offer, { nodeId, aimId })) === null) return;
  await context.db.update(offer, { nodeId, aimId }).set({ active: false, updatedAt: event.block.timestamp });
});
