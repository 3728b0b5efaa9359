// Token counts for charging when the upstream reports no usage (or the stream was cut before it did): the
// o200k_base BPE of the GPT-4o family (gpt-tokenizer; its ranks ship in the package, nothing is downloaded).
// llama.cpp, vLLM and Ollama all report usage when asked (`stream_options.include_usage`), so this is a fallback;
// a model with another vocabulary is counted approximately, and the charge is capped at the authorised maximum
// either way. The maximum itself stays sdk/metered.ts's rule, which client and node both compute.
import type { ChatMessage } from "@aim/sdk/metered";
import { messageText } from "@aim/sdk/metered";
import { countTokens } from "gpt-tokenizer/encoding/o200k_base";

/** Per message: its role and separators, as OpenAI counts chat prompts; plus the reply's priming. */
const PER_MESSAGE = 3;
const REPLY_PRIMING = 3;

export function completionTokens(text: string): number {
  return text === "" ? 0 : countTokens(text);
}

export function promptTokensOf(messages: readonly ChatMessage[]): number {
  let n = REPLY_PRIMING;
  for (const message of messages) n += PER_MESSAGE + countTokens(messageText(message.content));
  return n;
}
