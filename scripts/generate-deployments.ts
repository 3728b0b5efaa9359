// Writes sdk/deployments.generated.ts (ABIs + addresses + start blocks per chain id, data only); see
// deploy/lib/generate.ts.
// Usage: npm run deploy:generate [-- --check] [-- --file <path>]
//   --check  compare instead of writing; exit 1 with a one-line reason when the file is stale.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import hre from "hardhat";
import { DEPLOYMENTS_MODULE, generateDeploymentsModule } from "../deploy/lib/generate.js";

const { values } = parseArgs({
  options: { check: { type: "boolean", default: false }, file: { type: "string" } },
});
const file = resolve(values.file ?? DEPLOYMENTS_MODULE);
const source = await generateDeploymentsModule(hre);
const current = existsSync(file) ? readFileSync(file, "utf8") : undefined;
if (values.check) {
  if (current !== source) {
    console.error(`${file} is out of date with artifacts/ and deploy/: run \`npm run deploy:generate\``);
    process.exitCode = 1;
  } else {
    console.log(`${file} is up to date`);
  }
} else {
  if (current !== source) writeFileSync(file, source);
  console.log(`${file} ${current === source ? "unchanged" : "written"}`);
}
