// The life of one transaction as the UI shows it:
//   idle -> wallet (waiting for the wallet) -> pending (sent, hash known) -> mined (in a block)
//        -> indexed (the indexer has reached that block, so every screen shows the new state)
// and failed from any active state (rejected in the wallet, reverted, RPC down...).
// A pure reducer: the hook in hooks/useTransaction.ts feeds it events, tests drive it directly.

import type { HumanError } from "./errors.js";

export type Hash = `0x${string}`;

export type TxState =
  | { status: "idle" }
  | { status: "wallet"; label: string }
  | { status: "pending"; label: string; hash: Hash }
  | { status: "mined"; label: string; hash: Hash; blockNumber: bigint }
  | { status: "indexed"; label: string; hash: Hash; blockNumber: bigint }
  | {
      status: "failed";
      label: string;
      error: HumanError;
      hash?: Hash;
      stage: "wallet" | "pending" | "mined";
    };

export type TxEvent =
  | { type: "submit"; label: string }
  | { type: "sent"; hash: Hash }
  | { type: "mined"; blockNumber: bigint }
  | { type: "reverted"; error: HumanError }
  | { type: "indexerAt"; blockNumber: bigint }
  | { type: "failed"; error: HumanError }
  | { type: "reset" };

export const initialTxState: TxState = { status: "idle" };

export function txReducer(state: TxState, event: TxEvent): TxState {
  switch (event.type) {
    case "reset":
      return initialTxState;
    case "submit":
      // A new attempt may start from idle, after a failure or after a completed transaction.
      return state.status === "idle" || state.status === "failed" || state.status === "indexed"
        ? { status: "wallet", label: event.label }
        : state;
    case "sent":
      return state.status === "wallet" ? { status: "pending", label: state.label, hash: event.hash } : state;
    case "mined":
      return state.status === "pending"
        ? { status: "mined", label: state.label, hash: state.hash, blockNumber: event.blockNumber }
        : state;
    case "reverted":
      return state.status === "pending"
        ? { status: "failed", label: state.label, error: event.error, hash: state.hash, stage: "pending" }
        : state;
    case "indexerAt":
      // The indexer may report a block before ours (still catching up): stay mined until it passes it.
      return state.status === "mined" && event.blockNumber >= state.blockNumber
        ? { status: "indexed", label: state.label, hash: state.hash, blockNumber: state.blockNumber }
        : state;
    case "failed":
      if (state.status === "wallet" || state.status === "pending" || state.status === "mined")
        return {
          status: "failed",
          label: state.label,
          error: event.error,
          hash: "hash" in state ? state.hash : undefined,
          stage: state.status,
        };
      return state;
  }
}

/** True while the user should not start another transaction from the same control. */
export function isBusy(state: TxState): boolean {
  return state.status === "wallet" || state.status === "pending" || state.status === "mined";
}

/** One line for a status region (read by screen readers through aria-live). */
export function describeTx(state: TxState): string {
  switch (state.status) {
    case "idle":
      return "";
    case "wallet":
      return `${state.label}: confirm in your wallet…`;
    case "pending":
      return `${state.label}: sent, waiting to be mined…`;
    case "mined":
      return `${state.label}: mined in block ${state.blockNumber}, updating the marketplace…`;
    case "indexed":
      return `${state.label}: done.`;
    case "failed":
      return `${state.label} failed: ${state.error.message}`;
  }
}
