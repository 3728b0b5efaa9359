// Recompiles contracts/cardano/market.hl and writes contracts/cardano/plutus.json, which the off-chain code
// loads. Run: `npm run cardano:compile`. test/cardano/reproducible.test.ts fails if the two disagree.
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import {
  COMPILE_OPTIONS,
  compileMarket,
  DEBUG_COMPILE_OPTIONS,
  heliosVersion,
} from "../contracts/cardano/compile.js";

const compiled = await compileMarket();
const blueprint = {
  preamble: {
    title: "aim-marketplace/cardano",
    description: "AIM Marketplace listing validator (Helios, Plutus V2)",
    plutusVersion: "v2",
    compiler: {
      name: "@helios-lang/compiler",
      version: heliosVersion(),
      options: COMPILE_OPTIONS,
      debugOptions: DEBUG_COMPILE_OPTIONS,
    },
  },
  validators: [compiled],
};
const out = fileURLToPath(new URL("../contracts/cardano/plutus.json", import.meta.url));
writeFileSync(out, `${JSON.stringify(blueprint, null, 2)}\n`);
console.log(`${compiled.title}: ${compiled.size} bytes, hash ${compiled.hash} -> ${out}`);
