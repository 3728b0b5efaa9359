// Optional: publish the validator once as a reference script, so buy/cancel/update read it instead of
// carrying ~1.8 kB each (see MarketOptions.referenceScript).
import type { Tx, UTxO } from "lucid-cardano";
import { CardanoMarketError } from "./errors.js";
import type { Lucid } from "./lucid.js";
import { isMarketReference, lockedAddress, marketValidator } from "./script.js";

/** A transaction that stores the market validator at an address nobody can spend from. */
export function deployReferenceScriptTx(lucid: Lucid): Tx {
  return lucid.newTx().payToAddressWithData(lockedAddress(lucid), { scriptRef: marketValidator }, {});
}

/** Finds the reference-script UTxO made by deployReferenceScriptTx. */
export async function findReferenceScript(lucid: Lucid): Promise<UTxO> {
  const utxo = (await lucid.utxosAt(lockedAddress(lucid))).find(isMarketReference);
  if (!utxo)
    throw new CardanoMarketError("the market validator has not been deployed as a reference script", {});
  return utxo;
}
