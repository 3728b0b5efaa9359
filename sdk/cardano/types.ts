// Plain data shapes of the Cardano side; importing this file loads nothing.
import type { OutRef, UTxO } from "lucid-cardano";

/** One payment a buyer owes besides the seller's: a royalty receiver or the marketplace fee. */
export interface Payout {
  /** Bech32 address the lovelace must reach (its staking part counts too). */
  address: string;
  /** Lovelace, > 0 (and at least the ledger's minimum UTxO, see MIN_PAYOUT_LOVELACE). */
  lovelace: bigint;
}

/** The inline datum of a listing UTxO at the market script. */
export interface Listing {
  /** Seller's bech32 address: receives `price - Σ payouts`, and its payment key signs cancel/update. */
  seller: string;
  /** What the buyer pays in total, in lovelace (seller's part + every payout). */
  price: bigint;
  /** Royalty receivers then the marketplace fee, in the order their outputs must appear. */
  payouts: Payout[];
  /** Policy id (hex) of the listed AIM licenses. */
  policyId: string;
  /** Asset name (hex) of the listed AIM licenses. */
  assetName: string;
}

/** A listing found at the market address, datum decoded and checked against the UTxO. */
export interface MarketListing {
  outRef: OutRef;
  utxo: UTxO;
  listing: Listing;
  /** How many licenses the UTxO holds (all of them are sold together). */
  quantity: bigint;
}

/** Optional deployment details: with a reference-script UTxO, transactions read the validator from it
 * instead of carrying its bytes (smaller, cheaper). */
export interface MarketOptions {
  referenceScript?: UTxO;
}
