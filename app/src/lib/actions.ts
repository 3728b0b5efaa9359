// One function per contract action the app performs. Each asks the wallet and returns the tx hash;
// hooks/useTransaction.ts carries it through wallet -> pending -> mined -> indexed.
import type { Address, Hex } from "viem";
import { readContract, writeContract } from "wagmi/actions";
import { contracts, erc20Abi, isEth, splitterAbi } from "../contracts.js";
import type { wagmiConfig } from "../wagmi.js";

type Config = typeof wagmiConfig;
export const ERC1155 = 0;

export interface PublishArgs {
  manifestURI: string;
  manifestHash: Hex;
  royaltyReceiver: Address;
  royaltyBps: bigint;
  callFeeBps: number;
  maxSupply: bigint;
  initialHolder: Address;
  initialAmount: bigint;
  splitPayees: Address[];
  splitShares: bigint[];
}

export const publish = (config: Config, p: PublishArgs) =>
  writeContract(config, { ...contracts.registry, functionName: "publish", args: [p] });

export const isApprovedForAll = (config: Config, owner: Address) =>
  readContract(config, {
    ...contracts.registry,
    functionName: "isApprovedForAll",
    args: [owner, contracts.market.address],
  }) as Promise<boolean>;

export const approveMarketplace = (config: Config) =>
  writeContract(config, {
    ...contracts.registry,
    functionName: "setApprovalForAll",
    args: [contracts.market.address, true],
  });

export interface ListingKey {
  seller: Address;
  tokenId: bigint;
  currency: Address;
}

export const list = (
  config: Config,
  k: Omit<ListingKey, "seller">,
  price: bigint,
  quantity: bigint,
  expiry: bigint,
) =>
  writeContract(config, {
    ...contracts.market,
    functionName: "list",
    args: [contracts.registry.address, k.tokenId, ERC1155, k.currency, price, quantity, expiry],
  });

export const updateListing = (
  config: Config,
  k: Omit<ListingKey, "seller">,
  price: bigint,
  quantity: bigint,
  expiry: bigint,
) =>
  writeContract(config, {
    ...contracts.market,
    functionName: "updateListing",
    args: [contracts.registry.address, k.tokenId, ERC1155, k.currency, price, quantity, expiry],
  });

export const cancelListing = (config: Config, k: Omit<ListingKey, "seller">) =>
  writeContract(config, {
    ...contracts.market,
    functionName: "cancel",
    args: [contracts.registry.address, k.tokenId, ERC1155, k.currency],
  });

export const buy = (config: Config, k: ListingKey, quantity: bigint, pricePerUnit: bigint) =>
  writeContract(config, {
    ...contracts.market,
    functionName: "buy",
    args: [k.seller, contracts.registry.address, k.tokenId, ERC1155, k.currency, quantity, pricePerUnit],
    value: isEth(k.currency) ? pricePerUnit * quantity : 0n,
  });

export const allowance = (config: Config, token: Address, owner: Address, spender: Address) =>
  readContract(config, {
    address: token,
    abi: erc20Abi,
    functionName: "allowance",
    args: [owner, spender],
  }) as Promise<bigint>;

export const tokenBalance = (config: Config, token: Address, owner: Address) =>
  readContract(config, {
    address: token,
    abi: erc20Abi,
    functionName: "balanceOf",
    args: [owner],
  }) as Promise<bigint>;

export const approveToken = (config: Config, token: Address, spender: Address, amount: bigint) =>
  writeContract(config, { address: token, abi: erc20Abi, functionName: "approve", args: [spender, amount] });

export const withdrawCredits = (
  config: Config,
  contract: "market" | "channels",
  currency: Address,
  account: Address,
) => writeContract(config, { ...contracts[contract], functionName: "withdraw", args: [currency, account] });

export function releaseRoyalties(config: Config, splitter: Address, currency: Address, account: Address) {
  if (!splitterAbi) throw new Error("The RoyaltySplitter ABI is missing from sdk/deployments.ts.");
  return isEth(currency)
    ? writeContract(config, { address: splitter, abi: splitterAbi, functionName: "release", args: [account] })
    : writeContract(config, {
        address: splitter,
        abi: splitterAbi,
        functionName: "release",
        args: [currency, account],
      });
}

// ─── Payment channels ────────────────────────────────────────────────────────────────────────────

export interface ChannelParamsArg {
  payer: Address;
  payee: Address;
  token: Address;
  signer: Address;
  aimId: bigint;
  royaltyReceiver: Address;
  royaltyBps: number;
  salt: Hex;
}

export const openChannel = (
  config: Config,
  a: {
    payee: Address;
    token: Address;
    signer: Address;
    aimId: bigint;
    salt: Hex;
    deposit: bigint;
    expiry: bigint;
  },
) =>
  writeContract(config, {
    ...contracts.channels,
    functionName: "open",
    args: [a.payee, a.token, a.signer, a.aimId, a.salt, a.deposit, a.expiry],
    value: isEth(a.token) ? a.deposit : 0n,
  });

export const topUpChannel = (config: Config, params: ChannelParamsArg, amount: bigint) =>
  writeContract(config, {
    ...contracts.channels,
    functionName: "topUp",
    args: [params, amount],
    value: isEth(params.token) ? amount : 0n,
  });

export const extendChannel = (config: Config, params: ChannelParamsArg, expiry: bigint) =>
  writeContract(config, { ...contracts.channels, functionName: "extend", args: [params, expiry] });

export const reclaimChannel = (config: Config, params: ChannelParamsArg) =>
  writeContract(config, { ...contracts.channels, functionName: "reclaim", args: [params] });
