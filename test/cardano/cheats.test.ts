// Every way to cheat the market fails while the transaction is built: lucid evaluates the validator
// locally in complete() and throws the validator's own message. Nothing is signed or submitted.

import { fetchListings } from "@aim/sdk/cardano/listings";
import { completeTx } from "@aim/sdk/cardano/submit";
import { beforeAll, describe, expect, test } from "vitest";
import { type Market, startMarket } from "./fixtures.js";
import { type HandOutput, handBuy, handCancel, handUpdate, honestOutputs } from "./hand.js";

let m: Market;
beforeAll(async () => {
  m = await startMarket();
});

describe("buy", () => {
  test("the honest hand-built buy passes (the cheats below differ from it in one thing)", async () => {
    const l = await m.listOne();
    await m.submit(await handBuy(m.as("buyer"), [{ listing: l, offset: 0 }], honestOutputs(l)));
    expect(await m.licensesOf("buyer")).toBe(1n);
  });

  test("underpaying the seller", async () => {
    const l = await m.listOne();
    const outputs = honestOutputs(l);
    (outputs[0] as HandOutput).lovelace -= 1n;
    const tx = await handBuy(m.as("buyer"), [{ listing: l, offset: 0 }], outputs);
    await expect(completeTx(m.lucid, tx)).rejects.toThrow(/AIM: seller underpaid/);
  });

  test("paying the seller's share to someone else", async () => {
    const l = await m.listOne();
    const outputs = honestOutputs(l);
    (outputs[0] as HandOutput).address = m.addr("mallory");
    const tx = await handBuy(m.as("buyer"), [{ listing: l, offset: 0 }], outputs);
    await expect(completeTx(m.lucid, tx)).rejects.toThrow(/AIM: seller not paid/);
  });

  test("skipping a royalty", async () => {
    const l = await m.listOne();
    const outputs = honestOutputs(l).filter((_, i) => i !== 1);
    const tx = await handBuy(m.as("buyer"), [{ listing: l, offset: 0 }], outputs);
    await expect(completeTx(m.lucid, tx)).rejects.toThrow(/AIM: payout 1 not paid/);
  });

  test("underpaying a royalty", async () => {
    const l = await m.listOne();
    const outputs = honestOutputs(l);
    (outputs[2] as HandOutput).lovelace -= 1n;
    const tx = await handBuy(m.as("buyer"), [{ listing: l, offset: 0 }], outputs);
    await expect(completeTx(m.lucid, tx)).rejects.toThrow(/AIM: payout 2 underpaid/);
  });

  test("skipping the marketplace fee", async () => {
    const l = await m.listOne();
    const outputs = honestOutputs(l).slice(0, 3);
    const tx = await handBuy(m.as("buyer"), [{ listing: l, offset: 0 }], outputs);
    await expect(completeTx(m.lucid, tx)).rejects.toThrow(/AIM: payout 3 not paid/);
  });

  test("pointing the redeemer's offset at the wrong outputs", async () => {
    const l = await m.listOne();
    const tx = await handBuy(m.as("buyer"), [{ listing: l, offset: 1 }], honestOutputs(l));
    await expect(completeTx(m.lucid, tx)).rejects.toThrow(/AIM: seller not paid/);
  });

  test("payouts without the listing's tag (plain outputs)", async () => {
    const l = await m.listOne();
    const outputs = honestOutputs(l).map((o) => ({ ...o, tag: null }));
    const tx = await handBuy(m.as("buyer"), [{ listing: l, offset: 0 }], outputs);
    await expect(completeTx(m.lucid, tx)).rejects.toThrow(/AIM: seller output not tagged with this listing/);
  });

  test("double satisfaction: one set of payments for two identical listings", async () => {
    const a = await m.listOne();
    const b = await m.listOne();
    const spends = [
      { listing: a, offset: 0 },
      { listing: b, offset: 0 },
    ];
    const tx = await handBuy(m.as("buyer"), spends, honestOutputs(a));
    await expect(completeTx(m.lucid, tx)).rejects.toThrow(/AIM: seller output not tagged with this listing/);
  });

  test("double satisfaction: payments tagged for one listing, relabelled for the other", async () => {
    const a = await m.listOne();
    const b = await m.listOne();
    const outputs = [...honestOutputs(a), ...honestOutputs(a)]; // the second set tagged with `a`, not `b`
    const spends = [
      { listing: a, offset: 0 },
      { listing: b, offset: 4 },
    ];
    const tx = await handBuy(m.as("buyer"), spends, outputs);
    await expect(completeTx(m.lucid, tx)).rejects.toThrow(/AIM: seller output not tagged with this listing/);
  });

  test("double satisfaction: a seller who is also a royalty receiver paid by one output", async () => {
    const seller = m.addr("creator");
    const l = await m.listOne(100_000_000n, [{ address: seller, lovelace: 10_000_000n }]);
    const outputs = [{ address: seller, lovelace: 100_000_000n, tag: l.outRef }];
    const tx = await handBuy(m.as("buyer"), [{ listing: l, offset: 0 }], outputs);
    await expect(completeTx(m.lucid, tx)).rejects.toThrow(/AIM: payout 1 not paid/);
  });
});

describe("cancel and update", () => {
  test("cancelling without the seller's signature", async () => {
    const l = await m.listOne();
    await expect(completeTx(m.lucid, await handCancel(m.as("mallory"), l))).rejects.toThrow(
      /AIM: seller signature missing/,
    );
  });

  test("updating without the seller's signature", async () => {
    const l = await m.listOne();
    const next = { ...l.listing, price: 1n, payouts: [] };
    const tx = await handUpdate(m.as("mallory"), l, 1n, next);
    await expect(completeTx(m.lucid, tx)).rejects.toThrow(/AIM: seller signature missing/);
  });

  test("an update that redirects the licenses away from the market", async () => {
    const l = await m.listOne();
    const next = { ...l.listing, price: 50_000_000n, payouts: [] };
    const seller = m.addr("creator");
    const tx = await handUpdate(m.as("creator"), l, next.price, next, {
      to: m.addr("mallory"),
      signer: seller,
    });
    await expect(completeTx(m.lucid, tx)).rejects.toThrow(
      /AIM: licenses must stay listed with the new price/,
    );
  });

  test("an update that rewrites the seller or states another price than the redeemer", async () => {
    const l = await m.listOne();
    const seller = m.addr("creator");
    const stolen = { ...l.listing, seller: m.addr("mallory") };
    const tx = await handUpdate(m.as("creator"), l, l.listing.price, stolen, { signer: seller });
    await expect(completeTx(m.lucid, tx)).rejects.toThrow(
      /AIM: licenses must stay listed with the new price/,
    );
    const mismatch = { ...l.listing, price: 1n };
    const tx2 = await handUpdate(m.as("creator"), l, 2n, mismatch, { signer: seller });
    await expect(completeTx(m.lucid, tx2)).rejects.toThrow(
      /AIM: licenses must stay listed with the new price/,
    );
  });

  test("every rejected listing is still there, untouched", async () => {
    const onChain = (await fetchListings(m.lucid)).map((l) => l.utxo);
    const rejected = m.listed.slice(1); // the first one was bought honestly
    expect(rejected.length).toBeGreaterThan(10);
    expect(onChain).toEqual(expect.arrayContaining(rejected.map((l) => l.utxo)));
    expect(onChain.length).toBe(rejected.length);
  });
});
