// Transactions built by hand, bypassing the SDK's correct outputs: what a cheating buyer or a stranger
// could submit. They go through lucid's complete(), whose local script evaluation must reject them.

import { royaltyTermsFor, spendListings } from "@aim/sdk/cardano/buy";
import { cancelRedeemer, encodeListing } from "@aim/sdk/cardano/datum";
import type { Lucid } from "@aim/sdk/cardano/lucid";
import { byOutRef, settlement } from "@aim/sdk/cardano/payouts";
import { feeAddress, marketAddress, marketValidator } from "@aim/sdk/cardano/script";
import type { Listing, MarketListing, Share } from "@aim/sdk/cardano/types";
import type { Tx, UTxO } from "lucid-cardano";

export interface HandOutput {
  address: string;
  lovelace: bigint;
}

export interface HandBuyOptions {
  /** Withdraw 0 from the market's reward address, running the batch check (default true). */
  withdraw?: boolean;
  /** Reference inputs (default: the royalty terms of every listed policy). */
  readFrom?: UTxO[];
  /** The batch redeemer's output offset (default 0). */
  offset?: number;
}

/** Spends `listings` with Buy and pays exactly `outputs`, in order. */
export async function handBuy(
  lucid: Lucid,
  listings: MarketListing[],
  outputs: HandOutput[],
  options: HandBuyOptions = {},
): Promise<Tx> {
  const refs = options.readFrom ?? (await royaltyTermsFor(lucid, listings)).map((t) => t.utxo);
  const total = outputs.reduce((s, o) => s + o.lovelace, 0n);
  const start = lucid.newTx().attachSpendingValidator(marketValidator);
  let tx = await spendListings(lucid, start, listings, total, refs, options);
  for (const o of outputs) tx = tx.payToAddress(o.address, { lovelace: o.lovelace });
  return tx;
}

/** The honest outputs of a buy of `listings` (sellers in ledger order, each run's royalties, the fee), to be
 * altered by a test. */
export async function honestOutputs(
  lucid: Lucid,
  listings: MarketListing[],
  royalties: Share[],
): Promise<HandOutput[]> {
  const terms = new Map(listings.map((l) => [l.listing.policyId, royalties]));
  const { outputs } = settlement([...listings].sort(byOutRef), terms);
  return outputs.map((o) => ({
    address: o.kind === "fee" ? feeAddress(lucid) : o.address,
    lovelace: o.lovelace,
  }));
}

/** Cancel with no signer added. */
export async function handCancel(lucid: Lucid, l: MarketListing): Promise<Tx> {
  return lucid
    .newTx()
    .attachSpendingValidator(marketValidator)
    .collectFrom([l.utxo], await cancelRedeemer());
}

/** A relisting (Cancel + a new output at `to`, default the market, with datum `next`). */
export async function handUpdate(
  lucid: Lucid,
  l: MarketListing,
  next: Listing,
  options: { to?: string; signer?: string } = {},
): Promise<Tx> {
  let tx = lucid
    .newTx()
    .attachSpendingValidator(marketValidator)
    .collectFrom([l.utxo], await cancelRedeemer())
    .payToContract(
      options.to ?? marketAddress(lucid),
      { inline: await encodeListing(lucid, next) },
      l.utxo.assets,
    );
  if (options.signer) tx = tx.addSigner(options.signer);
  return tx;
}
