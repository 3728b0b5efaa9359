// The committed contracts/cardano/plutus.json is exactly what market.hl compiles to, and its hash is the
// one the off-chain code uses for the market address.

import { loadLucid } from "@aim/sdk/cardano/lucid";
import { MARKET_SCRIPT_HASH, marketAddress, marketValidator } from "@aim/sdk/cardano/script";
import { describe, expect, test } from "vitest";
import { compileMarket, heliosVersion } from "../../contracts/cardano/compile.js";
import blueprint from "../../contracts/cardano/plutus.json" with { type: "json" };

describe("reproducible validator", () => {
  test("recompiling market.hl gives the committed code and hash", async () => {
    const compiled = await compileMarket();
    const committed = blueprint.validators[0];
    expect(compiled.hash).toBe(committed?.hash);
    expect(compiled.compiledCode).toBe(committed?.compiledCode);
    expect(compiled.debugHash).toBe(committed?.debugHash);
    expect(blueprint.preamble.compiler.version).toBe(heliosVersion());
  });

  test("the marketplace's terms are compiled in: other terms, another hash", async () => {
    const { readMarketParams } = await import("../../contracts/cardano/compile.js");
    const params = readMarketParams();
    expect(blueprint.parameters).toEqual(params);
    expect((await compileMarket(undefined, { ...params, feeBps: params.feeBps + 1 })).hash).not.toBe(
      MARKET_SCRIPT_HASH,
    );
  });

  test("the off-chain code's script hash and address come from that code", async () => {
    const { Lucid } = await loadLucid();
    const lucid = await Lucid.new(undefined, "Preprod");
    expect(lucid.utils.validatorToScriptHash(marketValidator)).toBe(MARKET_SCRIPT_HASH);
    expect(lucid.utils.getAddressDetails(marketAddress(lucid)).paymentCredential).toEqual({
      type: "Script",
      hash: MARKET_SCRIPT_HASH,
    });
  });

  test("a one-character change to the logic changes the hash (messages alone do not: the optimiser drops them)", async () => {
    const { readFileSync } = await import("node:fs");
    const { MARKET_SOURCE_PATH } = await import("../../contracts/cardano/compile.js");
    const original = readFileSync(MARKET_SOURCE_PATH, "utf8");
    const source = original.replace("get_lovelace() >= fee,", "get_lovelace() > fee,");
    expect(source).not.toBe(original);
    expect((await compileMarket(source)).hash).not.toBe(MARKET_SCRIPT_HASH);
  });
});
