// Turns whatever a wallet, viem or a contract threw into one sentence a person can act on.
// Duck-typed over viem's error chain (`cause`), so this module pulls no viem code into the bundle.

type Args = readonly unknown[];
type Sentence = (args: Args) => string;

const n = (v: unknown): string => (typeof v === "bigint" ? v.toLocaleString("en-US") : String(v));
const date = (v: unknown): string =>
  typeof v === "bigint" || typeof v === "number" ? new Date(Number(v) * 1000).toLocaleString() : String(v);

/** Contract custom errors (AIMRegistry, AIMMarketplace, PaymentChannels, RoyaltySplitter, HyperBoxRegistry, OZ). */
export const CONTRACT_ERRORS: Record<string, Sentence> = {
  // AIMMarketplace
  MarketplacePaused: () =>
    "The marketplace is paused for maintenance; buying and listing are off for now. Withdrawals still work.",
  MarketplaceNotPaused: () => "The marketplace is not paused.",
  MarketplaceInvalidStandard: () => "This token standard is not supported.",
  MarketplaceCurrencyNotAllowed: () => "The marketplace does not accept this currency.",
  MarketplaceInvalidCurrency: () => "This currency is not valid here.",
  MarketplaceInvalidPrice: () => "The price must be more than zero and fit the marketplace's limit.",
  MarketplaceInvalidQuantity: () =>
    "The quantity must be at least 1 (and exactly 1 for a single-edition token).",
  MarketplaceInvalidExpiry: ([expiry]) => `The expiry (${date(expiry)}) must be in the future.`,
  MarketplaceListingExists: () =>
    "You already have a listing for this AIM in this currency. Update its price or cancel it instead.",
  MarketplaceListingNotFound: () =>
    "This listing no longer exists: it was cancelled or sold out. Refresh to see current listings.",
  MarketplaceListingSoldOut: () => "This listing sold out while you were deciding. Pick another listing.",
  MarketplaceListingExpired: ([, expiry]) => `This listing expired on ${date(expiry)}.`,
  MarketplaceInsufficientQuantity: ([, requested, remaining]) =>
    `Only ${n(remaining)} left in this listing; you asked for ${n(requested)}. Lower the quantity.`,
  MarketplacePriceMismatch: () =>
    "The seller changed the price after you loaded the page. Nothing was charged; review the new price and try again.",
  MarketplaceInsufficientPayment: () => "The payment sent was less than the total price.",
  MarketplaceUnexpectedEth: () => "This listing is priced in a token; no ETH should be sent.",
  MarketplaceSellerBalanceInsufficient: () =>
    "The seller no longer holds enough licenses to fill this listing. Pick another listing.",
  MarketplaceSellerNotOwner: () => "The seller no longer owns this license. Pick another listing.",
  MarketplaceNotApproved: () =>
    "The seller has not approved the marketplace to transfer this license, so it cannot be sold right now.",
  MarketplaceFeeOnTransfer: () =>
    "This token takes a fee on transfer, which the marketplace does not support.",
  MarketplaceNothingToWithdraw: () => "There is nothing to withdraw in this currency.",
  MarketplaceEthTransferFailed: () => "Sending ETH to the recipient failed.",
  MarketplaceFeeTooHigh: () => "That fee is above the marketplace's maximum.",
  MarketplaceInvalidTreasury: () => "The treasury address is not valid.",
  // AIMRegistry
  AIMRegistryEmptyURI: () => "The manifest URI is empty.",
  AIMRegistryZeroManifestHash: () => "The manifest hash is missing.",
  AIMRegistryUnknownAIM: ([id]) => `AIM #${n(id)} does not exist.`,
  AIMRegistryUnknownVersion: ([id, v]) => `AIM #${n(id)} has no version ${n(v)}.`,
  AIMRegistryNotCreator: ([id]) =>
    `Only the creator of AIM #${n(id)} can do this. Switch to the creator's account.`,
  AIMRegistryNotPendingCreator: () => "Only the account the creator named can accept this AIM.",
  AIMRegistryInvalidRoyaltyReceiver: () => "The royalty receiver address is not valid.",
  AIMRegistryAmbiguousRoyaltyReceiver: () =>
    "Give either a royalty receiver or a list of payees for a splitter, not both.",
  AIMRegistryRoyaltyTooHigh: ([bps, max]) =>
    `The sale royalty (${Number(bps) / 100}%) is above the ${Number(max) / 100}% limit.`,
  AIMRegistryCallFeeTooHigh: ([bps, max]) =>
    `The per-call royalty (${Number(bps) / 100}%) is above the ${Number(max) / 100}% limit.`,
  AIMRegistryInvalidMaxSupply: () => "The maximum supply is not valid.",
  AIMRegistryMaxSupplyExceeded: ([, max]) => `This would mint past the maximum supply of ${n(max)} licenses.`,
  AIMRegistryZeroAmount: () => "Mint at least one license.",
  AIMRegistrySplitterMismatch: ([p, s]) => `${n(p)} payees but ${n(s)} shares: give one share per payee.`,
  // RoyaltySplitter
  RoyaltySplitterInvalidPayeeCount: ([, max]) => `A royalty split needs between 1 and ${n(max)} payees.`,
  RoyaltySplitterLengthMismatch: () => "Give one share per payee.",
  RoyaltySplitterZeroPayee: ([i]) => `Payee ${Number(i) + 1} has no address.`,
  RoyaltySplitterZeroShares: () => "Every payee needs a share above zero.",
  RoyaltySplitterDuplicatePayee: ([a]) => `${String(a)} is listed twice among the payees.`,
  RoyaltySplitterNotPayee: () => "This account is not a payee of the royalty splitter.",
  RoyaltySplitterNothingDue: () => "Nothing is due to this account yet.",
  RoyaltySplitterETHTransferFailed: () => "Sending ETH to the payee failed.",
  // PaymentChannels
  ChannelNotFound: () => "This channel does not exist.",
  ChannelAlreadyExists: () => "A channel with these terms already exists. Top it up instead.",
  ChannelAlreadyClosed: () => "This channel is already closed.",
  ChannelExpired: ([, expiry]) => `This channel expired on ${date(expiry)}. Extend it or reclaim the rest.`,
  NotExpired: ([, expiry]) => `You can reclaim the deposit after the channel expires (${date(expiry)}).`,
  NotPayee: () => "Only the node operator of this channel can do this.",
  NotPayer: () => "Only the account that opened this channel can do this.",
  VoucherAmountTooLow: () => "This voucher is below what was already claimed.",
  AmountExceedsDeposit: () => "The amount is more than the channel's deposit. Top the channel up.",
  InvalidSigner: () => "The voucher was not signed by this channel's signer.",
  CurrencyNotAllowed: () => "Payment channels do not accept this currency.",
  InvalidValue: ([sent, expected]) => `Sent ${n(sent)} wei, expected ${n(expected)}.`,
  InvalidDeposit: () => "The deposit must be more than zero.",
  InvalidExpiry: ([, min]) => `The expiry must be after ${date(min)}.`,
  InvalidPayee: () => "The node operator's address is not valid.",
  LengthMismatch: () => "The claim lists have different lengths.",
  NothingToWithdraw: () => "There is nothing to withdraw in this currency.",
  EthTransferFailed: () => "Sending ETH to the recipient failed.",
  // OpenZeppelin
  ERC20InsufficientBalance: () => "Your token balance is too low for this payment.",
  ERC20InsufficientAllowance: () =>
    "The marketplace is not approved to spend enough of your tokens. Approve first.",
  ERC1155InsufficientBalance: () => "The account does not hold enough licenses.",
  ERC1155MissingApprovalForAll: () =>
    "The marketplace is not approved to move these licenses. Approve it first.",
  EnforcedPause: () => "This contract is paused for maintenance.",
  OwnableUnauthorizedAccount: () => "Only the contract owner can do this.",
  ReentrancyGuardReentrantCall: () => "This call was refused as a re-entrant call.",
};

interface ErrorLike {
  name?: string;
  code?: number;
  message?: string;
  shortMessage?: string;
  details?: string;
  cause?: unknown;
  data?: { errorName?: string; args?: Args } | unknown;
  reason?: string;
  signature?: string;
}

/** Every error in a viem/wagmi `cause` chain, outermost first. */
export function errorChain(error: unknown): ErrorLike[] {
  const chain: ErrorLike[] = [];
  let current: unknown = error;
  while (current && typeof current === "object" && chain.length < 12) {
    chain.push(current as ErrorLike);
    current = (current as ErrorLike).cause;
  }
  return chain;
}

export type ErrorKind = "rejected" | "contract" | "funds" | "network" | "chain" | "unknown";

export interface HumanError {
  kind: ErrorKind;
  message: string;
  /** The custom error's name when a contract reverted, for tests and logs. */
  errorName?: string;
}

/** Maps any thrown value to a sentence. Never throws. */
export function humanizeError(error: unknown): HumanError {
  const chain = errorChain(error);
  for (const e of chain) {
    if (
      e.code === 4001 ||
      e.name === "UserRejectedRequestError" ||
      /user (rejected|denied)/i.test(e.message ?? "")
    )
      return { kind: "rejected", message: "You rejected the request in your wallet. Nothing was sent." };
  }
  for (const e of chain) {
    const data = e.data as { errorName?: string; args?: Args } | undefined;
    const errorName = data && typeof data === "object" ? data.errorName : undefined;
    if (errorName) {
      const sentence = CONTRACT_ERRORS[errorName];
      const message = sentence ? sentence(data?.args ?? []) : `The contract refused this (${errorName}).`;
      return { kind: "contract", message, errorName };
    }
    if (e.name === "ContractFunctionRevertedError") {
      if (e.reason) return { kind: "contract", message: `The contract refused this: ${e.reason}.` };
      if (e.signature)
        return {
          kind: "contract",
          message: `The contract refused this with an unknown error (${e.signature}).`,
        };
    }
  }
  for (const e of chain) {
    if (e.name === "IndexerLagError" || e.name === "IndexerUnreachableError")
      return { kind: "network", message: e.message ?? "The marketplace index cannot be reached." };
    if (e.name === "InsufficientFundsError" || /insufficient funds/i.test(e.details ?? e.message ?? ""))
      return { kind: "funds", message: "Your account does not have enough ETH for this and its gas." };
    if (e.name === "ChainMismatchError" || e.name === "SwitchChainNotSupportedError")
      return {
        kind: "chain",
        message: "Your wallet is on another network. Switch to the marketplace's network and retry.",
      };
    if (e.name === "ConnectorNotConnectedError" || e.name === "ConnectorAccountNotFoundError")
      return { kind: "chain", message: "Connect your wallet first." };
    if (
      e.name === "HttpRequestError" ||
      e.name === "TimeoutError" ||
      e.name === "WebSocketRequestError" ||
      /failed to fetch|networkerror|fetch failed|ECONNREFUSED/i.test(e.message ?? "")
    )
      return {
        kind: "network",
        message: "The blockchain node cannot be reached. Check your connection and retry.",
      };
  }
  const first = chain[0];
  const text = first?.shortMessage ?? first?.message ?? (typeof error === "string" ? error : "");
  return {
    kind: "unknown",
    message: text ? `Something went wrong: ${text.split("\n")[0]}` : "Something went wrong. Please retry.",
  };
}
