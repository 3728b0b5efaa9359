// Session keys: a key made in this browser that signs vouchers for one channel without a wallet
// prompt per call, bounded by the channel's deposit and by a spending limit the user sets.
import type { Address, Hex, LocalAccount } from "viem";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";

const KEY = (address: Address) => `aim.session.${address.toLowerCase()}`;
const LIMIT = (address: Address) => `aim.session.${address.toLowerCase()}.limit`;

export function createSessionKey(limit: bigint): LocalAccount {
  const pk = generatePrivateKey();
  const account = privateKeyToAccount(pk);
  localStorage.setItem(KEY(account.address), pk);
  localStorage.setItem(LIMIT(account.address), limit.toString());
  return account;
}

export function sessionAccount(address: Address): LocalAccount | null {
  const pk = localStorage.getItem(KEY(address)) as Hex | null;
  return pk ? privateKeyToAccount(pk) : null;
}

export function sessionLimit(address: Address): bigint {
  return BigInt(localStorage.getItem(LIMIT(address)) ?? "0");
}

export function setSessionLimit(address: Address, limit: bigint): void {
  localStorage.setItem(LIMIT(address), limit.toString());
}
