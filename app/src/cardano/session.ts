// The Cardano session shared by the header button and the AIM page panel: which provider the app reads
// from, which CIP-30 wallet is connected, its address and balance. A tiny external store (no context), so
// both lazy chunks see the same state. Loaded only when Cardano is configured.

import type { Lucid } from "@aim/sdk/cardano/lucid";
import { readProviderConfig } from "@aim/sdk/cardano/provider";
import { connectCip30, lucidFor, type ProviderChoice } from "@aim/sdk/cardano/wallet";
import { useSyncExternalStore } from "react";
import { type CardanoEnv, cardanoEnv } from "./config.js";
import { cardanoErrorMessage } from "./errors.js";

export interface CardanoSession {
  status: "idle" | "connecting" | "connected" | "error";
  /** window.cardano key of the wallet (e.g. "eternl"). */
  walletKey?: string;
  /** Its display name (the wallet's own `name`, else the key). */
  walletName?: string;
  lucid?: Lucid;
  address?: string;
  /** Lovelace in the wallet's UTxOs. */
  lovelace?: bigint;
  /** A sentence for the user when status is "error". */
  error?: string;
}

let session: CardanoSession = { status: "idle" };
let choice: ProviderChoice | undefined;
let reader: Promise<Lucid> | undefined;
const listeners = new Set<() => void>();

function set(next: CardanoSession): void {
  session = next;
  for (const listener of listeners) listener();
}

export function getCardanoSession(): CardanoSession {
  return session;
}

export function useCardanoSession(): CardanoSession {
  return useSyncExternalStore((listener) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  }, getCardanoSession);
}

/** Sets where the app reads Cardano from (tests pass lucid's Emulator); resets the session. */
export function setCardanoProvider(next: ProviderChoice | undefined): void {
  choice = next;
  reader = undefined;
  set({ status: "idle" });
}

/** The provider in use: the one set by setCardanoProvider, else the VITE_ configuration (throws CardanoConfigError
 * naming the variable at fault). */
export function providerChoice(env: CardanoEnv = cardanoEnv()): ProviderChoice {
  choice ??= readProviderConfig(env);
  return choice;
}

/** A Lucid to read with: the connected wallet's, else one without a wallet (created once). */
export function readLucid(env: CardanoEnv = cardanoEnv()): Promise<Lucid> {
  if (session.lucid) return Promise.resolve(session.lucid);
  reader ??= Promise.resolve()
    .then(() => lucidFor(providerChoice(env)))
    .catch((error: unknown) => {
      reader = undefined;
      throw error;
    });
  return reader;
}

interface InjectedWallet {
  name?: unknown;
  icon?: unknown;
  enable?: unknown;
}

export interface WalletOption {
  key: string;
  name: string;
  /** Only data: URIs, so rendering an icon never makes a request. */
  icon?: string;
}

/** The CIP-30 wallets injected in the page (window.cardano.*.enable), by display name. */
export function injectedWallets(): WalletOption[] {
  const cardano = (globalThis as { cardano?: Record<string, InjectedWallet | undefined> }).cardano ?? {};
  const wallets: WalletOption[] = [];
  for (const [key, wallet] of Object.entries(cardano)) {
    if (!wallet || typeof wallet.enable !== "function") continue;
    const name = typeof wallet.name === "string" && wallet.name ? wallet.name : key;
    const icon = typeof wallet.icon === "string" && wallet.icon.startsWith("data:") ? wallet.icon : undefined;
    wallets.push({ key, name, icon });
  }
  return wallets.sort((a, b) => a.name.localeCompare(b.name));
}

async function balanceOf(lucid: Lucid): Promise<bigint> {
  const utxos = await lucid.wallet.getUtxos();
  return utxos.reduce((sum, utxo) => sum + (utxo.assets.lovelace ?? 0n), 0n);
}

/** Bumped by every connect and disconnect: a slow connect that finishes later is dropped. */
let attempt = 0;

/** Connects `key` through sdk/cardano's connectCip30; failures become a sentence in the session. */
export async function connectWallet(key: string, env: CardanoEnv = cardanoEnv()): Promise<void> {
  const walletName = injectedWallets().find((w) => w.key === key)?.name ?? key;
  const mine = ++attempt;
  set({ status: "connecting", walletKey: key, walletName });
  try {
    const lucid = await connectCip30(key, providerChoice(env));
    const [address, lovelace] = await Promise.all([lucid.wallet.address(), balanceOf(lucid)]);
    if (mine !== attempt) return;
    set({ status: "connected", walletKey: key, walletName, lucid, address, lovelace });
  } catch (error) {
    if (mine !== attempt) return;
    set({
      status: "error",
      walletKey: key,
      walletName,
      error: cardanoErrorMessage(error, "connect", walletName),
    });
  }
}

/** Re-reads the connected wallet's balance (after a transaction). */
export async function refreshBalance(): Promise<void> {
  const { lucid } = session;
  if (!lucid) return;
  const lovelace = await balanceOf(lucid);
  if (session.lucid === lucid) set({ ...session, lovelace });
}

export function disconnectWallet(): void {
  attempt++;
  set({ status: "idle" });
}

/** addr_test1qz…k3v9xy: enough of a bech32 address to recognise it. */
export function shortCardanoAddress(address: string): string {
  return address.length > 24 ? `${address.slice(0, 12)}…${address.slice(-6)}` : address;
}

/** 12_500_000n → "12.5 ADA". */
export function formatAda(lovelace: bigint): string {
  const whole = lovelace / 1_000_000n;
  const fraction = (lovelace % 1_000_000n).toString().padStart(6, "0").replace(/0+$/, "");
  return `${whole.toLocaleString("en-US")}${fraction ? `.${fraction}` : ""} ADA`;
}
