// Buy one or many listings in one transaction. For each listing, in order, the seller's share then every
// payout get their own output tagged with the listing's out-ref; the Buy redeemer says where they start.
import type { Tx } from "lucid-cardano";
import { withMarketScript } from "./attach.js";
import { buyRedeemer, payoutTag } from "./datum.js";
import { CardanoMarketError } from "./errors.js";
import type { Lucid } from "./lucid.js";
import { sellerShare } from "./payouts.js";
import type { MarketListing, MarketOptions } from "./types.js";

/** A transaction buying every listing given (the licenses go to the buyer's wallet with the change). */
export async function buyTx(
  lucid: Lucid,
  listings: MarketListing[],
  options: MarketOptions = {},
): Promise<Tx> {
  if (listings.length === 0) throw new CardanoMarketError("nothing to buy", {});
  const seen = new Set<string>();
  let tx = withMarketScript(lucid.newTx(), options);
  let offset = 0;
  for (const { outRef, utxo, listing } of listings) {
    const key = `${outRef.txHash}#${outRef.outputIndex}`;
    if (seen.has(key)) throw new CardanoMarketError(`listing ${key} given twice`, { outRef });
    seen.add(key);
    const tag = { inline: await payoutTag(outRef) };
    tx = tx.collectFrom([utxo], await buyRedeemer(offset));
    tx = tx.payToAddressWithData(listing.seller, tag, {
      lovelace: sellerShare(listing.price, listing.payouts),
    });
    for (const payout of listing.payouts)
      tx = tx.payToAddressWithData(payout.address, tag, { lovelace: payout.lovelace });
    offset += 1 + listing.payouts.length;
  }
  return tx;
}
