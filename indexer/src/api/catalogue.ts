// GET /catalogue: one row per AIM with its floor price per currency, filtered by text, currency, price
// range, "has a listing" and "runs on a node", sorted by floor, recency or sales, a page at a time, with
// the total. This is the app's catalogue in one round trip; floors are computed at query time because
// a listing expires by the clock, with no event.
import { db } from "ponder:api";
import { aim, listing, offer } from "ponder:schema";
import { and, asc, count, desc, eq, gt, gte, inArray, isNotNull, like, lte, ne, or, sql } from "ponder";
import type { CatalogueParams } from "../../lib/catalogue-params.js";
import { likePattern } from "../../lib/search-params.js";

type SQL = ReturnType<typeof sql>;

export const cardColumns = {
  id: aim.id,
  name: aim.name,
  shortName: aim.shortName,
  manifestVersion: aim.manifestVersion,
  author: aim.author,
  creator: aim.creator,
  description: aim.description,
  manifestValid: aim.manifestValid,
  minPricePerCall: aim.minPricePerCall,
  salesCount: aim.salesCount,
  unitsSold: aim.unitsSold,
  createdAt: aim.createdAt,
  tags: aim.tags,
};

/** Open, unexpired listings of the AIM in the current row, within the listing constraint. */
function matchingListings(p: CatalogueParams, now: bigint): SQL {
  const l = p.listing;
  const conditions = [
    eq(listing.aimId, aim.id),
    eq(listing.open, true),
    gt(listing.expiresAt, now),
    l?.currency ? eq(listing.currency, l.currency) : undefined,
    l?.minPrice !== undefined ? gte(listing.pricePerUnit, l.minPrice) : undefined,
    l?.maxPrice !== undefined ? lte(listing.pricePerUnit, l.maxPrice) : undefined,
  ];
  return and(...conditions) as SQL;
}

function aimConditions(p: CatalogueParams, now: bigint): SQL | undefined {
  const conditions: (SQL | undefined)[] = p.words.map((word) => like(aim.searchText, likePattern(word)));
  if (p.onNode) {
    conditions.push(
      sql`exists (select 1 from ${offer} where ${offer.aimId} = ${aim.id} and ${offer.active} = true)`,
    );
  }
  if (p.listing && p.sort !== "price") {
    conditions.push(sql`exists (select 1 from ${listing} where ${matchingListings(p, now)})`);
  }
  return conditions.length > 0 ? and(...conditions) : undefined;
}

/** The page of AIM cards and the total, in the requested order. */
async function page(p: CatalogueParams, now: bigint) {
  const where = aimConditions(p, now);
  if (p.sort === "price") {
    // Each AIM's floor is the first row of the (aimId, open, currency, pricePerUnit, expiresAt) index: one probe
    // per AIM, then the AIMs that have one are ordered by it. count(*) over () is the total.
    const floor = sql<string>`(select min(${listing.pricePerUnit}) from ${listing} where ${matchingListings(p, now)})`;
    const floored = db
      .select({ id: aim.id, floor: floor.as("floor") })
      .from(aim)
      .where(where)
      // OFFSET 0 keeps Postgres from inlining the subquery, which evaluated every floor twice.
      .offset(0)
      .as("floored");
    const rows = await db
      .select({ card: cardColumns, total: sql<number>`count(*) over ()` })
      .from(floored)
      .innerJoin(aim, eq(aim.id, floored.id))
      .where(isNotNull(floored.floor))
      .orderBy(asc(floored.floor), asc(aim.id))
      .limit(p.limit)
      .offset(p.offset);
    // A page past the end has no row to carry the total: count it for the pager.
    const total =
      rows.length > 0 || p.offset === 0
        ? Number(rows[0]?.total ?? 0)
        : ((await db.select({ n: count() }).from(floored).where(isNotNull(floored.floor)))[0]?.n ?? 0);
    return { cards: rows.map((r) => r.card), total };
  }
  const column = p.sort === "sold" ? aim.salesCount : aim.createdAt;
  const [rows, [totalRow]] = await Promise.all([
    db
      .select(cardColumns)
      .from(aim)
      .where(where)
      .orderBy(desc(column), desc(aim.id))
      .limit(p.limit)
      .offset(p.offset),
    db.select({ n: count() }).from(aim).where(where),
  ]);
  return { cards: rows, total: totalRow?.n ?? 0 };
}

/**
 * Floor and number of buyable listings per currency, for each AIM of `ids`. With a price range on a
 * currency, that currency's floor is the one inside the range (the one the page is sorted by).
 */
export async function floors(ids: bigint[], now: bigint, constraint?: CatalogueParams["listing"]) {
  if (ids.length === 0) return [];
  const c = constraint?.currency;
  const range =
    c && (constraint?.minPrice !== undefined || constraint?.maxPrice !== undefined)
      ? or(
          ne(listing.currency, c),
          and(
            constraint.minPrice !== undefined ? gte(listing.pricePerUnit, constraint.minPrice) : undefined,
            constraint.maxPrice !== undefined ? lte(listing.pricePerUnit, constraint.maxPrice) : undefined,
          ),
        )
      : undefined;
  return db
    .select({
      aimId: listing.aimId,
      currency: listing.currency,
      price: sql<string>`min(${listing.pricePerUnit})`,
      listings: count(),
    })
    .from(listing)
    .where(and(inArray(listing.aimId, ids), eq(listing.open, true), gt(listing.expiresAt, now), range))
    .groupBy(listing.aimId, listing.currency);
}

export async function catalogue(p: CatalogueParams, now: bigint) {
  const { cards, total } = await page(p, now);
  const perAim = new Map<string, { currency: string; price: string; listings: number }[]>();
  for (const f of await floors(
    cards.map((c) => c.id),
    now,
    p.listing,
  )) {
    const key = String(f.aimId);
    perAim.set(key, [
      ...(perAim.get(key) ?? []),
      { currency: f.currency, price: String(f.price), listings: f.listings },
    ]);
  }
  return {
    items: cards.map((card) => ({
      ...card,
      floors: (perAim.get(String(card.id)) ?? []).sort((a, b) => a.currency.localeCompare(b.currency)),
    })),
    total,
  };
}
