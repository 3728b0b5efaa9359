// One-command verification: `npm run deploy:verify -- --network <name>` verifies every contract of the
// network's Ignition deployment (deploy/deployments/chain-<id>/) on the enabled explorers.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { missingConfigVariables, missingVariablesMessage } from "../deploy/lib/config-variables.js";
import { DEPLOYMENTS_DIR } from "../deploy/lib/generate.js";

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

const { values } = parseArgs({
  options: { network: { type: "string" }, force: { type: "boolean", default: false } },
});
const network = values.network;
if (network === undefined)
  fail("verify: say which network, e.g. `npm run deploy:verify -- --network sepolia`");
process.env.HARDHAT_NETWORK = network;
const { default: hre } = await import("hardhat");

const networkConfig = hre.config.networks[network];
if (networkConfig === undefined) {
  fail(`verify: unknown network "${network}" (known: ${Object.keys(hre.config.networks).join(", ")})`);
}
const missing = await missingConfigVariables([
  networkConfig.type === "http" ? networkConfig.url : undefined,
  hre.config.verify,
]);
if (missing.length > 0) fail(missingVariablesMessage("verify", network, missing));

const deploymentId = `chain-${networkConfig.chainId}`;
if (!existsSync(join(DEPLOYMENTS_DIR, deploymentId))) {
  fail(
    `verify: no deployment ${deploymentId} in deploy/deployments/: run \`npm run deploy -- --network ${network}\` first`,
  );
}
await hre.tasks.getTask(["ignition", "verify"]).run({ deploymentId, force: values.force });
