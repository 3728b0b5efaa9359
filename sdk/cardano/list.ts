// List AIM licenses: lock them at the market script with a Listing datum (no script runs). The fee and the
// creator's royalties are not the seller's to write: the validator takes them from its parameters and from
// the creator's royalty terms at buy time.
import type { Tx } from "lucid-cardano";
import { encodeListing } from "./datum.js";
import { CardanoMarketError } from "./errors.js";
import type { Lucid } from "./lucid.js";
import { marketAddress } from "./script.js";
import type { Listing } from "./types.js";

export interface ListInput {
  policyId: string;
  assetName: string;
  /** How many licenses to sell together (default 1). */
  quantity?: bigint;
  /** What the buyer pays, in lovelace (fee and royalties come out of it). */
  price: bigint;
}

/** A transaction that lists licenses from the connected wallet; the seller is the wallet's address. */
export async function listTx(lucid: Lucid, input: ListInput): Promise<{ tx: Tx; listing: Listing }> {
  const quantity = input.quantity ?? 1n;
  if (quantity <= 0n) throw new CardanoMarketError("quantity must be positive", { quantity });
  if (input.price <= 0n) throw new CardanoMarketError("price must be positive", { price: input.price });
  if (!/^[0-9a-f]{56}$/.test(input.policyId)) {
    throw new CardanoMarketError("policyId must be 28 bytes of hex", { policyId: input.policyId });
  }
  const seller = await lucid.wallet.address();
  if (lucid.utils.getAddressDetails(seller).paymentCredential?.type !== "Key") {
    throw new CardanoMarketError("the seller's wallet must have a key payment credential", { seller });
  }
  const { price, policyId, assetName } = input;
  const listing: Listing = { seller, price, policyId, assetName };
  const datum = await encodeListing(lucid, listing);
  const unit = input.policyId + input.assetName;
  const tx = lucid.newTx().payToContract(marketAddress(lucid), { inline: datum }, { [unit]: quantity });
  return { tx, listing };
}
