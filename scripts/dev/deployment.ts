// After the local Ignition deployment: is sdk/deployments.generated.ts still what this chain and these
// artifacts say? (Addresses are deterministic on a fresh node; ABIs change with the contracts.)
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

function findArtifact(dir: string, contractName: string): string | undefined {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name === "test") continue;
      const found = findArtifact(path, contractName);
      if (found !== undefined) return found;
    } else if (entry.name === `${contractName}.json`) {
      return path;
    }
  }
  return undefined;
}

/** Why sdk/deployments.generated.ts is stale for chain 31337, or undefined when it is current. */
export async function staleReason(root: string): Promise<string | undefined> {
  const deployedFile = join(root, "deploy", "deployments", "chain-31337", "deployed_addresses.json");
  const deployed = JSON.parse(readFileSync(deployedFile, "utf8")) as Record<string, string>;
  let module: typeof import("@aim/sdk/deployments");
  try {
    module = await import("@aim/sdk/deployments");
  } catch (error) {
    return `it does not load (${(error as Error).message})`;
  }
  let local: ReturnType<typeof module.deploymentFor>;
  try {
    local = module.deploymentFor(31337);
  } catch {
    return "it has no chain 31337";
  }
  const contracts = local.contracts as Record<string, { address: string } | undefined>;
  for (const [futureId, address] of Object.entries(deployed)) {
    const name = futureId.split("#")[1] ?? futureId;
    if (contracts[name]?.address.toLowerCase() !== address.toLowerCase()) {
      return `${name} is at ${address} on the fresh chain, not ${contracts[name]?.address ?? "(missing)"}`;
    }
  }
  const artifactsDir = join(root, "artifacts", "contracts");
  for (const [name, abi] of Object.entries(module.abis)) {
    const artifact = existsSync(artifactsDir) ? findArtifact(artifactsDir, name) : undefined;
    if (artifact === undefined) continue;
    const built = (JSON.parse(readFileSync(artifact, "utf8")) as { abi: unknown }).abi;
    if (JSON.stringify(built) !== JSON.stringify(abi)) return `the ABI of ${name} changed`;
  }
  return undefined;
}
