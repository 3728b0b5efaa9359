// Why a script rejected a transaction. lucid's local evaluation (CML, in complete()) reports only
// "failed script execution Spend[i] the validator crashed"; the validator's trace messages are lost. When
// that happens, this rebuilds the Plutus V2 ScriptContext of each market input from the balanced transaction
// and replays the validator in Helios's CEK machine, which keeps the traces ("AIM: seller underpaid").
// Only the fields the market validator reads are exact; the datums map is left empty (inline datums only).
import type { C as CML, Data, UTxO } from "lucid-cardano";
import { addressToData } from "./address-data.js";
import { type Lucid, loadLucid } from "./lucid.js";
import { MARKET_SCRIPT_HASH, marketDebugScript, marketValidator } from "./script.js";

type Tx = CML.Transaction;

/** Builds Data for a lucid value: ada first, then policies and names in byte order, like the ledger. */
async function valueToData(assets: Record<string, bigint>): Promise<Data> {
  const byPolicy = new Map<string, Map<string, bigint>>();
  for (const unit of Object.keys(assets).sort()) {
    const policy = unit === "lovelace" ? "" : unit.slice(0, 56);
    const name = unit === "lovelace" ? "" : unit.slice(56);
    const amount = assets[unit] ?? 0n;
    if (amount === 0n) continue;
    if (!byPolicy.has(policy)) byPolicy.set(policy, new Map());
    byPolicy.get(policy)?.set(name, amount);
  }
  const sorted = [...byPolicy.keys()].sort();
  return new Map<Data, Data>(sorted.map((p) => [p, byPolicy.get(p) as Map<Data, Data>]));
}

async function txOutToData(lucid: Lucid, utxo: UTxO): Promise<Data> {
  const { Constr } = await loadLucid();
  const datum = utxo.datum
    ? new Constr(2, [(await loadLucid()).Data.from(utxo.datum)])
    : utxo.datumHash
      ? new Constr(1, [utxo.datumHash])
      : new Constr(0, []);
  const scriptRef = utxo.scriptRef
    ? new Constr(0, [lucid.utils.validatorToScriptHash(utxo.scriptRef)])
    : new Constr(1, []);
  return new Constr(0, [
    await addressToData(lucid, utxo.address),
    await valueToData(utxo.assets),
    datum,
    scriptRef,
  ]);
}

const outRefData = async (txHash: string, index: number | bigint): Promise<Data> => {
  const { Constr } = await loadLucid();
  return new Constr(0, [new Constr(0, [txHash]), BigInt(index)]);
};

async function resolveInputs(lucid: Lucid, inputs: CML.TransactionInputs | undefined): Promise<UTxO[]> {
  if (!inputs) return [];
  const refs = [];
  for (let i = 0; i < inputs.len(); i++) {
    const input = inputs.get(i);
    refs.push({ txHash: input.transaction_id().to_hex(), outputIndex: Number(input.index().to_str()) });
  }
  refs.sort((a, b) => (a.txHash === b.txHash ? a.outputIndex - b.outputIndex : a.txHash < b.txHash ? -1 : 1));
  const utxos = await lucid.utxosByOutRef(refs);
  return refs.map((r) => {
    const u = utxos.find((x) => x.txHash === r.txHash && x.outputIndex === r.outputIndex);
    if (!u) throw new Error(`input ${r.txHash}#${r.outputIndex} not found`);
    return u;
  });
}

/** The ScriptContext of every market-script input of `tx`, with its datum and redeemer. */
async function marketContexts(lucid: Lucid, tx: Tx): Promise<{ index: number; args: string[] }[]> {
  const { C, Constr, Data, coreToUtxo } = await loadLucid();
  const body = tx.body();
  const inputs = await resolveInputs(lucid, body.inputs());
  const refInputs = await resolveInputs(lucid, body.reference_inputs());
  const inInfo = async (u: UTxO) =>
    new Constr(0, [await outRefData(u.txHash, u.outputIndex), await txOutToData(lucid, u)]);
  const outputs: Data[] = [];
  for (let i = 0; i < body.outputs().len(); i++) {
    const input = C.TransactionInput.new(C.TransactionHash.from_hex("00".repeat(32)), C.BigNum.from_str("0"));
    outputs.push(
      await txOutToData(lucid, coreToUtxo(C.TransactionUnspentOutput.new(input, body.outputs().get(i)))),
    );
  }
  const signers: Data[] = [];
  const required = body.required_signers();
  for (let i = 0; i < (required?.len() ?? 0); i++) signers.push(required?.get(i).to_hex() ?? "");
  const mint = new Map<Data, Data>();
  const always = new Constr(0, [
    new Constr(0, [new Constr(0, []), new Constr(1, [])]),
    new Constr(0, [new Constr(2, []), new Constr(1, [])]),
  ]);
  const redeemers = tx.witness_set().redeemers();
  const spends: { index: number; redeemer: Data }[] = [];
  for (let i = 0; i < (redeemers?.len() ?? 0); i++) {
    const r = redeemers?.get(i);
    if (!r || r.tag().kind() !== C.RedeemerTagKind.Spend) continue;
    spends.push({
      index: Number(r.index().to_str()),
      redeemer: Data.from(Buffer.from(r.data().to_bytes()).toString("hex")),
    });
  }
  const redeemerMap = new Map<Data, Data>();
  for (const s of spends) {
    const u = inputs[s.index];
    if (u) redeemerMap.set(new Constr(1, [await outRefData(u.txHash, u.outputIndex)]), s.redeemer);
  }
  const txInfo = new Constr(0, [
    await Promise.all(inputs.map(inInfo)),
    await Promise.all(refInputs.map(inInfo)),
    outputs,
    await valueToData({ lovelace: BigInt(body.fee().to_str()) }),
    mint,
    [],
    new Map(),
    always,
    signers,
    redeemerMap,
    new Map(),
    new Constr(0, [C.hash_transaction(body).to_hex()]),
  ]);
  const contexts = [];
  for (const s of spends) {
    const u = inputs[s.index];
    if (!u?.datum || lucid.utils.getAddressDetails(u.address).paymentCredential?.hash !== MARKET_SCRIPT_HASH)
      continue;
    const purpose = new Constr(1, [await outRefData(u.txHash, u.outputIndex)]);
    contexts.push({
      index: s.index,
      args: [u.datum, Data.to(s.redeemer), Data.to(new Constr(0, [txInfo, purpose]))],
    });
  }
  return contexts;
}

/** Replays the market validator for each market input of `tx`; returns "Spend[i]: <trace>" for each
 * input it rejects (empty when it accepts them all). */
export async function explainMarketFailure(lucid: Lucid, tx: Tx): Promise<string[]> {
  const { decodeUplcData, decodeUplcProgramV2FromCbor, makeUplcDataValue } = await import(
    "@helios-lang/uplc"
  );
  const onChain = decodeUplcProgramV2FromCbor(Buffer.from(marketValidator.script, "hex"));
  const debug = decodeUplcProgramV2FromCbor(Buffer.from(marketDebugScript, "hex"));
  const failures: string[] = [];
  for (const { index, args } of await marketContexts(lucid, tx)) {
    const values = args.map((hex) => makeUplcDataValue(decodeUplcData(Buffer.from(hex, "hex"))));
    if (!("left" in onChain.eval(values).result)) continue; // this input is not the one rejected
    const result = debug.eval(values);
    const trace = result.logs.map((l) => l.message).join("; ");
    const error = "left" in result.result ? result.result.left.error : "";
    failures.push(`Spend[${index}]: ${trace || error || "rejected (no message)"}`);
  }
  return failures;
}
