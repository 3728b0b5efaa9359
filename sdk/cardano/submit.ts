import type { Tx, TxComplete } from "lucid-cardano";
import { CardanoMarketError } from "./errors.js";
import { explainMarketFailure } from "./explain.js";
import { type Lucid, loadLucid } from "./lucid.js";

/** A transaction that a script rejected while lucid evaluated it locally; `failures` holds the
 * validator's own messages, e.g. "Spend[0]: AIM: seller underpaid". */
export class ScriptRejectedError extends CardanoMarketError {
  override name = "ScriptRejectedError";
  constructor(
    readonly failures: string[],
    readonly cause: unknown,
  ) {
    super(`script rejected the transaction: ${failures.join(" | ") || String(cause)}`, { failures });
  }
}

/** Balances `tx`. lucid evaluates every script locally here, so a transaction a validator rejects throws
 * before it can be signed or submitted; the error is a ScriptRejectedError carrying the validator's message
 * (lucid's own error only says "the validator crashed"). */
export async function completeTx(lucid: Lucid, tx: Tx): Promise<TxComplete> {
  // construct() (evaluation + final balancing) consumes the WASM builder: keep the balanced body first.
  const builder = tx.txBuilder;
  const construct = builder.construct.bind(builder);
  let balanced: Uint8Array | undefined;
  builder.construct = (...args) => {
    try {
      balanced = builder.build_tx().to_bytes();
    } catch {
      balanced = undefined; // explanation unavailable; lucid's own error is rethrown below
    }
    return construct(...args);
  };
  try {
    return await tx.complete();
  } catch (error) {
    if (!String(error).includes("failed script execution") || !balanced) throw error;
    const { C } = await loadLucid();
    const failures = await explainMarketFailure(lucid, C.Transaction.from_bytes(balanced));
    throw new ScriptRejectedError(failures, error);
  }
}

/** Completes, signs with the connected wallet and submits; returns the transaction hash. */
export async function submitTx(lucid: Lucid, tx: Tx): Promise<string> {
  const complete = await completeTx(lucid, tx);
  const signed = await complete.sign().complete();
  return signed.submit();
}
