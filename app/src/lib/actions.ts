// One function per contract action the app performs. Each asks the wallet and returns the tx hash;
// hooks/useTransaction.ts carries it through wallet -> pending -> mined -> indexed.
import type { ChannelParams } from "@aim/sdk/channel";
import { TokenStandard } from "@aim/sdk/marketplace";
import type { Address, ContractFunctionArgs, Hex } from "viem";
import { readContract, writeContract } from "wagmi/actions";
import { contracts, erc20Abi, isEth, splitterAbi } from "../contracts.js";
import type { wagmiConfig } from "../wagmi.js";

type Config = typeof wagmiConfig;
/** The app trades AIMRegistry licenses only. */
const { ERC1155 } = TokenStandard;

/** The argument of `AIMRegistry.publish`, as its ABI declares it. */
type PublishArgs = ContractFunctionArgs<typeof contracts.registry.abi, "nonpayable", "publish">[0];

export const publish = (config: Config, p: PublishArgs) =>
  writeContract(config, { ...contracts.registry, functionName: "publish", args: [p] });

export const isApprovedForAll = (config: Config, owner: Address) =>
  readContract(config, {
    ...contracts.registry,
    functionName: "isApprovedForAll",
    args: [owner, contracts.market.address],
  });

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

/** The (token, id, standard, currency) that name a seller's listing in the marketplace's list/update/cancel. */
const listingKeyArgs = (k: Omit<ListingKey, "seller">) =>
  [contracts.registry.address, k.tokenId, ERC1155, k.currency] as const;

/** The marketplace's fee in force now (basis points of the price). */
export const marketplaceFeeBps = (config: Config) =>
  readContract(config, { ...contracts.market, functionName: "feeBps" });

/**
 * Lists licenses. `maxFeeBps` is the highest marketplace fee the seller accepts (the fee shown to them): a fee
 * raised while the transaction is in flight makes it revert with MarketplaceFeeAboveSellerMax.
 */
export const list = (
  config: Config,
  k: Omit<ListingKey, "seller">,
  price: bigint,
  quantity: bigint,
  expiry: bigint,
  maxFeeBps: number,
) =>
  writeContract(config, {
    ...contracts.market,
    functionName: "list",
    args: [...listingKeyArgs(k), price, quantity, expiry, maxFeeBps],
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
    args: [...listingKeyArgs(k), price, quantity, expiry],
  });

export const cancelListing = (config: Config, k: Omit<ListingKey, "seller">) =>
  writeContract(config, {
    ...contracts.market,
    functionName: "cancel",
    args: listingKeyArgs(k),
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
  });

export const approveToken = (config: Config, token: Address, spender: Address, amount: bigint) =>
  writeContract(config, { address: token, abi: erc20Abi, functionName: "approve", args: [spender, amount] });

export const withdrawCredits = (
  config: Config,
  contract: "market" | "channels",
  currency: Address,
  account: Address,
) =>
  contract === "market"
    ? writeContract(config, { ...contracts.market, functionName: "withdraw", args: [currency, account] })
    : writeContract(config, { ...contracts.channels, functionName: "withdraw", args: [currency, account] });

export function releaseRoyalties(config: Config, splitter: Address, currency: Address, account: Address) {
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

/**
 * Opens a channel. `signer` is the session key (zero address: the payer signs every voucher in the wallet) and
 * `sessionCap` the cumulative amount up to which the session key's vouchers are valid on chain (0 without one).
 */
export const openChannel = (
  config: Config,
  a: Omit<ChannelParams, "payer"> & { deposit: bigint; expiry: bigint },
) =>
  writeContract(config, {
    ...contracts.channels,
    functionName: "open",
    args: [a.payee, a.token, a.signer, a.aimId, a.sessionCap, a.salt, a.deposit, a.expiry],
    value: isEth(a.token) ? a.deposit : 0n,
  });

export const topUpChannel = (config: Config, params: ChannelParams, amount: bigint) =>
  writeContract(config, {
    ...contracts.channels,
    functionName: "topUp",
    args: [params, amount],
    value: isEth(params.token) ? amount : 0n,
  });

export const extendChannel = (config: Config, params: ChannelParams, expiry: bigint) =>
  writeContract(config, { ...contracts.channels, functionName: "extend", args: [params, expiry] });

/** Raises the cap up to which the channel's session key may sign (raise only). */
export const raiseSessionCap = (config: Config, params: ChannelParams, newCap: bigint) =>
  writeContract(config, { ...contracts.channels, functionName: "raiseSessionCap", args: [params, newCap] });

export const reclaimChannel = (config: Config, params: ChannelParams) =>
  writeContract(config, { ...contracts.channels, functionName: "reclaim", args: [params] });

/** The session cap in force on chain: the params' cap or the one the payer raised it to (0 without a session key). */
export const sessionCapOf = (config: Config, params: ChannelParams) =>
  readContract(config, { ...contracts.channels, functionName: "sessionCapOf", args: [params] });

/** The latest expiry the channel may be extended to (MAX_CHANNEL_LIFETIME after it opened; 0 once closed). */
export const maxExpiryOf = (config: Config, channelId: Hex) =>
  readContract(config, { ...contracts.channels, functionName: "maxExpiryOf", args: [channelId] });
