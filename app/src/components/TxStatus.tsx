import { describeTx, type TxState } from "../lib/txMachine.js";

const STEPS = ["wallet", "pending", "mined", "indexed"] as const;
const LABELS: Record<(typeof STEPS)[number], string> = {
  wallet: "Wallet",
  pending: "Pending",
  mined: "Mined",
  indexed: "Indexed",
};

/** The four stages of a transaction, with the current one highlighted, and failures as a sentence. */
export function TxStatus({ state, onRetry }: { state: TxState; onRetry?: () => void }) {
  if (state.status === "idle") return <div className="tx" aria-live="polite" />;
  const reached = state.status === "failed" ? STEPS.indexOf(state.stage) : STEPS.indexOf(state.status);
  return (
    <div className={`tx ${state.status}`} aria-live="polite" data-status={state.status}>
      <ol className="tx-steps">
        {STEPS.map((step, i) => (
          <li
            key={step}
            className={
              i < reached || state.status === "indexed"
                ? "done"
                : i === reached
                  ? state.status === "failed"
                    ? "failed"
                    : "current"
                  : ""
            }
          >
            {LABELS[step]}
          </li>
        ))}
      </ol>
      <p
        className={state.status === "failed" ? "error-text" : "tx-text"}
        role={state.status === "failed" ? "alert" : undefined}
      >
        {describeTx(state)}
      </p>
      {state.status === "failed" && onRetry && (
        <button type="button" className="button small" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}
