// Fails when the production contracts drop below the coverage the project promises: 100% of lines
// in every contract (test helpers in contracts/test/ are not counted) and, for branches, >= 95% where
// the report has branch data. Hardhat 3's coverage writes no branch records (no BRDA lines), so the
// revert branches are also held another way: every custom error a production contract declares must
// be named by at least one test. Reads the lcov report that `hardhat test --coverage` writes.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

const LCOV = process.argv[2] ?? "coverage/lcov.info";
const MIN_LINES = 100;
const MIN_BRANCHES = 95;

if (!existsSync(LCOV)) {
  console.error(`check-coverage: ${LCOV} is missing; run \`hardhat test --coverage\` first.`);
  process.exit(1);
}

const files = parseLcov(readFileSync(LCOV, "utf8"));
const counted = files.filter((f) => /(^|\/)contracts\//.test(f.file) && !/contracts\/test\//.test(f.file));
if (counted.length === 0) {
  console.error(`check-coverage: no production contract in ${LCOV}.`);
  process.exit(1);
}

const percent = (hit, found) => (found === 0 ? 100 : (100 * hit) / found);
const total = counted.reduce(
  (t, f) => ({ lf: t.lf + f.lf, lh: t.lh + f.lh, brf: t.brf + f.brf, brh: t.brh + f.brh }),
  {
    lf: 0,
    lh: 0,
    brf: 0,
    brh: 0,
  },
);
const rows = [...counted, { ...total, file: "TOTAL" }].map((f) => ({
  file: f.file.replace(/^.*?contracts\//, "contracts/"),
  lines: percent(f.lh, f.lf),
  branches: f.brf === 0 ? "n/a" : percent(f.brh, f.brf).toFixed(2),
}));

console.log(`${"contract".padEnd(44)} ${"lines %".padStart(8)} ${"branches %".padStart(11)}`);
for (const r of rows)
  console.log(`${r.file.padEnd(44)} ${r.lines.toFixed(2).padStart(8)} ${r.branches.padStart(11)}`);

const failures = [];
const uncovered = rows.filter((r) => r.lines < MIN_LINES).map((r) => r.file);
if (uncovered.length > 0) failures.push(`below ${MIN_LINES}% lines: ${uncovered.join(", ")}`);
if (total.brf > 0 && percent(total.brh, total.brf) < MIN_BRANCHES) {
  failures.push(`branches ${percent(total.brh, total.brf).toFixed(2)}% < ${MIN_BRANCHES}% for contracts/`);
}
const untested = customErrorsNotNamedByTests(counted.map((f) => f.file));
if (untested.length > 0) failures.push(`custom errors that no test names: ${untested.join(", ")}`);
const duplicated = customErrorsDeclaredTwice();
if (duplicated.length > 0)
  failures.push(`custom errors declared in more than one contract: ${duplicated.join(", ")}`);

if (failures.length > 0) {
  for (const failure of failures) console.error(`check-coverage: ${failure}`);
  process.exit(1);
}
const branchNote =
  total.brf > 0
    ? `${percent(total.brh, total.brf).toFixed(2)}% of branches`
    : "no branch data in the report; every custom error is named by a test";
console.log(`check-coverage: ${MIN_LINES}% of lines in every contract; ${branchNote}.`);

function parseLcov(text) {
  const records = [];
  let current;
  for (const line of text.split("\n")) {
    if (line.startsWith("SF:")) current = { file: line.slice(3), lf: 0, lh: 0, brf: 0, brh: 0 };
    else if (current && /^(LF|LH|BRF|BRH):/.test(line)) {
      const [key, value] = line.split(":");
      current[key.toLowerCase()] = Number(value);
    } else if (line === "end_of_record" && current) {
      records.push(current);
      current = undefined;
    }
  }
  return records;
}

function customErrorsNotNamedByTests(contractFiles) {
  const testText = listFiles("test")
    .filter((f) => /\.(ts|tsx|sol)$/.test(f))
    .map((f) => readFileSync(f, "utf8"))
    .join("\n");
  const missing = new Set();
  for (const file of contractFiles) {
    if (!existsSync(file)) continue;
    for (const [, name] of readFileSync(file, "utf8").matchAll(/\berror\s+([A-Za-z0-9_]+)\s*\(/g)) {
      if (!new RegExp(`\\b${name}\\b`).test(testText)) missing.add(name);
    }
  }
  return [...missing];
}

// Error names must be unique across every production ABI (each prefixed with its contract's name), so that a
// selector names one error wherever the app, the indexer or the gateway decodes it.
function customErrorsDeclaredTwice() {
  const declaredIn = new Map();
  for (const file of listFiles("contracts").filter(
    (f) => f.endsWith(".sol") && !/contracts\/test\//.test(f),
  )) {
    for (const [, name] of readFileSync(file, "utf8").matchAll(/\berror\s+([A-Za-z0-9_]+)\s*\(/g)) {
      declaredIn.set(name, [...(declaredIn.get(name) ?? []), file]);
    }
  }
  return [...declaredIn]
    .filter(([, files]) => files.length > 1)
    .map(([name, files]) => `${name} (${files.join(", ")})`);
}

function listFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? listFiles(path) : [path];
  });
}
