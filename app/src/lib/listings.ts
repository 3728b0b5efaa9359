// Active listings of one AIM, grouped by the currency they are priced in (prices in different
// currencies do not compare), cheapest first within each group.
import type { Currency } from "./price.js";

export interface PricedListing {
  id: string;
  currency: string;
  pricePerUnit: string;
}

export interface CurrencyGroup<L extends PricedListing> {
  currency: Currency;
  /** Cheapest first; equal prices in id order, so the order never flickers between refetches. */
  listings: L[];
}

/**
 * Groups `listings` by currency. Groups follow `order` (the app's currencies: ETH, then the
 * marketplace's ERC-20s); a currency not in it comes after, by symbol then address.
 */
export function groupListingsByCurrency<L extends PricedListing>(
  listings: readonly L[],
  currencyOf: (address: string) => Currency,
  order: readonly Currency[] = [],
): CurrencyGroup<L>[] {
  const groups = new Map<string, CurrencyGroup<L>>();
  for (const l of listings) {
    const key = l.currency.toLowerCase();
    let group = groups.get(key);
    if (!group) {
      group = { currency: currencyOf(key), listings: [] };
      groups.set(key, group);
    }
    group.listings.push(l);
  }
  const rank = (c: Currency) => {
    const i = order.findIndex((o) => o.address.toLowerCase() === c.address.toLowerCase());
    return i === -1 ? order.length : i;
  };
  const byPrice = (a: L, b: L) => {
    const pa = BigInt(a.pricePerUnit);
    const pb = BigInt(b.pricePerUnit);
    return pa < pb ? -1 : pa > pb ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  };
  return [...groups.values()]
    .map((g) => ({ currency: g.currency, listings: g.listings.sort(byPrice) }))
    .sort(
      (a, b) =>
        rank(a.currency) - rank(b.currency) ||
        a.currency.symbol.localeCompare(b.currency.symbol) ||
        a.currency.address.localeCompare(b.currency.address),
    );
}
