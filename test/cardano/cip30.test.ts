// connectCip30 with a CIP-30 wallet object (the shape Eternl, Lace and Nami inject) on lucid's Emulator: the
// returned Lucid reads and signs through the wallet; a wallet on the wrong network is refused up front.

import { CardanoMarketError } from "@aim/sdk/cardano/errors";
import { readProviderConfig } from "@aim/sdk/cardano/provider";
import { connectCip30, lucidFor } from "@aim/sdk/cardano/wallet";
import { afterEach, beforeAll, describe, expect, test } from "vitest";
import { fakeCip30, injectWallets } from "../app/support/cip30.js";
import { type Chain, startChain } from "./emulator.js";

let chain: Chain;
let remove: (() => void) | undefined;
beforeAll(async () => {
  chain = await startChain(["alice", "bob"], 50_000_000n);
});
afterEach(() => remove?.());

describe("connectCip30", () => {
  test("on a custom provider (the Emulator), the Lucid uses the wallet's address, UTxOs and signature", async () => {
    const alice = chain.accounts.alice;
    if (!alice) throw new Error("no alice");
    const wallet = await fakeCip30(chain.emulator, alice.seedPhrase);
    remove = injectWallets({ eternl: wallet });
    const lucid = await connectCip30("eternl", {
      kind: "custom",
      provider: chain.emulator,
      network: "Custom",
    });
    expect(await lucid.wallet.address()).toBe(alice.address);
    const utxos = await lucid.wallet.getUtxos();
    expect(utxos.reduce((s, u) => s + (u.assets.lovelace ?? 0n), 0n)).toBe(50_000_000n);
    const tx = await lucid
      .newTx()
      .payToAddress(chain.accounts.bob?.address ?? "", { lovelace: 5_000_000n })
      .complete();
    const hash = await (await tx.sign().complete()).submit();
    chain.emulator.awaitBlock(1);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(wallet.calls).toEqual(expect.arrayContaining(["enable", "getUtxos", "signTx", "submitTx"]));
    const bob = await chain.lucid.utxosAt(chain.accounts.bob?.address ?? "");
    expect(bob.reduce((s, u) => s + (u.assets.lovelace ?? 0n), 0n)).toBe(55_000_000n);
  });

  test("refuses a mainnet wallet for a preprod app before creating any provider", async () => {
    const wallet = await fakeCip30(chain.emulator, chain.accounts.alice?.seedPhrase ?? "", { networkId: 1 });
    remove = injectWallets({ nami: wallet });
    const config = readProviderConfig({
      CARDANO_NETWORK: "preprod",
      CARDANO_PROVIDER: "kupmios",
      KUPO_URL: "http://127.0.0.1:9",
      OGMIOS_URL: "ws://127.0.0.1:9",
    });
    const error = await connectCip30("nami", config).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CardanoMarketError);
    expect((error as Error).message).toBe('wallet "nami" is on mainnet, the app on Preprod');
    expect(wallet.calls).toEqual(["enable", "getNetworkId"]);
  });

  test("lucidFor reads without a wallet", async () => {
    const lucid = await lucidFor({ kind: "custom", provider: chain.emulator, network: "Custom" });
    const utxos = await lucid.utxosAt(chain.accounts.alice?.address ?? "");
    expect(utxos.length).toBeGreaterThan(0);
  });
});
