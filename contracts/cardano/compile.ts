import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** Where the validator's source lives. */
export const MARKET_SOURCE_PATH: string = fileURLToPath(new URL("./market.hl", import.meta.url));

/** Options of the on-chain script; changing them changes the script hash. Helios's optimizer removes every
 * `error`/`assert` message (keepTracing does not keep them), so the same source is also compiled without
 * optimisation as `debugCode`: never used on chain, it is replayed off chain to say why the on-chain script
 * rejected a transaction (sdk/cardano/explain.ts). */
export const COMPILE_OPTIONS = { optimize: true, withAlt: false } as const;
export const DEBUG_COMPILE_OPTIONS = { optimize: false } as const;

export interface CompiledValidator {
  /** Validator title in plutus.json (`<name>.spend`). */
  title: string;
  /** CBOR hex of the flat-encoded program, as CIP-57 `compiledCode`. */
  compiledCode: string;
  /** Script hash (blake2b-224, hex): the payment credential of the market address. */
  hash: string;
  /** Size of the program in bytes. */
  size: number;
  /** The same source compiled without optimisation, trace messages kept (off-chain diagnostics only). */
  debugCode: string;
  debugHash: string;
}

/** The installed compiler's version (the package's own VERSION constant lags its package.json). */
export function heliosVersion(): string {
  const entry = createRequire(import.meta.url).resolve("@helios-lang/compiler"); // …/src/index.js
  const pkg = JSON.parse(readFileSync(join(dirname(entry), "..", "package.json"), "utf8")) as {
    version: string;
  };
  return pkg.version;
}

const toHex = (bytes: ArrayLike<number>): string => Buffer.from(Uint8Array.from(bytes)).toString("hex");

/** Compiles contracts/cardano/market.hl with Helios (pure JS, ~2 s). Used by the compile script and the
 * reproducibility test; the SDK never loads the compiler. */
export async function compileMarket(
  source: string = readFileSync(MARKET_SOURCE_PATH, "utf8"),
): Promise<CompiledValidator> {
  const { Program } = await import("@helios-lang/compiler");
  const program = new Program(source, { isTestnet: false });
  const uplc = program.compile(COMPILE_OPTIONS);
  const debug = new Program(source, { isTestnet: false }).compile(DEBUG_COMPILE_OPTIONS);
  const cbor = uplc.toCbor();
  return {
    title: `${program.name}.spend`,
    compiledCode: toHex(cbor),
    hash: toHex(uplc.hash()),
    size: cbor.length,
    debugCode: toHex(debug.toCbor()),
    debugHash: toHex(debug.hash()),
  };
}
