// The only door from the app to the ABIs of sdk/deployments.ts (chains, addresses and currencies come
// through deployment.ts). No address or ABI is written anywhere in app/.

import { abis } from "@aim/sdk/deployments";
import type { Abi, Address } from "viem";
import { deployment } from "./deployment.js";

export { chainId, currencies, currencyOf, deployment, isEth } from "./deployment.js";

// ABIs are typed as viem's general `Abi`: calls below name their functions and arguments explicitly.
const abiMap = abis as unknown as Record<string, Abi | undefined>;
function abiOf(name: string): Abi {
  const abi = abiMap[name];
  if (!abi) throw new Error(`sdk/deployments.ts has no ABI for ${name}.`);
  return abi;
}

export const contracts = {
  registry: { address: deployment.contracts.AIMRegistry.address as Address, abi: abiOf("AIMRegistry") },
  market: { address: deployment.contracts.AIMMarketplace.address as Address, abi: abiOf("AIMMarketplace") },
  channels: {
    address: deployment.contracts.PaymentChannels.address as Address,
    abi: abiOf("PaymentChannels"),
  },
  hyperbox: {
    address: deployment.contracts.HyperBoxRegistry.address as Address,
    abi: abiOf("HyperBoxRegistry"),
  },
} as const;

/** An ERC-20 ABI (approve, allowance, balanceOf, symbol, decimals) from the generated module. */
export const erc20Abi: Abi = abiOf(abiMap.TestUSDC ? "TestUSDC" : "TestHyPC");
/** RoyaltySplitter's ABI (release), when the generated module carries it. */
export const splitterAbi: Abi | undefined = abiMap.RoyaltySplitter;
