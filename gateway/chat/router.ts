// The OpenAI-compatible routes and /metrics, answered straight from node:http like paid calls (listener.ts):
// GET /v1/models (the node's LLM AIMs, id aim-<aimId>, with their per-token prices and how to pay),
// POST /v1/chat/completions (completions.ts), POST /v1/receipts (a voucher for exactly the charged cumulative),
// GET /metrics (Prometheus).
import type { IncomingMessage, ServerResponse } from "node:http";
import { modelId, RECEIPT_PATH } from "@aim/sdk/metered";
import { decodeVoucherHeader, VOUCHER_HEADER, voucherDomain, voucherTypes } from "@aim/sdk/voucher";
import { readBody } from "../listener.js";
import { checkVoucher } from "../voucher-check.js";
import { chatCompletion } from "./completions.js";
import type { ChatContext } from "./context.js";
import { ChatError, toChatError } from "./errors.js";

/** Returns false when the request is for none of these routes. */
export function createChatRouter(ctx: ChatContext) {
  return (request: IncomingMessage, response: ServerResponse): boolean => {
    const path = (request.url ?? "").split("?")[0];
    const method = request.method ?? "GET";
    if (path === "/metrics" && method === "GET") {
      ctx.metrics.serve(response).catch(() => response.destroy());
      return true;
    }
    if (path === "/v1/models" && method === "GET") {
      sendJson(response, 200, models(ctx));
      return true;
    }
    if (path === "/v1/chat/completions" && method === "POST") {
      serveChat(ctx, request, response);
      return true;
    }
    if (path === RECEIPT_PATH && method === "POST") {
      receipt(ctx, request).then(
        (amount) => sendJson(response, 200, { receipted: amount.toString() }),
        (error: unknown) => {
          const chatError = toChatError(error);
          sendJson(response, chatError.status, chatError.toJSON());
        },
      );
      return true;
    }
    return false;
  };
}

function serveChat(ctx: ChatContext, request: IncomingMessage, response: ServerResponse): void {
  const started = performance.now();
  let aim = "unknown";
  let status = 200;
  let code: string | undefined;
  readBody(request)
    .then((body) =>
      chatCompletion(ctx, request, response, body, started, (id) => {
        aim = id;
      }),
    )
    .catch((error: unknown) => {
      const chatError = toChatError(error);
      status = chatError.status;
      code = chatError.code;
      if (response.headersSent) response.end();
      else if (!response.destroyed) sendJson(response, chatError.status, chatError.toJSON());
    })
    .finally(() => ctx.metrics.request(aim, "chat", status, (performance.now() - started) / 1000, code));
}

async function receipt(ctx: ChatContext, request: IncomingMessage): Promise<bigint> {
  request.resume();
  const header = request.headers[VOUCHER_HEADER];
  const value = Array.isArray(header) ? header[0] : header;
  if (!value)
    throw new ChatError(400, "payment_required", `send the receipt voucher in the ${VOUCHER_HEADER} header`);
  let channelId: `0x${string}`;
  try {
    channelId = decodeVoucherHeader(value).channelId;
  } catch (error) {
    throw new ChatError(400, "invalid_voucher", (error as Error).message);
  }
  const channel = await ctx.route.channels.find(channelId);
  const llm = channel ? ctx.llm.get(channel.params.aimId.toString()) : undefined;
  if (!llm) throw new ChatError(402, "unknown_channel", `no metered channel ${channelId} on this node`);
  const paid = await checkVoucher(
    value,
    llm.offer,
    0n,
    ctx.route.policy,
    ctx.route.channels,
    ctx.route.verify,
  );
  return ctx.meter.receipt(paid);
}

function models(ctx: ChatContext) {
  const { policy } = ctx.route;
  return {
    object: "list",
    data: [...ctx.llm.values()].map(({ offer, prices }) => ({
      id: modelId(offer.aimId),
      object: "model",
      created: 0,
      owned_by: policy.payee,
      aim: {
        aimId: offer.aimId.toString(),
        name: offer.manifest.name,
        manifestHash: offer.manifestHash,
        licensed: ctx.route.channels.isLicensed(offer.aimId),
        currency: offer.currency,
        prices,
        payee: policy.payee,
        chainId: policy.chainId,
        contract: policy.contract,
        minRemainingSeconds: policy.minRemainingSeconds,
        voucher: {
          header: VOUCHER_HEADER,
          domain: voucherDomain(policy.chainId, policy.contract),
          types: voucherTypes,
        },
      },
    })),
  };
}

function sendJson(response: ServerResponse, status: number, value: unknown): void {
  const json = JSON.stringify(value);
  response.writeHead(status, {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(json),
  });
  response.end(json);
}
