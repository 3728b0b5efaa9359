// The catalogue's data: AIMs filtered by text, currency, price range, "has a listing" and "runs on a
// node", sorted by price (floor), recency or sales, one page at a time — one GET /catalogue of the
// indexer, which computes each AIM's floor per currency at query time (listings expire by the clock).
import { getJson } from "./graphql.js";
import type { AimCard } from "./queries.js";

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

const PAGE_SIZE = 24;

interface Floor {
  currency: `0x${string}`;
  price: bigint;
}

export interface CataloguePage {
  items: (AimCard & { floors: Floor[] })[];
  total: number;
  pages: number;
}

interface CatalogueAnswer {
  items: (AimCard & { floors: { currency: `0x${string}`; price: string }[] })[];
  total: number;
}

/** The /catalogue query string for `f` (price bounds only apply within a currency). */
export function catalogueQuery(f: CatalogueFilters): string {
  const params = new URLSearchParams();
  const q = f.q.trim();
  if (q) params.set("q", q);
  if (f.currency) {
    params.set("currency", f.currency);
    if (f.minPrice !== undefined) params.set("minPrice", f.minPrice.toString());
    if (f.maxPrice !== undefined) params.set("maxPrice", f.maxPrice.toString());
  }
  if (f.listed) params.set("listed", "true");
  if (f.onNode) params.set("onNode", "true");
  params.set("sort", f.sort);
  params.set("limit", String(PAGE_SIZE));
  params.set("offset", String(f.page * PAGE_SIZE));
  return `/catalogue?${params}`;
}

export async function fetchCatalogue(f: CatalogueFilters, signal?: AbortSignal): Promise<CataloguePage> {
  const answer = await getJson<CatalogueAnswer>(catalogueQuery(f), signal);
  return {
    items: answer.items.map((aim) => ({
      ...aim,
      floors: aim.floors.map((fl) => ({ currency: fl.currency, price: BigInt(fl.price) })),
    })),
    total: answer.total,
    pages: Math.ceil(answer.total / PAGE_SIZE),
  };
}
