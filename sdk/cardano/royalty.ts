// The creator's royalty terms on chain. Under the license policy (native script `sig(creator key)`, so only the
// creator can mint under it) the creator mints one royalty terms token, asset name ROYALTY_TERMS_NAME, and keeps
// it at the policy script's own address (only the creator's key can spend from it, and no wallet spends it by
// accident) with an inline datum listing [address, bps] per receiver. Every buy reads it as a reference input:
// the validator pays the royalties from it, never from anything the seller wrote.
import type { Tx, UTxO } from "lucid-cardano";
import { decodeRoyaltyTerms, encodeRoyaltyTerms } from "./datum.js";
import { CardanoMarketError } from "./errors.js";
import type { Lucid } from "./lucid.js";
import { licensePolicy } from "./mint.js";
import { assertRoyaltyShares } from "./payouts.js";
import type { RoyaltyTerms, Share } from "./types.js";

/** "\0aim-royalty": no AIM id (the asset name of its licenses) may start with a NUL byte. */
export const ROYALTY_TERMS_NAME = "0061696d2d726f79616c7479";

/** The creator's royalty terms for `policyId`, or undefined when the creator has published none (then its
 * listings cannot be bought). */
export async function fetchRoyaltyTerms(lucid: Lucid, policyId: string): Promise<RoyaltyTerms | undefined> {
  let utxo: UTxO | undefined;
  try {
    utxo = await lucid.utxoByUnit(policyId + ROYALTY_TERMS_NAME);
  } catch {
    return undefined; // not minted (providers throw when no UTxO holds the unit)
  }
  if (!utxo?.datum) return undefined;
  const recipients = await decodeRoyaltyTerms(lucid, utxo.datum).catch(() => undefined);
  return recipients ? { policyId, recipients, utxo } : undefined;
}

/** The address the creator keeps the terms at: the license policy's native script as a payment credential. */
export function royaltyTermsAddress(lucid: Lucid, creatorKeyHash: string): string {
  return lucid.utils.validatorToAddress(licensePolicy(lucid, creatorKeyHash).script);
}

/** A transaction (signed by the connected wallet, the creator) publishing or replacing the royalty terms of
 * its license policy: mints the terms token the first time, moves it with the new datum afterwards. */
export async function publishRoyaltyTermsTx(
  lucid: Lucid,
  recipients: Share[],
): Promise<{ tx: Tx; policyId: string }> {
  assertRoyaltyShares(recipients);
  const address = await lucid.wallet.address();
  const keyHash = lucid.utils.getAddressDetails(address).paymentCredential?.hash;
  if (!keyHash) throw new CardanoMarketError("wallet address has no payment key", { address });
  const { script, policyId } = licensePolicy(lucid, keyHash);
  const unit = policyId + ROYALTY_TERMS_NAME;
  const datum = await encodeRoyaltyTerms(lucid, recipients);
  const current = await fetchRoyaltyTerms(lucid, policyId);
  let tx = lucid.newTx().addSignerKey(keyHash);
  if (current) tx = tx.collectFrom([current.utxo]).attachSpendingValidator(script);
  else tx = tx.mintAssets({ [unit]: 1n }).attachMintingPolicy(script);
  tx = tx.payToAddressWithData(royaltyTermsAddress(lucid, keyHash), { inline: datum }, { [unit]: 1n });
  return { tx, policyId };
}
