// Happy paths in the Emulator: mint, list, query, buy (one and many), cancel, update, reference script.

import { buyTx } from "@aim/sdk/cardano/buy";
import { cancelTx } from "@aim/sdk/cardano/cancel";
import { deployReferenceScriptTx, findReferenceScript } from "@aim/sdk/cardano/deploy";
import { fetchListings } from "@aim/sdk/cardano/listings";
import { manifestHash } from "@aim/sdk/cardano/metadata";
import { sellerShare } from "@aim/sdk/cardano/payouts";
import { marketAddress } from "@aim/sdk/cardano/script";
import type { MarketListing } from "@aim/sdk/cardano/types";
import { updatePriceTx } from "@aim/sdk/cardano/update";
import { beforeAll, describe, expect, test } from "vitest";
import { MANIFEST, type Market, PRICE, startMarket } from "./fixtures.js";

let m: Market;
beforeAll(async () => {
  m = await startMarket();
});

describe("mint", () => {
  test("the creator holds the licenses under its own key policy, with CIP-25 manifest metadata", async () => {
    expect(await m.licensesOf("creator")).toBe(1_000n);
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
});

describe("list and query", () => {
  test("a listing locks the license at the script and decodes back to what was listed", async () => {
    const before = await m.licensesOf("creator");
    const listing = await m.listOne();
    expect(listing.utxo.address).toBe(marketAddress(m.lucid));
    expect(listing.quantity).toBe(1n);
    expect(listing.listing).toEqual({
      seller: m.addr("creator"),
      price: PRICE,
      payouts: m.payouts,
      policyId: m.policyId,
      assetName: m.assetName,
    });
    expect(await m.licensesOf("creator")).toBe(before - 1n);
    const byPolicy = await fetchListings(m.lucid, {
      policyId: m.policyId,
      seller: m.addr("creator"),
    });
    expect(byPolicy.map((l) => l.outRef)).toContainEqual(listing.outRef);
    expect(await fetchListings(m.lucid, { policyId: "00".repeat(28) })).toEqual([]);
  });
});

describe("buy", () => {
  test("pays the seller, both royalty receivers and the fee, and gives the buyer the license", async () => {
    const listing = await m.listOne();
    const names = ["creator", "royaltyA", "royaltyB", "treasury"] as const;
    const before = await Promise.all(names.map((n) => m.lovelaceOf(n)));
    const buyerLicenses = await m.licensesOf("buyer");
    await m.submit(await buyTx(m.as("buyer"), [listing]));
    const after = await Promise.all(names.map((n) => m.lovelaceOf(n)));
    const paid = after.map((a, i) => a - (before[i] ?? 0n));
    expect(paid).toEqual([sellerShare(PRICE, m.payouts), 5_000_000n, 2_000_000n, 2_500_000n]);
    expect(await m.licensesOf("buyer")).toBe(buyerLicenses + 1n);
    const left = await fetchListings(m.lucid);
    expect(left.map((l) => l.outRef)).not.toContainEqual(listing.outRef);
  });

  test("buys three listings in one transaction, each payee paid once per listing", async () => {
    const listings = [await m.listOne(), await m.listOne(20_000_000n), await m.listOne(30_000_000n)];
    const before = await m.lovelaceOf("royaltyA");
    const licenses = await m.licensesOf("buyer");
    await m.submit(await buyTx(m.as("buyer"), listings));
    expect(await m.licensesOf("buyer")).toBe(licenses + 3n);
    expect((await m.lovelaceOf("royaltyA")) - before).toBe(15_000_000n);
  });

  test("buys 20 listings (each with 2 royalties and a fee) in one transaction", async () => {
    const listings = await m.listMany(20);
    expect(listings).toHaveLength(20);
    const licenses = await m.licensesOf("buyer");
    const fee = await m.lovelaceOf("treasury");
    await m.submit(await buyTx(m.as("buyer"), listings));
    expect(await m.licensesOf("buyer")).toBe(licenses + 20n);
    expect((await m.lovelaceOf("treasury")) - fee).toBe(20n * 2_500_000n);
  });

  test("a seller who is also a royalty receiver gets both outputs", async () => {
    const self = m.addr("creator");
    const listing = await m.listOne(PRICE, [{ address: self, lovelace: 10_000_000n }]);
    const before = await m.lovelaceOf("creator");
    await m.submit(await buyTx(m.as("buyer"), [listing]));
    expect((await m.lovelaceOf("creator")) - before).toBe(PRICE);
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

  test("the seller updates the price; payouts keep their share; the new listing sells at the new price", async () => {
    const listing = await m.listOne();
    const { tx, listing: next } = await updatePriceTx(m.as("creator"), listing, 2n * PRICE);
    await m.submit(tx);
    const [updated] = (await fetchListings(m.lucid)).filter((l) => l.listing.price === 2n * PRICE);
    expect(updated?.listing).toEqual(next);
    expect(updated?.listing.payouts.map((p) => p.lovelace)).toEqual([10_000_000n, 4_000_000n, 5_000_000n]);
    const before = await m.lovelaceOf("creator");
    await m.submit(await buyTx(m.as("buyer"), [updated as MarketListing]));
    expect((await m.lovelaceOf("creator")) - before).toBe(2n * PRICE - 19_000_000n);
  });
});

describe("reference script", () => {
  test("deployed once at an unspendable address, then buy and cancel read it instead of carrying it", async () => {
    await m.submit(deployReferenceScriptTx(m.as("creator")));
    const referenceScript = await findReferenceScript(m.lucid);
    const listing = await m.listOne();
    const { complete } = await m.submit(await buyTx(m.as("buyer"), [listing], { referenceScript }));
    const attached = await m.submit(await buyTx(m.as("buyer"), [await m.listOne()]));
    expect(complete.fee).toBeLessThan(attached.complete.fee);
    const other = await m.listOne();
    await m.submit(await cancelTx(m.as("creator"), [other], { referenceScript }));
    expect((await fetchListings(m.lucid)).map((l) => l.outRef)).not.toContainEqual(other.outRef);
  });
});
