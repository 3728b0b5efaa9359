// The compiled market validator, as committed in contracts/cardano/plutus.json (regenerate with
// `npm run cardano:compile`; test/cardano/reproducible.test.ts recompiles and compares the hash).
import type { Script, UTxO } from "lucid-cardano";
import blueprint from "../../contracts/cardano/plutus.json" with { type: "json" };
import type { Lucid } from "./lucid.js";
import type { MarketParams } from "./types.js";

const validator = blueprint.validators[0];
if (!validator) throw new Error("contracts/cardano/plutus.json holds no validator");

/** Script hash of the market validator: the payment credential of every listing, and the staking credential
 * whose zero withdrawal checks every payment of a buy. */
export const MARKET_SCRIPT_HASH: string = validator.hash;

/** Size of the market validator in bytes. */
export const MARKET_SCRIPT_SIZE: number = validator.size;

/** The marketplace's fee terms compiled into the validator. */
export const MARKET_PARAMS: MarketParams = blueprint.parameters as MarketParams;

/** The validator in lucid's form (double-CBOR-encoded hex, as Helios emits it). */
export const marketValidator: Script = { type: "PlutusV2", script: validator.compiledCode };

/** The market address on the lucid instance's network (no staking part). */
export function marketAddress(lucid: Lucid): string {
  return lucid.utils.validatorToAddress(marketValidator);
}

/** The reward address of the market script: a buy withdraws 0 from it, which runs the batch check once. It
 * must be registered once (deployMarketTx). */
export function marketRewardAddress(lucid: Lucid): string {
  return lucid.utils.validatorToRewardAddress(marketValidator);
}

/** The marketplace's fee address on the lucid instance's network. */
export function feeAddress(lucid: Lucid): string {
  const { payment, stake } = MARKET_PARAMS.feeAddress;
  return lucid.utils.credentialToAddress(payment, stake ?? undefined);
}

/** The unoptimised build of the same source, which keeps the validator's messages. Never used on chain:
 * explain.ts replays it to say why the on-chain script rejected a transaction. */
export const marketDebugScript: string = validator.debugCode;

/** An address nobody can ever spend from (native script "before slot 0"): where the reference-script UTxO
 * goes, so it can neither be spent by mistake nor show up among listings. */
export function lockedAddress(lucid: Lucid): string {
  const script = lucid.utils.nativeScriptFromJson({ type: "before", slot: 0 });
  return lucid.utils.validatorToAddress(script);
}

/** True when `utxo` carries the market validator as a reference script. */
export function isMarketReference(utxo: UTxO): boolean {
  return utxo.scriptRef?.script === marketValidator.script;
}
