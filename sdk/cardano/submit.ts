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

/**
 * A wallet or provider failure at the `step` it happened: CIP-30 error codes overlap (2 is "user
 * declined" when signing but "failure" when submitting), so the step decides what they mean.
 */
export class CardanoTxStepError extends Error {
  override name = "CardanoTxStepError";
  constructor(
    readonly step: "sign" | "submit",
    readonly cause: unknown,
  ) {
    const info = typeof cause === "object" && cause !== null ? (cause as { info?: unknown }).info : undefined;
    super(typeof info === "string" ? info : cause instanceof Error ? cause.message : String(cause));
  }
  get code(): unknown {
    return typeof this.cause === "object" && this.cause !== null
      ? (this.cause as { code?: unknown }).code
      : undefined;
  }
}

/** Completes, signs with the connected wallet and submits; returns the transaction hash. */
export async function submitTx(lucid: Lucid, tx: Tx): Promise<string> {
  const complete = await completeTx(lucid, tx);
  const signed = await complete
    .sign()
    .complete()
    .catch((error: unknown) => {
      throw new CardanoTxStepError("sign", error);
    });
  return signed.submit().catch((error: unknown) => {
    throw new CardanoTxStepError("submit", error);
  });
}
