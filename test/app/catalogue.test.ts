// The app asks the indexer's /catalogue for exactly the filters on screen.
import { describe, expect, it } from "vitest";
import { type CatalogueFilters, catalogueQuery } from "../../app/src/lib/catalogue.js";

const none: CatalogueFilters = { q: "", currency: "", listed: false, onNode: false, sort: "recent", page: 0 };
const params = (f: Partial<CatalogueFilters>) =>
  Object.fromEntries(new URL(catalogueQuery({ ...none, ...f }), "http://x").searchParams);

describe("catalogueQuery", () => {
  it("sends only the sort and the page when nothing is filtered", () => {
    expect(params({})).toEqual({ sort: "recent", limit: "24", offset: "0" });
    expect(params({ page: 2, sort: "sold" })).toEqual({ sort: "sold", limit: "24", offset: "48" });
  });

  it("sends text, flags, and price bounds only within a currency", () => {
    expect(params({ q: "  image tagger ", listed: true, onNode: true })).toMatchObject({
      q: "image tagger",
      listed: "true",
      onNode: "true",
    });
    expect(params({ minPrice: 5n, maxPrice: 9n })).not.toHaveProperty("minPrice");
    expect(params({ currency: "ETH", minPrice: 5n, maxPrice: 9n, sort: "price" })).toEqual({
      currency: "ETH",
      minPrice: "5",
      maxPrice: "9",
      sort: "price",
      limit: "24",
      offset: "0",
    });
  });
});
