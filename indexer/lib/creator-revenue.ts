// The creator's revenue per AIM, currency and UTC day (creator_revenue_day), bumped by the sale and claim
// handlers: a sale's royalty, a channel claim's royalty.
import { aim, creatorRevenueDay } from "ponder:schema";
import type { Db } from "./credits.js";
import { utcDay } from "./market.js";

export async function addCreatorRevenue(
  db: Db,
  aimId: bigint,
  currency: `0x${string}`,
  timestamp: bigint,
  royalty: { sale: bigint } | { call: bigint },
): Promise<void> {
  const published = await db.find(aim, { id: aimId });
  if (published === null) return; // an AIM this registry never published: no creator to credit
  const sale = "sale" in royalty ? royalty.sale : 0n;
  const call = "call" in royalty ? royalty.call : 0n;
  const sales = "sale" in royalty ? 1 : 0;
  const claims = 1 - sales;
  await db
    .insert(creatorRevenueDay)
    .values({
      aimId,
      currency,
      ...utcDay(timestamp),
      creator: published.creator,
      saleRoyalties: sale,
      callRoyalties: call,
      sales,
      claims,
    })
    .onConflictDoUpdate((row) => ({
      saleRoyalties: row.saleRoyalties + sale,
      callRoyalties: row.callRoyalties + call,
      sales: row.sales + sales,
      claims: row.claims + claims,
    }));
}
