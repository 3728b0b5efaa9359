import type { Tx, TxComplete } from "lucid-cardano";

/** Balances `tx` (lucid evaluates every script locally here: a transaction the validator rejects throws
 * with the validator's message and is never signed). */
export function completeTx(tx: Tx): Promise<TxComplete> {
  return tx.complete();
}

/** Completes, signs with the connected wallet and submits; returns the transaction hash. */
export async function submitTx(tx: Tx): Promise<string> {
  const complete = await completeTx(tx);
  const signed = await complete.sign().complete();
  return signed.submit();
}
