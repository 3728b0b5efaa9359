// One-command deployment: `npm run deploy -- --network <name> [--verify] [--yes]`.
// Deploys the whole system with Hardhat Ignition and the network's parameters
// (deploy/parameters/<network>.json), then regenerates sdk/deployments.generated.ts.
//   localhost / hardhat → deploy/modules/LocalSystem.ts (test tokens + system)
//   any other network   → deploy/modules/AIMSystem.ts (system; currencies from the parameters)
// --verify  verify the contracts on the explorers once deployed (needs ETHERSCAN_API_KEY)
// --yes     do not ask for confirmation before deploying to a public network
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { missingConfigVariables, missingVariablesMessage } from "../deploy/lib/config-variables.js";
import { DEPLOYMENTS_MODULE, generateDeploymentsModule, ROOT } from "../deploy/lib/generate.js";

const LOCAL_NETWORKS = new Set(["localhost", "hardhat"]);

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

const { values } = parseArgs({
  options: {
    network: { type: "string" },
    verify: { type: "boolean", default: false },
    yes: { type: "boolean", default: false },
  },
});
const network = values.network;
if (network === undefined) fail("deploy: say which network, e.g. `npm run deploy -- --network sepolia`");

// Hardhat reads its global options from HARDHAT_* variables when imported by a script.
process.env.HARDHAT_NETWORK = network;
if (values.yes) process.env.HARDHAT_IGNITION_CONFIRM_DEPLOYMENT = "true";
const { default: hre } = await import("hardhat");

const networkConfig = hre.config.networks[network];
if (networkConfig === undefined) {
  fail(`deploy: unknown network "${network}" (known: ${Object.keys(hre.config.networks).join(", ")})`);
}
const missing = await missingConfigVariables([networkConfig, values.verify ? hre.config.verify : undefined]);
if (missing.length > 0) fail(missingVariablesMessage("deploy", network, missing));

const parametersFile = join(ROOT, "deploy", "parameters", `${network}.json`);
if (!existsSync(parametersFile)) fail(`deploy: no parameters for ${network}: create ${parametersFile}`);
const moduleName = LOCAL_NETWORKS.has(network) ? "LocalSystem" : "AIMSystem";

const result = await hre.tasks.getTask(["ignition", "deploy"]).run({
  modulePath: join(ROOT, "deploy", "modules", `${moduleName}.ts`),
  parameters: parametersFile,
  verify: values.verify,
  writeLocalhostDeployment: false,
});
if (result === null || (result as { type?: string }).type !== "SUCCESSFUL_DEPLOYMENT") {
  fail(
    `deploy: the ${moduleName} deployment on ${network} did not complete (see above); sdk/deployments.generated.ts unchanged`,
  );
}

const source = await generateDeploymentsModule(hre);
const changed = !existsSync(DEPLOYMENTS_MODULE) || readFileSync(DEPLOYMENTS_MODULE, "utf8") !== source;
if (changed) writeFileSync(DEPLOYMENTS_MODULE, source);
console.log(
  `\nsdk/deployments.generated.ts ${changed ? "regenerated: commit it with deploy/deployments/" : "unchanged"}`,
);
