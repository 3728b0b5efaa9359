import { describe, expect, it } from "vitest";
import { groupListingsByCurrency } from "../../app/src/lib/listings.js";
import { type Currency, ETH } from "../../app/src/lib/price.js";

const USDC: Currency = {
  address: "0x00000000000000000000000000000000000000aa",
  symbol: "tUSDC",
  decimals: 6,
};
const HYPC: Currency = {
  address: "0x00000000000000000000000000000000000000bb",
  symbol: "tHyPC",
  decimals: 6,
};
const KNOWN = [ETH, USDC, HYPC];
const currencyOf = (a: string): Currency =>
  KNOWN.find((c) => c.address === a.toLowerCase()) ?? {
    address: a as `0x${string}`,
    symbol: "tokens",
    decimals: 18,
  };

const listing = (id: string, currency: Currency | string, pricePerUnit: string) => ({
  id,
  currency: typeof currency === "string" ? currency : currency.address,
  pricePerUnit,
});

describe("groupListingsByCurrency", () => {
  it("groups by currency in the app's currency order, cheapest first within each", () => {
    // As the indexer orders them: by raw pricePerUnit across currencies, which mixes units.
    const rows = [
      listing("0x05", USDC, "900000"),
      listing("0x01", USDC, "2000000"),
      listing("0x02", ETH, "30000000000000000"),
      listing("0x03", ETH, "10000000000000000"),
      listing("0x04", USDC, "1500000"),
    ];
    const groups = groupListingsByCurrency(rows, currencyOf, KNOWN);
    expect(groups.map((g) => g.currency.symbol)).toEqual(["ETH", "tUSDC"]);
    expect(groups[0]?.listings.map((l) => l.id)).toEqual(["0x03", "0x02"]);
    expect(groups[1]?.listings.map((l) => l.id)).toEqual(["0x05", "0x04", "0x01"]);
  });

  it("compares prices as integers, not strings or floats", () => {
    const rows = [
      listing("0x01", ETH, "100000000000000000000"),
      listing("0x02", ETH, "99999999999999999999"),
      listing("0x03", ETH, "9"),
    ];
    expect(groupListingsByCurrency(rows, currencyOf, KNOWN)[0]?.listings.map((l) => l.id)).toEqual([
      "0x03",
      "0x02",
      "0x01",
    ]);
  });

  it("breaks equal prices by id and matches currency addresses case-insensitively", () => {
    const rows = [
      listing("0x0b", USDC.address.toUpperCase().replace("0X", "0x"), "5"),
      listing("0x0a", USDC, "5"),
    ];
    const groups = groupListingsByCurrency(rows, currencyOf, KNOWN);
    expect(groups).toHaveLength(1);
    expect(groups[0]?.currency).toEqual(USDC);
    expect(groups[0]?.listings.map((l) => l.id)).toEqual(["0x0a", "0x0b"]);
  });

  it("puts currencies the app does not know after the known ones, by symbol", () => {
    const rows = [
      listing("0x01", "0x00000000000000000000000000000000000000ff", "1"),
      listing("0x02", HYPC, "7"),
      listing("0x03", ETH, "8"),
    ];
    expect(groupListingsByCurrency(rows, currencyOf, KNOWN).map((g) => g.currency.symbol)).toEqual([
      "ETH",
      "tHyPC",
      "tokens",
    ]);
  });

  it("returns no group for no listing and leaves the input untouched", () => {
    expect(groupListingsByCurrency([], currencyOf, KNOWN)).toEqual([]);
    const rows = [listing("0x02", ETH, "2"), listing("0x01", ETH, "1")];
    groupListingsByCurrency(rows, currencyOf, KNOWN);
    expect(rows.map((l) => l.id)).toEqual(["0x02", "0x01"]);
  });
});
