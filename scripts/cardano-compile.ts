// Recompiles contracts/cardano/market.hl with the marketplace's terms (contracts/cardano/params.json) and writes
// contracts/cardano/plutus.json, which the off-chain code loads. Run: `npm run cardano:compile`, or
// `npm run cardano:compile -- --fee-address ADDR --fee-bps N` to set new terms first (a new script hash and
// market address). test/cardano/reproducible.test.ts fails if plutus.json and the sources disagree.
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { loadLucid } from "@aim/sdk/cardano/lucid";
import {
  COMPILE_OPTIONS,
  type CredentialParam,
  checkMarketParams,
  compileMarket,
  DEBUG_COMPILE_OPTIONS,
  heliosVersion,
  MARKET_PARAMS_PATH,
  type MarketParams,
  readMarketParams,
} from "../contracts/cardano/compile.js";

const { values } = parseArgs({
  options: { "fee-address": { type: "string" }, "fee-bps": { type: "string" } },
});
if (values["fee-address"] || values["fee-bps"]) {
  const params: MarketParams = readMarketParams();
  if (values["fee-address"]) {
    const { Lucid } = await loadLucid();
    const details = (await Lucid.new(undefined, "Preprod")).utils.getAddressDetails(values["fee-address"]);
    if (!details.paymentCredential) throw new Error("--fee-address has no payment credential");
    const stake = details.stakeCredential;
    params.feeAddress = {
      payment: details.paymentCredential as CredentialParam,
      stake: stake ? (stake as CredentialParam) : null,
    };
  }
  if (values["fee-bps"]) params.feeBps = Number(values["fee-bps"]);
  checkMarketParams(params);
  const file = JSON.parse(readFileSync(MARKET_PARAMS_PATH, "utf8")) as Record<string, unknown>;
  writeFileSync(MARKET_PARAMS_PATH, `${JSON.stringify({ ...file, ...params }, null, 2)}\n`);
}

const params = readMarketParams();
const compiled = await compileMarket(undefined, params);
const blueprint = {
  preamble: {
    title: "aim-marketplace/cardano",
    description: "AIM Marketplace listing validator (Helios, Plutus V2, spending + withdraw-zero batch)",
    plutusVersion: "v2",
    compiler: {
      name: "@helios-lang/compiler",
      version: heliosVersion(),
      options: COMPILE_OPTIONS,
      debugOptions: DEBUG_COMPILE_OPTIONS,
    },
  },
  parameters: params,
  validators: [compiled],
};
const out = fileURLToPath(new URL("../contracts/cardano/plutus.json", import.meta.url));
writeFileSync(out, `${JSON.stringify(blueprint, null, 2)}\n`);
console.log(`${compiled.title}: ${compiled.size} bytes, hash ${compiled.hash} -> ${out}`);
