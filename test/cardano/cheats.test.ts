// Every way to cheat the market fails while the transaction is built: lucid evaluates the validator locally in
// complete() and throws the validator's own message. Nothing is signed or submitted. Each cheat changes one
// thing in the honest hand-built buy (test 1). The fee, royalty, deposit and fake-license cheats all succeeded
// against the previous validator (commit 054ea4a), where fee and royalties were the seller's own payouts.

import { encodeListing, encodeRoyaltyTerms } from "@aim/sdk/cardano/datum";
import { fetchListings, parseListing } from "@aim/sdk/cardano/listings";
import { fetchRoyaltyTerms, royaltyTermsAddress } from "@aim/sdk/cardano/royalty";
import { MARKET_SCRIPT_HASH, marketAddress, marketValidator } from "@aim/sdk/cardano/script";
import { completeTx } from "@aim/sdk/cardano/submit";
import { beforeAll, describe, expect, test } from "vitest";
import { type Market, startMarket } from "./fixtures.js";
import { type HandOutput, handBuy, handCancel, handUpdate, honestOutputs } from "./hand.js";

let m: Market;
beforeAll(async () => {
  m = await startMarket();
});

/** One fresh listing sold by mallory (not the creator) and its honest outputs [seller, royaltyA, royaltyB, fee]. */
async function fresh() {
  const l = await m.listOne(100_000_000n, "mallory");
  return { l, outputs: await honestOutputs(m.lucid, [l], m.royalties) };
}
const at = (outputs: HandOutput[], i: number) => outputs[i] as HandOutput;
const rejected = async (tx: Awaited<ReturnType<typeof handBuy>>, message: RegExp) =>
  expect(completeTx(m.lucid, tx)).rejects.toThrow(message);

describe("buy", () => {
  test("the honest hand-built buy passes (the cheats below differ from it in one thing)", async () => {
    const { l, outputs } = await fresh();
    expect(outputs.map((o) => o.lovelace)).toEqual([
      90_500_000n + l.deposit,
      5_000_000n,
      2_000_000n,
      2_500_000n,
    ]);
    await m.submit(await handBuy(m.as("buyer"), [l], outputs));
    expect(await m.licensesOf("buyer")).toBe(1n);
  });

  test("skipping the marketplace fee (the seller never wrote it: it is the validator's)", async () => {
    const { l, outputs } = await fresh();
    await rejected(
      await handBuy(
        m.as("buyer"),
        [l],
        outputs.filter((_, i) => i !== 3),
      ),
      /AIM: marketplace fee not paid/,
    );
  });

  test("underpaying the marketplace fee by one lovelace", async () => {
    const { l, outputs } = await fresh();
    at(outputs, 3).lovelace -= 1n;
    await rejected(await handBuy(m.as("buyer"), [l], outputs), /AIM: marketplace fee underpaid/);
  });

  test("spending with Buy without the market's withdrawal (so without the batch check)", async () => {
    const { l, outputs } = await fresh();
    const tx = await handBuy(m.as("buyer"), [l], [at(outputs, 0)], { withdraw: false });
    await rejected(tx, /AIM: Buy needs the market's withdrawal/);
  });

  test("skipping a royalty", async () => {
    const { l, outputs } = await fresh();
    await rejected(
      await handBuy(
        m.as("buyer"),
        [l],
        outputs.filter((_, i) => i !== 2),
      ),
      /AIM: royalty not paid/,
    );
  });

  test("underpaying a royalty", async () => {
    const { l, outputs } = await fresh();
    at(outputs, 1).lovelace -= 1n;
    await rejected(await handBuy(m.as("buyer"), [l], outputs), /AIM: royalty underpaid/);
  });

  test("leaving out the creator's royalty terms", async () => {
    const { l, outputs } = await fresh();
    const tx = await handBuy(m.as("buyer"), [l], outputs.slice(0, 2), { readFrom: [] });
    await rejected(tx, /AIM: royalty terms of the license policy missing/);
  });

  test("look-alike terms with no royalty, made by the seller at the creator's terms address (no terms token)", async () => {
    const { l, outputs } = await fresh();
    const mallory = m.as("mallory");
    const address = royaltyTermsAddress(m.lucid, m.accounts.creator?.keyHash ?? "");
    const fake = await m.submit(
      mallory
        .newTx()
        .payToAddressWithData(
          address,
          { inline: await encodeRoyaltyTerms(m.lucid, []) },
          { lovelace: 2_000_000n },
        ),
    );
    const [utxo] = await m.lucid.utxosByOutRef([{ txHash: fake.hash, outputIndex: 0 }]);
    if (!utxo) throw new Error("fake terms not found");
    const tx = await handBuy(m.as("buyer"), [l], outputs.slice(0, 2), { readFrom: [utxo] });
    await rejected(tx, /AIM: royalty terms of the license policy missing/);
    expect((await fetchRoyaltyTerms(m.lucid, m.policyId))?.recipients).toEqual(m.royalties);
  });

  test("paying the seller its share but keeping the listing's min-ADA deposit", async () => {
    const { l, outputs } = await fresh();
    at(outputs, 0).lovelace -= l.deposit;
    await rejected(await handBuy(m.as("buyer"), [l], outputs), /AIM: seller underpaid/);
  });

  test("paying the seller's share to someone else", async () => {
    const { l, outputs } = await fresh();
    at(outputs, 0).address = m.addr("buyer");
    await rejected(await handBuy(m.as("buyer"), [l], outputs), /AIM: seller not paid/);
  });

  test("pointing the batch's output offset past the seller's output", async () => {
    const { l, outputs } = await fresh();
    await rejected(await handBuy(m.as("buyer"), [l], outputs, { offset: 1 }), /AIM: seller not paid/);
  });

  test("double satisfaction: one seller output for two listings of the same seller", async () => {
    const a = await m.listOne(100_000_000n, "mallory");
    const b = await m.listOne(100_000_000n, "mallory");
    const both = await honestOutputs(m.lucid, [a, b], m.royalties);
    const outputs = [both[0] as HandOutput, ...both.slice(2)]; // drops the second seller output
    await rejected(await handBuy(m.as("buyer"), [a, b], outputs), /AIM: seller not paid/);
  });

  test("double satisfaction: a seller who is also a royalty receiver paid by one output", async () => {
    // royaltyA lists one of its own licenses: it is owed the seller's share and the 5 % royalty.
    await m.submit(
      m
        .as("mallory")
        .newTx()
        .payToAddress(m.addr("royaltyA"), { [m.unit]: 1n }),
    );
    const l = await m.listOne(100_000_000n, "royaltyA");
    const outputs = await honestOutputs(m.lucid, [l], m.royalties);
    const merged = [
      { address: m.addr("royaltyA"), lovelace: at(outputs, 0).lovelace + at(outputs, 1).lovelace },
      at(outputs, 2),
      at(outputs, 3),
    ];
    await rejected(await handBuy(m.as("buyer"), [l], merged), /AIM: royalty not paid/);
  });
});

describe("junk listings", () => {
  test("a listing with a negative price, bought with an honest one, cancels the fee and royalties of both", async () => {
    const honest = await m.listOne(100_000_000n);
    // Mallory puts a UTxO at the market with a datum naming the same license policy and a price of -100 ADA.
    const mallory = m.as("mallory");
    const datum = await encodeListing(m.lucid, {
      ...honest.listing,
      seller: m.addr("mallory"),
      price: -100_000_000n,
    });
    const made = await m.submit(
      mallory.newTx().payToContract(marketAddress(m.lucid), { inline: datum }, { lovelace: 2_000_000n }),
    );
    const [utxo] = await m.lucid.utxosByOutRef([{ txHash: made.hash, outputIndex: 0 }]);
    if (!utxo) throw new Error("junk not found");
    // parseListing refuses it (the app and SDK never show it); the attacker builds the buy by hand.
    await expect(parseListing(m.lucid, utxo)).rejects.toThrow(/UTxO does not hold the listed asset|price/);
    const junk = {
      outRef: { txHash: utxo.txHash, outputIndex: 0 },
      utxo,
      listing: { ...honest.listing, seller: m.addr("mallory"), price: -100_000_000n },
      quantity: 0n,
      deposit: 2_000_000n,
    };
    const outputs = (await honestOutputs(m.lucid, [honest, junk], m.royalties))
      .map((o) => (o.address === m.addr("mallory") ? { ...o, lovelace: 2_000_000n } : o))
      .filter((o) => o.lovelace > 0n);
    expect(outputs).toHaveLength(2); // the two sellers: no fee, no royalty left to pay
    await rejected(await handBuy(m.as("buyer"), [honest, junk], outputs), /AIM: price must be positive/);
  });

  test("the real license listed under a datum naming another policy (the seller's, with no royalty)", async () => {
    // Mallory mints a junk token under her own key policy and publishes zero royalty terms for it, then lists
    // one real license bundled with the junk token, the datum naming the junk asset.
    const mallory = m.as("mallory");
    const keyHash = m.accounts.mallory?.keyHash ?? "";
    const { mintLicensesTx } = await import("@aim/sdk/cardano/mint");
    const { publishRoyaltyTermsTx } = await import("@aim/sdk/cardano/royalty");
    const junk = await mintLicensesTx(mallory, {
      aimId: "junk",
      quantity: 5n,
      manifestUri: "ipfs://junk",
      manifestHash: "00".repeat(32),
    });
    await m.submit(junk.tx);
    await m.submit((await publishRoyaltyTermsTx(m.as("mallory"), [])).tx);
    const listing = {
      seller: m.addr("mallory"),
      price: 100_000_000n,
      policyId: junk.policyId,
      assetName: junk.unit.slice(56),
    };
    const made = await m.submit(
      m
        .as("mallory")
        .newTx()
        .payToContract(
          marketAddress(m.lucid),
          { inline: await encodeListing(m.lucid, listing) },
          { [junk.unit]: 1n, [m.unit]: 1n },
        ),
    );
    const [utxo] = await m.lucid.utxosByOutRef([{ txHash: made.hash, outputIndex: 0 }]);
    if (!utxo || !keyHash) throw new Error("bundle not found");
    const bundle = await parseListing(m.lucid, utxo);
    expect(bundle.utxo.assets[m.unit]).toBe(1n); // the real license rides along
    const outputs = await honestOutputs(m.lucid, [bundle], []); // the junk policy's terms: no royalty
    await rejected(
      await handBuy(m.as("buyer"), [bundle], outputs),
      /AIM: a listing holds only ADA and its datum's policy/,
    );
  });
});

describe("fake licenses", () => {
  test("nothing can be minted under the market script's hash", async () => {
    const unit = MARKET_SCRIPT_HASH + m.assetName;
    const tx = m
      .as("mallory")
      .newTx()
      .mintAssets({ [unit]: 5n }, "d87980")
      .attachMintingPolicy(marketValidator);
    await expect(tx.complete()).rejects.toMatch(/failed script execution\s+Mint\[0\]/);
  });
});

describe("cancel and relist", () => {
  test("cancelling without the seller's signature", async () => {
    const l = await m.listOne();
    await expect(completeTx(m.lucid, await handCancel(m.as("mallory"), l))).rejects.toThrow(
      /AIM: seller signature missing/,
    );
  });

  test("relisting at another price without the seller's signature", async () => {
    const l = await m.listOne();
    const tx = await handUpdate(m.as("mallory"), l, { ...l.listing, price: 1n });
    await expect(completeTx(m.lucid, tx)).rejects.toThrow(/AIM: seller signature missing/);
  });

  test("relisting with the seller rewritten, signed by the new 'seller' only", async () => {
    const l = await m.listOne();
    const stolen = { ...l.listing, seller: m.addr("mallory") };
    const tx = await handUpdate(m.as("mallory"), l, stolen, { signer: m.addr("mallory") });
    await expect(completeTx(m.lucid, tx)).rejects.toThrow(/AIM: seller signature missing/);
  });

  test("an update (cancel + relist) cannot drop the fee: the relisted licenses still owe it when bought", async () => {
    const l = await m.listOne(100_000_000n, "mallory");
    const next = { ...l.listing, price: 80_000_000n };
    await m.submit(await handUpdate(m.as("mallory"), l, next, { signer: m.addr("mallory") }));
    const relisted = (await fetchListings(m.lucid, { seller: m.addr("mallory") })).find(
      (x) => x.listing.price === 80_000_000n,
    );
    if (!relisted) throw new Error("not relisted");
    m.listed.push(relisted);
    const outputs = await honestOutputs(m.lucid, [relisted], m.royalties);
    expect(at(outputs, 3).lovelace).toBe(2_000_000n);
    await rejected(
      await handBuy(
        m.as("buyer"),
        [relisted],
        outputs.filter((_, i) => i !== 3),
      ),
      /AIM: marketplace fee not paid/,
    );
  });

  test("every rejected listing is still there, untouched", async () => {
    const onChain = (await fetchListings(m.lucid)).map((l) => l.utxo);
    const rejectedListings = m.listed.slice(1).filter((l) => onChain.some((u) => u.txHash === l.utxo.txHash));
    expect(rejectedListings.length).toBeGreaterThan(10);
    expect(onChain).toEqual(expect.arrayContaining(rejectedListings.map((l) => l.utxo)));
  });
});
