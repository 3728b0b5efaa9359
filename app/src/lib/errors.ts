// Turns whatever a wallet, viem or a contract threw into one sentence a person can act on.
// Duck-typed over viem's error chain (`cause`), so this module pulls no viem code into the bundle (the ABIs
// below are imported as types only).

import type { abis } from "@aim/sdk/deployments";
import type { ContractErrorName } from "viem";

type Args = readonly unknown[];
type Sentence = (args: Args) => string;

/** The contracts the app talks to; every custom error of each must have a sentence. */
export const PRODUCTION_CONTRACTS = [
  "AIMRegistry",
  "AIMMarketplace",
  "PaymentChannels",
  "HyperBoxRegistry",
  "RoyaltySplitter",
  "RoyaltySplitterFactory",
] as const;
type ProductionContract = (typeof PRODUCTION_CONTRACTS)[number];
type ErrorNameOf<C extends keyof typeof abis> = ContractErrorName<(typeof abis)[C]>;
/**
 * Every custom error name of the production ABIs, plus OpenZeppelin's ERC-20 errors (every token payment goes
 * through an ERC-20; the faucet token's ABI carries them). A Solidity error renamed, added or removed changes
 * this union, and the table below stops type-checking until its sentence follows.
 */
export type ContractErrorNames =
  | { [C in ProductionContract]: ErrorNameOf<C> }[ProductionContract]
  | ErrorNameOf<"TestUSDC">;

const n = (v: unknown): string => (typeof v === "bigint" ? v.toLocaleString("en-US") : String(v));
const pct = (v: unknown): string => `${Number(v) / 100}%`;
const date = (v: unknown): string =>
  typeof v === "bigint" || typeof v === "number" ? new Date(Number(v) * 1000).toLocaleString() : String(v);

/** A sentence for every custom error of AIMRegistry, AIMMarketplace, PaymentChannels, HyperBoxRegistry, RoyaltySplitter(Factory) and ERC-20s. */
export const CONTRACT_ERRORS = {
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
  MarketplaceFeeAboveSellerMax: ([fee, max]) =>
    `The marketplace fee is now ${pct(fee)}, above the ${pct(max)} you accepted: nothing was listed. Review the new fee and list again.`,
  MarketplaceNothingToWithdraw: () => "There is nothing to withdraw in this currency.",
  MarketplaceEthTransferFailed: () => "Sending ETH to the recipient failed.",
  MarketplaceFeeTooHigh: () => "That fee is above the marketplace's maximum.",
  MarketplaceInvalidTreasury: () => "The treasury address is not valid.",
  MarketplaceOfferExists: () =>
    "You already made an offer with exactly these terms. Change the price, quantity or expiry, or cancel it first.",
  MarketplaceOfferNotFound: () => "This offer does not exist. Refresh to see the current offers.",
  MarketplaceOfferClosed: () =>
    "This offer was already filled or cancelled. Refresh to see the current offers.",
  MarketplaceOfferExpired: ([, expiry]) => `This offer expired on ${date(expiry)}.`,
  MarketplaceOfferInsufficientQuantity: ([, requested, remaining]) =>
    `This offer wants only ${n(remaining)} more; you tried to sell ${n(requested)}. Lower the quantity.`,
  MarketplaceOfferUnfunded: ([, , needed, balance, allowance]) =>
    `The buyer can no longer pay this offer: it needs ${n(needed)} but the buyer holds ${n(balance)} and approved ${n(allowance)}. Nothing was sold.`,
  MarketplaceNotOfferBuyer: () => "Only the buyer who made this offer can cancel it.",
  MarketplaceBulkTotalAboveMax: ([total, max]) =>
    `The cart now costs ${n(total)}, above the ${n(max)} you accepted: nothing was bought. Review the cart and try again.`,
  MarketplaceNothingBought: () =>
    "Every listing in the cart is gone, sold, expired or re-priced: nothing was bought and nothing was charged.",
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
  AIMRegistryRoyaltyTooHigh: ([bps, max]) => `The sale royalty (${pct(bps)}) is above the ${pct(max)} limit.`,
  AIMRegistryCallFeeTooHigh: ([bps, max]) =>
    `The per-call royalty (${pct(bps)}) is above the ${pct(max)} limit.`,
  AIMRegistryInvalidMaxSupply: () => "The maximum supply is not valid.",
  AIMRegistryMaxSupplyExceeded: ([, max]) => `This would mint past the maximum supply of ${n(max)} licenses.`,
  AIMRegistryZeroAmount: () => "Mint at least one license.",
  AIMRegistrySplitterMismatch: ([p, s]) => `${n(p)} payees but ${n(s)} shares: give one share per payee.`,
  AIMRegistryInvalidSplitterFactory: () =>
    "The registry was deployed without a valid royalty splitter factory; ask the marketplace operator.",
  // HyperBoxRegistry
  HyperBoxRegistryEmptyEndpoint: () => "Give the node's endpoint URL.",
  HyperBoxRegistryFieldTooLong: ([field, length, max]) =>
    `The ${String(field)} is ${n(length)} characters long; shorten it to ${n(max)} at most.`,
  HyperBoxRegistryInvalidVersion: ([v]) => `This AIM has no version ${n(v)} to serve.`,
  HyperBoxRegistryLicensesInUse: ([, aimId, serving, licenses]) =>
    `Your ${n(licenses)} license(s) of AIM #${n(aimId)} already back ${n(serving)} serving node(s): one license backs one node. Buy another license or stop serving on a node first.`,
  HyperBoxRegistryNodeIsRetired: ([id]) => `Node #${n(id)} is retired; register a new node.`,
  HyperBoxRegistryNodeNotFound: ([id]) => `Node #${n(id)} does not exist.`,
  HyperBoxRegistryNotLicensed: ([, aimId]) =>
    `The node's operator holds no license of AIM #${n(aimId)}. Buy a license first.`,
  HyperBoxRegistryNotOperator: () =>
    "Only the node's operator can do this. Switch to the operator's account.",
  HyperBoxRegistryOfferNotFound: ([node, aimId]) => `Node #${n(node)} does not offer AIM #${n(aimId)}.`,
  // RoyaltySplitter and its factory
  RoyaltySplitterInvalidPayeeCount: ([, max]) => `A royalty split needs between 1 and ${n(max)} payees.`,
  RoyaltySplitterLengthMismatch: () => "Give one share per payee.",
  RoyaltySplitterZeroPayee: ([i]) => `Payee ${Number(i) + 1} has no address.`,
  RoyaltySplitterZeroShares: () => "Every payee needs a share above zero.",
  RoyaltySplitterDuplicatePayee: ([a]) => `${String(a)} is listed twice among the payees.`,
  RoyaltySplitterNotPayee: () => "This account is not a payee of the royalty splitter.",
  RoyaltySplitterNothingDue: () => "Nothing is due to this account yet.",
  RoyaltySplitterETHTransferFailed: () => "Sending ETH to the payee failed.",
  RoyaltySplitterAlreadyInitialized: () => "This royalty splitter is already set up.",
  RoyaltySplitterInsufficientGas: () =>
    "The transaction ran with too little gas to pay every payee. Send it again with a higher gas limit.",
  FailedDeployment: () => "Creating the royalty splitter failed. Retry, or ask the marketplace operator.",
  InsufficientBalance: () => "Creating the royalty splitter failed: the factory lacks the funds it needs.",
  // PaymentChannels
  PaymentChannelsChannelNotFound: () => "This channel does not exist (or is already closed).",
  PaymentChannelsChannelAlreadyExists: () => "A channel with these terms already exists. Top it up instead.",
  PaymentChannelsChannelAlreadyClosed: () => "This channel is already closed.",
  PaymentChannelsChannelExpired: ([, expiry]) =>
    `This channel expired on ${date(expiry)}. Extend it or reclaim the rest.`,
  PaymentChannelsNotExpired: ([, expiry]) =>
    `You can reclaim the deposit after the channel expires (${date(expiry)}).`,
  PaymentChannelsNotPayee: () => "Only the node operator of this channel can do this.",
  PaymentChannelsNotPayer: () => "Only the account that opened this channel can do this.",
  PaymentChannelsVoucherAmountTooLow: () => "This voucher is below what was already claimed.",
  PaymentChannelsAmountExceedsDeposit: () =>
    "The amount is more than the channel's deposit. Top the channel up.",
  PaymentChannelsInvalidSigner: () => "The voucher was not signed by this channel's payer or session key.",
  PaymentChannelsCurrencyNotAllowed: () => "Payment channels do not accept this currency.",
  PaymentChannelsInvalidValue: ([sent, expected]) => `Sent ${n(sent)} wei, expected ${n(expected)}.`,
  PaymentChannelsInvalidDeposit: ([, max]) =>
    `The amount must be more than zero and keep the deposit within ${n(max)} base units.`,
  PaymentChannelsInvalidExpiry: ([, min]) => `The expiry must be after ${date(min)}.`,
  PaymentChannelsInvalidPayee: () => "The node operator's address is not valid.",
  PaymentChannelsInvalidRoyalty: () => "The AIM's per-call royalty is not valid; ask its creator.",
  PaymentChannelsLengthMismatch: () => "The claim lists have different lengths.",
  PaymentChannelsNothingToWithdraw: () => "There is nothing to withdraw in this currency.",
  PaymentChannelsEthTransferFailed: () => "Sending ETH to the recipient failed.",
  PaymentChannelsPayeeNotLicensed: ([, aimId]) =>
    `The node's operator no longer holds a license of AIM #${n(aimId)}, so it cannot be paid: choose another node. A channel you already opened can be reclaimed after it expires.`,
  PaymentChannelsSessionCapExceeded: ([amount, cap]) =>
    `This voucher (${n(amount)}) is above the session key's cap of ${n(cap)}. Raise the session cap, or approve the call in your wallet.`,
  PaymentChannelsInvalidSessionCap: ([, min]) =>
    `The new session cap must be at least ${n(min)} (a cap only goes up) and the channel must have a session key.`,
  PaymentChannelsLifetimeExceeded: ([, max]) =>
    `A channel lives at most a year from when it opened: the latest expiry is ${date(max)}. Open a new channel to go on.`,
  PaymentChannelsFeeOnTransfer: () =>
    "This token delivered less than the amount sent (a fee on transfer), so payment channels refuse it.",
  // OpenZeppelin (ERC-20, ERC-1155, Ownable, Pausable, ReentrancyGuard, SafeERC20, ShortStrings)
  ERC20InsufficientBalance: () => "Your token balance is too low for this payment.",
  ERC20InsufficientAllowance: () =>
    "The contract is not approved to spend enough of your tokens. Approve first.",
  ERC20InvalidApprover: () => "The approving account is not valid.",
  ERC20InvalidReceiver: ([to]) => `Tokens cannot be sent to ${String(to)}.`,
  ERC20InvalidSender: ([from]) => `Tokens cannot be sent from ${String(from)}.`,
  ERC20InvalidSpender: ([spender]) => `${String(spender)} cannot be approved to spend tokens.`,
  ERC1155InsufficientBalance: () => "The account does not hold enough licenses.",
  ERC1155MissingApprovalForAll: () =>
    "The marketplace is not approved to move these licenses. Approve it first.",
  ERC1155InvalidApprover: () => "The approving account is not valid.",
  ERC1155InvalidArrayLength: () => "The lists of license ids and amounts have different lengths.",
  ERC1155InvalidOperator: ([op]) => `${String(op)} cannot be approved to move licenses.`,
  ERC1155InvalidReceiver: ([to]) =>
    `${String(to)} cannot receive licenses (a contract that does not accept them?).`,
  ERC1155InvalidSender: ([from]) => `Licenses cannot be sent from ${String(from)}.`,
  EnforcedPause: () => "This contract is paused for maintenance.",
  ExpectedPause: () => "This contract is not paused.",
  OwnableUnauthorizedAccount: () => "Only the contract owner can do this.",
  OwnableInvalidOwner: () => "That owner address is not valid.",
  ReentrancyGuardReentrantCall: () => "This call was refused as a re-entrant call.",
  SafeERC20FailedOperation: ([token]) =>
    `The token ${String(token)} refused the transfer. Check your balance and approval.`,
  // EIP-3009 (USDC's transfer with authorization; TestUSDC has it too)
  EIP3009AuthorizationNotYetValid: ([validAfter]) =>
    `This payment authorization is not valid before ${date(validAfter)}.`,
  EIP3009AuthorizationExpired: ([validBefore]) =>
    `This payment authorization expired at ${date(validBefore)}.`,
  EIP3009AuthorizationUsed: () => "This payment authorization was already used or cancelled: sign a new one.",
  EIP3009InvalidSignature: ([authorizer]) =>
    `This payment authorization is not signed by ${String(authorizer)}.`,
  EIP3009CallerNotPayee: ([, payee]) => `Only ${String(payee)} can submit this payment authorization.`,
  InvalidShortString: () => "A contract name or version is not valid.",
  StringTooLong: () => "A contract name or version is too long.",
} satisfies Record<ContractErrorNames, Sentence>;

const SENTENCES: Readonly<Record<string, Sentence | undefined>> = CONTRACT_ERRORS;

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
function errorChain(error: unknown): ErrorLike[] {
  const chain: ErrorLike[] = [];
  let current: unknown = error;
  while (current && typeof current === "object" && chain.length < 12) {
    chain.push(current as ErrorLike);
    current = (current as ErrorLike).cause;
  }
  return chain;
}

type ErrorKind = "rejected" | "contract" | "funds" | "network" | "chain" | "unknown";

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
      const sentence = Object.hasOwn(SENTENCES, errorName) ? SENTENCES[errorName] : undefined;
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
