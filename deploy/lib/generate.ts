// Builds the source of sdk/deployments.generated.ts (data only; sdk/deployments.ts reads it) from:
//   - artifacts/ (hardhat build): the ABIs;
//   - deploy/deployments/chain-<id>/journal.jsonl: every public-network deployment (committed);
//   - chain 31337: deploy/modules/LocalSystem.ts deployed in-process on a fresh Hardhat network with
//     deploy/parameters/localhost.json — the same addresses and blocks a fresh `hardhat node` gets
//     (same deployer, same nonces, one transaction per block), so no local files are needed.
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { HardhatArtifactResolver, readDeploymentParameters } from "@nomicfoundation/hardhat-ignition/helpers";
import { deploy } from "@nomicfoundation/ignition-core";
import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";
import LocalSystem from "../modules/LocalSystem.js";
import { type IgnitionDeployment, readIgnitionDeployment } from "./journal.js";
import { type AbiEntry, type ChainEntry, renderDeploymentsModule } from "./render.js";

export const ROOT = resolve(import.meta.dirname, "..", "..");
export const DEPLOYMENTS_DIR = join(ROOT, "deploy", "deployments");
export const DEPLOYMENTS_MODULE = join(ROOT, "sdk", "deployments.generated.ts");
const LOCAL_CHAIN_ID = 31337;

/** Contracts whose ABI the module exports (deployed or not: RoyaltySplitter clones are made on chain). */
const ABI_CONTRACTS = [
  "AIMRegistry",
  "RoyaltySplitterFactory",
  "RoyaltySplitter",
  "AIMMarketplace",
  "PaymentChannels",
  "HyperBoxRegistry",
  "X402Settlement",
  "TestUSDC",
  "TestHyPC",
] as const;

async function collectAbis(hre: HardhatRuntimeEnvironment): Promise<AbiEntry[]> {
  const entries: AbiEntry[] = [];
  for (const contractName of ABI_CONTRACTS) {
    if (!(await hre.artifacts.artifactExists(contractName))) {
      console.warn(`generate-deployments: no artifact for ${contractName} yet; its ABI is left out`);
      continue;
    }
    const artifact = await hre.artifacts.readArtifact(contractName);
    entries.push({ contractName, abi: artifact.abi });
  }
  return entries;
}

/**
 * Deploys LocalSystem with deploy/parameters/localhost.json on `network` (no UI), recording the
 * Ignition journal in `deploymentDir`, and returns what the journal says.
 */
export async function deployLocalSystem(
  hre: HardhatRuntimeEnvironment,
  network: string,
  deploymentDir: string,
): Promise<IgnitionDeployment> {
  const connection = await hre.network.connect({ network });
  try {
    const accounts = (await connection.provider.request({ method: "eth_accounts" })) as string[];
    const result = await deploy({
      config: hre.config.ignition,
      provider: connection.provider,
      artifactResolver: new HardhatArtifactResolver(hre.artifacts),
      deploymentDir,
      ignitionModule: LocalSystem,
      deploymentParameters: await readDeploymentParameters(
        join(ROOT, "deploy", "parameters", "localhost.json"),
      ),
      accounts,
    });
    if (result.type !== "SUCCESSFUL_DEPLOYMENT") {
      throw new Error(`deployment of LocalSystem on ${network} failed: ${JSON.stringify(result, null, 2)}`);
    }
    return readIgnitionDeployment(deploymentDir);
  } finally {
    await connection.close();
  }
}

/** LocalSystem on a fresh in-process network, journal in a scratch directory. */
async function localDeployment(hre: HardhatRuntimeEnvironment): Promise<IgnitionDeployment> {
  const scratch = mkdtempSync(join(tmpdir(), "aim-local-deployment-"));
  try {
    return await deployLocalSystem(hre, "hardhat", scratch);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** The committed deployments of public networks (deploy/deployments/chain-<id>/). */
function recordedDeployments(): IgnitionDeployment[] {
  if (!existsSync(DEPLOYMENTS_DIR)) return [];
  return readdirSync(DEPLOYMENTS_DIR)
    .filter((name) => /^chain-\d+$/.test(name) && name !== `chain-${LOCAL_CHAIN_ID}`)
    .map((name) => readIgnitionDeployment(join(DEPLOYMENTS_DIR, name)));
}

function networkName(hre: HardhatRuntimeEnvironment, chainId: number): string {
  if (chainId === LOCAL_CHAIN_ID) return "localhost";
  for (const [name, config] of Object.entries(hre.config.networks)) {
    if (config.chainId === chainId) return name;
  }
  throw new Error(`chain id ${chainId} has a deployment but no network in hardhat.config.ts`);
}

/** The source of sdk/deployments.generated.ts, after compiling the contracts if they changed. */
export async function generateDeploymentsModule(hre: HardhatRuntimeEnvironment): Promise<string> {
  await hre.tasks.getTask("build").run({ quiet: true, noTests: true, defaultBuildProfile: "production" });
  const abis = await collectAbis(hre);
  const deployments = [await localDeployment(hre), ...recordedDeployments()];
  const chains: ChainEntry[] = deployments.map((deployment) => ({
    network: networkName(hre, deployment.chainId),
    deployment,
  }));
  return renderDeploymentsModule(abis, chains);
}
