// Runs one write through the status machine: wallet -> pending -> mined -> indexed. "Indexed" is
// reached when the indexer's _meta reports a block at or past the receipt's, and only then are the
// cached queries refetched, so no screen ever shows the state from before the transaction.
import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useReducer, useRef } from "react";
import type { TransactionReceipt } from "viem";
import { useAccount, useConfig } from "wagmi";
import { waitForTransactionReceipt } from "wagmi/actions";
import { humanizeError } from "../lib/errors.js";
import { portfolioQuery } from "../lib/portfolio.js";
import { waitForIndexer } from "../lib/queries.js";
import { type Hash, initialTxState, type TxState, txReducer } from "../lib/txMachine.js";

export interface TransactionRunner {
  state: TxState;
  /** Sends with `send` (which asks the wallet and returns the hash); resolves to the receipt once
   * indexed, or null when it failed (the state then says why). */
  run: (label: string, send: () => Promise<Hash>) => Promise<TransactionReceipt | null>;
  reset: () => void;
}

export function useTransaction(): TransactionRunner {
  const config = useConfig();
  const { address: account } = useAccount();
  const queryClient = useQueryClient();
  const [state, dispatch] = useReducer(txReducer, initialTxState);
  const running = useRef(false);

  const run = useCallback(
    async (label: string, send: () => Promise<Hash>): Promise<TransactionReceipt | null> => {
      if (running.current) return null;
      running.current = true;
      dispatch({ type: "submit", label });
      try {
        const hash = await send();
        dispatch({ type: "sent", hash });
        const receipt = await waitForTransactionReceipt(config, { hash, pollingInterval: 200 });
        if (receipt.status === "reverted") {
          dispatch({
            type: "reverted",
            error: { kind: "contract", message: "The transaction reverted on chain." },
          });
          return null;
        }
        dispatch({ type: "mined", blockNumber: receipt.blockNumber });
        // Marks for `npm run bench:app`: mined -> indexed -> the screens refetched.
        performance.mark(`tx-mined:${hash}`);
        const indexed = await waitForIndexer(receipt.blockNumber);
        dispatch({ type: "indexerAt", blockNumber: indexed });
        performance.mark(`tx-indexed:${hash}`);
        // Every cached screen refetches; the portfolio is fetched even if not visited yet.
        await Promise.all([
          queryClient.invalidateQueries(),
          account ? queryClient.prefetchQuery(portfolioQuery(account)) : undefined,
        ]);
        performance.mark(`tx-refetched:${hash}`);
        return receipt;
      } catch (error) {
        dispatch({ type: "failed", error: humanizeError(error) });
        return null;
      } finally {
        running.current = false;
      }
    },
    [config, queryClient, account],
  );

  return { state, run, reset: useCallback(() => dispatch({ type: "reset" }), []) };
}
