// Pure pieces of the indexer: manifest decoding (valid, invalid, hostile), listing rules, /search params.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { manifestHash, toDataUri } from "@aim/sdk/manifest";
import { describe, expect, it } from "vitest";
import { parseCatalogueParams } from "../../indexer/lib/catalogue-params.js";
import { decodeManifest } from "../../indexer/lib/manifest.js";
import { covers, expiresAt, listingStatus, NEVER, transferKind, utcDay } from "../../indexer/lib/market.js";
import { callFeeAt, claimRoyalty } from "../../indexer/lib/royalty.js";
import { encodeCursor, likePattern, parseSearchParams } from "../../indexer/lib/search-params.js";
import { cleanJson, cleanText, searchable } from "../../indexer/lib/text.js";

const example = readFileSync(
  createRequire(import.meta.url).resolve("@aim/sdk/examples/sentiment.json"),
  "utf8",
);
const dataUri = (text: string) => toDataUri(text);

describe("decodeManifest", () => {
  it("decodes a valid data: manifest with its display fields", () => {
    const m = decodeManifest(dataUri(example), manifestHash(example));
    const parsed = JSON.parse(example);
    expect(m.manifestValid).toBe(true);
    expect(m.manifestError).toBeNull();
    expect(m.manifestSource).toBe("data");
    expect(m.name).toBe(parsed.name);
    expect(m.manifestVersion).toBe(parsed.version);
    expect(m.endpoints?.length).toBe(parsed.endpoints.length);
    expect(m.searchText).toContain(parsed.name.toLowerCase());
  });

  it("flags a hash mismatch as invalid with the reason", () => {
    const m = decodeManifest(dataUri(example), `0x${"00".repeat(32)}`);
    expect(m.manifestValid).toBe(false);
    expect(m.manifestError).toMatch(/manifestHash/);
    expect(m.name).toBe(JSON.parse(example).name);
  });

  it("stores external URIs without fetching them", () => {
    const m = decodeManifest("ipfs://bafy/manifest.json", `0x${"11".repeat(32)}`);
    expect(m).toMatchObject({
      manifestSource: "external",
      manifestValid: false,
      manifestError: null,
      name: null,
    });
  });

  it.each([
    ["not JSON", dataUri("{nope"), /not JSON|JSON/],
    [
      "wrong types",
      dataUri(JSON.stringify({ name: 42, version: [], endpoints: "x" })),
      /name|version|endpoints/,
    ],
    ["an array", dataUri("[1,2,3]"), /.+/],
    ["bad base64", "data:application/json;base64,@@@", /base64|uri/],
    ["wrong media type", "data:text/html,<script>", /media type|uri/],
    ["huge", dataUri(JSON.stringify({ name: "x".repeat(300_000) })), /larger than/],
    [
      "invalid UTF-8",
      `data:application/json;base64,${Buffer.from([0x7b, 0xff, 0xfe, 0x7d]).toString("base64")}`,
      /UTF-8/,
    ],
  ])("flags %s as invalid without throwing", (_label, uri, reason) => {
    const m = decodeManifest(uri, `0x${"00".repeat(32)}`);
    expect(m.manifestValid).toBe(false);
    expect(m.manifestError).toMatch(reason);
  });

  it("keeps unicode tricks storable and searchable", () => {
    const hostile = JSON.stringify({
      ...JSON.parse(example),
      name: "Pay\u200Bpal\u0000 \u202Eevil\ud800",
      tags: ["ＦＵＬＬ", 7, "ok"],
    });
    const m = decodeManifest(dataUri(hostile), manifestHash(hostile));
    expect(m.name).not.toContain("\u0000");
    expect(m.name).toContain("\uFFFD");
    expect(m.searchText).toContain("paypal");
    expect(m.searchText).toContain("full");
    expect(JSON.stringify(m.manifest)).not.toContain("\\u0000");
  });
});

describe("text", () => {
  it("cleans NUL, lone surrogates and deep JSON", () => {
    expect(cleanText("a\u0000b\udc00")).toBe("ab\uFFFD");
    let deep: unknown = "x";
    for (let i = 0; i < 100; i++) deep = [deep];
    expect(JSON.stringify(cleanJson(deep))).toContain("null");
    expect(searchable("  Hello\tWORLD ", null, "Tag")).toBe("hello world tag");
  });
});

describe("listing rules", () => {
  it("derives status and expiry", () => {
    expect(listingStatus(5n, 0n, false)).toBe("active");
    expect(listingStatus(3n, 2n, false)).toBe("partially_sold");
    expect(listingStatus(0n, 5n, false)).toBe("sold_out");
    expect(listingStatus(3n, 2n, true)).toBe("cancelled");
    expect(expiresAt(0n)).toBe(NEVER);
    expect(expiresAt(1_700_000_000n)).toBe(1_700_000_000n);
    expect(transferKind("0x0000000000000000000000000000000000000000", "0xab")).toBe("mint");
    expect(transferKind("0xab", "0x0000000000000000000000000000000000000000")).toBe("burn");
    expect(utcDay(86_400n * 20_000n + 5n)).toEqual({ day: 20_000, date: "2024-10-04" });
  });
});

describe("licenses and per-call royalties", () => {
  it("keeps an offer licensed while the balance covers every serving node", () => {
    expect(covers(1n, 1)).toBe(true);
    expect(covers(0n, 1)).toBe(false);
    expect(covers(0n, 0)).toBe(false);
    expect(covers(1n, 2)).toBe(false);
    expect(covers(3n, 2)).toBe(true);
  });

  it("applies an announced increase from its date on", () => {
    const terms = { callFeeBps: 50, pendingCallFeeBps: 200, pendingCallFeeAt: 1_000n };
    expect(callFeeAt(terms, 999n)).toBe(50);
    expect(callFeeAt(terms, 1_000n)).toBe(200);
    expect(callFeeAt({ callFeeBps: 50, pendingCallFeeBps: null, pendingCallFeeAt: null }, 5_000n)).toBe(50);
  });

  it("computes each claim's royalty on cumulative amounts", () => {
    // 1,000 claims of 99 at 1% pay what one claim of 99,000 pays: floor(99,000 × 100 / 10,000) = 990.
    let paid = 0n;
    for (let i = 0n; i < 1_000n; i++) paid += claimRoyalty(i * 99n, (i + 1n) * 99n, 100);
    expect(paid).toBe(990n);
    expect(claimRoyalty(300_000n, 400_000n, 50)).toBe(500n);
    expect(claimRoyalty(5n, 5n, 100)).toBe(0n);
  });
});

describe("parseSearchParams", () => {
  it("chooses the listing catalogue when a listing filter is given", () => {
    const p = parseSearchParams({ q: "Sentiment  Analysis", currency: "ETH", sort: "price", limit: "50" });
    expect(p).toMatchObject({
      mode: "listing",
      words: ["sentiment", "analysis"],
      sort: "price",
      order: "asc",
      limit: 50,
    });
    expect(p.currency).toBe("0x0000000000000000000000000000000000000000");
    expect(parseSearchParams({}).mode).toBe("aim");
    expect(parseSearchParams({ sort: "sold" })).toMatchObject({ mode: "aim", order: "desc" });
  });

  it.each([
    [{ limit: "51" }, /limit/],
    [{ currency: "0x123" }, /currency/],
    [{ minPrice: "-1" }, /minPrice/],
    [{ minPrice: "10", maxPrice: "5" }, /greater than/],
    [{ listed: "false", currency: "ETH" }, /listed/],
    [{ cursor: "!!" }, /cursor/],
    [{ color: "red" }, /unknown parameter/],
  ])("refuses %o with a clear message", (query, message) => {
    expect(() => parseSearchParams(query as Record<string, string>)).toThrow(message);
  });

  it("round-trips cursors and escapes LIKE wildcards", () => {
    const cursor = encodeCursor(123n, "0xabc");
    expect(parseSearchParams({ cursor, sort: "price" }).cursor).toEqual({ value: "123", id: "0xabc" });
    expect(likePattern("50%_off")).toBe("%50\\%\\_off%");
  });
});

describe("parseCatalogueParams", () => {
  it("constrains to listings for a currency, a price range or the price sort (ETH by default)", () => {
    expect(parseCatalogueParams({})).toMatchObject({ listing: undefined, sort: "recent", limit: 24 });
    expect(parseCatalogueParams({ sort: "price" }).listing).toEqual({
      currency: "0x0000000000000000000000000000000000000000",
      minPrice: undefined,
      maxPrice: undefined,
    });
    const usdc = "0x00000000000000000000000000000000000005DC";
    expect(parseCatalogueParams({ currency: usdc, minPrice: "5", sort: "sold" })).toMatchObject({
      listing: { currency: usdc.toLowerCase(), minPrice: 5n },
      sort: "sold",
    });
    expect(parseCatalogueParams({ listed: "true" }).listing).toEqual({
      currency: undefined,
      minPrice: undefined,
      maxPrice: undefined,
    });
    expect(parseCatalogueParams({ q: "Image  TAGGER", onNode: "true" })).toMatchObject({
      words: ["image", "tagger"],
      onNode: true,
    });
  });

  it.each([
    [{ limit: "51" }, /limit: at most 50/],
    [{ minPrice: "5" }, /a price range needs a currency/],
    [{ currency: "ETH", minPrice: "10", maxPrice: "5" }, /greater than/],
    [{ sort: "cheapest" }, /sort/],
    [{ page: "2" }, /unknown parameter\(s\): page/],
  ])("refuses %o with a clear message", (query, message) => {
    expect(() => parseCatalogueParams(query as Record<string, string>)).toThrow(message);
  });
});
