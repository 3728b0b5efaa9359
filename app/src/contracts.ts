// The only door from the app to sdk/deployments.ts: chains, addresses, ABIs and start blocks.
// PLACEHOLDER until sdk/deployments.ts lands on main.
import type { Chain } from "viem";
import { hardhat } from "viem/chains";
import { type Currency, ETH } from "./lib/price.js";

export const appChains: readonly [Chain, ...Chain[]] = [hardhat];
export const currencies: readonly Currency[] = [ETH];

export function currencyOf(address: string | null | undefined): Currency {
  const a = (address ?? "").toLowerCase();
  return (
    currencies.find((c) => c.address.toLowerCase() === a) ?? {
      address: a as `0x${string}`,
      symbol: "tokens",
      decimals: 18,
    }
  );
}
