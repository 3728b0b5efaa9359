// CIP-30 browser wallets (Eternl, Lace, Nami…): what an app calls to get a Lucid that signs with the user's
// wallet. Lucid's WASM loads on the first call, not when this module is imported.
import type { Network, Provider, WalletApi } from "lucid-cardano";
import { CardanoMarketError } from "./errors.js";
import type { Lucid } from "./lucid.js";
import { loadLucid } from "./lucid.js";
import { createProvider, type Env, type ProviderConfig, readProviderConfig } from "./provider.js";

interface Cip30Wallet {
  enable(): Promise<WalletApi>;
}

/** A lucid provider built by the caller (e.g. lucid's Emulator in tests, or a custom backend). */
export interface CustomProvider {
  kind: "custom";
  provider: Provider;
  network: Network;
}

/** Where a Lucid reads the chain from: a configuration (provider.ts) or a provider object. */
export type ProviderChoice = ProviderConfig | CustomProvider;

/** Names of the CIP-30 wallets injected in this page. */
export function cip30Wallets(): string[] {
  const cardano = (globalThis as { cardano?: Record<string, unknown> }).cardano;
  if (!cardano) return [];
  return Object.keys(cardano).filter((name) => typeof (cardano[name] as Cip30Wallet)?.enable === "function");
}

/** A Lucid on `choice` with no wallet selected: enough to read listings. */
export async function lucidFor(choice: ProviderChoice): Promise<Lucid> {
  const { Lucid } = await loadLucid();
  const provider = choice.kind === "custom" ? choice.provider : await createProvider(choice);
  return Lucid.new(provider, choice.network);
}

/** Asks the wallet `walletName` for access (`window.cardano[name].enable()`) and returns a Lucid on the
 * given provider (default: the one configured by environment variables, see provider.ts) signing with it.
 * A wallet on another network than the provider's (CIP-30 network id: 1 mainnet, 0 testnets) is refused. */
export async function connectCip30(walletName: string, config?: ProviderChoice): Promise<Lucid> {
  const wallet = (globalThis as { cardano?: Record<string, Cip30Wallet | undefined> }).cardano?.[walletName];
  if (!wallet || typeof wallet.enable !== "function") {
    throw new CardanoMarketError(`no CIP-30 wallet named "${walletName}" in this page`, {
      walletName,
      available: cip30Wallets(),
    });
  }
  const provider =
    config ?? readProviderConfig((globalThis as { process?: { env: Env } }).process?.env ?? {});
  const api = await wallet.enable();
  if (provider.network !== "Custom" && typeof api.getNetworkId === "function") {
    const walletNetwork = await api.getNetworkId();
    const expected = provider.network === "Mainnet" ? 1 : 0;
    if (walletNetwork !== expected) {
      throw new CardanoMarketError(
        `wallet "${walletName}" is on ${walletNetwork === 1 ? "mainnet" : "a testnet"}, the app on ${provider.network}`,
        { walletName, walletNetwork, network: provider.network },
      );
    }
  }
  return (await lucidFor(provider)).selectWallet(api);
}
