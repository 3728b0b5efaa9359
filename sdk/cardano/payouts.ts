// Payout arithmetic shared by list, update and the CLI. Pure: loads nothing.
import { CardanoMarketError } from "./errors.js";
import type { Payout } from "./types.js";

/** Smallest payout (and seller share) accepted: every payout is its own output, and an output must hold
 * the ledger's minimum lovelace (≈1.2 ADA for a base address with the 40-byte tag datum). */
export const MIN_PAYOUT_LOVELACE = 1_500_000n;

/** A share of the price in basis points (1/100 of a percent). */
export interface Share {
  address: string;
  bps: number;
}

/** Payouts for `price` from shares, rounded down (the seller keeps the remainder). */
export function payoutsFromShares(price: bigint, shares: Share[]): Payout[] {
  return shares.map((s) => {
    if (!Number.isInteger(s.bps) || s.bps <= 0 || s.bps > 10_000) {
      throw new CardanoMarketError("share bps must be an integer in 1..10000", { ...s });
    }
    return { address: s.address, lovelace: (price * BigInt(s.bps)) / 10_000n };
  });
}

/** The seller's part: price minus every payout. */
export function sellerShare(price: bigint, payouts: Payout[]): bigint {
  return payouts.reduce((rest, p) => rest - p.lovelace, price);
}

/** Throws when a payout or the seller's share is below MIN_PAYOUT_LOVELACE. */
export function assertPayable(price: bigint, payouts: Payout[]): void {
  for (const [index, p] of payouts.entries()) {
    if (p.lovelace < MIN_PAYOUT_LOVELACE) {
      throw new CardanoMarketError(
        `payout ${index + 1} (${p.lovelace} lovelace) is below the minimum output`,
        {
          index: index + 1,
          lovelace: p.lovelace,
          minimum: MIN_PAYOUT_LOVELACE,
        },
      );
    }
  }
  const seller = sellerShare(price, payouts);
  if (seller < MIN_PAYOUT_LOVELACE) {
    throw new CardanoMarketError(`seller's share (${seller} lovelace) is below the minimum output`, {
      price,
      seller,
      minimum: MIN_PAYOUT_LOVELACE,
    });
  }
}

/** Payouts rescaled to a new price, keeping each one's proportion of the old price. */
export function rescalePayouts(payouts: Payout[], oldPrice: bigint, newPrice: bigint): Payout[] {
  return payouts.map((p) => ({ address: p.address, lovelace: (p.lovelace * newPrice) / oldPrice }));
}
