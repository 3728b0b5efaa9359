import type { Tx } from "lucid-cardano";
import { CardanoMarketError } from "./errors.js";
import { isMarketReference, marketValidator } from "./script.js";
import type { MarketOptions } from "./types.js";

/** Makes the validator available to `tx`: read from the reference-script UTxO when one is configured,
 * otherwise attached in the witness set. */
export function withMarketScript(tx: Tx, options: MarketOptions = {}): Tx {
  const ref = options.referenceScript;
  if (!ref) return tx.attachSpendingValidator(marketValidator);
  if (!isMarketReference(ref)) {
    throw new CardanoMarketError("referenceScript UTxO does not carry the market validator", {
      outRef: `${ref.txHash}#${ref.outputIndex}`,
    });
  }
  return tx.readFrom([ref]);
}
