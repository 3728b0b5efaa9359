// Happy paths in the Emulator: mint, royalty terms, list, query, buy (one and many), cancel, update, reference
// script.

import { buyTx } from "@aim/sdk/cardano/buy";
import { cancelTx } from "@aim/sdk/cardano/cancel";
import { deployReferenceScriptTx, findReferenceScript } from "@aim/sdk/cardano/deploy";
import { fetchListings } from "@aim/sdk/cardano/listings";
import { manifestHash } from "@aim/sdk/cardano/metadata";
import { fetchRoyaltyTerms, publishRoyaltyTermsTx, royaltyTermsAddress } from "@aim/sdk/cardano/royalty";
import { marketAddress } from "@aim/sdk/cardano/script";
import type { MarketListing } from "@aim/sdk/cardano/types";
import { updatePriceTx } from "@aim/sdk/cardano/update";
import { beforeAll, describe, expect, test } from "vitest";
import { MANIFEST, type Market, PRICE, startMarket } from "./fixtures.js";

let m: Market;
beforeAll(async () => {
  m = await startMarket();
});

const balances = (names: readonly string[]) => Promise.all(names.map((n) => m.lovelaceOf(n)));

describe("mint and royalty terms", () => {
  test("the creator holds the licenses under its own key policy, with CIP-25 manifest metadata", async () => {
    expect(await m.licensesOf("creator")).toBe(950n);
    expect(m.policyId).toBe(
      m.lucid.utils.mintingPolicyToId(
        m.lucid.utils.nativeScriptFromJson({ type: "sig", keyHash: m.accounts.creator?.keyHash }),
      ),
    );
    expect(Buffer.from(m.assetName, "hex").toString()).toBe("sentiment");
  });

  test("the metadata names the manifest's URI and keccak256 hash", async () => {
    const { mintLicensesTx } = await import("@aim/sdk/cardano/mint");
    const { tx } = await mintLicensesTx(m.as("creator"), {
      aimId: "sentiment",
      quantity: 1n,
      manifestUri: "ipfs://x",
      manifestHash: manifestHash(MANIFEST),
    });
    const cbor = (await tx.complete()).toString();
    const text = (t: string) => Buffer.from(t).toString("hex");
    expect(cbor).toContain(text(manifestHash(MANIFEST)));
    expect(cbor).toContain(text("ipfs://x"));
    expect(cbor).toContain(text("keccak256"));
  });

  test("the royalty terms sit at the policy script's address, readable by anyone", async () => {
    const terms = await fetchRoyaltyTerms(m.lucid, m.policyId);
    expect(terms?.recipients).toEqual(m.royalties);
    expect(terms?.utxo.address).toBe(royaltyTermsAddress(m.lucid, m.accounts.creator?.keyHash ?? ""));
    expect(await fetchRoyaltyTerms(m.lucid, "00".repeat(28))).toBeUndefined();
  });
});

describe("list and query", () => {
  test("a listing locks the license at the script and decodes back to what was listed", async () => {
    const before = await m.licensesOf("creator");
    const listing = await m.listOne();
    expect(listing.utxo.address).toBe(marketAddress(m.lucid));
    expect(listing.quantity).toBe(1n);
    expect(listing.deposit).toBe(listing.utxo.assets.lovelace);
    expect(listing.listing).toEqual({
      seller: m.addr("creator"),
      price: PRICE,
      policyId: m.policyId,
      assetName: m.assetName,
    });
    expect(await m.licensesOf("creator")).toBe(before - 1n);
    const byPolicy = await fetchListings(m.lucid, {
      policyId: m.policyId,
      assetName: m.assetName,
      seller: m.addr("creator"),
    });
    expect(byPolicy.map((l) => l.outRef)).toContainEqual(listing.outRef);
    expect(await fetchListings(m.lucid, { policyId: "00".repeat(28) })).toEqual([]);
  });
});

describe("buy", () => {
  test("pays the seller (price − fee − royalties + its deposit), the fee and both royalty receivers", async () => {
    const listing = await m.listOne(PRICE, "mallory");
    const names = ["mallory", "royaltyA", "royaltyB", "treasury"] as const;
    const before = await balances(names);
    const buyerLicenses = await m.licensesOf("buyer");
    await m.submit(await buyTx(m.as("buyer"), [listing]));
    const after = await balances(names);
    const paid = after.map((a, i) => a - (before[i] ?? 0n));
    expect(paid).toEqual([90_500_000n + listing.deposit, 5_000_000n, 2_000_000n, 2_500_000n]);
    expect(await m.licensesOf("buyer")).toBe(buyerLicenses + 1n);
    const left = await fetchListings(m.lucid);
    expect(left.map((l) => l.outRef)).not.toContainEqual(listing.outRef);
  });

  test("buys three listings in one transaction: one output per seller, the fee and each royalty summed", async () => {
    const listings = [await m.listOne(), await m.listOne(20_000_000n), await m.listOne(30_000_000n)];
    const [royaltyA, treasury] = await balances(["royaltyA", "treasury"]);
    const licenses = await m.licensesOf("buyer");
    await m.submit(await buyTx(m.as("buyer"), listings));
    expect(await m.licensesOf("buyer")).toBe(licenses + 3n);
    expect((await m.lovelaceOf("royaltyA")) - (royaltyA ?? 0n)).toBe(7_500_000n);
    expect((await m.lovelaceOf("treasury")) - (treasury ?? 0n)).toBe(3_750_000n);
  });

  test("buys listings of two AIMs (two policies, two creators' terms) in one transaction", async () => {
    // Mallory is the creator of another AIM: her own policy and royalty terms (royaltyB 10 %).
    const mallory = m.as("mallory");
    const { mintLicensesTx } = await import("@aim/sdk/cardano/mint");
    const { listTx } = await import("@aim/sdk/cardano/list");
    const minted = await mintLicensesTx(mallory, {
      aimId: "translate",
      quantity: 10n,
      manifestUri: "ipfs://y",
      manifestHash: manifestHash("{}"),
    });
    await m.submit(minted.tx);
    await m.submit(
      (await publishRoyaltyTermsTx(m.as("mallory"), [{ address: m.addr("royaltyB"), bps: 1000 }])).tx,
    );
    const other: MarketListing[] = [];
    for (const price of [10_000_000n, 30_000_000n]) {
      const known = new Set((await fetchListings(m.lucid)).map((l) => l.utxo.txHash));
      const { tx } = await listTx(m.as("mallory"), {
        policyId: minted.policyId,
        assetName: minted.unit.slice(56),
        price,
      });
      await m.submit(tx);
      other.push(...(await fetchListings(m.lucid)).filter((l) => !known.has(l.utxo.txHash)));
    }
    // (prices high enough that no royalty output is topped up to the ledger's minimum)
    const mine = [await m.listOne(100_000_000n), await m.listOne(200_000_000n)];
    const [a, b, t] = await balances(["royaltyA", "royaltyB", "treasury"]);
    await m.submit(await buyTx(m.as("buyer"), [...other, ...mine]));
    expect((await m.lovelaceOf("royaltyA")) - (a ?? 0n)).toBe(15_000_000n); // 5 % of 300 ADA
    expect((await m.lovelaceOf("royaltyB")) - (b ?? 0n)).toBe(6_000_000n + 4_000_000n); // 2 % of 300 + 10 % of 40
    expect((await m.lovelaceOf("treasury")) - (t ?? 0n)).toBe(8_500_000n); // 2.5 % of 340 ADA
  });

  test("buys 40 listings in one transaction", async () => {
    const listings = await m.listMany(40);
    expect(listings).toHaveLength(40);
    const licenses = await m.licensesOf("buyer");
    await m.submit(await buyTx(m.as("buyer"), listings));
    expect(await m.licensesOf("buyer")).toBe(licenses + 40n);
  });

  test("new royalty terms apply to listings made before them; the creator may drop royalties", async () => {
    const listing = await m.listOne(PRICE, "mallory");
    await m.submit(
      (await publishRoyaltyTermsTx(m.as("creator"), [{ address: m.addr("royaltyB"), bps: 1000 }])).tx,
    );
    expect((await fetchRoyaltyTerms(m.lucid, m.policyId))?.recipients).toHaveLength(1);
    const [b, a] = await balances(["royaltyB", "royaltyA"]);
    await m.submit(await buyTx(m.as("buyer"), [listing]));
    expect((await m.lovelaceOf("royaltyB")) - (b ?? 0n)).toBe(10_000_000n);
    expect(await m.lovelaceOf("royaltyA")).toBe(a);
    await m.submit((await publishRoyaltyTermsTx(m.as("creator"), m.royalties)).tx);
  });
});

describe("cancel and update", () => {
  test("the seller cancels and gets the license back", async () => {
    const listing = await m.listOne();
    const before = await m.licensesOf("creator");
    await m.submit(await cancelTx(m.as("creator"), [listing]));
    expect(await m.licensesOf("creator")).toBe(before + 1n);
    expect((await fetchListings(m.lucid)).map((l) => l.outRef)).not.toContainEqual(listing.outRef);
  });

  test("the seller updates the price; the new listing sells at the new price with the same fee rules", async () => {
    const listing = await m.listOne(PRICE, "mallory");
    const { tx, listing: next } = await updatePriceTx(m.as("mallory"), listing, 2n * PRICE);
    await m.submit(tx);
    const [updated] = (await fetchListings(m.lucid)).filter((l) => l.listing.price === 2n * PRICE);
    expect(updated?.listing).toEqual(next);
    const [seller, treasury] = await balances(["mallory", "treasury"]);
    await m.submit(await buyTx(m.as("buyer"), [updated as MarketListing]));
    expect((await m.lovelaceOf("mallory")) - (seller ?? 0n)).toBe(
      2n * PRICE - 19_000_000n + (updated?.deposit ?? 0n),
    );
    expect((await m.lovelaceOf("treasury")) - (treasury ?? 0n)).toBe(5_000_000n);
  });
});

describe("reference script", () => {
  test("deployed once at an unspendable address, then buy and cancel read it instead of carrying it", async () => {
    await m.submit(deployReferenceScriptTx(m.as("creator")));
    const referenceScript = await findReferenceScript(m.lucid);
    const listing = await m.listOne();
    const { complete } = await m.submit(await buyTx(m.as("buyer"), [listing], { referenceScript }));
    const second = await m.listOne(); // listed before m.as("buyer"): listOne selects the creator's wallet
    const attached = await m.submit(await buyTx(m.as("buyer"), [second]));
    expect(complete.fee).toBeLessThan(attached.complete.fee);
    const other = await m.listOne();
    await m.submit(await cancelTx(m.as("creator"), [other], { referenceScript }));
    expect((await fetchListings(m.lucid)).map((l) => l.outRef)).not.toContainEqual(other.outRef);
  });
});
