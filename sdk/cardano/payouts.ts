// What a buy pays, exactly as the validator computes it (contracts/cardano/market.hl). Pure: loads nothing.
import { CardanoMarketError } from "./errors.js";
import { MARKET_PARAMS } from "./script.js";
import type { MarketListing, Payout, Share } from "./types.js";

/** Outputs below this are topped up by the buyer (the ledger's minimum for an ADA-only output is ≈1 ADA). */
export const MIN_OUTPUT_LOVELACE = 1_000_000n;

/** Floor of price × bps / 10000, as the validator rounds. */
export const shareOf = (price: bigint, bps: number): bigint => (price * BigInt(bps)) / 10_000n;

/** The marketplace fee on one price. */
export function feeOf(price: bigint, feeBps: number = MARKET_PARAMS.feeBps): bigint {
  return shareOf(price, feeBps);
}

/** The creator's royalties on one price (receivers owed nothing are left out). */
export function royaltiesOf(price: bigint, recipients: Share[]): Payout[] {
  return recipients
    .map((r) => ({ address: r.address, lovelace: shareOf(price, r.bps) }))
    .filter((p) => p.lovelace > 0n);
}

/** What the seller receives at least: price − price × (fee bps + royalty bps) / 10000 + the listing's deposit
 * (the validator rounds the fee and royalties together, in the seller's favour). */
export function sellerReceives(
  listing: Pick<MarketListing, "listing" | "deposit">,
  recipients: Share[],
  feeBps: number = MARKET_PARAMS.feeBps,
): bigint {
  const { price } = listing.listing;
  const cut = recipients.reduce((sum, r) => sum + r.bps, feeBps);
  return price - shareOf(price, cut) + listing.deposit;
}

/** Throws when royalty terms are malformed or leave the seller less than nothing. */
export function assertRoyaltyShares(recipients: Share[], feeBps: number = MARKET_PARAMS.feeBps): void {
  let total = feeBps;
  for (const r of recipients) {
    if (!Number.isInteger(r.bps) || r.bps < 0 || r.bps > 10_000)
      throw new CardanoMarketError("royalty bps must be an integer in 0..10000", { ...r });
    total += r.bps;
  }
  if (total > 10_000)
    throw new CardanoMarketError("royalties and the marketplace fee exceed the price", { total });
}

/** Ledger order of inputs: by transaction id, then output index. */
export function byOutRef(a: MarketListing, b: MarketListing): number {
  const { txHash: x, outputIndex: i } = a.outRef;
  const { txHash: y, outputIndex: j } = b.outRef;
  return x === y ? i - j : x < y ? -1 : 1;
}

export interface Settlement {
  /** One output per listing, in ledger input order. */
  sellers: Payout[];
  /** The marketplace fee: fee bps of all prices summed (0: no output). */
  fee: bigint;
  /** One output per royalty receiver, in order of first appearance: bps of the summed prices of each run of
   * consecutive listings (in ledger order) of one policy. */
  royalties: Payout[];
}

/** The outputs a buy of `listings` must make, in the validator's order and amounts. `terms` maps a policy id to
 * the creator's royalty recipients. */
export function settlement(
  listings: MarketListing[],
  terms: Map<string, Share[]>,
  feeBps: number = MARKET_PARAMS.feeBps,
): Settlement {
  const sorted = [...listings].sort(byOutRef);
  const dues = new Map<string, bigint>();
  const addRun = (recipients: Share[], prices: bigint) => {
    for (const p of royaltiesOf(prices, recipients))
      dues.set(p.address, (dues.get(p.address) ?? 0n) + p.lovelace);
  };
  let total = 0n;
  let run: { policyId: string; recipients: Share[]; prices: bigint } | undefined;
  const sellers = sorted.map((l) => {
    const { policyId, price } = l.listing;
    const recipients = terms.get(policyId);
    if (!recipients) throw new CardanoMarketError(`no royalty terms for policy ${policyId}`, { policyId });
    if (run?.policyId === policyId) run.prices += price;
    else {
      if (run) addRun(run.recipients, run.prices);
      run = { policyId, recipients, prices: price };
    }
    total += price;
    return { address: l.listing.seller, lovelace: sellerReceives(l, recipients, feeBps) };
  });
  if (run) addRun(run.recipients, run.prices);
  const royalties = [...dues].map(([address, lovelace]) => ({ address, lovelace }));
  return { sellers, fee: shareOf(total, feeBps), royalties };
}
