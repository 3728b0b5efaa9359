// Chains, the deployment and its currencies from sdk/deployments.ts (no ABI here, so the catalogue
// route stays small; ABIs are in contracts.ts). No address is written anywhere in app/.

import { type Deployment, deployedChainIds, deploymentFor } from "@aim/sdk/deployments";
import type { Address, Chain } from "viem";
import { hardhat, sepolia } from "viem/chains";
import { preferredChainId, rpcUrl } from "./config.js";
import { type Currency, ETH } from "./lib/price.js";

// Only plain chain definitions are imported: OP-stack ones (Base) pull serializers into the
// catalogue's bundle. Other chains get a minimal definition and use VITE_RPC_URL.
const KNOWN_CHAINS: Record<number, Chain> = {
  [hardhat.id]: hardhat,
  [sepolia.id]: sepolia,
};
const CHAIN_NAMES: Record<number, string> = {
  84532: "Base Sepolia",
  80002: "Polygon Amoy",
  11011: "Shape Sepolia",
  360: "Shape",
};

function chainFor(id: number): Chain {
  const known = KNOWN_CHAINS[id];
  if (known) return known;
  // A chain viem does not name: usable through VITE_RPC_URL.
  return {
    id,
    name: CHAIN_NAMES[id] ?? `Chain ${id}`,
    nativeCurrency:
      id === 80002
        ? { name: "POL", symbol: "POL", decimals: 18 }
        : { name: "Ether", symbol: "ETH", decimals: 18 },
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
