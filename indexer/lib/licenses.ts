// Offers and the licenses that back them (HyperBoxRegistry.offerActive, derived from events): an operator
// serves an AIM on at most as many nodes as it holds licenses of it; once its AIMRegistry balance drops below
// that, all its offers of the AIM are inactive, and active again when the balance returns.
// Imported by indexer/src/*.ts only (needs ponder:schema).
import { holding, offer, serving } from "ponder:schema";
import { and, eq, not } from "ponder";
import type { Db } from "./credits.js";
import { covers } from "./market.js";

/**
 * Re-derives whether `operator`'s balance of `aimId` covers the nodes it serves the AIM on; when that changed,
 * writes it onto every offer of the operator for the AIM (`active` = not retired and licensed). Returns it
 * (undefined when the operator never offered the AIM). Called after every license movement and offer change.
 */
export async function refreshLicensed(db: Db, operator: `0x${string}`, aimId: bigint, now: bigint) {
  const row = await db.find(serving, { operator, aimId });
  if (row === null) return undefined;
  const balance = (await db.find(holding, { aimId, account: operator }))?.balance ?? 0n;
  const licensed = covers(balance, row.nodes);
  if (licensed === row.licensed) return licensed;
  await db.update(serving, { operator, aimId }).set({ licensed, updatedAt: now });
  // Rare (a license sold or bought back by a serving operator): one statement for all its nodes.
  const offers = and(eq(offer.operator, operator), eq(offer.aimId, aimId));
  await db.sql.update(offer).set({ licensed, active: false, updatedAt: now }).where(offers);
  if (licensed) {
    await db.sql
      .update(offer)
      .set({ active: true })
      .where(and(offers, not(offer.retired)));
  }
  return licensed;
}

/** Adds `delta` (+1 an offer set, −1 an offer retired) to the operator's serving count, then refreshes. */
export async function changeServing(
  db: Db,
  operator: `0x${string}`,
  aimId: bigint,
  delta: number,
  now: bigint,
): Promise<boolean> {
  const nodes = Math.max(delta, 0);
  await db
    .insert(serving)
    .values({ operator, aimId, nodes, licensed: true, updatedAt: now })
    .onConflictDoUpdate((row) => ({ nodes: Math.max(row.nodes + delta, 0), updatedAt: now }));
  return (await refreshLicensed(db, operator, aimId, now)) ?? false;
}
