// The catalogue's data: AIMs filtered by text, currency, price range, "has a listing" and "runs on a
// node", sorted by price (floor), recency or sales, one page at a time. Floors are a query-time
// figure in the indexer (open, unexpired listings), so they are computed here from listings.
import { request } from "./graphql.js";
import {
  ACTIVE_OFFER_AIMS,
  type AimCard,
  CATALOGUE,
  LISTINGS,
  type ListingFilter,
  type ListingRow,
} from "./queries.js";

export type SortKey = "recent" | "price" | "sold";

export interface CatalogueFilters {
  q: string;
  /** "" = any currency. */
  currency: string;
  /** Base units of `currency`, only meaningful with a currency. */
  minPrice?: bigint;
  maxPrice?: bigint;
  listed: boolean;
  onNode: boolean;
  sort: SortKey;
  page: number;
}

export const PAGE_SIZE = 24;
const MAX_SCAN = 1000;

export interface Floor {
  currency: `0x${string}`;
  price: bigint;
}

export interface CataloguePage {
  items: (AimCard & { floors: Floor[] })[];
  total: number;
  pages: number;
}

const nowSeconds = (): string => String(Math.floor(Date.now() / 1000));

/** Cheapest open listing per currency for each AIM, cheapest currency first (ETH first on ties). */
export function floorsByAim(listings: readonly ListingRow[]): Map<string, Floor[]> {
  const out = new Map<string, Map<string, bigint>>();
  for (const l of listings) {
    if (l.aimId === null) continue;
    const perCurrency = out.get(l.aimId) ?? new Map<string, bigint>();
    const price = BigInt(l.pricePerUnit);
    const current = perCurrency.get(l.currency);
    if (current === undefined || price < current) perCurrency.set(l.currency, price);
    out.set(l.aimId, perCurrency);
  }
  return new Map(
    [...out].map(([aimId, m]) => [
      aimId,
      [...m]
        .map(([currency, price]) => ({ currency: currency as `0x${string}`, price }))
        .sort((a, b) => a.currency.localeCompare(b.currency)),
    ]),
  );
}

export async function fetchCatalogue(f: CatalogueFilters, signal?: AbortSignal): Promise<CataloguePage> {
  const now = nowSeconds();
  const listingWhere: ListingFilter = { open: true, expiresAt_gt: now };
  if (f.currency) listingWhere.currency = f.currency.toLowerCase() as `0x${string}`;
  if (f.currency && f.minPrice !== undefined) listingWhere.pricePerUnit_gte = f.minPrice.toString();
  if (f.currency && f.maxPrice !== undefined) listingWhere.pricePerUnit_lte = f.maxPrice.toString();
  const listingConstrained = f.listed || Boolean(f.currency) || f.sort === "price";

  let ids: string[] | undefined;
  if (listingConstrained) {
    const data = await request(
      LISTINGS,
      { where: listingWhere, orderBy: "pricePerUnit", orderDirection: "asc", limit: MAX_SCAN },
      signal,
    );
    ids = [...new Set(data.listings.items.map((l) => l.aimId).filter((x): x is string => x !== null))];
  }
  if (f.onNode) {
    const data = await request(ACTIVE_OFFER_AIMS, { limit: MAX_SCAN }, signal);
    const served = new Set(data.offers.items.map((o) => o.aimId));
    ids = (ids ?? [...served]).filter((id) => served.has(id));
  }

  const q = f.q.trim().toLowerCase();
  const where = { ...(q ? { searchText_contains: q } : {}), ...(ids ? { id_in: ids } : {}) };
  if (ids && ids.length === 0) return { items: [], total: 0, pages: 0 };

  let aims: AimCard[];
  let total: number;
  if (f.sort === "price" && ids) {
    // Order by floor: fetch the candidates, keep the listings' price order, paginate here.
    const data = await request(
      CATALOGUE,
      { where, orderBy: "id", orderDirection: "asc", limit: MAX_SCAN, offset: 0 },
      signal,
    );
    const byId = new Map(data.aims.items.map((a) => [a.id, a]));
    const ordered = ids.map((id) => byId.get(id)).filter((a): a is AimCard => Boolean(a));
    total = ordered.length;
    aims = ordered.slice(f.page * PAGE_SIZE, (f.page + 1) * PAGE_SIZE);
  } else {
    const orderBy = f.sort === "sold" ? "salesCount" : "createdAt";
    const data = await request(
      CATALOGUE,
      { where, orderBy, orderDirection: "desc", limit: PAGE_SIZE, offset: f.page * PAGE_SIZE },
      signal,
    );
    aims = data.aims.items;
    total = data.aims.totalCount;
  }

  let floors = new Map<string, Floor[]>();
  if (aims.length > 0) {
    const data = await request(
      LISTINGS,
      {
        where: { open: true, expiresAt_gt: now, aimId_in: aims.map((a) => a.id) },
        orderBy: "pricePerUnit",
        orderDirection: "asc",
        limit: MAX_SCAN,
      },
      signal,
    );
    floors = floorsByAim(data.listings.items);
  }
  return {
    items: aims.map((a) => ({ ...a, floors: floors.get(a.id) ?? [] })),
    total,
    pages: Math.ceil(total / PAGE_SIZE),
  };
}
