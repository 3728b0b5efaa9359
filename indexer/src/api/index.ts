// The HTTP API on Ponder's server: GraphQL for every table at /graphql (and /), plus the routes
// GraphQL cannot express: GET /search (text search + catalogue filters) and GET /stats.
import { db, publicClients } from "ponder:api";
import schema, {
  aim,
  aimCurrencyStat,
  channel,
  dailyStat,
  holding,
  listing,
  node,
  offer,
  sale,
} from "ponder:schema";
import { Hono } from "hono";
import { and, asc, count, desc, eq, graphql, gt, gte, like, lte, replaceBigInts, sql } from "ponder";
import { parseCatalogueParams } from "../../lib/catalogue-params.js";
import { chainClock } from "../../lib/clock.js";
import {
  encodeCursor,
  likePattern,
  parseSearchParams,
  SearchParamError,
  type SearchParams,
} from "../../lib/search-params.js";
import { startAutoAnalyze } from "./auto-analyze.js";
import { cardColumns, catalogue, floors } from "./catalogue.js";

const app = new Hono();
startAutoAnalyze();
const now = chainClock(async () => (await publicClients.aim.getBlock({ blockTag: "latest" })).timestamp);

app.use("/graphql", graphql({ db, schema }));
app.use("/", graphql({ db, schema }));

const json = (value: unknown) => replaceBigInts(value, (v) => v.toString());

// /search's AIM: the catalogue card plus what a search result shows besides.
const aimColumns = {
  ...cardColumns,
  license: aim.license,
  version: aim.version,
  manifestError: aim.manifestError,
  manifestSource: aim.manifestSource,
  manifestUri: aim.manifestUri,
  holders: aim.holders,
};

function aimFilters(p: SearchParams) {
  const filters = p.words.map((word) => like(aim.searchText, likePattern(word)));
  if (p.valid !== undefined) filters.push(eq(aim.manifestValid, p.valid));
  if (p.node !== undefined) {
    filters.push(
      sql`exists (select 1 from ${offer} where ${offer.aimId} = ${aim.id} and ${offer.nodeId} = ${p.node} and ${offer.active} = true)`,
    );
  }
  return filters;
}

/** (sortColumn, id) strictly after the cursor, in the page's direction. */
function after(p: SearchParams, column: unknown, id: unknown) {
  if (!p.cursor) return undefined;
  const op = p.order === "asc" ? sql.raw(">") : sql.raw("<");
  return sql`(${column}, ${id}) ${op} (${p.cursor.value}, ${p.cursor.id})`;
}

async function searchListings(p: SearchParams) {
  const sortColumn =
    p.sort === "price" ? listing.pricePerUnit : p.sort === "recent" ? listing.createdAt : aim.salesCount;
  const direction = p.order === "asc" ? asc : desc;
  const filters = [eq(listing.open, true), gt(listing.expiresAt, now()), ...aimFilters(p)];
  if (p.currency) filters.push(eq(listing.currency, p.currency));
  if (p.minPrice !== undefined) filters.push(gte(listing.pricePerUnit, p.minPrice));
  if (p.maxPrice !== undefined) filters.push(lte(listing.pricePerUnit, p.maxPrice));
  const cursor = after(p, sortColumn, listing.id);
  if (cursor) filters.push(cursor);
  const rows = await db
    .select({
      listing: {
        id: listing.id,
        seller: listing.seller,
        token: listing.token,
        tokenId: listing.tokenId,
        currency: listing.currency,
        pricePerUnit: listing.pricePerUnit,
        remaining: listing.remaining,
        sold: listing.sold,
        status: listing.status,
        expiry: listing.expiry,
        createdAt: listing.createdAt,
      },
      aim: aimColumns,
    })
    .from(listing)
    .innerJoin(aim, eq(aim.id, listing.aimId))
    .where(and(...filters))
    .orderBy(direction(sortColumn), direction(listing.id))
    .limit(p.limit)
    .offset(p.offset);
  const last = rows.at(-1);
  const sortValue = (row: (typeof rows)[number]) =>
    p.sort === "price"
      ? row.listing.pricePerUnit
      : p.sort === "recent"
        ? row.listing.createdAt
        : row.aim.salesCount;
  return {
    items: rows,
    nextCursor: last && rows.length === p.limit ? encodeCursor(sortValue(last), last.listing.id) : null,
  };
}

async function searchAims(p: SearchParams) {
  const sortColumn = p.sort === "sold" ? aim.salesCount : aim.createdAt;
  const direction = p.order === "asc" ? asc : desc;
  const filters = aimFilters(p);
  const cursor = after(p, sortColumn, aim.id);
  if (cursor) filters.push(cursor);
  const rows = await db
    .select({ aim: aimColumns })
    .from(aim)
    .where(filters.length > 0 ? and(...filters) : undefined)
    .orderBy(direction(sortColumn), direction(aim.id))
    .limit(p.limit)
    .offset(p.offset);
  const last = rows.at(-1);
  return {
    items: rows.map((row) => ({ aim: row.aim, listing: null })),
    nextCursor:
      last && rows.length === p.limit
        ? encodeCursor(p.sort === "sold" ? last.aim.salesCount : last.aim.createdAt, String(last.aim.id))
        : null,
  };
}

app.get("/search", async (c) => {
  let p: SearchParams;
  try {
    p = parseSearchParams(c.req.query());
  } catch (error) {
    if (error instanceof SearchParamError) return c.json({ error: error.message }, 400);
    throw error;
  }
  const page = p.mode === "listing" ? await searchListings(p) : await searchAims(p);
  return c.json(
    json({
      mode: p.mode,
      sort: p.sort,
      order: p.order,
      items: page.items,
      nextCursor: page.nextCursor,
      nextOffset: page.items.length === p.limit ? p.offset + p.limit : null,
    }),
  );
});

app.get("/catalogue", async (c) => {
  try {
    return c.json(json(await catalogue(parseCatalogueParams(c.req.query()), now())));
  } catch (error) {
    if (error instanceof SearchParamError) return c.json({ error: error.message }, 400);
    throw error;
  }
});

app.get("/stats", async (c) => {
  const aimParam = c.req.query("aimId");
  const t = now();
  const openListing = and(eq(listing.open, true), gt(listing.expiresAt, t));
  if (aimParam !== undefined) {
    if (!/^\d{1,78}$/.test(aimParam)) return c.json({ error: "aimId: must be a decimal AIM id" }, 400);
    const id = BigInt(aimParam);
    const [row] = await db.select().from(aim).where(eq(aim.id, id));
    if (!row) return c.json({ error: `aimId: AIM ${id} is not indexed` }, 404);
    const [volumes, floorRows, nodes] = await Promise.all([
      db.select().from(aimCurrencyStat).where(eq(aimCurrencyStat.aimId, id)),
      floors([id], t),
      db
        .select({ n: count() })
        .from(offer)
        .where(and(eq(offer.aimId, id), eq(offer.active, true))),
    ]);
    return c.json(
      json({
        aimId: id,
        holders: row.holders,
        totalSupply: row.totalSupply,
        sales: row.salesCount,
        unitsSold: row.unitsSold,
        volume: volumes.map((v) => ({
          currency: v.currency,
          volume: v.volume,
          sales: v.sales,
          royalties: v.royalties,
        })),
        floor: floorRows.map((f) => ({ currency: f.currency, price: String(f.price), listings: f.listings })),
        nodes: nodes[0]?.n ?? 0,
      }),
    );
  }
  const since = Number(t / 86_400n) - 30;
  const [aims, listings, volumes, holders, nodes, channels, days] = await Promise.all([
    db.select({ total: count(), valid: sql<number>`count(*) filter (where ${aim.manifestValid})` }).from(aim),
    db.select({ n: count() }).from(listing).where(openListing),
    db
      .select({ currency: sale.currency, volume: sql<string>`sum(${sale.totalPrice})`, sales: count() })
      .from(sale)
      .groupBy(sale.currency),
    db
      .select({ n: sql<number>`count(distinct ${holding.account})` })
      .from(holding)
      .where(gt(holding.balance, 0n)),
    db.select({ n: count() }).from(node).where(eq(node.active, true)),
    db
      .select({
        token: channel.token,
        open: sql<number>`count(*) filter (where ${channel.state} = 'open')`,
        claimed: sql<string>`sum(${channel.claimed})`,
      })
      .from(channel)
      .groupBy(channel.token),
    db.select().from(dailyStat).where(gte(dailyStat.day, since)).orderBy(asc(dailyStat.day)),
  ]);
  return c.json(
    json({
      now: t,
      aims: { total: aims[0]?.total ?? 0, valid: Number(aims[0]?.valid ?? 0) },
      activeListings: listings[0]?.n ?? 0,
      sales: volumes.map((v) => ({ currency: v.currency, volume: String(v.volume), sales: v.sales })),
      holders: Number(holders[0]?.n ?? 0),
      activeNodes: nodes[0]?.n ?? 0,
      channels: channels.map((ch) => ({
        token: ch.token,
        open: Number(ch.open),
        claimed: String(ch.claimed ?? 0),
      })),
      daily: days,
    }),
  );
});

export default app;
