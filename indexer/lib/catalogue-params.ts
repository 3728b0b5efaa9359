// Parses and validates GET /catalogue query parameters (pure: unit-tested in test/indexer/lib.test.ts).
// The catalogue is one row per AIM with its floor price per currency: what the app's catalogue shows.
import { z } from "zod";
import {
  ETH,
  MAX_PAGE,
  parseQuery,
  priceRange,
  SearchParamError,
  textAndPriceFields,
} from "./search-params.js";
import { searchable } from "./text.js";

const flag = z.enum(["true", "false"]).optional();

const schema = z
  .object({
    ...textAndPriceFields,
    listed: flag,
    onNode: flag,
    sort: z.enum(["price", "recent", "sold"]).default("recent"),
    limit: z.coerce.number().int().min(1).max(MAX_PAGE, `at most ${MAX_PAGE}`).default(24),
    offset: z.coerce.number().int().min(0).max(10_000, "at most 10000").default(0),
  })
  .strict();

export interface CatalogueParams {
  words: string[];
  /**
   * When set, only AIMs with an open, unexpired listing in `currency` within the price range count;
   * sort=price orders by that floor (prices of different currencies do not compare, so it defaults
   * to ETH).
   */
  listing?: { currency?: `0x${string}`; minPrice?: bigint; maxPrice?: bigint };
  onNode: boolean;
  sort: "price" | "recent" | "sold";
  limit: number;
  offset: number;
}

/** Validates the query string; throws SearchParamError naming the parameter and the reason. */
export function parseCatalogueParams(query: Record<string, string | undefined>): CatalogueParams {
  const p = parseQuery(schema, query);
  const { minPrice, maxPrice } = priceRange(p);
  if ((minPrice !== undefined || maxPrice !== undefined) && p.currency === undefined) {
    throw new SearchParamError("minPrice: a price range needs a currency");
  }
  const listed =
    p.listed === "true" || p.currency !== undefined || minPrice !== undefined || p.sort === "price";
  const text = searchable(p.q);
  return {
    words: text.length > 0 ? text.split(" ").slice(0, 8) : [],
    listing: listed
      ? {
          currency: (p.currency ?? (p.sort === "price" ? ETH : undefined)) as `0x${string}` | undefined,
          minPrice,
          maxPrice,
        }
      : undefined,
    onNode: p.onNode === "true",
    sort: p.sort,
    limit: p.limit,
    offset: p.offset,
  };
}
