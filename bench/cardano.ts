// Cardano benchmark (lucid Emulator, mainnet protocol parameters as shipped by lucid-cardano 0.10.11):
// script size, execution units and fees of list / buy / cancel / update, and how many listings fit in one
// bulk buy (every listing pays the fee and the creator's 2 royalty receivers). Run: `npm run bench:cardano`.
// The "before" column is the previous validator (per-listing tagged payouts, seller-written fee and royalties),
// measured by this bench at commit 054ea4a.
import { loadavg } from "node:os";
import { buyTx } from "@aim/sdk/cardano/buy";
import { cancelTx } from "@aim/sdk/cardano/cancel";
import { deployReferenceScriptTx, findReferenceScript } from "@aim/sdk/cardano/deploy";
import { listTx } from "@aim/sdk/cardano/list";
import { MARKET_SCRIPT_SIZE } from "@aim/sdk/cardano/script";
import type { MarketListing, MarketOptions } from "@aim/sdk/cardano/types";
import { updatePriceTx } from "@aim/sdk/cardano/update";
import type { TxComplete, UTxO } from "lucid-cardano";
import { startMarket } from "../test/cardano/fixtures.js";

const BULK_MAX = Number(process.env.BULK_MAX ?? 120);
const m = await startMarket();
const ada = (lovelace: number) => `${(lovelace / 1e6).toFixed(6)} ADA`;
const rows: [string, string, string, string][] = [];
const row = (what: string, figure: string, target = "", before = "") =>
  rows.push([what, before, figure, target]);
const units = (c: TxComplete) => `mem ${c.exUnits?.mem ?? 0} / steps ${c.exUnits?.cpu ?? 0}`;

await m.submit(deployReferenceScriptTx(m.as("creator")));
const referenceScript: UTxO = await findReferenceScript(m.lucid);

row("script size", `${MARKET_SCRIPT_SIZE} bytes`, "", "1803 bytes");

const listed = await m.submit(
  (
    await listTx(m.as("creator"), {
      policyId: m.policyId,
      assetName: m.assetName,
      price: 100_000_000n,
    })
  ).tx,
);
row("list (no script runs)", `fee ${ada(listed.complete.fee)}`, "", "fee 0.193177 ADA");

const fresh = async () => m.listOne();
const BEFORE: Record<string, [string, string, string]> = {
  "script attached": [
    "fee 0.313030 ADA, mem 396769 / steps 153542751",
    "fee 0.262191 ADA, mem 29870 / steps 10564928",
    "fee 0.305838 ADA, mem 345836 / steps 128727963",
  ],
  "reference script": [
    "fee 0.262432 ADA, mem 396769 / steps 153542751",
    "fee 0.211593 ADA, mem 29870 / steps 10564928",
    "fee 0.255240 ADA, mem 345836 / steps 128727963",
  ],
};
for (const [label, options] of [
  ["script attached", {}],
  ["reference script", { referenceScript }],
] as [string, MarketOptions][]) {
  const toBuy = await fresh(); // before m.as("buyer"): listing selects the creator's wallet
  const buy = await m.submit(await buyTx(m.as("buyer"), [toBuy], options));
  row(
    `buy, 2 royalty payees + fee (${label})`,
    `fee ${ada(buy.complete.fee)}, ${units(buy.complete)}`,
    "fee ≤ 0.35 ADA",
    BEFORE[label]?.[0],
  );
  const toCancel = await fresh();
  const cancel = await m.submit(await cancelTx(m.as("creator"), [toCancel], options));
  row(
    `cancel (${label})`,
    `fee ${ada(cancel.complete.fee)}, ${units(cancel.complete)}`,
    "",
    BEFORE[label]?.[1],
  );
  const toUpdate = await fresh();
  const update = await m.submit((await updatePriceTx(m.as("creator"), toUpdate, 120_000_000n, options)).tx);
  row(
    `update price (${label})`,
    `fee ${ada(update.complete.fee)}, ${units(update.complete)}`,
    "",
    BEFORE[label]?.[2],
  );
}

/** Largest n ≤ BULK_MAX such that buying n listings in one transaction builds (size and budget limits),
 * found by bisection (a buy of n listings builds whenever one of n + 1 does). */
async function maxBulk(
  pool: MarketListing[],
  options: MarketOptions,
): Promise<{ n: number; last?: TxComplete; why: string }> {
  const attempt = async (n: number) => {
    try {
      return { ok: await (await buyTx(m.as("buyer"), pool.slice(0, n), options)).complete() };
    } catch (error) {
      return { why: String(error).split("\n")[0]?.slice(0, 80) ?? "" };
    }
  };
  let lo = 0;
  let hi = Math.min(BULK_MAX, pool.length) + 1; // lo builds (or is 0), hi does not (or is past the cap)
  let last: TxComplete | undefined;
  let why = `stopped at the ${BULK_MAX} cap`;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    const result = await attempt(mid);
    if (result.ok) {
      lo = mid;
      last = result.ok;
    } else {
      hi = mid;
      why = result.why ?? "";
    }
  }
  return { n: lo, last, why };
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
  row(
    `bulk buy, listings per tx (${label})`,
    `${n} (${detail})`,
    "≥ 60 (jpg.store v3: 52–54)",
    label === "reference script" ? "25 (13.4 M mem = 96 %, 13,523 bytes)" : "25 (15,290 bytes)",
  );
}

console.log(
  `load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(" ")}`,
);
const width = [0, 1, 2, 3].map((i) => Math.max(...rows.map((r) => r[i]?.length ?? 0), 6));
const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(width[i] ?? 0)).join(" | ")} |`;
console.log(line(["what", "before (054ea4a)", "now", "target"]));
console.log(line(width.map((w) => "-".repeat(w))));
for (const r of rows) console.log(line(r));
