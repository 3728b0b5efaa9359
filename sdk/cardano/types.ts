// Plain data shapes of the Cardano side; importing this file loads nothing.
import type { OutRef, UTxO } from "lucid-cardano";

/** A payment the buyer makes: to a seller, the marketplace or a royalty receiver. */
export interface Payout {
  /** Bech32 address the lovelace must reach (its staking part counts too). */
  address: string;
  lovelace: bigint;
}

/** A share of the price in basis points (1/100 of a percent). */
export interface Share {
  address: string;
  bps: number;
}

/** The inline datum of a listing UTxO at the market script. Fee and royalties are not in it: the fee is
 * compiled into the validator, royalties come from the creator's terms (RoyaltyTerms). */
export interface Listing {
  /** Seller's bech32 address: receives `price - fee - royalties + deposit`; its payment key signs cancel/update. */
  seller: string;
  /** What the buyer pays for the licenses, in lovelace (fee and royalties come out of it). */
  price: bigint;
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
  /** The lovelace locked in the listing UTxO (the seller's min-ADA deposit): returned to the seller on buy. */
  deposit: bigint;
}

/** A creator's royalty terms for a license policy: the inline datum of the UTxO holding the policy's royalty
 * terms token (see royalty.ts). */
export interface RoyaltyTerms {
  policyId: string;
  recipients: Share[];
  utxo: UTxO;
}

/** The marketplace's terms compiled into the validator (contracts/cardano/params.json). */
export interface MarketParams {
  feeAddress: {
    payment: { type: "Key" | "Script"; hash: string };
    stake: { type: "Key" | "Script"; hash: string } | null;
  };
  feeBps: number;
}

/** Optional deployment details: with a reference-script UTxO, transactions read the validator from it
 * instead of carrying its bytes (smaller, cheaper). */
export interface MarketOptions {
  referenceScript?: UTxO;
}
