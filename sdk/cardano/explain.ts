// Why a script rejected a transaction. lucid's local evaluation (CML, in complete()) reports only
// "failed script execution Spend[i] the validator crashed"; the validator's trace messages are lost. When
// that happens, this rebuilds the Plutus V2 ScriptContext of each market run (spends and the zero withdrawal)
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

/** The ScriptContext of every market-script run of `tx` (each market input's spend and the market's zero
 * withdrawal), with the arguments the ledger passes: datum, redeemer, context for a spend; redeemer, context for
 * a withdrawal. `label` is lucid's name for the run ("Spend[2]", "Withdraw[0]"). */
export async function marketContexts(lucid: Lucid, tx: Tx): Promise<{ label: string; args: string[] }[]> {
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
  // Withdrawals, in the ledger's order (the Reward redeemer index points into it).
  const withdrawals: { credential: Data; hash: string; amount: bigint }[] = [];
  const wdrl = body.withdrawals();
  for (let i = 0; i < (wdrl?.keys().len() ?? 0); i++) {
    const key = wdrl?.keys().get(i);
    if (!key || !wdrl) continue;
    const details = lucid.utils.getAddressDetails(key.to_address().to_bech32(undefined));
    const stake = details.stakeCredential;
    if (!stake) continue;
    const credential = new Constr(0, [new Constr(stake.type === "Key" ? 0 : 1, [stake.hash])]);
    withdrawals.push({ credential, hash: stake.hash, amount: BigInt(wdrl.get(key)?.to_str() ?? "0") });
  }
  const always = new Constr(0, [
    new Constr(0, [new Constr(0, []), new Constr(1, [])]),
    new Constr(0, [new Constr(2, []), new Constr(1, [])]),
  ]);
  const redeemers = tx.witness_set().redeemers();
  const runs: { kind: "spend" | "reward"; index: number; redeemer: Data }[] = [];
  for (let i = 0; i < (redeemers?.len() ?? 0); i++) {
    const r = redeemers?.get(i);
    if (!r) continue;
    const kind = r.tag().kind();
    if (kind !== C.RedeemerTagKind.Spend && kind !== C.RedeemerTagKind.Reward) continue;
    runs.push({
      kind: kind === C.RedeemerTagKind.Spend ? "spend" : "reward",
      index: Number(r.index().to_str()),
      redeemer: Data.from(Buffer.from(r.data().to_bytes()).toString("hex")),
    });
  }
  const purposes = new Map<number, Data>();
  const redeemerMap = new Map<Data, Data>();
  for (const run of runs) {
    const u = run.kind === "spend" ? inputs[run.index] : undefined;
    const w = run.kind === "reward" ? withdrawals[run.index] : undefined;
    const purpose = u
      ? new Constr(1, [await outRefData(u.txHash, u.outputIndex)])
      : w
        ? new Constr(2, [w.credential])
        : undefined;
    if (!purpose) continue;
    purposes.set(runs.indexOf(run), purpose);
    redeemerMap.set(purpose, run.redeemer);
  }
  const txInfo = new Constr(0, [
    await Promise.all(inputs.map(inInfo)),
    await Promise.all(refInputs.map(inInfo)),
    outputs,
    await valueToData({ lovelace: BigInt(body.fee().to_str()) }),
    new Map<Data, Data>(),
    [],
    new Map<Data, Data>(withdrawals.map((w) => [w.credential, w.amount])),
    always,
    signers,
    redeemerMap,
    new Map(),
    new Constr(0, [C.hash_transaction(body).to_hex()]),
  ]);
  const contexts = [];
  for (const [i, run] of runs.entries()) {
    const purpose = purposes.get(i);
    if (!purpose) continue;
    const context = Data.to(new Constr(0, [txInfo, purpose]));
    if (run.kind === "spend") {
      const u = inputs[run.index];
      const script = u && lucid.utils.getAddressDetails(u.address).paymentCredential?.hash;
      if (!u?.datum || script !== MARKET_SCRIPT_HASH) continue;
      contexts.push({ label: `Spend[${run.index}]`, args: [u.datum, Data.to(run.redeemer), context] });
    } else if (withdrawals[run.index]?.hash === MARKET_SCRIPT_HASH) {
      contexts.push({ label: `Withdraw[${run.index}]`, args: [Data.to(run.redeemer), context] });
    }
  }
  return contexts;
}

/** Replays the market validator for each of its runs in `tx`; returns "Spend[i]: <trace>" or
 * "Withdraw[i]: <trace>" for each run it rejects (empty when it accepts them all). */
export async function explainMarketFailure(lucid: Lucid, tx: Tx): Promise<string[]> {
  const { decodeUplcData, decodeUplcProgramV2FromCbor, makeUplcDataValue } = await import(
    "@helios-lang/uplc"
  );
  const onChain = decodeUplcProgramV2FromCbor(Buffer.from(marketValidator.script, "hex"));
  const debug = decodeUplcProgramV2FromCbor(Buffer.from(marketDebugScript, "hex"));
  const failures: string[] = [];
  for (const { label, args } of await marketContexts(lucid, tx)) {
    const values = args.map((hex) => makeUplcDataValue(decodeUplcData(Buffer.from(hex, "hex"))));
    if (!("left" in onChain.eval(values).result)) continue; // this input is not the one rejected
    const result = debug.eval(values);
    const trace = result.logs.map((l) => l.message).join("; ");
    const error = "left" in result.result ? result.result.left.error : "";
    failures.push(`${label}: ${trace || error || "rejected (no message)"}`);
  }
  return failures;
}
