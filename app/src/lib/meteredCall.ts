// A metered call's checks, made with the chat panel: the node's /v1/models entry checked against the chain and the
// manifest before anything is signed, the voucher a call will ask for, and every refusal as a sentence. How
// vouchers carry a metered call: gateway/README.md, "Metered calls".

import type { PerTokenPrices } from "@aim/sdk/manifest-schema";
import { type ChatMessage, maxCallCost, modelId } from "@aim/sdk/metered";
import { MeteredCallError, type MeteredState, NodeMisbehaviourError } from "@aim/sdk/metered-client";
import type { Address } from "viem";

/** A node's /v1/models entry for an AIM (what the app reads of it). */
export interface NodeModel {
  prices: PerTokenPrices;
  payee: Address;
  chainId: number;
  contract: Address;
}

class ChatError extends Error {
  override name = "ChatError";
}

/** The node's model entry for `aimId`; a sentence when the node is unreachable or does not serve it. */
export async function nodeModel(endpoint: string, aimId: string): Promise<NodeModel> {
  let list: { data?: { id: string; aim?: NodeModel }[] };
  try {
    list = await (await fetch(`${endpoint.replace(/\/$/, "")}/v1/models`)).json();
  } catch {
    throw new ChatError(
      `The node at ${endpoint} cannot be reached (offline, or it does not allow calls from this page).`,
    );
  }
  const model = list.data?.find((m) => m.id === modelId(aimId))?.aim;
  if (!model)
    throw new ChatError(`The node at ${endpoint} does not serve ${modelId(aimId)} as a chat model.`);
  return model;
}

/**
 * Why the app will not chat through this node, or null: it must be paid on this chain's PaymentChannels as the
 * channel's payee, at prices no higher than the manifest's (the app checks every charge at the manifest's).
 */
export function modelProblem(
  model: NodeModel,
  expected: { chainId: number; contract: Address; payee: Address; prices: PerTokenPrices },
): string | null {
  if (model.chainId !== expected.chainId || model.contract.toLowerCase() !== expected.contract.toLowerCase())
    return `The node is paid on PaymentChannels ${model.contract} on chain ${model.chainId}, not this marketplace's: nothing was signed.`;
  if (model.payee.toLowerCase() !== expected.payee.toLowerCase())
    return `The node asks to be paid as ${model.payee}, but this channel pays ${expected.payee}: nothing was signed.`;
  const { prices } = expected;
  if (
    model.prices.input_per_1k_tokens > prices.input_per_1k_tokens ||
    model.prices.output_per_1k_tokens > prices.output_per_1k_tokens
  )
    return `The node charges ${model.prices.input_per_1k_tokens} / ${model.prices.output_per_1k_tokens} micro-USDC per 1,000 tokens in / out, above the manifest's ${prices.input_per_1k_tokens} / ${prices.output_per_1k_tokens}: nothing was signed.`;
  return null;
}

/** The voucher a call will ask the signer for: never below one already signed (MeteredClient's rule). */
export function authorisationFor(
  state: MeteredState,
  prices: PerTokenPrices,
  messages: ChatMessage[],
  maxTokens: number,
): { maxCost: bigint; authorized: bigint } {
  const maxCost = maxCallCost(prices, messages, maxTokens);
  const needed = state.charged + maxCost;
  return { maxCost, authorized: needed > state.signed ? needed : state.signed };
}

/** A call's refusal, the node's misbehaviour or a network failure, as one sentence. */
export function chatErrorSentence(error: unknown, format: (v: bigint) => string): string {
  if (error instanceof NodeMisbehaviourError)
    return `The node broke the metering rules, so no receipt was signed and this app stops using it (${error.message.replace(/^node \S+ refused: /, "")}). It can claim at most what was authorised for that call.`;
  if (error instanceof ChatError) return error.message;
  if (error instanceof MeteredCallError) {
    const detail = error.body as { error?: Record<string, string> };
    const amount = (key: string) => {
      const v = detail.error?.[key];
      return v && /^\d+$/.test(v) ? format(BigInt(v)) : "an unknown amount";
    };
    switch (error.code) {
      case "receipt_required":
        return `The node still waits for the receipt of the previous call (charged ${amount("charged")}): send again to settle it first.`;
      case "insufficient_authorization":
        return `The node wants an authorisation of ${amount("required")} for this call, more than was signed: lower the maximum reply length.`;
      case "channel_busy":
        return "Another call on this channel is still running (in another tab?): wait for it to finish, then send again.";
      case "upstream_error":
        return `The model behind the node failed: ${error.message}. Only the text delivered is charged.`;
      case "upstream_timeout":
        return "The model behind the node did not answer in time. Nothing was charged.";
      case "over_budget":
        return "This call may cost more than the limit set for one call.";
      case "max_tokens_too_large":
        return `The node refuses this reply length: ${error.message}.`;
      default:
        return `The node refused the call (${error.status} ${error.code}): ${error.message}.`;
    }
  }
  if (error instanceof TypeError) return "The node cannot be reached (offline, or the connection dropped).";
  return error instanceof Error ? error.message : String(error);
}
