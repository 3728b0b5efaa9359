// Update a listing's price: the seller cancels it (its signature) and relists the same licenses at the script
// with a new datum, in one transaction. Fee and royalties are not in the datum, so the new listing owes them
// exactly like the old one.
import type { Tx } from "lucid-cardano";
import { withMarketScript } from "./attach.js";
import { cancelRedeemer, encodeListing } from "./datum.js";
import { CardanoMarketError } from "./errors.js";
import type { Lucid } from "./lucid.js";
import { marketAddress } from "./script.js";
import type { Listing, MarketListing, MarketOptions } from "./types.js";

/** A transaction changing the price of `current`. */
export async function updatePriceTx(
  lucid: Lucid,
  current: MarketListing,
  price: bigint,
  options: MarketOptions = {},
): Promise<{ tx: Tx; listing: Listing }> {
  if (price <= 0n) throw new CardanoMarketError("price must be positive", { price });
  const listing: Listing = { ...current.listing, price };
  const tx = withMarketScript(lucid.newTx(), options)
    .collectFrom([current.utxo], await cancelRedeemer())
    .payToContract(marketAddress(lucid), { inline: await encodeListing(lucid, listing) }, current.utxo.assets)
    .addSigner(current.listing.seller);
  return { tx, listing };
}
