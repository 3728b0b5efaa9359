// The one wagmi configuration of the dApp. Chains come from sdk/deployments.ts (through
// contracts.ts); wallets are injected ones (EIP-6963 discovery plus RainbowKit's "Browser Wallet"),
// and WalletConnect-based wallets only when VITE_WALLETCONNECT_PROJECT_ID is set, so nothing
// leaves the machine by default.
import type { WalletList } from "@rainbow-me/rainbowkit";
import {
  coinbaseWallet,
  injectedWallet,
  metaMaskWallet,
  rainbowWallet,
  walletConnectWallet,
} from "@rainbow-me/rainbowkit/wallets";
import { fallback, http, type Transport } from "viem";
import { createConfig } from "wagmi";
import { rpcUrl, walletConnectProjectId } from "./config.js";
import { appChains } from "./deployment.js";
import { walletConnectors } from "./wallets.js";

const wallets: WalletList = walletConnectProjectId
  ? [
      { groupName: "Installed", wallets: [injectedWallet] },
      { groupName: "More", wallets: [metaMaskWallet, rainbowWallet, coinbaseWallet, walletConnectWallet] },
    ]
  : [{ groupName: "Installed", wallets: [injectedWallet] }];

const connectors = walletConnectors(wallets, {
  appName: "AIM Marketplace",
  // Read only by WalletConnect-based wallets, which are only listed when a real id is set.
  projectId: walletConnectProjectId ?? "unused-without-walletconnect",
});

const transports: Record<number, Transport> = Object.fromEntries(
  appChains.map((chain) => {
    const urls = rpcUrl ? [rpcUrl] : chain.rpcUrls.default.http;
    return [chain.id, urls.length > 1 ? fallback(urls.map((u) => http(u))) : http(urls[0], { batch: true })];
  }),
);

export const wagmiConfig = createConfig({
  chains: appChains,
  connectors,
  transports,
  multiInjectedProviderDiscovery: true,
  // Local chains mine in milliseconds: poll receipts and blocks quickly.
  pollingInterval: 250,
  ssr: false,
});

declare module "wagmi" {
  interface Register {
    config: typeof wagmiConfig;
  }
}
