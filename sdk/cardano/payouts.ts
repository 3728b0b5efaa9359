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
  /** Every output, in the validator's order: each listing's seller (ledger input order); after each run of
   * consecutive listings of one policy, its royalty receivers owed more than 0 (bps of the run's summed
   * prices, in the terms' order); last the marketplace fee (bps of all prices summed), when not 0. */
  outputs: (Payout & { kind: "seller" | "royalty" | "fee" })[];
  /** The marketplace fee (0: no output). */
  fee: bigint;
}

/** The outputs a buy of `listings` must make, in the validator's order and amounts. `terms` maps a policy id to
 * the creator's royalty recipients. */
export function settlement(
  listings: MarketListing[],
  terms: Map<string, Share[]>,
  feeBps: number = MARKET_PARAMS.feeBps,
): Settlement {
  const sorted = [...listings].sort(byOutRef);
  const outputs: Settlement["outputs"] = [];
  let total = 0n;
  let run: { policyId: string; recipients: Share[]; prices: bigint } | undefined;
  const flush = () => {
    if (!run) return;
    for (const p of royaltiesOf(run.prices, run.recipients)) outputs.push({ ...p, kind: "royalty" });
  };
  for (const l of sorted) {
    const { policyId, price } = l.listing;
    const recipients = terms.get(policyId);
    if (!recipients) throw new CardanoMarketError(`no royalty terms for policy ${policyId}`, { policyId });
    if (run?.policyId === policyId) run.prices += price;
    else {
      flush();
      run = { policyId, recipients, prices: price };
    }
    total += price;
    outputs.push({
      address: l.listing.seller,
      lovelace: sellerReceives(l, recipients, feeBps),
      kind: "seller",
    });
  }
  flush();
  const fee = shareOf(total, feeBps);
  if (fee > 0n) outputs.push({ address: "", lovelace: fee, kind: "fee" }); // address: the caller's network
  return { outputs, fee };
}
