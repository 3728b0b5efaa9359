// The only door from the app to the ABIs of sdk/deployments.ts (chains, addresses and currencies come
// through deployment.ts). No address or ABI is written anywhere in app/.
//
// The ABIs are the generated module's `as const` literals, so every readContract/writeContract/parseEventLogs
// in the app infers its function names, arguments and results from them (no cast anywhere), and the error
// sentences of lib/errors.ts are checked against their custom errors by tsc.

import { abis } from "@aim/sdk/deployments";
import { deployment } from "./deployment.js";

export { chainId, currencies, currencyOf, isEth } from "./deployment.js";

export const contracts = {
  registry: { address: deployment.contracts.AIMRegistry.address, abi: abis.AIMRegistry },
  market: { address: deployment.contracts.AIMMarketplace.address, abi: abis.AIMMarketplace },
  channels: { address: deployment.contracts.PaymentChannels.address, abi: abis.PaymentChannels },
  hyperbox: { address: deployment.contracts.HyperBoxRegistry.address, abi: abis.HyperBoxRegistry },
} as const;

/** An ERC-20 ABI (approve, allowance, balanceOf, symbol, decimals): the faucet token's, OpenZeppelin's ERC20. */
export const erc20Abi = abis.TestUSDC;
/** RoyaltySplitter's ABI (release). */
export const splitterAbi = abis.RoyaltySplitter;
