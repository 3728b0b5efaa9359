// Cardano benchmark (lucid Emulator, mainnet protocol parameters as shipped by lucid-cardano 0.10.11):
// script size, execution units and fees of list / buy / cancel / update, and how many listings fit in one
// bulk buy. Run: `npm run bench:cardano`.

import { buyTx } from "@aim/sdk/cardano/buy";
import { cancelTx } from "@aim/sdk/cardano/cancel";
import { deployReferenceScriptTx, findReferenceScript } from "@aim/sdk/cardano/deploy";
import { listTx } from "@aim/sdk/cardano/list";
import { MARKET_SCRIPT_SIZE } from "@aim/sdk/cardano/script";
import type { MarketListing, MarketOptions } from "@aim/sdk/cardano/types";
import { updatePriceTx } from "@aim/sdk/cardano/update";
import type { TxComplete, UTxO } from "lucid-cardano";
import { startMarket } from "../test/cardano/fixtures.js";

const BULK_MAX = Number(process.env.BULK_MAX ?? 80);
const m = await startMarket();
const ada = (lovelace: number) => `${(lovelace / 1e6).toFixed(6)} ADA`;
const rows: [string, string, string][] = [];
const row = (what: string, figure: string, target = "") => rows.push([what, figure, target]);
const units = (c: TxComplete) => `mem ${c.exUnits?.mem ?? 0} / steps ${c.exUnits?.cpu ?? 0}`;

await m.submit(deployReferenceScriptTx(m.as("creator")));
const referenceScript: UTxO = await findReferenceScript(m.lucid);

row("script size", `${MARKET_SCRIPT_SIZE} bytes`, "");

const listed = await m.submit(
  (
    await listTx(m.as("creator"), {
      policyId: m.policyId,
      assetName: m.assetName,
      price: 100_000_000n,
      payouts: m.payouts,
    })
  ).tx,
);
row("list (no script runs)", `fee ${ada(listed.complete.fee)}`, "");

const fresh = async () => m.listOne();
for (const [label, options] of [
  ["script attached", {}],
  ["reference script", { referenceScript }],
] as [string, MarketOptions][]) {
  const buy = await m.submit(await buyTx(m.as("buyer"), [await fresh()], options));
  row(
    `buy, 2 royalty payees + fee (${label})`,
    `fee ${ada(buy.complete.fee)}, ${units(buy.complete)}`,
    "fee ≤ 0.35 ADA",
  );
  const cancel = await m.submit(await cancelTx(m.as("creator"), [await fresh()], options));
  row(`cancel (${label})`, `fee ${ada(cancel.complete.fee)}, ${units(cancel.complete)}`, "");
  const update = await m.submit(
    (await updatePriceTx(m.as("creator"), await fresh(), 120_000_000n, options)).tx,
  );
  row(`update price (${label})`, `fee ${ada(update.complete.fee)}, ${units(update.complete)}`, "");
}

/** Largest n ≤ BULK_MAX such that buying n listings in one transaction builds (size and budget limits). */
async function maxBulk(
  pool: MarketListing[],
  options: MarketOptions,
): Promise<{ n: number; last?: TxComplete; why: string }> {
  let last: TxComplete | undefined;
  for (let n = 1; n <= Math.min(BULK_MAX, pool.length); n++) {
    try {
      last = await (await buyTx(m.as("buyer"), pool.slice(0, n), options)).complete();
    } catch (error) {
      return { n: n - 1, last, why: String(error).split("\n")[0]?.slice(0, 80) ?? "" };
    }
  }
  return { n: Math.min(BULK_MAX, pool.length), last, why: `stopped at the ${BULK_MAX} cap` };
}

const pool = await m.listMany(BULK_MAX);
for (const [label, options] of [
  ["reference script", { referenceScript }],
  ["script attached", {}],
] as [string, MarketOptions][]) {
  const { n, last, why } = await maxBulk(pool, options);
  const size = last ? last.txComplete.to_bytes().length : 0;
  const memShare = last
    ? `${(((last.exUnits?.mem ?? 0) / 14_000_000) * 100).toFixed(0)}% of the 14 M mem budget`
    : "";
  const detail = last
    ? `fee ${ada(last.fee)}, ${units(last)} = ${memShare}, ${size} of 16384 bytes; n+1: ${why}`
    : why;
  row(`bulk buy, listings per tx (${label})`, `${n} (${detail})`, "≥ 20 (jpg.store v3: 54)");
}

const width = [0, 1, 2].map((i) => Math.max(...rows.map((r) => r[i]?.length ?? 0), 6));
const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(width[i] ?? 0)).join(" | ")} |`;
console.log(line(["what", "figure", "target"]));
console.log(line(width.map((w) => "-".repeat(w))));
for (const r of rows) console.log(line(r));
