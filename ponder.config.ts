// Ponder configuration (the schema, handlers and API live in indexer/; run with
// `ponder --root indexer --config ../ponder.config.ts`, or `npm start -w @aim/indexer`).
// ABIs, addresses and start blocks come ONLY from the generated sdk/deployments.ts.

import { abis, deployments } from "@aim/sdk/deployments";
import { createConfig, factory } from "ponder";
import { getAbiItem, zeroAddress } from "viem";

const chainId = Number(process.env.AIM_CHAIN_ID ?? 31337);
const rpc = process.env.AIM_RPC_URL ?? "http://127.0.0.1:8545";
// hardhat node (and most nodes) serve WebSocket JSON-RPC on the same port: realtime by subscription.
// AIM_WS_URL="" turns the subscription off (polling every AIM_POLLING_MS instead).
const ws = process.env.AIM_WS_URL === "" ? undefined : (process.env.AIM_WS_URL ?? rpc.replace(/^http/, "ws"));

const deployment = deployments[chainId];
if (deployment === undefined) {
  throw new Error(
    `sdk/deployments.ts has no deployment for chain ${chainId} (AIM_CHAIN_ID); deploy first or set AIM_CHAIN_ID`,
  );
}
const { contracts: c } = deployment;
const chain = "aim" as const;

export default createConfig({
  ordering: "multichain",
  database: process.env.DATABASE_URL
    ? { kind: "postgres", connectionString: process.env.DATABASE_URL }
    : { kind: "pglite", directory: process.env.AIM_PGLITE_DIR },
  chains: {
    [chain]: {
      id: chainId,
      rpc,
      ...(ws ? { ws } : {}),
      pollingInterval: Number(process.env.AIM_POLLING_MS ?? 1_000),
    },
  },
  contracts: {
    AIMRegistry: {
      chain,
      abi: abis.AIMRegistry,
      address: c.AIMRegistry.address,
      startBlock: c.AIMRegistry.startBlock,
    },
    RoyaltySplitterFactory: {
      chain,
      abi: abis.RoyaltySplitterFactory,
      address: c.RoyaltySplitterFactory.address,
      startBlock: c.RoyaltySplitterFactory.startBlock,
    },
    RoyaltySplitter: {
      chain,
      abi: abis.RoyaltySplitter,
      address: factory({
        address: c.RoyaltySplitterFactory.address,
        event: getAbiItem({ abi: abis.RoyaltySplitterFactory, name: "SplitterCreated" }),
        parameter: "splitter",
      }),
      startBlock: c.RoyaltySplitterFactory.startBlock,
    },
    AIMMarketplace: {
      chain,
      abi: abis.AIMMarketplace,
      address: c.AIMMarketplace.address,
      startBlock: c.AIMMarketplace.startBlock,
    },
    PaymentChannels: {
      chain,
      abi: abis.PaymentChannels,
      address: c.PaymentChannels.address,
      startBlock: c.PaymentChannels.startBlock,
    },
    HyperBoxRegistry: {
      chain,
      abi: abis.HyperBoxRegistry,
      address: c.HyperBoxRegistry.address,
      startBlock: c.HyperBoxRegistry.startBlock,
    },
    // Optional per deployment: on a chain without it, the zero address (which emits nothing) keeps the handlers
    // typed and idle.
    X402Settlement: {
      chain,
      abi: abis.X402Settlement,
      address: c.X402Settlement?.address ?? zeroAddress,
      startBlock: c.X402Settlement?.startBlock ?? deployment.startBlock,
    },
  },
});
