import { lazy, Suspense, useSyncExternalStore } from "react";
import { useAccount } from "wagmi";
import { CardanoWalletSlot } from "../cardano/slots.js";
import { shortAddress } from "../lib/price.js";
import { getWalletRequest, openWalletModal, subscribeWalletRequest } from "./walletStore.js";

// RainbowKit (modal, styles, wallet list) is loaded on the first click, not with the catalogue.
const WalletModals = lazy(() => import("./WalletModals.js"));

export function WalletButton() {
  const { address, status, chain } = useAccount();
  const request = useSyncExternalStore(subscribeWalletRequest, getWalletRequest);
  const connected = status === "connected" && address;
  return (
    <>
      {/* CIP-30 wallets beside this one: nothing is rendered or loaded unless VITE_CARDANO_NETWORK is set. */}
      <CardanoWalletSlot />
      {connected ? (
        <span className="wallet">
          {!chain && (
            <button type="button" className="button danger small" onClick={() => openWalletModal("chain")}>
              Wrong network
            </button>
          )}
          <button
            type="button"
            className="button ghost"
            onClick={() => openWalletModal("account")}
            aria-label={`Account ${address}`}
          >
            <span className="dot" aria-hidden="true" />
            {shortAddress(address)}
          </button>
        </span>
      ) : (
        <button
          type="button"
          className="button primary"
          onClick={() => openWalletModal("connect")}
          disabled={status === "reconnecting" || status === "connecting"}
        >
          {status === "reconnecting" || status === "connecting" ? "Connecting…" : "Connect wallet"}
        </button>
      )}
      {request && (
        <Suspense fallback={null}>
          <WalletModals />
        </Suspense>
      )}
    </>
  );
}
