// Paid calls to an AIM through a HyperBox gateway: quote, then call with an EIP-712 voucher for the
// channel's previous cumulative amount + the price (signed with sdk/voucher.ts).

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

export class GatewayError extends Error {
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

export interface CallResult {
  output: unknown;
  paid: bigint;
  price: bigint;
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
  return {
    output: await res.json(),
    paid: BigInt(res.headers.get("x-aim-paid") ?? voucher.cumulativeAmount),
    price: BigInt(res.headers.get("x-aim-price") ?? 0),
  };
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
