// Registers this node and its offers in HyperBoxRegistry, idempotently: an existing node of the operator
// with the same endpoint is reused (updated if its capabilities or region changed), unchanged offers are skipped.

import { abis } from "@aim/sdk/deployments";
import type { Account, Address, Chain, PublicClient, Transport, WalletClient } from "viem";

const hyperBoxRegistryAbi = abis.HyperBoxRegistry;

import type { Offer } from "./offers.js";

export interface NodeRegistration {
  registry: Address;
  endpoint: string;
  capabilities: string;
  region: string;
  fromBlock: bigint;
}

type Wallet = WalletClient<Transport, Chain | undefined, Account>;

/** Returns the node id. Sends at most one node transaction and one per changed offer. */
export async function registerNode(
  wallet: Wallet,
  client: PublicClient,
  node: NodeRegistration,
  offers: Iterable<Offer>,
): Promise<bigint> {
  const operator = wallet.account.address;
  const send = async (functionName: "registerNode" | "updateNode" | "setOffer", args: readonly unknown[]) => {
    const hash = await wallet.writeContract({
      address: node.registry,
      abi: hyperBoxRegistryAbi,
      functionName,
      args: args as never,
      chain: wallet.chain,
    });
    const receipt = await client.waitForTransactionReceipt({ hash });
    if (receipt.status !== "success") throw new Error(`${functionName} transaction ${hash} reverted`);
    return receipt;
  };

  const registered = await client.getContractEvents({
    address: node.registry,
    abi: hyperBoxRegistryAbi,
    eventName: "NodeRegistered",
    args: { operator },
    fromBlock: node.fromBlock,
  });
  const mine = registered.filter((log) => log.args.endpoint === node.endpoint).at(-1);
  let nodeId: bigint;
  if (mine?.args.nodeId !== undefined) {
    nodeId = mine.args.nodeId;
    const updates = await client.getContractEvents({
      address: node.registry,
      abi: hyperBoxRegistryAbi,
      eventName: "NodeUpdated",
      args: { nodeId },
      fromBlock: node.fromBlock,
    });
    const current = updates.at(-1)?.args ?? mine.args;
    if (
      current.capabilities !== node.capabilities ||
      current.region !== node.region ||
      current.endpoint !== node.endpoint
    ) {
      await send("updateNode", [nodeId, node.endpoint, node.capabilities, node.region]);
    }
  } else {
    const receipt = await send("registerNode", [node.endpoint, node.capabilities, node.region]);
    const logs = await client.getContractEvents({
      address: node.registry,
      abi: hyperBoxRegistryAbi,
      eventName: "NodeRegistered",
      blockHash: receipt.blockHash,
    });
    const log = logs.find((l) => l.transactionHash === receipt.transactionHash);
    if (log?.args.nodeId === undefined) throw new Error("registerNode emitted no NodeRegistered event");
    nodeId = log.args.nodeId;
  }

  const offerLogs = await client.getContractEvents({
    address: node.registry,
    abi: hyperBoxRegistryAbi,
    eventName: "OfferSet",
    args: { nodeId },
    fromBlock: node.fromBlock,
  });
  for (const offer of offers) {
    const last = offerLogs.filter((l) => l.args.aimId === offer.aimId).at(-1)?.args;
    const same =
      last?.version === BigInt(offer.version) &&
      last.currency?.toLowerCase() === offer.currency.toLowerCase() &&
      last.pricePerCall === offer.listedPrice;
    if (!same)
      await send("setOffer", [nodeId, offer.aimId, BigInt(offer.version), offer.currency, offer.listedPrice]);
  }
  return nodeId;
}
