// The dApp calls the gateway from its own origin, so every answer allows cross-origin reads. Any origin is
// fine: a call is authorised by its signed voucher, never by cookies or ambient credentials.
import type { IncomingMessage, ServerResponse } from "node:http";
import { VOUCHER_HEADER } from "@aim/sdk/voucher";

const CORS_HEADERS: Record<string, string> = {
  "access-control-allow-origin": "*",
  "access-control-allow-methods": "GET, POST, PUT, PATCH, DELETE, OPTIONS",
  // authorization: OpenAI clients send a bearer key (ignored here: the voucher pays).
  "access-control-allow-headers": `content-type, authorization, ${VOUCHER_HEADER}, payment-signature`,
  "access-control-expose-headers":
    "x-aim-paid, x-aim-price, x-aim-charged, x-aim-cumulative, x-aim-authorized, payment-required, payment-response",
  "access-control-max-age": "600",
};

/** Sets the CORS headers on `response`; answers a preflight itself and returns true when it did. */
export function handleCors(request: IncomingMessage, response: ServerResponse): boolean {
  for (const [name, value] of Object.entries(CORS_HEADERS)) response.setHeader(name, value);
  if (request.method !== "OPTIONS") return false;
  response.writeHead(204);
  response.end();
  return true;
}
