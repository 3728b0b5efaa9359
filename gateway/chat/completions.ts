// POST /v1/chat/completions for LLM AIMs: validate (free), check the voucher authorising the call's maximum
// (prompt + max_tokens at the manifest's per-token prices), relay the upstream's stream chunk by chunk as it
// arrives, charge the actual usage (the upstream's `usage`, or the delivered text counted with a BPE
// tokenizer, tokens.ts, when it sends none or the stream was cut), and tell the client the charge: in a last
// SSE chunk `{"choices": [], "usage", "aim": MeteredCharge}` before `[DONE]`, or in the JSON body's `aim` and the
// x-aim-charged / x-aim-cumulative / x-aim-authorized headers.
import { once } from "node:events";
import type { IncomingMessage, ServerResponse } from "node:http";
import {
  AUTHORIZED_HEADER,
  CHARGED_HEADER,
  CUMULATIVE_HEADER,
  type MeteredCharge,
  modelId,
  promptTokens,
  tokenCost,
} from "@aim/sdk/metered";
import { VOUCHER_HEADER } from "@aim/sdk/voucher";
import { checkVoucher } from "../voucher-check.js";
import type { ChatContext, LlmOffer } from "./context.js";
import { ChatError } from "./errors.js";
import type { MeteredCall } from "./meter.js";
import { type ChatRequest, parseChatRequest } from "./request.js";
import { completionTokens, promptTokensOf } from "./tokens.js";
import { openUpstream, SseParser } from "./upstream.js";

function findLlmOffer(ctx: ChatContext, model: string): LlmOffer {
  const match = /^aim-(\d{1,78})$/.exec(model);
  const offer = match ? ctx.llm.get(BigInt(match[1] as string).toString()) : undefined;
  if (!offer) {
    const known = [...ctx.llm.keys()].map((id) => modelId(id)).join(", ");
    throw new ChatError(
      404,
      "model_not_found",
      `model ${model} is not served here; models: ${known || "none"}`,
      {},
      "model",
    );
  }
  return offer;
}

/** Serves one chat completion; returns the AIM label for metrics (throws ChatError before anything is written). */
export async function chatCompletion(
  ctx: ChatContext,
  request: IncomingMessage,
  response: ServerResponse,
  body: string,
  started: number,
  setAim: (aim: string) => void,
): Promise<void> {
  const chat = parseChatRequest(body);
  const llm = findLlmOffer(ctx, chat.model);
  setAim(llm.offer.aimId.toString());
  const { prices } = llm;
  const maxTokens = chat.maxTokens ?? prices.max_tokens_default;
  if (prices.max_tokens_limit !== undefined && maxTokens > prices.max_tokens_limit) {
    throw new ChatError(
      400,
      "max_tokens_too_large",
      `max_tokens ${maxTokens} is above this AIM's limit ${prices.max_tokens_limit}`,
      {},
      "max_tokens",
    );
  }
  const inTokens = promptTokens(chat.messages);
  const maxCost = tokenCost(prices, inTokens, maxTokens);
  const header = request.headers[VOUCHER_HEADER];
  const paid = await checkVoucher(
    Array.isArray(header) ? header[0] : header,
    llm.offer,
    maxCost,
    ctx.route.policy,
    ctx.route.channels,
    ctx.route.verify,
  ).catch((error: unknown) => {
    // A 402 says what this call may cost, so a client can authorise it.
    if (error instanceof Error && "details" in error && (error as { status?: number }).status === 402) {
      Object.assign((error as { details: Record<string, unknown> }).details, {
        maxCost: maxCost.toString(),
        promptTokens: inTokens,
        maxTokens,
      });
    }
    throw error;
  });
  const call = await ctx.meter.begin(paid, maxCost);
  try {
    await relay(ctx, llm, chat, { maxTokens, call }, request, response, started);
  } finally {
    call.finish(0n); // no-op after relay's finish; frees the channel if relay threw first
  }
}

interface CallPlan {
  maxTokens: number;
  call: MeteredCall;
}

async function relay(
  ctx: ChatContext,
  llm: LlmOffer,
  chat: ChatRequest,
  { maxTokens, call }: CallPlan,
  request: IncomingMessage,
  response: ServerResponse,
  started: number,
): Promise<void> {
  const aim = llm.offer.aimId.toString();
  const abort = new AbortController();
  let clientGone = false;
  response.once("close", () => {
    if (!response.writableFinished) {
      clientGone = true;
      abort.abort();
    }
  });
  request.once("aborted", () => abort.abort());
  const upstream = await openUpstream(
    llm.upstream,
    {
      ...chat.raw,
      model: llm.upstream.model,
      max_tokens: maxTokens,
      max_completion_tokens: undefined,
      stream: true,
      stream_options: { include_usage: true },
    },
    abort.signal,
  );
  if (chat.stream) {
    response.writeHead(200, {
      "content-type": "text/event-stream",
      "cache-control": "no-cache",
      "x-accel-buffering": "no",
      [AUTHORIZED_HEADER]: call.authorized.toString(),
    });
    response.flushHeaders();
  }
  const parser = new SseParser();
  let delivered = "";
  let usage: { prompt_tokens?: number; completion_tokens?: number } | undefined;
  let done = false;
  let upstreamFailed = false;
  let firstTokenAt: number | undefined;
  let last: { id?: string; created?: number } = {};
  let idle: NodeJS.Timeout | undefined;
  const armIdle = () => {
    clearTimeout(idle);
    idle = setTimeout(() => upstream.destroy(new Error("idle")), llm.upstream.timeoutMs);
  };
  armIdle();
  try {
    for await (const chunk of upstream as AsyncIterable<Buffer>) {
      armIdle();
      let out = "";
      let text = "";
      for (const data of parser.push(chunk)) {
        if (data === "[DONE]") {
          done = true;
          continue;
        }
        let parsed: {
          id?: string;
          created?: number;
          usage?: typeof usage;
          choices?: { delta?: { content?: string | null } }[];
        };
        try {
          parsed = JSON.parse(data);
        } catch {
          continue;
        }
        last = parsed;
        if (parsed.usage) usage = parsed.usage;
        const choices = parsed.choices ?? [];
        if (choices.length === 0) continue; // the usage chunk: ours comes last, with the charge
        text += choices[0]?.delta?.content ?? "";
        out += `data: ${data}\n\n`;
      }
      if (clientGone) break;
      if (!chat.stream) {
        delivered += text;
        continue;
      }
      if (out === "") continue;
      const flowing = response.write(out);
      delivered += text;
      if (firstTokenAt === undefined && text !== "") firstTokenAt = performance.now();
      if (!flowing) await Promise.race([once(response, "drain"), once(response, "close")]);
    }
  } catch {
    if (!clientGone) upstreamFailed = true;
  } finally {
    clearTimeout(idle);
  }
  if (!done && !clientGone) upstreamFailed = true;
  const complete = done && !clientGone && !upstreamFailed;

  // Charge what was delivered: the whole call by the upstream's usage when it completed; else the prompt plus
  // the delivered tokens, and nothing at all when no token reached the client (a non-streamed answer reaches
  // it only complete).
  let tokensIn = 0;
  let tokensOut = 0;
  if (complete) {
    tokensIn = usage?.prompt_tokens ?? promptTokensOf(chat.messages);
    tokensOut = usage?.completion_tokens ?? completionTokens(delivered);
  } else if (chat.stream) {
    tokensOut = completionTokens(delivered);
    if (tokensOut > 0) tokensIn = promptTokensOf(chat.messages);
  }
  const cost = tokenCost(llm.prices, tokensIn, tokensOut);
  const cumulative = call.finish(cost);
  const charged = cumulative - call.before;
  ctx.metrics.charged(aim, "chat", charged, tokensIn, tokensOut);
  if (firstTokenAt !== undefined) ctx.metrics.firstToken(aim, (firstTokenAt - started) / 1000);
  const charge: MeteredCharge = {
    channelId: call.channelId,
    charged: charged.toString(),
    cumulative: cumulative.toString(),
    authorized: call.authorized.toString(),
    prompt_tokens: tokensIn,
    completion_tokens: tokensOut,
    complete,
  };
  const usageOut = {
    prompt_tokens: tokensIn,
    completion_tokens: tokensOut,
    total_tokens: tokensIn + tokensOut,
  };
  if (clientGone) return;
  if (!chat.stream) {
    if (!complete) {
      throw new ChatError(
        502,
        "upstream_error",
        "the model server stopped before the answer was complete; nothing was charged",
      );
    }
    const json = JSON.stringify({
      id: last.id ?? "chatcmpl-aim",
      object: "chat.completion",
      created: last.created ?? Math.floor(Date.now() / 1000),
      model: modelId(aim),
      choices: [
        {
          index: 0,
          message: { role: "assistant", content: delivered },
          finish_reason: maxTokens <= tokensOut ? "length" : "stop",
        },
      ],
      usage: usageOut,
      aim: charge,
    });
    response.writeHead(200, {
      "content-type": "application/json",
      "content-length": Buffer.byteLength(json),
      [CHARGED_HEADER]: charge.charged,
      [CUMULATIVE_HEADER]: charge.cumulative,
      [AUTHORIZED_HEADER]: charge.authorized,
    });
    response.end(json);
    return;
  }
  let tail = "";
  if (upstreamFailed) {
    const error = new ChatError(
      502,
      "upstream_error",
      "the model server stopped mid-stream; only the delivered tokens are charged",
    );
    tail += `data: ${JSON.stringify(error.toJSON())}\n\n`;
  }
  tail += `data: ${JSON.stringify({
    id: last.id ?? "chatcmpl-aim",
    object: "chat.completion.chunk",
    created: last.created ?? Math.floor(Date.now() / 1000),
    model: modelId(aim),
    choices: [],
    usage: usageOut,
    aim: charge,
  })}\n\ndata: [DONE]\n\n`;
  response.end(tail);
}
