// Reads what an Ignition deployment recorded on disk (deploy/deployments/<id>/): the journal says,
// for each future, which contract it deployed, with which constructor arguments, at which address
// and in which block. Only what the generated sdk/deployments.ts needs is kept.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

interface DeployedContract {
  /** Ignition future id, e.g. `AIMRegistry#AIMRegistry` or `LocalSystem#AIMMarketplace`. */
  futureId: string;
  /** Solidity contract name (the artifact). */
  contractName: string;
  address: `0x${string}`;
  /** Block of the deployment transaction: where an indexer starts. */
  blockNumber: number;
  /** Constructor arguments as resolved at deployment (addresses, numbers as strings). */
  constructorArgs: unknown[];
}

export interface IgnitionDeployment {
  chainId: number;
  contracts: DeployedContract[];
}

interface JournalLine {
  type: string;
  chainId?: number;
  futureId?: string;
  contractName?: string;
  constructorArgs?: unknown[];
  receipt?: { blockNumber: number; contractAddress?: string; status: string };
  result?: { type: string; address?: string };
}

/** Parses `journal.jsonl` of an Ignition deployment directory; throws naming the file if it is unusable. */
export function readIgnitionDeployment(deploymentDir: string): IgnitionDeployment {
  const journalPath = join(deploymentDir, "journal.jsonl");
  if (!existsSync(journalPath))
    throw new Error(`${journalPath}: no Ignition journal (was the deployment run?)`);
  const lines = readFileSync(journalPath, "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line, index) => {
      try {
        return JSON.parse(line) as JournalLine;
      } catch {
        throw new Error(`${journalPath}:${index + 1}: not JSON`);
      }
    });

  let chainId: number | undefined;
  const started = new Map<string, { contractName: string; constructorArgs: unknown[] }>();
  const confirmed = new Map<string, { address: string; blockNumber: number }>();
  const completed = new Map<string, string>();
  for (const line of lines) {
    if (line.type === "DEPLOYMENT_INITIALIZE") chainId = line.chainId;
    if (line.futureId === undefined) continue;
    if (line.type === "DEPLOYMENT_EXECUTION_STATE_INITIALIZE" && line.contractName !== undefined) {
      started.set(line.futureId, {
        contractName: line.contractName,
        constructorArgs: line.constructorArgs ?? [],
      });
    }
    if (line.type === "TRANSACTION_CONFIRM" && line.receipt?.contractAddress !== undefined) {
      confirmed.set(line.futureId, {
        address: line.receipt.contractAddress,
        blockNumber: line.receipt.blockNumber,
      });
    }
    if (line.type === "DEPLOYMENT_EXECUTION_STATE_COMPLETE" && line.result?.type === "SUCCESS") {
      completed.set(line.futureId, line.result.address ?? "");
    }
  }
  if (chainId === undefined)
    throw new Error(`${journalPath}: no DEPLOYMENT_INITIALIZE line (chain id unknown)`);

  const contracts: DeployedContract[] = [];
  for (const [futureId, { contractName, constructorArgs }] of started) {
    const receipt = confirmed.get(futureId);
    if (!completed.has(futureId) || receipt === undefined) {
      throw new Error(
        `${journalPath}: ${futureId} did not complete; finish the deployment before generating`,
      );
    }
    contracts.push({
      futureId,
      contractName,
      address: (completed.get(futureId) || receipt.address) as `0x${string}`,
      blockNumber: receipt.blockNumber,
      constructorArgs,
    });
  }
  return { chainId, contracts };
}
