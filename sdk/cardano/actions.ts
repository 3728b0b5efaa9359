// One call per action: build, evaluate locally, sign with the connected wallet, submit. Each returns the
// transaction hash; the *Tx builders beside them return the unsigned transaction instead.
import { buyTx } from "./buy.js";
import { cancelTx } from "./cancel.js";
import { type ListInput, listTx } from "./list.js";
import type { Lucid } from "./lucid.js";
import { type MintLicensesInput, mintLicensesTx } from "./mint.js";
import { publishRoyaltyTermsTx } from "./royalty.js";
import { submitTx } from "./submit.js";
import type { MarketListing, MarketOptions, Share } from "./types.js";
import { updatePriceTx } from "./update.js";

export async function mintLicenses(
  lucid: Lucid,
  input: MintLicensesInput,
): Promise<{ txHash: string; unit: string }> {
  const { tx, unit } = await mintLicensesTx(lucid, input);
  return { txHash: await submitTx(lucid, tx), unit };
}

export async function list(lucid: Lucid, input: ListInput): Promise<string> {
  return submitTx(lucid, (await listTx(lucid, input)).tx);
}

export async function buy(lucid: Lucid, listings: MarketListing[], options?: MarketOptions): Promise<string> {
  return submitTx(lucid, await buyTx(lucid, listings, options));
}

export async function cancel(
  lucid: Lucid,
  listings: MarketListing[],
  options?: MarketOptions,
): Promise<string> {
  return submitTx(lucid, await cancelTx(lucid, listings, options));
}

export async function updatePrice(
  lucid: Lucid,
  listing: MarketListing,
  price: bigint,
  options?: MarketOptions,
): Promise<string> {
  return submitTx(lucid, (await updatePriceTx(lucid, listing, price, options)).tx);
}

/** Publishes (or replaces) the connected creator's royalty terms for its license policy. */
export async function publishRoyaltyTerms(lucid: Lucid, recipients: Share[]): Promise<string> {
  return submitTx(lucid, (await publishRoyaltyTermsTx(lucid, recipients)).tx);
}
