// The node:http request listener: paid calls (/aims/:id/call/*) are answered directly — the body read as
// text, the voucher header read from IncomingMessage, the answer written with one writeHead + end — because
// building web Request/Response objects and streams cost more CPU than the whole voucher check. Every
// other route goes to the Hono app (routes.ts) through @hono/node-server.
import type { IncomingMessage, ServerResponse } from "node:http";
import { VOUCHER_HEADER } from "@aim/sdk/voucher";
import { getRequestListener } from "@hono/node-server";
import type { Hono } from "hono";
import { MAX_BODY_BYTES, paidCall, type RouteContext } from "./call.js";
import { handleCors } from "./cors.js";
import { GatewayError } from "./errors.js";
import type { GatewayMetrics } from "./metrics.js";
import { PAYMENT_SIGNATURE_HEADER } from "./x402.js";

const CALL_PATH = /^\/aims\/([^/?#]+)\/call(\/[^?#]*)?(?:\?([^#]*))?/;

export interface ListenerExtras {
  /** Routes answered before the Hono app (the chat routes and /metrics); returns false to pass. */
  routes?: (request: IncomingMessage, response: ServerResponse) => boolean;
  metrics?: GatewayMetrics;
}

export function createListener(ctx: RouteContext, app: Hono, extras: ListenerExtras = {}) {
  const fallback = getRequestListener(app.fetch);
  return (request: IncomingMessage, response: ServerResponse): void => {
    if (handleCors(request, response)) return;
    const match = CALL_PATH.exec(request.url ?? "");
    if (match === null) {
      if (!extras.routes?.(request, response)) fallback(request, response);
      return;
    }
    answerCall(ctx, request, response, match, extras.metrics).catch((error: unknown) => {
      console.error("gateway: could not answer a call", error);
      response.destroy();
    });
  };
}

async function answerCall(
  ctx: RouteContext,
  request: IncomingMessage,
  response: ServerResponse,
  [, aimId = "", uri = "", query]: RegExpExecArray,
  metrics?: GatewayMetrics,
): Promise<void> {
  const started = metrics ? performance.now() : 0;
  const aim = ctx.offers.has(aimId) ? aimId : "unknown";
  const observe = (status: number, code?: string, paid = 0n) => {
    metrics?.request(aim, "call", status, (performance.now() - started) / 1000, code);
    metrics?.charged(aim, "call", paid);
  };
  try {
    const method = request.method ?? "GET";
    const body = method === "GET" || method === "HEAD" ? "" : await readBody(request);
    const voucher = request.headers[VOUCHER_HEADER];
    const payment = request.headers[PAYMENT_SIGNATURE_HEADER];
    const answer = await paidCall(ctx, {
      aimId: decode(aimId),
      uri: decode(uri),
      method,
      query: query ? Object.fromEntries(new URLSearchParams(query)) : {},
      voucher: Array.isArray(voucher) ? voucher[0] : voucher,
      payment: Array.isArray(payment) ? payment[0] : payment,
      body,
    });
    send(response, 200, answer.json, {
      "x-aim-paid": answer.paid.toString(),
      "x-aim-price": answer.price.toString(),
      ...answer.headers,
    });
    observe(200, undefined, answer.price);
  } catch (error) {
    if (error instanceof GatewayError) {
      send(response, error.status, JSON.stringify(error.toJSON()), error.headers);
      observe(error.status, error.code);
      return;
    }
    console.error("gateway: unexpected error", error);
    send(response, 500, JSON.stringify({ error: "internal", message: "internal error" }));
    observe(500, "internal");
  }
}

function send(
  response: ServerResponse,
  status: number,
  json: string,
  headers: Record<string, string> = {},
): void {
  response.writeHead(status, {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(json),
    ...headers,
  });
  response.end(json);
}

export function readBody(request: IncomingMessage): Promise<string> {
  const tooLarge = () => new GatewayError("bad_request", `body larger than ${MAX_BODY_BYTES} bytes`);
  if (Number(request.headers["content-length"] ?? 0) > MAX_BODY_BYTES) {
    request.resume();
    return Promise.reject(tooLarge());
  }
  return new Promise((resolve, reject) => {
    let text = "";
    let bytes = 0;
    request.setEncoding("utf8");
    request.on("data", (chunk: string) => {
      bytes += chunk.length;
      if (bytes > MAX_BODY_BYTES) {
        request.removeAllListeners("data");
        request.resume();
        reject(tooLarge());
      } else {
        text += chunk;
      }
    });
    request.once("end", () => resolve(text));
    request.once("error", reject);
  });
}

function decode(part: string): string {
  if (!part.includes("%")) return part;
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}
