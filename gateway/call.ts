// The paid call, free of any HTTP framework: find the AIM and endpoint, validate the request (a bad request
// costs nothing), check the voucher, store it durably (compare-and-set), run the AIM, answer. server.ts serves
// it straight from node:http (the hot path: no Request/Response objects, no web streams); routes.ts mounts the
// same function in Hono for anyone embedding the app.

import type { ManifestEndpoint } from "@aim/sdk/manifest";
import { VOUCHER_HEADER, voucherDomain, voucherTypes } from "@aim/sdk/voucher";
import type { Address } from "viem";
import { AimInputError } from "./aims/index.js";
import type { ChannelCache } from "./channels.js";
import { GatewayError } from "./errors.js";
import type { Offer } from "./offers.js";
import type { VoucherStore } from "./store.js";
import {
  amountCheck,
  checkVoucher,
  type PaidVoucher,
  type SignatureVerifier,
  type VoucherPolicy,
} from "./voucher-check.js";
import type { X402Payments } from "./x402.js";

export const MAX_BODY_BYTES = 1024 * 1024;

export interface RouteContext {
  policy: VoucherPolicy;
  offers: Map<string, Offer>;
  channels: ChannelCache;
  store: VoucherStore;
  verify?: SignatureVerifier;
  /** x402 `exact` payments (X402Settlement configured): PAYMENT-REQUIRED on every 402, PAYMENT-SIGNATURE paid. */
  x402?: X402Payments;
  /** Test hook: runs after the voucher is stored and before the AIM runs (e.g. to simulate a crash). */
  afterStore?: (paid: PaidVoucher) => void | Promise<void>;
}

export interface CallRequest {
  aimId: string;
  /** The endpoint uri, e.g. "/analyze" (the path after /aims/:aimId/call). */
  uri: string;
  method: string;
  query: Record<string, string>;
  /** The x-aim-voucher header. */
  voucher: string | undefined;
  /** The x402 PAYMENT-SIGNATURE header. */
  payment?: string | undefined;
  /** The raw body text ("" when none). */
  body: string;
}

export interface CallResponse {
  paid: bigint;
  price: bigint;
  /** The AIM's output, serialised. */
  json: string;
  /** Extra response headers (x402's PAYMENT-RESPONSE). */
  headers?: Record<string, string>;
}

/** Runs one paid call; throws GatewayError for every refusal (402 refusals carry a `quote`). */
export async function paidCall(ctx: RouteContext, request: CallRequest): Promise<CallResponse> {
  const offer = findOffer(ctx, request.aimId);
  const endpoint = findEndpoint(offer, request.uri || "/");
  const method = request.method.toUpperCase();
  if (!(endpoint.methods as readonly string[]).includes(method)) {
    throw new GatewayError(
      "method_not_allowed",
      `${endpoint.uri} accepts ${endpoint.methods.join(", ")}, not ${method}`,
    );
  }
  const price = offer.priceOf(endpoint);
  // Validate the request before anything is paid: a bad request costs nothing.
  let run: () => unknown;
  try {
    run = offer.handler.prepare({
      uri: endpoint.uri,
      method,
      query: request.query,
      body: parseBody(request.body, method),
    });
  } catch (error) {
    if (error instanceof AimInputError) throw new GatewayError("bad_request", error.message);
    throw error;
  }
  try {
    if (ctx.x402 && request.payment !== undefined && ctx.channels.isLicensed(offer.aimId)) {
      return await x402Call(ctx.x402, offer, price, request.payment, run);
    }
    return await voucherCall(ctx, offer, price, request.voucher, run);
  } catch (error) {
    if (error instanceof GatewayError && error.status === 402) {
      Object.assign(error.details, { quote: quote(ctx, offer, endpoint) });
      const url = `/aims/${offer.aimId}/call${endpoint.uri}`;
      error.headers = ctx.x402?.requiredHeaders(offer, price, url, error.message) ?? {};
    }
    throw error;
  }
}

async function voucherCall(
  ctx: RouteContext,
  offer: Offer,
  price: bigint,
  header: string | undefined,
  run: () => unknown,
): Promise<CallResponse> {
  const paid = await checkVoucher(header, offer, price, ctx.policy, ctx.channels, ctx.verify);
  const { voucher, channel } = paid;
  const stored = await ctx.store.record(
    channel.id,
    voucher.cumulativeAmount,
    voucher.signature,
    voucher.cumulativeAmount - price,
  );
  if (!stored.ok) {
    if (stored.closing) {
      throw new GatewayError(
        "channel_closing",
        `channel ${channel.id} is being closed by this node: open a new channel`,
      );
    }
    amountCheck(voucher.cumulativeAmount, stored.latest, price);
    throw new GatewayError(
      "replay",
      `voucher ${voucher.cumulativeAmount} lost a race with a concurrent call`,
    );
  }
  await ctx.afterStore?.(paid);
  return { paid: voucher.cumulativeAmount, price, json: await runAim(run) };
}

/** An x402 call: verified and stored, then the AIM runs, then settled on chain before the answer. */
async function x402Call(
  x402: X402Payments,
  offer: Offer,
  price: bigint,
  header: string,
  run: () => unknown,
): Promise<CallResponse> {
  const payment = await x402.accept402(offer, price, header);
  let json: string;
  try {
    json = await runAim(run);
  } catch (error) {
    await payment.release();
    throw error;
  }
  return { paid: price, price, json, headers: await payment.settle() };
}

async function runAim(run: () => unknown): Promise<string> {
  try {
    return JSON.stringify(await run()) ?? "null";
  } catch (error) {
    throw new GatewayError("aim_failed", `the AIM failed: ${(error as Error).message}`);
  }
}

export function findOffer(ctx: RouteContext, aimId: string): Offer {
  const offer = /^\d{1,78}$/.test(aimId) ? ctx.offers.get(BigInt(aimId).toString()) : undefined;
  if (!offer) {
    throw new GatewayError(
      "unknown_aim",
      `AIM ${aimId} is not served here; offered: ${[...ctx.offers.keys()].join(", ")}`,
    );
  }
  return offer;
}

export function findEndpoint(offer: Offer, uri: string): ManifestEndpoint {
  const endpoint = offer.manifest.endpoints.find((e) => e.uri === uri);
  if (!endpoint) {
    const known = offer.manifest.endpoints.map((e) => e.uri).join(", ");
    throw new GatewayError("unknown_endpoint", `AIM ${offer.aimId} has no endpoint ${uri}; it has ${known}`);
  }
  return endpoint;
}

function parseBody(text: string, method: string): unknown {
  if (method === "GET" || method === "HEAD" || text === "") return undefined;
  if (text.length > MAX_BODY_BYTES)
    throw new GatewayError("bad_request", `body larger than ${MAX_BODY_BYTES} bytes`);
  try {
    return JSON.parse(text);
  } catch {
    throw new GatewayError("bad_request", "the body is not valid JSON");
  }
}

export function summary(offer: Offer) {
  return {
    aimId: offer.aimId.toString(),
    version: offer.version,
    name: offer.manifest.name,
    currency: offer.currency,
    pricePerCall: offer.listedPrice.toString(),
    manifestHash: offer.manifestHash,
  };
}

export function quote(ctx: RouteContext, offer: Offer, endpoint: ManifestEndpoint) {
  const payee: Address = ctx.policy.payee;
  return {
    ...summary(offer),
    endpoint: endpoint.uri,
    methods: endpoint.methods,
    price: offer.priceOf(endpoint).toString(),
    payee,
    chainId: ctx.policy.chainId,
    contract: ctx.policy.contract,
    minRemainingSeconds: ctx.policy.minRemainingSeconds,
    voucher: {
      header: VOUCHER_HEADER,
      format: "v1.<chainId>.<contract>.<channelId>.<cumulativeAmount>.<signature>",
      domain: voucherDomain(ctx.policy.chainId, ctx.policy.contract),
      types: voucherTypes,
    },
    howToPay:
      `Open a PaymentChannels channel to ${payee} for AIM ${offer.aimId} in ${offer.currency} ` +
      `(open(payee, token, signer, aimId, sessionCap, salt, deposit, expiry)), then send each call with a ` +
      `voucher for the channel's previous cumulative amount + ${offer.priceOf(endpoint)}, EIP-712 signed by the ` +
      `channel's session signer (valid up to its session cap) or by the payer (valid up to the deposit).`,
  };
}
