// Session keys: a key made in this browser that signs vouchers for one channel without a wallet prompt per
// call. Its spending limit is not kept here beside the key: it is the channel's session cap on chain
// (PaymentChannels refuses a session-signed voucher above it), set at open and raised with raiseSessionCap.
import type { Address, Hex, LocalAccount } from "viem";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";

const KEY = (address: Address) => `aim.session.${address.toLowerCase()}`;

export function createSessionKey(): LocalAccount {
  const pk = generatePrivateKey();
  const account = privateKeyToAccount(pk);
  localStorage.setItem(KEY(account.address), pk);
  return account;
}

export function sessionAccount(address: Address): LocalAccount | null {
  const pk = localStorage.getItem(KEY(address)) as Hex | null;
  return pk ? privateKeyToAccount(pk) : null;
}
