// Cancel listings: the seller signs and takes the licenses back (they return with the change).
import type { Tx } from "lucid-cardano";
import { withMarketScript } from "./attach.js";
import { cancelRedeemer } from "./datum.js";
import { CardanoMarketError } from "./errors.js";
import type { Lucid } from "./lucid.js";
import type { MarketListing, MarketOptions } from "./types.js";

/** A transaction cancelling listings that all belong to the connected wallet. */
export async function cancelTx(
  lucid: Lucid,
  listings: MarketListing[],
  options: MarketOptions = {},
): Promise<Tx> {
  if (listings.length === 0) throw new CardanoMarketError("nothing to cancel", {});
  let tx = withMarketScript(lucid.newTx(), options).collectFrom(
    listings.map((l) => l.utxo),
    await cancelRedeemer(),
  );
  for (const seller of new Set(listings.map((l) => l.listing.seller))) tx = tx.addSigner(seller);
  return tx;
}
