// Fails when the production contracts drop below the coverage the project promises: 100% of lines
// in every contract (test helpers in contracts/test/ are not counted) and, for branches, >= 95% where
// the report has branch data. Hardhat 3's coverage writes no branch records (no BRDA lines), so the
// revert branches are also held another way: every error of every production ABI (declared in the contract,
// its interfaces or inherited from OpenZeppelin) must be the subject of a real revert assertion in a test
// (a mention in a comment or a log does not count). Reads the lcov report that `hardhat test --coverage`
// writes and the ABIs in artifacts/.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

const LCOV = process.argv[2] ?? "coverage/lcov.info";
const MIN_LINES = 100;
const MIN_BRANCHES = 95;

// The production contracts (paths under contracts/) whose ABIs (errors included) the app, the indexer and the gateway decode.
const PRODUCTION = [
  "AIMRegistry",
  "AIMMarketplace",
  "PaymentChannels",
  "HyperBoxRegistry",
  "RoyaltySplitter",
  "RoyaltySplitterFactory",
  "x402/X402Settlement",
  "x402/X402Vault",
];

// Errors an ABI carries that no transaction can raise, each with the reason. Anything else needs a test.
const UNREACHABLE = {
  ERC1155InvalidApprover: "declared by IERC1155Errors; OpenZeppelin's ERC1155 never raises it",
  InvalidShortString: "EIP712's ShortStrings: PaymentChannels' domain name and version are short constants",
  StringTooLong: "EIP712's ShortStrings: PaymentChannels' domain name and version are short constants",
  FailedDeployment: "Clones.clone: a CREATE of a 45-byte proxy from the factory cannot fail but out of gas",
  InsufficientBalance: "Clones: the factory never sends value to a clone",
};

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
const { untested, stale } = errorsWithoutRevertAssertion();
if (untested.length > 0) failures.push(`errors no test asserts a revert with: ${untested.join(", ")}`);
if (stale.length > 0) failures.push(`UNREACHABLE lists errors no production ABI has: ${stale.join(", ")}`);
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
    : "no branch data in the report; every error of every production ABI has a revert assertion";
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

function errorsWithoutRevertAssertion() {
  const errors = new Set();
  for (const path of PRODUCTION) {
    const name = path.split("/").pop();
    const artifact = `artifacts/contracts/${path}.sol/${name}.json`;
    if (!existsSync(artifact)) {
      console.error(`check-coverage: ${artifact} is missing; run \`hardhat build\` first.`);
      process.exit(1);
    }
    for (const item of JSON.parse(readFileSync(artifact, "utf8")).abi) {
      if (item.type === "error") errors.add(item.name);
    }
  }
  const asserted = revertAssertions();
  return {
    untested: [...errors].filter((name) => !asserted.has(name) && !(name in UNREACHABLE)),
    stale: Object.keys(UNREACHABLE).filter((name) => !errors.has(name)),
  };
}

// Error names that tests assert a revert with: in Solidity, `Name.selector` or `keccak256("Name(...)")` (the
// selector a re-entry recorded); in TypeScript, an error-name string in a file that asserts reverts (viem's
// revertWithCustomError*, `rejects.toThrow`, `assert.rejects`, whose tables name the error as a string).
function revertAssertions() {
  const asserted = new Set();
  const withoutComments = (text) =>
    text.replace(/\/\*[\s\S]*?\*\//g, "").replace(/(^|[^:"'`])\/\/.*$/gm, "$1");
  for (const file of listFiles("test").filter((f) => /\.(ts|tsx|sol)$/.test(f))) {
    const text = withoutComments(readFileSync(file, "utf8"));
    if (file.endsWith(".sol")) {
      for (const [, name] of text.matchAll(/\.([A-Za-z0-9_]+)\.selector/g)) asserted.add(name);
      for (const [, name] of text.matchAll(/keccak256\("([A-Za-z0-9_]+)\(/g)) asserted.add(name);
    } else if (/revertWithCustomError|rejects\.toThrow|assert\.rejects/.test(text)) {
      for (const [, name] of text.matchAll(/["'`]([A-Z][A-Za-z0-9_]+)["'`]/g)) asserted.add(name);
    }
  }
  return asserted;
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
