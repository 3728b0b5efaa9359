// Buy one or many listings in one transaction. Each listing is spent with Buy { its index among the inputs },
// and the transaction withdraws 0 from the market script's reward address: that runs the validator once for
// the whole transaction, which checks, from output 0 on, one output per listing to its seller (in ledger input
// order), each policy's royalty receivers after its run of listings, then the fee (settlement() in payouts.ts).
// The inputs are fixed here (the listings plus enough of the buyer's UTxOs), so each index is known before
// lucid balances the transaction.
import type { Tx, UTxO } from "lucid-cardano";
import { withMarketScript } from "./attach.js";
import { batchRedeemer, buyRedeemer } from "./datum.js";
import { CardanoMarketError } from "./errors.js";
import type { Lucid } from "./lucid.js";
import { byOutRef, MIN_OUTPUT_LOVELACE, type Settlement, settlement } from "./payouts.js";
import { fetchRoyaltyTerms } from "./royalty.js";
import { feeAddress, marketRewardAddress } from "./script.js";
import type { MarketListing, MarketOptions, Payout, RoyaltyTerms, Share } from "./types.js";

/** Lovelace the buyer's inputs must hold beyond the payments: the transaction fee and the change output
 * (which carries the licenses) with room to spare. */
const BUY_MARGIN = 5_000_000n;

/** Every policy's royalty terms; throws naming a policy whose creator has published none. */
export async function royaltyTermsFor(lucid: Lucid, listings: MarketListing[]): Promise<RoyaltyTerms[]> {
  const policies = [...new Set(listings.map((l) => l.listing.policyId))];
  return Promise.all(
    policies.map(async (policyId) => {
      const terms = await fetchRoyaltyTerms(lucid, policyId);
      if (!terms)
        throw new CardanoMarketError(
          `the creator of policy ${policyId} has published no royalty terms: its listings cannot be bought yet`,
          { policyId },
        );
      return terms;
    }),
  );
}

/** The outputs of a buy, in the validator's order (the fee at the network's fee address; amounts below the
 * ledger's minimum topped up). */
export function buyOutputs(lucid: Lucid, { outputs }: Settlement): Payout[] {
  const atLeastMin = (lovelace: bigint) => (lovelace < MIN_OUTPUT_LOVELACE ? MIN_OUTPUT_LOVELACE : lovelace);
  return outputs.map((o) => ({
    address: o.kind === "fee" ? feeAddress(lucid) : o.address,
    lovelace: atLeastMin(o.lovelace),
  }));
}

/** Spends `listings` (each with Buy { its input index }) and enough of the wallet's UTxOs to pay `lovelace`,
 * withdraws 0 from the market's reward address with the batch redeemer, reads `readFrom`. */
export async function spendListings(
  lucid: Lucid,
  tx: Tx,
  listings: MarketListing[],
  lovelace: bigint,
  readFrom: UTxO[],
  options: { withdraw?: boolean; offset?: number } = {},
): Promise<Tx> {
  const need = lovelace + BUY_MARGIN - listings.reduce((s, l) => s + l.deposit, 0n);
  const funds: UTxO[] = [];
  let held = 0n;
  const wallet = (await lucid.wallet.getUtxos()).sort((a, b) =>
    (b.assets.lovelace ?? 0n) > (a.assets.lovelace ?? 0n) ? 1 : -1,
  );
  for (const utxo of wallet) {
    if (held >= need) break;
    funds.push(utxo);
    held += utxo.assets.lovelace ?? 0n;
  }
  if (held < need)
    throw new CardanoMarketError(`the wallet holds ${held} lovelace, the buy needs about ${need}`, {
      held,
      need,
    });
  const key = (u: UTxO) => `${u.txHash}#${u.outputIndex}`;
  const order = [...listings.map((l) => l.utxo), ...funds]
    .sort((a, b) => (a.txHash === b.txHash ? a.outputIndex - b.outputIndex : a.txHash < b.txHash ? -1 : 1))
    .map(key);
  let next = tx.collectFrom(funds).readFrom(readFrom);
  for (const l of listings) next = next.collectFrom([l.utxo], await buyRedeemer(order.indexOf(key(l.utxo))));
  if (options.withdraw ?? true)
    next = next.withdraw(marketRewardAddress(lucid), 0n, await batchRedeemer(options.offset ?? 0));
  return next;
}

/** A transaction buying every listing given (the licenses go to the buyer's wallet with the change). */
export async function buyTx(
  lucid: Lucid,
  listings: MarketListing[],
  options: MarketOptions = {},
): Promise<Tx> {
  if (listings.length === 0) throw new CardanoMarketError("nothing to buy", {});
  const seen = new Set<string>();
  for (const { outRef } of listings) {
    const key = `${outRef.txHash}#${outRef.outputIndex}`;
    if (seen.has(key)) throw new CardanoMarketError(`listing ${key} given twice`, { outRef });
    seen.add(key);
  }
  const sorted = [...listings].sort(byOutRef);
  const terms = await royaltyTermsFor(lucid, sorted);
  const byPolicy = new Map<string, Share[]>(terms.map((t) => [t.policyId, t.recipients]));
  const outputs = buyOutputs(lucid, settlement(sorted, byPolicy));
  const total = outputs.reduce((s, o) => s + o.lovelace, 0n);
  let tx = await spendListings(
    lucid,
    withMarketScript(lucid.newTx(), options),
    sorted,
    total,
    terms.map((t) => t.utxo),
  );
  for (const o of outputs) tx = tx.payToAddress(o.address, { lovelace: o.lovelace });
  return tx;
}
