// A tampered buy built by hand, bypassing buyTx's correct outputs. lucid's Emulator does not run scripts on
// submit, so what stops it is lucid's local evaluation inside complete(): the transaction is rejected there,
// with the validator's message, before it exists in a signable form. Nothing reaches the ledger.

import { fetchListings } from "@aim/sdk/cardano/listings";
import { completeTx, ScriptRejectedError } from "@aim/sdk/cardano/submit";
import { expect, test } from "vitest";
import { startMarket } from "./fixtures.js";
import { type HandOutput, handBuy, honestOutputs } from "./hand.js";

test("a buy paying the seller 1 ADA instead of 90.5 is rejected in complete(), never submitted", async () => {
  const m = await startMarket();
  const listing = await m.listOne();
  const buyer = m.as("buyer");
  const tampered = async () => {
    const outputs = await honestOutputs(m.lucid, [listing], m.royalties);
    (outputs[0] as HandOutput).lovelace = 1_000_000n; // owed 90.5 ADA + the deposit
    return handBuy(buyer, [listing], outputs);
  };
  const sellerBefore = await m.lovelaceOf("creator");
  const buyerBefore = await m.lovelaceOf("buyer");
  const blockBefore = m.emulator.blockHeight;

  // lucid's own evaluation (CML, in complete()) refuses it; its message names the run but not the reason.
  await expect((await tampered()).complete()).rejects.toMatch(/failed script execution\s+Withdraw\[0\]/);

  // completeTx replays the rejected run with the validator's messages kept.
  const error = await completeTx(buyer, await tampered()).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ScriptRejectedError);
  expect((error as ScriptRejectedError).failures).toEqual([
    expect.stringMatching(/^Withdraw\[0\]: AIM: seller underpaid/),
  ]);

  // Nothing happened on the ledger: no block, no balance change, the listing is still for sale.
  expect(m.emulator.blockHeight).toBe(blockBefore);
  expect(await m.lovelaceOf("creator")).toBe(sellerBefore);
  expect(await m.lovelaceOf("buyer")).toBe(buyerBefore);
  expect((await fetchListings(m.lucid)).map((l) => l.utxo)).toContainEqual(listing.utxo);
});
