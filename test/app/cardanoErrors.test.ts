// Every Cardano failure the app can meet becomes one sentence: CIP-30 errors by stage, sdk/cardano's
// configuration, validator and input errors, an unreachable provider, an empty wallet.

import { CardanoConfigError, CardanoMarketError } from "@aim/sdk/cardano/errors";
import { CardanoTxStepError, ScriptRejectedError } from "@aim/sdk/cardano/submit";
import { describe, expect, it } from "vitest";
import { cardanoErrorMessage } from "../../app/src/cardano/errors.js";

describe("cardanoErrorMessage", () => {
  it("tells a refused connection from a declined signature (CIP-30 APIError -3, TxSignError 2)", () => {
    expect(cardanoErrorMessage({ code: -3, info: "user declined" }, "connect", "Nami")).toBe(
      "You declined the connection in Nami. Nothing was shared; connect again when ready.",
    );
    expect(cardanoErrorMessage({ code: 2, info: "user declined sign tx" }, "buy", "Lace")).toBe(
      "You declined to sign in Lace. Nothing was sent.",
    );
    expect(cardanoErrorMessage(new Error("User rejected"), "list", "Eternl")).toBe(
      "You declined to sign in Eternl. Nothing was sent.",
    );
    expect(cardanoErrorMessage({ code: -4, info: "account changed" }, "buy", "Eternl")).toBe(
      "The account in Eternl changed. Connect again to use the new account.",
    );
  });

  it("does not call a refused submission a declined signature (TxSendError 2, node rejections)", () => {
    const failure = new CardanoTxStepError("submit", { code: 2, info: "tx rejected: BadInputsUTxO" });
    expect(cardanoErrorMessage(failure, "buy", "Lace")).toBe(
      "Lace signed, but the transaction was not accepted (tx rejected: BadInputsUTxO). Nothing was spent; reload the listings and retry.",
    );
    const declined = new CardanoTxStepError("sign", { code: 2, info: "user declined sign tx" });
    expect(cardanoErrorMessage(declined, "buy", "Lace")).toBe(
      "You declined to sign in Lace. Nothing was sent.",
    );
  });

  it("names the variable of a bad configuration", () => {
    expect(cardanoErrorMessage(new CardanoConfigError("CARDANO_PROVIDER", "not set"), "read")).toBe(
      "Cardano is misconfigured: CARDANO_PROVIDER: not set. Fix the VITE_ variable in the app's .env and rebuild.",
    );
  });

  it("gives the validator's reason when the script would reject the transaction", () => {
    const error = new ScriptRejectedError(
      ["Spend[0]: AIM: seller underpaid"],
      new Error("failed script execution"),
    );
    expect(cardanoErrorMessage(error, "buy")).toBe(
      "The market script would reject this transaction (Spend[0]: AIM: seller underpaid); nothing was signed or sent.",
    );
  });

  it("passes on sdk/cardano's input errors, and explains an empty wallet and an unreachable provider", () => {
    expect(
      cardanoErrorMessage(
        new CardanoMarketError("payout 1 (5 lovelace) is below the minimum output"),
        "list",
      ),
    ).toBe("Could not list your licenses: payout 1 (5 lovelace) is below the minimum output.");
    expect(cardanoErrorMessage(new Error("Insufficient input in transaction"), "buy", "Eternl")).toBe(
      "Eternl does not hold enough ADA for this transaction and its fee.",
    );
    expect(cardanoErrorMessage(new TypeError("Failed to fetch"), "read")).toBe(
      "The Cardano provider could not be reached, so the app could not load the Cardano listings. Check your connection or the provider settings and retry.",
    );
    expect(cardanoErrorMessage("boom", "cancel")).toBe("Could not cancel your listing: boom");
  });
});
