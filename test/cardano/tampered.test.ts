// A tampered buy built by hand, bypassing buyTx's correct outputs. lucid's Emulator does not run scripts on
// submit, so what stops it is lucid's local evaluation inside complete(): the transaction is rejected there,
// with the validator's message, before it exists in a signable form. Nothing reaches the ledger.

import { buyRedeemer, payoutTag } from "@aim/sdk/cardano/datum";
import { fetchListings } from "@aim/sdk/cardano/listings";
import { marketValidator } from "@aim/sdk/cardano/script";
import { completeTx, ScriptRejectedError } from "@aim/sdk/cardano/submit";
import { expect, test } from "vitest";
import { startMarket } from "./fixtures.js";

test("a buy paying the seller 1 ADA instead of 90.5 is rejected in complete(), never submitted", async () => {
  const m = await startMarket();
  const listing = await m.listOne();
  const buyer = m.as("buyer");
  const tag = { inline: await payoutTag(listing.outRef) };
  const tampered = async () => {
    let tx = buyer
      .newTx()
      .attachSpendingValidator(marketValidator)
      .collectFrom([listing.utxo], await buyRedeemer(0));
    tx = tx.payToAddressWithData(listing.listing.seller, tag, { lovelace: 1_000_000n }); // owed 90.5 ADA
    for (const p of listing.listing.payouts)
      tx = tx.payToAddressWithData(p.address, tag, { lovelace: p.lovelace });
    return tx;
  };
  const sellerBefore = await m.lovelaceOf("creator");
  const buyerBefore = await m.lovelaceOf("buyer");
  const blockBefore = m.emulator.blockHeight;

  // lucid's own evaluation (CML, in complete()) refuses it; its message names the input but not the reason.
  await expect((await tampered()).complete()).rejects.toMatch(/failed script execution\s+Spend\[\d\]/);

  // completeTx replays the rejected input with the validator's messages kept.
  const error = await completeTx(buyer, await tampered()).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ScriptRejectedError);
  expect((error as ScriptRejectedError).failures).toEqual([
    expect.stringMatching(/^Spend\[\d\]: AIM: seller underpaid$/),
  ]);

  // Nothing happened on the ledger: no block, no balance change, the listing is still for sale.
  expect(m.emulator.blockHeight).toBe(blockBefore);
  expect(await m.lovelaceOf("creator")).toBe(sellerBefore);
  expect(await m.lovelaceOf("buyer")).toBe(buyerBefore);
  expect((await fetchListings(m.lucid)).map((l) => l.utxo)).toContainEqual(listing.utxo);
});
