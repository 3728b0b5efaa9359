// Update a listing's price: the seller signs and relists the same licenses at the script with a new datum.
import type { Tx } from "lucid-cardano";
import { withMarketScript } from "./attach.js";
import { encodeListing, updateRedeemer } from "./datum.js";
import type { Lucid } from "./lucid.js";
import { assertPayable, rescalePayouts } from "./payouts.js";
import { marketAddress } from "./script.js";
import type { Listing, MarketListing, MarketOptions, Payout } from "./types.js";

/** A transaction changing the price of `current`. Payouts keep their proportion of the price unless new
 * ones are given. */
export async function updatePriceTx(
  lucid: Lucid,
  current: MarketListing,
  price: bigint,
  options: MarketOptions & { payouts?: Payout[] } = {},
): Promise<{ tx: Tx; listing: Listing }> {
  const old = current.listing;
  const payouts = options.payouts ?? rescalePayouts(old.payouts, old.price, price);
  assertPayable(price, payouts);
  const listing: Listing = { ...old, price, payouts };
  const tx = withMarketScript(lucid.newTx(), options)
    .collectFrom([current.utxo], await updateRedeemer(price))
    .payToContract(marketAddress(lucid), { inline: await encodeListing(lucid, listing) }, current.utxo.assets)
    .addSigner(old.seller);
  return { tx, listing };
}
