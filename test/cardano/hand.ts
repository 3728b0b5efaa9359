// Transactions built by hand, bypassing the SDK's correct outputs: what a cheating buyer or a stranger
// could submit. They go through lucid's complete(), whose local script evaluation must reject them.

import {
  buyRedeemer,
  cancelRedeemer,
  encodeListing,
  payoutTag,
  updateRedeemer,
} from "@aim/sdk/cardano/datum";
import type { Lucid } from "@aim/sdk/cardano/lucid";
import { marketAddress, marketValidator } from "@aim/sdk/cardano/script";
import type { Listing, MarketListing } from "@aim/sdk/cardano/types";
import type { OutRef, Tx } from "lucid-cardano";

export interface HandOutput {
  address: string;
  lovelace: bigint;
  /** Out-ref the output is tagged with; null for no datum. */
  tag: OutRef | null;
}

/** Spends `spends` with Buy { offset } redeemers and pays exactly `outputs`, in order. */
export async function handBuy(
  lucid: Lucid,
  spends: { listing: MarketListing; offset: number }[],
  outputs: HandOutput[],
): Promise<Tx> {
  let tx = lucid.newTx().attachSpendingValidator(marketValidator);
  for (const { listing, offset } of spends) tx = tx.collectFrom([listing.utxo], await buyRedeemer(offset));
  for (const o of outputs) {
    const assets = { lovelace: o.lovelace };
    tx = o.tag
      ? tx.payToAddressWithData(o.address, { inline: await payoutTag(o.tag) }, assets)
      : tx.payToAddress(o.address, assets);
  }
  return tx;
}

/** The honest outputs of one listing, to be altered by a test. */
export function honestOutputs(l: MarketListing): HandOutput[] {
  const { seller, price, payouts } = l.listing;
  const rest = payouts.reduce((r, p) => r - p.lovelace, price);
  return [
    { address: seller, lovelace: rest, tag: l.outRef },
    ...payouts.map((p) => ({ address: p.address, lovelace: p.lovelace, tag: l.outRef })),
  ];
}

/** Cancel with no signer added. */
export async function handCancel(lucid: Lucid, l: MarketListing): Promise<Tx> {
  return lucid
    .newTx()
    .attachSpendingValidator(marketValidator)
    .collectFrom([l.utxo], await cancelRedeemer());
}

/** Update { price } whose continuing output goes to `to` (default: the market) with datum `next`. */
export async function handUpdate(
  lucid: Lucid,
  l: MarketListing,
  price: bigint,
  next: Listing,
  options: { to?: string; signer?: string } = {},
): Promise<Tx> {
  let tx = lucid
    .newTx()
    .attachSpendingValidator(marketValidator)
    .collectFrom([l.utxo], await updateRedeemer(price))
    .payToContract(
      options.to ?? marketAddress(lucid),
      { inline: await encodeListing(lucid, next) },
      l.utxo.assets,
    );
  if (options.signer) tx = tx.addSigner(options.signer);
  return tx;
}
