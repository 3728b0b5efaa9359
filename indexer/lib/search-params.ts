// Parses and validates GET /search query parameters (pure: unit-tested in test/indexer/lib.test.ts).
import { z } from "zod";
import { searchable } from "./text.js";

export const MAX_PAGE = 50;
export const ETH = "0x0000000000000000000000000000000000000000";
const address = z.string().regex(/^0x[0-9a-fA-F]{40}$/, "must be a 0x-prefixed 20-byte address");
const amount = z.string().regex(/^\d{1,78}$/, "must be a non-negative integer amount in base units");

/** "ETH" or a token address, lower-cased ("ETH" becomes the zero address). */
const currency = z
  .union([z.literal("ETH"), address])
  .optional()
  .transform((v) => (v === "ETH" ? ETH : v?.toLowerCase()));

/** The free text, currency and price bounds that /search and /catalogue both take. */
export const textAndPriceFields = {
  q: z.string().max(200, "at most 200 characters").optional(),
  currency,
  minPrice: amount.optional(),
  maxPrice: amount.optional(),
};

const schema = z
  .object({
    ...textAndPriceFields,
    listed: z.enum(["true", "false"]).optional(),
    valid: z.enum(["true", "false"]).optional(),
    node: z
      .string()
      .regex(/^\d{1,20}$/, "must be a node id")
      .optional(),
    sort: z.enum(["price", "recent", "sold"]).optional(),
    order: z.enum(["asc", "desc"]).optional(),
    limit: z.coerce.number().int().min(1).max(MAX_PAGE, `at most ${MAX_PAGE}`).default(20),
    offset: z.coerce.number().int().min(0).max(10_000, "at most 10000 (use cursor beyond)").default(0),
    cursor: z.string().max(300).optional(),
  })
  .strict();

export interface SearchParams {
  /** "listing": one row per buyable listing (with its AIM); "aim": one row per AIM. */
  mode: "listing" | "aim";
  words: string[];
  currency?: `0x${string}`;
  minPrice?: bigint;
  maxPrice?: bigint;
  valid?: boolean;
  node?: bigint;
  sort: "price" | "recent" | "sold";
  order: "asc" | "desc";
  limit: number;
  offset: number;
  cursor?: { value: string; id: string };
}

export class SearchParamError extends Error {}

/** Parses `query` with `zodSchema`; throws SearchParamError naming the first bad parameter and why. */
export function parseQuery<T>(zodSchema: z.ZodType<T>, query: Record<string, string | undefined>): T {
  const parsed = zodSchema.safeParse(query);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = issue?.path.join(".") || "query";
  throw new SearchParamError(
    issue?.code === "unrecognized_keys"
      ? `unknown parameter(s): ${issue.keys.join(", ")}`
      : `${field}: ${issue?.message}`,
  );
}

/** The price range in base units; throws when min > max. */
export function priceRange(p: { minPrice?: string; maxPrice?: string }): {
  minPrice?: bigint;
  maxPrice?: bigint;
} {
  const minPrice = p.minPrice === undefined ? undefined : BigInt(p.minPrice);
  const maxPrice = p.maxPrice === undefined ? undefined : BigInt(p.maxPrice);
  if (minPrice !== undefined && maxPrice !== undefined && minPrice > maxPrice) {
    throw new SearchParamError("minPrice: greater than maxPrice");
  }
  return { minPrice, maxPrice };
}

/** Validates the query string; throws SearchParamError naming the parameter and the reason. */
export function parseSearchParams(query: Record<string, string | undefined>): SearchParams {
  const p = parseQuery(schema, query);
  const { minPrice, maxPrice } = priceRange(p);
  const listingMode =
    p.listed === "true" ||
    p.currency !== undefined ||
    minPrice !== undefined ||
    maxPrice !== undefined ||
    p.sort === "price";
  if (p.listed === "false" && listingMode) {
    throw new SearchParamError("listed: false cannot be combined with currency, price filters or sort=price");
  }
  const sort = p.sort ?? (listingMode ? "price" : "recent");
  const order = p.order ?? (sort === "price" ? "asc" : "desc");
  let cursor: SearchParams["cursor"];
  if (p.cursor !== undefined) {
    try {
      const [value, id] = JSON.parse(Buffer.from(p.cursor, "base64url").toString("utf8")) as unknown[];
      if (typeof value !== "string" || typeof id !== "string" || !/^[\w.-]{1,80}$/.test(value + id))
        throw new Error();
      cursor = { value, id };
    } catch {
      throw new SearchParamError("cursor: not a cursor returned by /search");
    }
  }
  const text = searchable(p.q);
  return {
    mode: listingMode ? "listing" : "aim",
    words: text.length > 0 ? text.split(" ").slice(0, 8) : [],
    currency: p.currency as `0x${string}` | undefined,
    minPrice,
    maxPrice,
    valid: p.valid === undefined ? undefined : p.valid === "true",
    node: p.node === undefined ? undefined : BigInt(p.node),
    sort,
    order,
    limit: p.limit,
    offset: cursor ? 0 : p.offset,
    cursor,
  };
}

/** The opaque cursor for the row after which the next page starts. */
export function encodeCursor(value: string | number | bigint, id: string): string {
  return Buffer.from(JSON.stringify([String(value), id]), "utf8").toString("base64url");
}

/** Escapes LIKE wildcards so a user's "%" or "_" matches literally. */
export function likePattern(word: string): string {
  return `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
