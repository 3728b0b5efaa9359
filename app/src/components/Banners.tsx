import { useQuery } from "@tanstack/react-query";
import { useSyncExternalStore } from "react";
import { useAccount, useBlockNumber, useSwitchChain } from "wagmi";
import { indexerUrl } from "../config.js";
import { humanizeError } from "../lib/errors.js";
import { getHealth, reportRpc, subscribeHealth } from "../lib/health.js";
import { indexerBlock } from "../lib/queries.js";
import { wagmiConfig } from "../wagmi.js";

/** Site-wide notices: indexer or RPC unreachable, wallet on the wrong network. */
export function Banners() {
  const health = useSyncExternalStore(subscribeHealth, getHealth);
  const { status, chain, chainId } = useAccount();
  const { switchChain, isPending, error } = useSwitchChain();
  const block = useBlockNumber({ query: { refetchInterval: 5_000, retry: 0 } });
  // Keeps the RPC flag honest in both directions.
  if (block.isError && health.rpc) reportRpc(false);
  if (block.isSuccess && !health.rpc) reportRpc(true);
  // While the indexer is down, ping it so the banner clears by itself when it is back.
  useQuery({
    queryKey: ["indexer-ping"],
    queryFn: () => indexerBlock(),
    enabled: !health.indexer,
    refetchInterval: 3_000,
    retry: false,
  });
  const target = wagmiConfig.chains[0];
  return (
    <div className="banners">
      {!health.indexer && (
        <output className="banner warn">
          The marketplace index ({indexerUrl}) cannot be reached, so lists may be out of date. Anything you
          typed stays here; we retry every few seconds.
        </output>
      )}
      {!health.rpc && (
        <output className="banner warn">
          The blockchain node cannot be reached: balances and transactions are paused until it is back. Your
          inputs are kept.
        </output>
      )}
      {status === "connected" && !chain && (
        <div className="banner danger" role="alert">
          Your wallet is on network {chainId}; the marketplace runs on {target.name} ({target.id}).{" "}
          <button
            type="button"
            className="button small"
            disabled={isPending}
            onClick={() => switchChain({ chainId: target.id })}
          >
            {isPending ? "Switching…" : `Switch to ${target.name}`}
          </button>
          {error && <span className="error-text"> {humanizeError(error).message}</span>}
        </div>
      )}
    </div>
  );
}
