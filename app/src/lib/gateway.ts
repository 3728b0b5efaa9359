// Paid calls to an AIM through a HyperBox gateway: quote, check the quote against the chain, then call with
// an EIP-712 voucher for what this app signed before + the price (signed with sdk/voucher.ts). The node's
// word (its quote, its x-aim-paid header) never decides how much the app signs.

import { encodeVoucherHeader, type SignedVoucher, VOUCHER_HEADER } from "@aim/sdk/voucher";
import type { Address, Hex } from "viem";

export interface Quote {
  aimId: string;
  endpoint: string;
  methods: string[];
  price: string;
  currency: string;
  payee: Address;
  chainId: number;
  contract: Address;
}

class GatewayError extends Error {
  override name = "GatewayError";
  constructor(
    message: string,
    readonly status: number,
    readonly code?: string,
  ) {
    super(message);
  }
}

const base = (endpoint: string) => endpoint.replace(/\/$/, "");

async function send(url: string, init?: RequestInit): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch {
    throw new GatewayError(
      `The node at ${new URL(url).origin} cannot be reached (offline, or it does not allow calls from this page).`,
      0,
    );
  }
}

async function failure(res: Response): Promise<GatewayError> {
  const body = (await res.json().catch(() => null)) as { error?: string; message?: string } | null;
  return new GatewayError(
    body?.message ? `The node refused the call: ${body.message}.` : `The node answered ${res.status}.`,
    res.status,
    body?.error,
  );
}

export async function getQuote(endpoint: string, aimId: string, uri: string): Promise<Quote> {
  const res = await send(`${base(endpoint)}/aims/${aimId}/quote?endpoint=${encodeURIComponent(uri)}`);
  if (!res.ok) throw await failure(res);
  return (await res.json()) as Quote;
}

/** What the app knows from the chain (not from the node) about the call it is about to pay for. */
export interface QuoteExpectation {
  chainId: number;
  contract: Address;
  /** The channel's payee: the node's operator. */
  payee: Address;
  /** The node's offer for this AIM in HyperBoxRegistry (per call, base units). */
  offerPrice: bigint;
  /** The creator's maximum for this endpoint in the manifest anchored on chain (`price_per_call.max`). */
  manifestMax?: bigint;
}

/**
 * Why the app refuses this quote, or null. A node's quote is its word: the price may not exceed its on-chain
 * offer or the creator's published maximum for the endpoint, and it must pay the channel's payee on this chain.
 */
export function quoteProblem(quote: Quote, expected: QuoteExpectation): string | null {
  if (quote.chainId !== expected.chainId || quote.contract.toLowerCase() !== expected.contract.toLowerCase())
    return `The node quotes for PaymentChannels ${quote.contract} on chain ${quote.chainId}, not this marketplace's.`;
  if (quote.payee.toLowerCase() !== expected.payee.toLowerCase())
    return `The node asks to be paid as ${quote.payee}, but this channel pays ${expected.payee}.`;
  let price: bigint;
  try {
    price = BigInt(quote.price);
  } catch {
    return `The node quoted "${quote.price}", which is not a price.`;
  }
  const limit =
    expected.manifestMax !== undefined && expected.manifestMax > expected.offerPrice
      ? expected.manifestMax
      : expected.offerPrice;
  if (price > limit)
    return `The node quotes ${price} per call, above its on-chain offer of ${expected.offerPrice}${
      expected.manifestMax !== undefined ? ` and the manifest's maximum of ${expected.manifestMax}` : ""
    }: the call was not paid.`;
  return null;
}

/**
 * The next voucher's cumulative amount: the price on top of the most this app knows was spent (what it
 * signed, or what the chain says was claimed), never on the node's word.
 */
export function nextCumulative(channelId: Hex, knownSpent: bigint, price: bigint): bigint {
  const signed = signedSoFar(channelId);
  return (signed > knownSpent ? signed : knownSpent) + price;
}

export interface CallResult {
  output: unknown;
  /** What the node says it was paid (x-aim-paid): shown, never used to sign the next voucher. */
  nodeSaysPaid: bigint | undefined;
}

export async function callAim(
  endpoint: string,
  aimId: string,
  uri: string,
  method: string,
  body: unknown,
  voucher: SignedVoucher,
): Promise<CallResult> {
  const hasBody = method !== "GET" && method !== "HEAD" && body !== undefined;
  const res = await send(`${base(endpoint)}/aims/${aimId}/call${uri}`, {
    method,
    headers: {
      [VOUCHER_HEADER]: encodeVoucherHeader(voucher),
      ...(hasBody ? { "content-type": "application/json" } : {}),
    },
    body: hasBody ? JSON.stringify(body) : undefined,
  });
  if (!res.ok) throw await failure(res);
  const paid = res.headers.get("x-aim-paid");
  return { output: await res.json(), nodeSaysPaid: paid && /^\d+$/.test(paid) ? BigInt(paid) : undefined };
}

// ─── What this browser has signed, per channel (so spent-vs-deposit survives reloads) ─────────────

const SPENT_KEY = (channelId: Hex) => `aim.channel.${channelId.toLowerCase()}.signed`;

export function signedSoFar(channelId: Hex): bigint {
  try {
    return BigInt(localStorage.getItem(SPENT_KEY(channelId)) ?? "0");
  } catch {
    return 0n;
  }
}

export function recordSigned(channelId: Hex, cumulative: bigint): void {
  try {
    if (cumulative > signedSoFar(channelId))
      localStorage.setItem(SPENT_KEY(channelId), cumulative.toString());
  } catch {
    // Storage disabled: the on-chain claimed amount is the fallback.
  }
}
