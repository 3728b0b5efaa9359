// Once per market (per compiled validator): register the script's reward address, which every buy withdraws 0
// from (the ledger refuses a withdrawal from an unregistered credential; the 2 ADA deposit stays locked, since
// the validator refuses the certificate that would deregister it), and optionally publish the validator as a
// reference script, so buy/cancel/update read it instead of carrying ~3 kB each (MarketOptions.referenceScript).
import type { Tx, UTxO } from "lucid-cardano";
import { CardanoMarketError } from "./errors.js";
import type { Lucid } from "./lucid.js";
import { isMarketReference, lockedAddress, marketRewardAddress, marketValidator } from "./script.js";

/** A transaction registering the market's reward address (needed once before any buy). */
export function registerMarketTx(lucid: Lucid): Tx {
  return lucid.newTx().registerStake(marketRewardAddress(lucid));
}

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
