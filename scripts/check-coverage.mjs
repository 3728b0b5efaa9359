// Fails when the production contracts drop below the coverage the project promises:
// 100% of lines and at least 95% of branches (test helpers in contracts/test/ are not counted).
// Reads the lcov report that `hardhat test --coverage` writes.
import { existsSync, readFileSync } from "node:fs";

const LCOV = process.argv[2] ?? "coverage/lcov.info";
const MIN_LINES = 100;
const MIN_BRANCHES = 95;

if (!existsSync(LCOV)) {
  console.error(`check-coverage: ${LCOV} is missing; run \`hardhat test --coverage\` first.`);
  process.exit(1);
}

const files = [];
let current;
for (const line of readFileSync(LCOV, "utf8").split("\n")) {
  if (line.startsWith("SF:")) current = { file: line.slice(3), lf: 0, lh: 0, brf: 0, brh: 0 };
  else if (current && /^(LF|LH|BRF|BRH):/.test(line)) {
    const [key, value] = line.split(":");
    current[key.toLowerCase()] = Number(value);
  } else if (line === "end_of_record" && current) {
    files.push(current);
    current = undefined;
  }
}

const counted = files.filter((f) => /(^|\/)contracts\//.test(f.file) && !/contracts\/test\//.test(f.file));
if (counted.length === 0) {
  console.error(`check-coverage: no production contract in ${LCOV}.`);
  process.exit(1);
}
const percent = (hit, found) => (found === 0 ? 100 : (100 * hit) / found);
const rows = counted.map((f) => ({
  file: f.file.replace(/^.*?contracts\//, "contracts/"),
  lines: percent(f.lh, f.lf),
  branches: percent(f.brh, f.brf),
}));
const total = counted.reduce(
  (t, f) => ({ lf: t.lf + f.lf, lh: t.lh + f.lh, brf: t.brf + f.brf, brh: t.brh + f.brh }),
  {
    lf: 0,
    lh: 0,
    brf: 0,
    brh: 0,
  },
);
rows.push({ file: "TOTAL", lines: percent(total.lh, total.lf), branches: percent(total.brh, total.brf) });

console.log(`${"contract".padEnd(44)} ${"lines %".padStart(8)} ${"branches %".padStart(11)}`);
for (const r of rows) {
  console.log(`${r.file.padEnd(44)} ${r.lines.toFixed(2).padStart(8)} ${r.branches.toFixed(2).padStart(11)}`);
}
// Lines are held per contract; branches on the total, as the promise is made for contracts/ as a whole.
const uncoveredLines = rows.filter((r) => r.lines < MIN_LINES).map((r) => r.file);
const totals = rows.at(-1);
if (uncoveredLines.length > 0 || totals.branches < MIN_BRANCHES) {
  if (uncoveredLines.length > 0)
    console.error(`check-coverage: below ${MIN_LINES}% lines: ${uncoveredLines.join(", ")}`);
  if (totals.branches < MIN_BRANCHES) {
    console.error(
      `check-coverage: branches ${totals.branches.toFixed(2)}% < ${MIN_BRANCHES}% for contracts/`,
    );
  }
  process.exit(1);
}
console.log(
  `check-coverage: ${MIN_LINES}% lines in every contract, ${totals.branches.toFixed(2)}% branches overall.`,
);
