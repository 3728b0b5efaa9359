// The 20 accounts every `hardhat node` funds with 10,000 ETH, derived from Hardhat's well-known
// public test mnemonic. PUBLIC TEST KEYS: anyone can spend what they hold on any real network.
import type { Address, Hex } from "viem";
import { mnemonicToAccount } from "viem/accounts";

const HARDHAT_MNEMONIC = "test test test test test test test test test test test junk";

export interface DevAccount {
  index: number;
  address: Address;
  privateKey: Hex;
  /** What the demo catalogue uses it for. */
  role: string;
}

const ROLES: Record<number, string> = {
  0: "deployer, owner of the marketplace and the channels",
  1: "creator (Text Stats, Echo)",
  2: "creator (Sentiment)",
  3: "creator (Translation)",
  4: "buyer",
  5: "buyer",
  6: "HyperBox operator (the gateway's node)",
  9: "treasury (platform fees)",
};

function derive(index: number): DevAccount {
  const account = mnemonicToAccount(HARDHAT_MNEMONIC, { addressIndex: index });
  const privateKey = account.getHdKey().privateKey;
  if (privateKey === null) throw new Error(`no private key for dev account ${index}`);
  return {
    index,
    address: account.address,
    privateKey: `0x${Buffer.from(privateKey).toString("hex")}`,
    role: ROLES[index] ?? "spare",
  };
}

/** Dev accounts 0–9 (the node funds 20; the demo uses these). */
export const DEV_ACCOUNTS: readonly DevAccount[] = Array.from({ length: 10 }, (_, index) => derive(index));

export function devAccount(index: number): DevAccount {
  const account = DEV_ACCOUNTS[index];
  if (account === undefined) throw new Error(`dev account ${index} is not derived (0–9 are)`);
  return account;
}
