// A fake CIP-30 wallet (what Eternl, Lace or Nami inject as window.cardano.<name>) backed by lucid's
// Emulator: no wallet extension or Cardano node exists offline. It answers the CIP-30 calls lucid makes
// (getUsedAddresses, getUtxos, signTx, submitTx…) from the Emulator's ledger and signs with a seed phrase.

import { loadLucid } from "@aim/sdk/cardano/lucid";
import type { Emulator } from "lucid-cardano";

export interface FakeWalletOptions {
  name?: string;
  /** Throw this from enable() (a user refusing the connection: {code: -3, info}). */
  enableError?: unknown;
  /** Throw this from signTx() (a user declining to sign: {code: 2, info}). */
  signError?: unknown;
  /** CIP-30 network id: 0 testnets (default), 1 mainnet. */
  networkId?: number;
}

export interface FakeWallet {
  name: string;
  icon: string;
  apiVersion: string;
  enable(): Promise<Record<string, (...args: never[]) => Promise<unknown>>>;
  isEnabled(): Promise<boolean>;
  /** Calls made to the wallet API, by method name, in order. */
  calls: string[];
}

export async function fakeCip30(
  emulator: Emulator,
  seedPhrase: string,
  options: FakeWalletOptions = {},
): Promise<FakeWallet> {
  const { Lucid, C, toHex, fromHex, utxoToCore, assetsToValue } = await loadLucid();
  const signer = (await Lucid.new(emulator, "Custom")).selectWalletFromSeed(seedPhrase);
  const address = await signer.wallet.address();
  const addressHex = toHex(C.Address.from_bech32(address).to_bytes());
  const calls: string[] = [];
  let enabled = false;
  const logged =
    <A extends unknown[], R>(name: string, fn: (...args: A) => Promise<R>) =>
    (...args: A): Promise<R> => {
      calls.push(name);
      return fn(...args);
    };
  const api = {
    getNetworkId: logged("getNetworkId", async () => options.networkId ?? 0),
    getUsedAddresses: logged("getUsedAddresses", async () => [addressHex]),
    getUnusedAddresses: logged("getUnusedAddresses", async () => []),
    getChangeAddress: logged("getChangeAddress", async () => addressHex),
    getRewardAddresses: logged("getRewardAddresses", async () => []),
    getUtxos: logged("getUtxos", async () =>
      (await emulator.getUtxos(address)).map((u) => toHex(utxoToCore(u).to_bytes())),
    ),
    getBalance: logged("getBalance", async () => {
      const utxos = await emulator.getUtxos(address);
      const lovelace = utxos.reduce((s, u) => s + (u.assets.lovelace ?? 0n), 0n);
      return toHex(assetsToValue({ lovelace }).to_bytes());
    }),
    signTx: logged("signTx", async (txHex: string) => {
      if (options.signError) throw options.signError;
      const witnesses = await signer.wallet.signTx(C.Transaction.from_bytes(fromHex(txHex)));
      return toHex(witnesses.to_bytes());
    }),
    submitTx: logged("submitTx", async (txHex: string) => emulator.submitTx(txHex)),
  };
  return {
    name: options.name ?? "Fake Wallet",
    icon: "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg'/%3E",
    apiVersion: "0.1.0",
    calls,
    isEnabled: async () => enabled,
    enable: async () => {
      calls.push("enable");
      if (options.enableError) throw options.enableError;
      enabled = true;
      return api as never;
    },
  };
}

/** Puts wallets on window.cardano (globalThis in jsdom, as in a browser); returns a function removing them. */
export function injectWallets(wallets: Record<string, FakeWallet>): () => void {
  (globalThis as { cardano?: unknown }).cardano = wallets;
  return () => {
    delete (globalThis as { cardano?: unknown }).cardano;
  };
}
