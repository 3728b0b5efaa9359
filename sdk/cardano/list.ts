// List AIM licenses: lock them at the market script with a Listing datum (no script runs).
import type { Tx } from "lucid-cardano";
import { encodeListing } from "./datum.js";
import { CardanoMarketError } from "./errors.js";
import type { Lucid } from "./lucid.js";
import { assertPayable } from "./payouts.js";
import { marketAddress } from "./script.js";
import type { Listing, Payout } from "./types.js";

export interface ListInput {
  policyId: string;
  assetName: string;
  /** How many licenses to sell together (default 1). */
  quantity?: bigint;
  /** Total the buyer pays, in lovelace. */
  price: bigint;
  /** Royalty receivers and the marketplace fee, paid out of `price`. */
  payouts: Payout[];
}

/** A transaction that lists licenses from the connected wallet; the seller is the wallet's address. */
export async function listTx(lucid: Lucid, input: ListInput): Promise<{ tx: Tx; listing: Listing }> {
  const quantity = input.quantity ?? 1n;
  if (quantity <= 0n) throw new CardanoMarketError("quantity must be positive", { quantity });
  if (!/^[0-9a-f]{56}$/.test(input.policyId)) {
    throw new CardanoMarketError("policyId must be 28 bytes of hex", { policyId: input.policyId });
  }
  assertPayable(input.price, input.payouts);
  const seller = await lucid.wallet.address();
  if (lucid.utils.getAddressDetails(seller).paymentCredential?.type !== "Key") {
    throw new CardanoMarketError("the seller's wallet must have a key payment credential", { seller });
  }
  const { price, payouts, policyId, assetName } = input;
  const listing: Listing = { seller, price, payouts, policyId, assetName };
  const datum = await encodeListing(lucid, listing);
  const unit = input.policyId + input.assetName;
  const tx = lucid.newTx().payToContract(marketAddress(lucid), { inline: datum }, { [unit]: quantity });
  return { tx, listing };
}
