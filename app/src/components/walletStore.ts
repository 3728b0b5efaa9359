// Asks the lazily loaded RainbowKit layer to open one of its modals. Any component can call
// openWalletModal("connect") without importing RainbowKit; the first call loads it.
export type WalletModal = "connect" | "account" | "chain";

interface WalletRequest {
  modal: WalletModal;
  seq: number;
}

let request: WalletRequest | null = null;
let seq = 0;
const listeners = new Set<() => void>();

export function openWalletModal(modal: WalletModal): void {
  seq += 1;
  request = { modal, seq };
  for (const l of listeners) l();
}

export const getWalletRequest = (): WalletRequest | null => request;
export function subscribeWalletRequest(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
