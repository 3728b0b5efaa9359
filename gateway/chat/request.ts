// The chat completion request a client sends, validated before anything is paid (a bad request costs nothing).
// Fields the gateway does not read (temperature, top_p, stop, tools...) pass through to the upstream untouched.
import type { ChatMessage } from "@aim/sdk/metered";
import { z } from "zod";
import { ChatError } from "./errors.js";

const part = z.looseObject({ type: z.string(), text: z.string().optional() });
const message = z.looseObject({
  role: z.enum(["system", "developer", "user", "assistant", "tool"], {
    error: "expected one of system, developer, user, assistant, tool",
  }),
  content: z.union([z.string(), z.array(part), z.null()], {
    error: "expected a string, an array of text parts or null",
  }),
});

const chatRequest = z.looseObject({
  model: z.string({ error: "missing; expected the model id, e.g. aim-1 (see GET /v1/models)" }),
  messages: z
    .array(message, { error: "missing; expected an array of {role, content}" })
    .min(1, { error: "must hold at least one message" })
    .max(1000, { error: "must hold at most 1000 messages" }),
  max_tokens: z
    .number({ error: "expected a positive integer" })
    .int({ error: "expected a positive integer" })
    .min(1, { error: "expected a positive integer" })
    .nullish(),
  max_completion_tokens: z.number().int().min(1).nullish(),
  stream: z.boolean({ error: "expected true or false" }).nullish(),
  stream_options: z.looseObject({ include_usage: z.boolean().optional() }).nullish(),
  n: z.literal(1, { error: "only n = 1 is served" }).nullish(),
});

export interface ChatRequest {
  model: string;
  messages: ChatMessage[];
  /** max_tokens, or max_completion_tokens, if the client set one. */
  maxTokens: number | undefined;
  stream: boolean;
  includeUsage: boolean;
  /** The request as sent, for the upstream. */
  raw: Record<string, unknown>;
}

export function parseChatRequest(text: string): ChatRequest {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ChatError(400, "invalid_json", "the body is not valid JSON");
  }
  const result = chatRequest.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0] as z.core.$ZodIssue;
    const param = issue.path.map(String).join(".");
    throw new ChatError(400, "invalid_request", `${param || "body"}: ${issue.message}`, {}, param || null);
  }
  const body = result.data;
  return {
    model: body.model,
    messages: body.messages as ChatMessage[],
    maxTokens: body.max_tokens ?? body.max_completion_tokens ?? undefined,
    stream: body.stream === true,
    includeUsage: body.stream_options?.include_usage === true,
    raw: value as Record<string, unknown>,
  };
}
