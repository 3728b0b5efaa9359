import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** Where the validator's source lives. */
export const MARKET_SOURCE_PATH: string = fileURLToPath(new URL("./market.hl", import.meta.url));

/** Where the marketplace's terms live (fee address and rate): compiled into the script as parameters. */
export const MARKET_PARAMS_PATH: string = fileURLToPath(new URL("./params.json", import.meta.url));

/** A payment or staking credential, as lucid names them. */
export interface CredentialParam {
  type: "Key" | "Script";
  hash: string;
}

/** The marketplace's terms: every Buy pays `feeBps` / 10000 of each price to `feeAddress`. */
export interface MarketParams {
  feeAddress: { payment: CredentialParam; stake: CredentialParam | null };
  feeBps: number;
}

export function readMarketParams(path: string = MARKET_PARAMS_PATH): MarketParams {
  const raw = JSON.parse(readFileSync(path, "utf8")) as MarketParams;
  checkMarketParams(raw);
  return { feeAddress: raw.feeAddress, feeBps: raw.feeBps };
}

export function checkMarketParams(params: MarketParams): void {
  const credential = (c: CredentialParam | null | undefined, what: string) => {
    if (!c || (c.type !== "Key" && c.type !== "Script") || !/^[0-9a-f]{56}$/.test(c.hash))
      throw new Error(`${what}: expected {type: "Key" | "Script", hash: 28 bytes of hex}`);
  };
  credential(params.feeAddress?.payment, "feeAddress.payment");
  if (params.feeAddress.stake !== null) credential(params.feeAddress.stake, "feeAddress.stake");
  if (!Number.isInteger(params.feeBps) || params.feeBps < 0 || params.feeBps > 10_000)
    throw new Error("feeBps: an integer in 0..10000");
}

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
  params: MarketParams = readMarketParams(),
): Promise<CompiledValidator> {
  checkMarketParams(params);
  const { Program } = await import("@helios-lang/compiler");
  const { makeByteArrayData, makeConstrData, makeIntData } = await import("@helios-lang/uplc");
  const credential = (c: CredentialParam) =>
    makeConstrData(c.type === "Key" ? 0 : 1, [makeByteArrayData(c.hash)]);
  const { payment, stake } = params.feeAddress;
  const staking = stake ? makeConstrData(0, [makeConstrData(0, [credential(stake)])]) : makeConstrData(1, []);
  const feeAddress = makeConstrData(0, [credential(payment), staking]);
  const build = (options: typeof COMPILE_OPTIONS | typeof DEBUG_COMPILE_OPTIONS) => {
    const program = new Program(source, { isTestnet: false });
    if (
      !program.changeParam(`${program.name}::FEE_ADDRESS`, feeAddress) ||
      !program.changeParam(`${program.name}::FEE_BPS`, makeIntData(params.feeBps))
    )
      throw new Error("market.hl lacks the FEE_ADDRESS / FEE_BPS constants");
    return { program, uplc: program.compile(options) };
  };
  const { program, uplc } = build(COMPILE_OPTIONS);
  const debug = build(DEBUG_COMPILE_OPTIONS).uplc;
  const cbor = uplc.toCbor();
  return {
    title: `${program.name}.${program.purpose}`,
    compiledCode: toHex(cbor),
    hash: toHex(uplc.hash()),
    size: cbor.length,
    debugCode: toHex(debug.toCbor()),
    debugHash: toHex(debug.hash()),
  };
}
