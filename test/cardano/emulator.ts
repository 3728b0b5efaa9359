// Test harness: an in-memory Cardano ledger (lucid's Emulator) with funded accounts. The Emulator does not
// run scripts on submit; lucid evaluates them locally in complete(), which these tests never disable.

import { type Lucid, loadLucid } from "@aim/sdk/cardano/lucid";
import type { Emulator, Tx, TxComplete } from "lucid-cardano";

interface Account {
  name: string;
  seedPhrase: string;
  address: string;
  keyHash: string;
}

export interface Chain {
  emulator: Emulator;
  lucid: Lucid;
  accounts: Record<string, Account>;
  /** Selects `name`'s wallet on the shared lucid instance and returns it. */
  as(name: string): Lucid;
  /** complete + sign with the selected wallet + submit + wait a block. */
  submit(tx: Tx): Promise<{ hash: string; complete: TxComplete }>;
}

export async function startChain(names: string[], lovelace = 100_000_000_000n): Promise<Chain> {
  const { Emulator, Lucid, generateSeedPhrase } = await loadLucid();
  const scratch = await Lucid.new(undefined, "Custom");
  const accounts: Record<string, Account> = {};
  for (const name of names) {
    const seedPhrase = generateSeedPhrase();
    const address = await scratch.selectWalletFromSeed(seedPhrase).wallet.address();
    const keyHash = scratch.utils.getAddressDetails(address).paymentCredential?.hash ?? "";
    accounts[name] = { name, seedPhrase, address, keyHash };
  }
  const emulator = new Emulator(
    Object.values(accounts).map((a) => ({ address: a.address, assets: { lovelace } })),
  );
  const lucid = await Lucid.new(emulator, "Custom");
  const as = (name: string): Lucid => {
    const account = accounts[name];
    if (!account) throw new Error(`no account ${name}`);
    return lucid.selectWalletFromSeed(account.seedPhrase);
  };
  const submit = async (tx: Tx) => {
    const complete = await tx.complete();
    const hash = await (await complete.sign().complete()).submit();
    emulator.awaitBlock(1);
    return { hash, complete };
  };
  return { emulator, lucid, accounts, as, submit };
}
