// CIP-30 browser wallets (Eternl, Lace, Nami…): what an app calls to get a Lucid that signs with the user's
// wallet. Lucid's WASM loads on the first call, not when this module is imported.
import type { WalletApi } from "lucid-cardano";
import { CardanoMarketError } from "./errors.js";
import type { Lucid } from "./lucid.js";
import { loadLucid } from "./lucid.js";
import { createProvider, type Env, type ProviderConfig, readProviderConfig } from "./provider.js";

interface Cip30Wallet {
  enable(): Promise<WalletApi>;
}

/** Names of the CIP-30 wallets injected in this page. */
export function cip30Wallets(): string[] {
  const cardano = (globalThis as { cardano?: Record<string, unknown> }).cardano;
  if (!cardano) return [];
  return Object.keys(cardano).filter((name) => typeof (cardano[name] as Cip30Wallet)?.enable === "function");
}

/** Asks the wallet `walletName` for access (`window.cardano[name].enable()`) and returns a Lucid on the
 * given provider (default: the one configured by environment variables, see provider.ts) signing with it. */
export async function connectCip30(walletName: string, config?: ProviderConfig): Promise<Lucid> {
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
  const { Lucid } = await loadLucid();
  const lucid = await Lucid.new(await createProvider(provider), provider.network);
  return lucid.selectWallet(api);
}
