// The HTTP surface: discovery (offers, manifests, quotes) and the paid call (gateway/call.ts). Unpaid calls get
// 402 with the price and how to pay; every refusal is {error, message} (see errors.ts). server.ts answers
// /aims/:id/call/* straight from node:http and hands everything else to this app.

import type { ManifestEndpoint } from "@aim/sdk/manifest";
import { VOUCHER_HEADER } from "@aim/sdk/voucher";
import { Hono } from "hono";
import {
  findEndpoint,
  findOffer,
  MAX_BODY_BYTES,
  paidCall,
  quote,
  type RouteContext,
  summary,
} from "./call.js";
import { GatewayError } from "./errors.js";
import { PAYMENT_SIGNATURE_HEADER } from "./x402.js";

export type { RouteContext } from "./call.js";

export function createApp(ctx: RouteContext): Hono {
  const app = new Hono();

  app.onError((error, c) => {
    if (error instanceof GatewayError) {
      for (const [name, value] of Object.entries(error.headers)) c.header(name, value);
      return c.json(error.toJSON(), error.status as 400);
    }
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
      // Whether this node holds a license of each offered AIM (refused with not_licensed when it does not).
      licensed: Object.fromEntries(
        [...ctx.offers.keys()].map((id) => [id, ctx.channels.isLicensed(BigInt(id))]),
      ),
    }),
  );

  app.get("/aims", (c) =>
    c.json(
      [...ctx.offers.values()].map((offer) => ({
        ...summary(offer),
        licensed: ctx.channels.isLicensed(offer.aimId),
        manifest: offer.manifest,
      })),
    ),
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
    const method = c.req.method.toUpperCase();
    const length = Number(c.req.header("content-length") ?? 0);
    if (length > MAX_BODY_BYTES)
      throw new GatewayError("bad_request", `body larger than ${MAX_BODY_BYTES} bytes`);
    const prefix = `/aims/${c.req.param("aimId")}/call`;
    const answer = await paidCall(ctx, {
      aimId: c.req.param("aimId"),
      uri: c.req.path.slice(prefix.length),
      method,
      query: c.req.query(),
      voucher: c.req.header(VOUCHER_HEADER),
      payment: c.req.header(PAYMENT_SIGNATURE_HEADER),
      body: method === "GET" || method === "HEAD" ? "" : await c.req.text(),
    });
    c.header("x-aim-paid", answer.paid.toString());
    c.header("x-aim-price", answer.price.toString());
    for (const [name, value] of Object.entries(answer.headers ?? {})) c.header(name, value);
    c.header("content-type", "application/json");
    return c.body(answer.json);
  });

  return app;
}
