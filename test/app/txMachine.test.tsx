// @vitest-environment jsdom
import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { TxStatus } from "../../app/src/components/TxStatus.js";
import {
  describeTx,
  initialTxState,
  isBusy,
  type TxEvent,
  type TxState,
  txReducer,
} from "../../app/src/lib/txMachine.js";

afterEach(cleanup);

const HASH = "0x1111111111111111111111111111111111111111111111111111111111111111" as const;
const run = (events: TxEvent[], from: TxState = initialTxState) => events.reduce(txReducer, from);

describe("txReducer", () => {
  it("walks wallet -> pending -> mined -> indexed", () => {
    let s = run([{ type: "submit", label: "Buy" }]);
    expect(s).toEqual({ status: "wallet", label: "Buy" });
    s = txReducer(s, { type: "sent", hash: HASH });
    expect(s).toEqual({ status: "pending", label: "Buy", hash: HASH });
    s = txReducer(s, { type: "mined", blockNumber: 12n });
    expect(s.status).toBe("mined");
    expect(isBusy(s)).toBe(true);
    s = txReducer(s, { type: "indexerAt", blockNumber: 12n });
    expect(s).toEqual({ status: "indexed", label: "Buy", hash: HASH, blockNumber: 12n });
    expect(isBusy(s)).toBe(false);
  });
  it("stays mined while the indexer is behind the transaction's block", () => {
    const mined = run([
      { type: "submit", label: "List" },
      { type: "sent", hash: HASH },
      { type: "mined", blockNumber: 40n },
    ]);
    expect(txReducer(mined, { type: "indexerAt", blockNumber: 39n })).toBe(mined);
    expect(txReducer(mined, { type: "indexerAt", blockNumber: 41n }).status).toBe("indexed");
  });
  it("records the stage a failure happened at", () => {
    const rejected = run([
      { type: "submit", label: "Buy" },
      { type: "failed", error: { kind: "rejected", message: "no" } },
    ]);
    expect(rejected).toMatchObject({ status: "failed", stage: "wallet", hash: undefined });
    const reverted = run([
      { type: "submit", label: "Buy" },
      { type: "sent", hash: HASH },
      { type: "reverted", error: { kind: "contract", message: "reverted" } },
    ]);
    expect(reverted).toMatchObject({ status: "failed", stage: "pending", hash: HASH });
  });
  it("ignores events that do not fit the current state", () => {
    expect(txReducer(initialTxState, { type: "sent", hash: HASH })).toBe(initialTxState);
    expect(txReducer(initialTxState, { type: "mined", blockNumber: 1n })).toBe(initialTxState);
    expect(txReducer(initialTxState, { type: "failed", error: { kind: "unknown", message: "x" } })).toBe(
      initialTxState,
    );
    const wallet = run([{ type: "submit", label: "A" }]);
    expect(txReducer(wallet, { type: "submit", label: "B" })).toBe(wallet);
    expect(txReducer(wallet, { type: "reset" })).toEqual(initialTxState);
  });
  it("lets a new attempt start after a failure or a success", () => {
    const failed = run([
      { type: "submit", label: "Buy" },
      { type: "failed", error: { kind: "rejected", message: "no" } },
    ]);
    expect(txReducer(failed, { type: "submit", label: "Buy" }).status).toBe("wallet");
  });
  it("describes each state in one sentence", () => {
    expect(describeTx(run([{ type: "submit", label: "Buy" }]))).toBe("Buy: confirm in your wallet…");
    expect(
      describeTx(
        run([
          { type: "submit", label: "Buy" },
          { type: "failed", error: { kind: "rejected", message: "You said no." } },
        ]),
      ),
    ).toBe("Buy failed: You said no.");
  });
});

describe("<TxStatus>", () => {
  it("marks finished, current and failed steps and announces failures", () => {
    const mined = run([
      { type: "submit", label: "Buy" },
      { type: "sent", hash: HASH },
      { type: "mined", blockNumber: 3n },
    ]);
    const { container, rerender } = render(<TxStatus state={mined} />);
    const steps = [...container.querySelectorAll("li")].map((li) => `${li.textContent}:${li.className}`);
    expect(steps).toEqual(["Wallet:done", "Pending:done", "Mined:current", "Indexed:"]);
    const failed = txReducer(mined, {
      type: "failed",
      error: { kind: "network", message: "Index is down." },
    });
    rerender(<TxStatus state={failed} />);
    expect(screen.getByRole("alert").textContent).toBe("Buy failed: Index is down.");
    expect(container.querySelector("li.failed")?.textContent).toBe("Mined");
  });
});
