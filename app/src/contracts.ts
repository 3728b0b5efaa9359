// The only door from the app to sdk/deployments.ts: chains, addresses, ABIs and currencies.
// No address or ABI is written anywhere in app/; everything comes from the generated module.
import type { Abi, Address, Chain } from "viem";
import { baseSepolia, hardhat, polygonAmoy, sepolia } from "viem/chains";
import { abis, type Deployment, deployedChainIds, deploymentFor } from "../../sdk/deployments.js";
import { preferredChainId, rpcUrl } from "./config.js";
import { type Currency, ETH } from "./lib/price.js";

const KNOWN_CHAINS: Record<number, Chain> = {
  [hardhat.id]: hardhat,
  [sepolia.id]: sepolia,
  [baseSepolia.id]: baseSepolia,
  [polygonAmoy.id]: polygonAmoy,
};

function chainFor(id: number): Chain {
  const known = KNOWN_CHAINS[id];
  if (known) return known;
  // A chain viem does not name: usable through VITE_RPC_URL.
  return {
    id,
    name: `Chain ${id}`,
    nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
    rpcUrls: { default: { http: rpcUrl ? [rpcUrl] : [] } },
  };
}

const chainIds =
  preferredChainId !== undefined
    ? [preferredChainId, ...deployedChainIds.filter((id) => id !== preferredChainId)]
    : [...deployedChainIds];
if (chainIds.length === 0)
  throw new Error("sdk/deployments.ts has no deployment: run `npm run deploy` first.");

/** The chains the marketplace is deployed on, the preferred one first. */
export const appChains = chainIds.map(chainFor) as [Chain, ...Chain[]];
/** The deployment the app reads and writes (wagmi's first chain). */
export const deployment: Deployment = deploymentFor(appChains[0].id);
export const chainId: number = appChains[0].id;

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

/** Symbols and decimals of the local faucet tokens (INTERFACES.md: 6 decimals each). */
const TEST_TOKENS: Record<string, { symbol: string; decimals: number }> = {
  TestUSDC: { symbol: "tUSDC", decimals: 6 },
  TestHyPC: { symbol: "tHyPC", decimals: 6 },
};

function tokenInfo(address: string): { symbol: string; decimals: number } {
  for (const [name, info] of Object.entries(TEST_TOKENS)) {
    const c = (deployment.contracts as Record<string, { address: string } | undefined>)[name];
    if (c && c.address.toLowerCase() === address.toLowerCase()) return info;
  }
  // A real stablecoin on a public chain: USDC-like, 6 decimals (the marketplace only allow-lists those).
  return { symbol: "USDC", decimals: 6 };
}

/** ETH and every ERC-20 the marketplace accepted at deployment. */
export const currencies: readonly Currency[] = [
  ETH,
  ...deployment.marketplace.currencies.map((address) => ({
    address: address as Address,
    ...tokenInfo(address),
  })),
];

export function currencyOf(address: string | null | undefined): Currency {
  const a = (address ?? "").toLowerCase();
  return (
    currencies.find((c) => c.address.toLowerCase() === a) ?? {
      address: a as Address,
      symbol: "tokens",
      decimals: 18,
    }
  );
}

export const isEth = (currency: string): boolean => currency.toLowerCase() === ETH.address;
