// Where AIM Marketplace is deployed, and its ABIs: the hand-written types and accessors over the generated data
// of sdk/deployments.generated.ts (ABIs as const for viem's types, addresses and start blocks per chain id).
// Import this module (`@aim/sdk/deployments`), never the generated one.
import { DEPLOYMENTS } from "./deployments.generated.js";

export * from "./deployments.generated.js";

export type Address = `0x${string}`;

export interface ContractDeployment {
  readonly address: Address;
  /** Block of the deployment transaction: where an indexer starts reading this contract's events. */
  readonly startBlock: number;
}

export type CoreContractName =
  | "AIMRegistry"
  | "RoyaltySplitterFactory"
  | "AIMMarketplace"
  | "PaymentChannels"
  | "HyperBoxRegistry";

export interface Deployment {
  readonly chainId: number;
  /** The Hardhat network name it was deployed with. */
  readonly network: string;
  /** The earliest start block of its contracts. */
  readonly startBlock: number;
  readonly contracts: { readonly [name in CoreContractName]: ContractDeployment } & {
    /** x402 `exact` payments with the AIM's royalty (networks deployed since it exists). */
    readonly X402Settlement?: ContractDeployment;
    /** Faucet tokens, local chains only. */
    readonly TestUSDC?: ContractDeployment;
    readonly TestHyPC?: ContractDeployment;
  };
  /** AIMMarketplace settings at deployment (later changes are events: FeeUpdated, TreasuryUpdated…). */
  readonly marketplace: {
    readonly owner: Address;
    readonly treasury: Address;
    readonly feeBps: number;
    /** ERC-20s accepted besides ETH (address(0)); the same list was given to PaymentChannels. */
    readonly currencies: readonly Address[];
  };
}

/** Addresses and start blocks per chain id (undefined for a chain without a deployment). */
export const deployments: { readonly [chainId: number]: Deployment | undefined } = DEPLOYMENTS;

/** Chain ids with a deployment. */
export const deployedChainIds: readonly number[] = Object.keys(DEPLOYMENTS).map(Number);

/** The deployment on `chainId`; throws a clear error when there is none. */
export function deploymentFor(chainId: number): Deployment {
  const deployment = deployments[chainId];
  if (deployment === undefined) {
    throw new Error(
      `AIM Marketplace is not deployed on chain id ${chainId} (deployed on: ${deployedChainIds.join(", ") || "none"}). ` +
        "Deploy with `npm run deploy -- --network <name>`, which regenerates sdk/deployments.generated.ts.",
    );
  }
  return deployment;
}
