// RainbowKit wallets turned into wagmi connectors, the way RainbowKit's own connectorsForWallets
// does (rkDetails on each connector, an extra QR-modal connector for WalletConnect), but without
// importing RainbowKit's main module: that module (modal, styles, locales) is loaded only when the
// wallet modal opens, which keeps the catalogue route small.
import type { Wallet, WalletDetailsParams, WalletList } from "@rainbow-me/rainbowkit";
import type { CreateConnectorFn } from "wagmi";

export interface WalletOptions {
  appName: string;
  projectId: string;
}

export function walletConnectors(
  list: WalletList,
  { appName, projectId }: WalletOptions,
): CreateConnectorFn[] {
  const connectors: CreateConnectorFn[] = [];
  const seen = new Set<string>();
  let index = -1;
  for (const [groupIndex, { groupName, wallets }] of list.entries()) {
    for (const createWallet of wallets) {
      index += 1;
      const wallet: Wallet = createWallet({
        projectId,
        appName,
        options: {},
        walletConnectParameters: {},
      } as never);
      if (seen.has(wallet.id)) continue;
      seen.add(wallet.id);
      if (typeof wallet.hidden === "function" && wallet.hidden()) continue;
      const { createConnector, hidden: _hidden, ...meta } = wallet;
      const details = (extra: Record<string, unknown> = {}): WalletDetailsParams =>
        ({
          rkDetails: {
            ...meta,
            groupIndex: groupIndex + 1,
            groupName,
            index,
            isRainbowKitConnector: true,
            ...extra,
          },
        }) as unknown as WalletDetailsParams;
      if (wallet.id === "walletConnect")
        connectors.push(createConnector(details({ isWalletConnectModalConnector: true, showQrModal: true })));
      connectors.push(createConnector(details()));
    }
  }
  return connectors;
}
