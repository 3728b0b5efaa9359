// The lazily loaded RainbowKit layer: its provider, styles and modals. Mounted on the first wallet
// request and kept mounted; it opens whichever modal walletStore asks for.
import "@rainbow-me/rainbowkit/styles.css";
import {
  darkTheme,
  lightTheme,
  RainbowKitProvider,
  useAccountModal,
  useChainModal,
  useConnectModal,
} from "@rainbow-me/rainbowkit";
import { useEffect, useSyncExternalStore } from "react";
import { useTheme } from "./ThemeToggle.js";
import { getWalletRequest, subscribeWalletRequest } from "./walletStore.js";

function Opener() {
  const request = useSyncExternalStore(subscribeWalletRequest, getWalletRequest);
  const { openConnectModal } = useConnectModal();
  const { openAccountModal } = useAccountModal();
  const { openChainModal } = useChainModal();
  // biome-ignore lint/correctness/useExhaustiveDependencies: open once per request (seq), when its opener exists.
  useEffect(() => {
    if (!request) return;
    const open = { connect: openConnectModal, account: openAccountModal, chain: openChainModal }[
      request.modal
    ];
    open?.();
  }, [request?.seq, Boolean(openConnectModal), Boolean(openAccountModal), Boolean(openChainModal)]);
  return null;
}

export default function WalletModals() {
  const theme = useTheme();
  const accent = { accentColor: "#6d5efc", accentColorForeground: "#fff", borderRadius: "medium" as const };
  return (
    <RainbowKitProvider theme={theme === "dark" ? darkTheme(accent) : lightTheme(accent)} modalSize="compact">
      <Opener />
    </RainbowKitProvider>
  );
}
