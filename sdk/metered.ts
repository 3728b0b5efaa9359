// Metered (per-token) calls: how many tokens a text counts, what a call costs and the most it may cost, and the
// wire names the gateway and the client share. Both sides use these exact functions, so the maximum a client
// authorises is the maximum the gateway asks for.
import type { PerTokenPrices } from "./manifest-schema.js";

/** Where a buyer sends the voucher for exactly the charged cumulative after a metered call. */
export const RECEIPT_PATH = "/v1/receipts";
/** Response headers of a non-streamed metered call (a streamed one carries the same in its last chunk's `aim`). */
export const CHARGED_HEADER = "x-aim-charged";
export const CUMULATIVE_HEADER = "x-aim-cumulative";
export const AUTHORIZED_HEADER = "x-aim-authorized";
/** The model id of an AIM's chat endpoint on a gateway: `aim-<aimId>`. */
export const modelId = (aimId: bigint | string): string => `aim-${aimId}`;

/** One chat message: text content, or an array of text parts. */
export interface ChatMessage {
  role: string;
  content: string | { type: string; text?: string }[] | null;
}

/** What the gateway says a metered call cost: amounts are decimal strings of the channel's token units. */
export interface MeteredCharge {
  channelId: string;
  /** What this call cost. */
  charged: string;
  /** The channel's charged cumulative after it: the amount of the receipt voucher the buyer signs next. */
  cumulative: string;
  /** The voucher amount the buyer signed for this call (charged cumulative before + its maximum). */
  authorized: string;
  prompt_tokens: number;
  completion_tokens: number;
  /** False when the stream was cut (client gone, upstream died): only what was delivered is charged. */
  complete: boolean;
}

const TOKEN = /\S{1,4}/gu;

/**
 * Tokens in `text` by a fixed heuristic: every run of up to 4 non-space characters is one token (≈ 4 characters
 * per token, like the BPE tokenizers of most models). Cheap and the same everywhere, so client and node agree on a
 * call's maximum (maxCallCost); the gateway charges by the upstream's usage or a real tokenizer.
 */
export function countTokens(text: string): number {
  let n = 0;
  TOKEN.lastIndex = 0;
  while (TOKEN.exec(text) !== null) n++;
  return n;
}

/** The text of a message's content (text parts joined by newlines). */
export function messageText(content: ChatMessage["content"]): string {
  if (content === null) return "";
  if (typeof content === "string") return content;
  return content.map((part) => part.text ?? "").join("\n");
}

/** Prompt tokens of a conversation: each message's tokens plus one for its role. */
export function promptTokens(messages: readonly ChatMessage[]): number {
  let n = 0;
  for (const message of messages) n += 1 + countTokens(messageText(message.content));
  return n;
}

type Prices = Pick<PerTokenPrices, "input_per_1k_tokens" | "output_per_1k_tokens">;

/** The cost of `input` prompt tokens and `output` completion tokens, rounded up to a whole base unit. */
export function tokenCost(prices: Prices, input: number, output: number): bigint {
  const milli =
    BigInt(input) * BigInt(prices.input_per_1k_tokens) + BigInt(output) * BigInt(prices.output_per_1k_tokens);
  return (milli + 999n) / 1000n;
}

/** The most a call may cost: its prompt and `maxTokens` of completion. What the buyer authorises on top. */
export function maxCallCost(prices: Prices, messages: readonly ChatMessage[], maxTokens: number): bigint {
  return tokenCost(prices, promptTokens(messages), maxTokens);
}
