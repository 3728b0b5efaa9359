// The HTTP surface: discovery (offers, manifests, quotes) and the paid call. Unpaid calls get 402 with the
// price and how to pay; every refusal is {error, message} (see errors.ts).
import { type Context, Hono } from "hono";
import type { Address } from "viem";
import type { ManifestEndpoint } from "../sdk/manifest.js";
import { VOUCHER_HEADER, voucherDomain, voucherTypes } from "../sdk/voucher.js";
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

const MAX_BODY_BYTES = 1024 * 1024;

export interface RouteContext {
  policy: VoucherPolicy;
  offers: Map<string, Offer>;
  channels: ChannelCache;
  store: VoucherStore;
  verify?: SignatureVerifier;
  /** Test hook: runs after the voucher is stored and before the AIM runs (e.g. to simulate a crash). */
  afterStore?: (paid: PaidVoucher) => void | Promise<void>;
}

export function createApp(ctx: RouteContext): Hono {
  const app = new Hono();

  app.onError((error, c) => {
    if (error instanceof GatewayError) return c.json(error.toJSON(), error.status as 400);
    console.error("gateway: unexpected error", error);
    return c.json({ error: "internal", message: "internal error" }, 500);
  });
  app.notFound((c) =>
    c.json({ error: "unknown_endpoint", message: `no route ${c.req.method} ${c.req.path}` }, 404),
  );

  app.get("/health", (c) =>
    c.json({
      ok: true,
      chainId: ctx.policy.chainId,
      contract: ctx.policy.contract,
      payee: ctx.policy.payee,
      channels: ctx.channels.size,
      lastBlock: ctx.channels.lastBlock.toString(),
    }),
  );

  app.get("/aims", (c) =>
    c.json([...ctx.offers.values()].map((offer) => ({ ...summary(offer), manifest: offer.manifest }))),
  );

  app.get("/aims/:aimId/manifest", (c) => {
    const offer = findOffer(ctx, c.req.param("aimId"));
    return c.body(offer.manifestBytes as Uint8Array<ArrayBuffer>, 200, {
      "content-type": "application/json",
    });
  });

  app.get("/aims/:aimId/quote", (c) => {
    const offer = findOffer(ctx, c.req.param("aimId"));
    const uri = c.req.query("endpoint");
    const endpoint = findEndpoint(offer, uri ?? (offer.manifest.endpoints[0] as ManifestEndpoint).uri);
    return c.json(quote(ctx, offer, endpoint));
  });

  app.all("/aims/:aimId/call/*", async (c) => {
    const offer = findOffer(ctx, c.req.param("aimId"));
    const prefix = `/aims/${c.req.param("aimId")}/call`;
    const endpoint = findEndpoint(offer, c.req.path.slice(prefix.length) || "/");
    const method = c.req.method.toUpperCase();
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
        query: c.req.query(),
        body: await readBody(c, method),
      });
    } catch (error) {
      if (error instanceof AimInputError) throw new GatewayError("bad_request", error.message);
      throw error;
    }
    let paid: PaidVoucher;
    try {
      paid = await checkVoucher(
        c.req.header(VOUCHER_HEADER),
        offer,
        price,
        ctx.policy,
        ctx.channels,
        ctx.verify,
      );
    } catch (error) {
      if (error instanceof GatewayError && error.status === 402) {
        Object.assign(error.details, { quote: quote(ctx, offer, endpoint) });
      }
      throw error;
    }
    const { voucher, channel } = paid;
    const stored = await ctx.store.record(
      channel.id,
      voucher.cumulativeAmount,
      voucher.signature,
      voucher.cumulativeAmount - price,
    );
    if (!stored.ok) {
      amountCheck(voucher.cumulativeAmount, stored.latest, price);
      throw new GatewayError(
        "replay",
        `voucher ${voucher.cumulativeAmount} lost a race with a concurrent call`,
      );
    }
    await ctx.afterStore?.(paid);
    let output: unknown;
    try {
      output = await run();
    } catch (error) {
      throw new GatewayError("aim_failed", `the AIM failed: ${(error as Error).message}`);
    }
    c.header("x-aim-paid", voucher.cumulativeAmount.toString());
    c.header("x-aim-price", price.toString());
    return c.json(output as object);
  });

  return app;
}

function findOffer(ctx: RouteContext, aimId: string): Offer {
  const offer = /^\d{1,78}$/.test(aimId) ? ctx.offers.get(BigInt(aimId).toString()) : undefined;
  if (!offer) {
    throw new GatewayError(
      "unknown_aim",
      `AIM ${aimId} is not served here; offered: ${[...ctx.offers.keys()].join(", ")}`,
    );
  }
  return offer;
}

function findEndpoint(offer: Offer, uri: string): ManifestEndpoint {
  const endpoint = offer.manifest.endpoints.find((e) => e.uri === uri);
  if (!endpoint) {
    const known = offer.manifest.endpoints.map((e) => e.uri).join(", ");
    throw new GatewayError("unknown_endpoint", `AIM ${offer.aimId} has no endpoint ${uri}; it has ${known}`);
  }
  return endpoint;
}

async function readBody(c: Context, method: string): Promise<unknown> {
  if (method === "GET" || method === "HEAD") return undefined;
  const length = Number(c.req.header("content-length") ?? 0);
  if (length > MAX_BODY_BYTES)
    throw new GatewayError("bad_request", `body larger than ${MAX_BODY_BYTES} bytes`);
  const text = await c.req.text();
  if (text.length > MAX_BODY_BYTES)
    throw new GatewayError("bad_request", `body larger than ${MAX_BODY_BYTES} bytes`);
  if (text === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new GatewayError("bad_request", "the body is not valid JSON");
  }
}

function summary(offer: Offer) {
  return {
    aimId: offer.aimId.toString(),
    version: offer.version,
    name: offer.manifest.name,
    currency: offer.currency,
    pricePerCall: offer.listedPrice.toString(),
    manifestHash: offer.manifestHash,
  };
}

function quote(ctx: RouteContext, offer: Offer, endpoint: ManifestEndpoint) {
  const payee: Address = ctx.policy.payee;
  return {
    ...summary(offer),
    endpoint: endpoint.uri,
    methods: endpoint.methods,
    price: offer.priceOf(endpoint).toString(),
    payee,
    chainId: ctx.policy.chainId,
    contract: ctx.policy.contract,
    minRemainingSeconds: ctx.policy.expiryMarginSeconds,
    voucher: {
      header: VOUCHER_HEADER,
      format: "v1.<chainId>.<contract>.<channelId>.<cumulativeAmount>.<signature>",
      domain: voucherDomain(ctx.policy.chainId, ctx.policy.contract),
      types: voucherTypes,
    },
    howToPay:
      `Open a PaymentChannels channel to ${payee} for AIM ${offer.aimId} in ${offer.currency} ` +
      `(open(payee, token, signer, aimId, salt, deposit, expiry)), then send each call with a voucher for ` +
      `the channel's previous cumulative amount + ${offer.priceOf(endpoint)}, EIP-712 signed by the channel's signer.`,
  };
}
