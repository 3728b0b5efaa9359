// Metered (per-token) chat with an LLM AIM through its node: the prices the app trusts (the manifest's
// `x-per-token`, anchored on chain by its hash), the node's /v1/models entry checked against the chain and the
// manifest before anything is signed, what each call may cost, what this browser recorded per channel (the SDK
// MeteredClient's state and every charge it accepted, in localStorage so a reload keeps them), and every refusal
// as a sentence. How vouchers carry a metered call: gateway/README.md, "Metered calls".

import { type PerTokenPrices, perTokenExtensionSchema } from "@aim/sdk/manifest-schema";
import { type ChatMessage, type MeteredCharge, maxCallCost, modelId } from "@aim/sdk/metered";
import { MeteredCallError, type MeteredState, NodeMisbehaviourError } from "@aim/sdk/metered-client";
import type { Address, Hex } from "viem";

/** The per-token prices of a manifest (its `x-per-token` extension), or null when it is not an LLM AIM. */
function perTokenPricesOf(manifest: unknown): PerTokenPrices | null {
  if (typeof manifest !== "object" || manifest === null) return null;
  const parsed = perTokenExtensionSchema.safeParse((manifest as Record<string, unknown>)["x-per-token"]);
  return parsed.success ? parsed.data : null;
}

/** The per-token prices of the manifest at `version` (the one a node offers), else of the latest version. */
export function perTokenPricesAt(
  versions: readonly { version: string; manifest?: unknown }[],
  version: string | undefined,
): PerTokenPrices | null {
  return perTokenPricesOf((versions.find((v) => v.version === version) ?? versions[0])?.manifest);
}

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

// ─── What this browser recorded per channel ─────────────────────────────────────────────────────────

/** A charge as recorded here: the node's report the client accepted, with when it was made. */
export type RecordedCharge = MeteredCharge & { at: number };

export interface MeteredRecord {
  state: MeteredState;
  charges: RecordedCharge[];
}

const RECORD_KEY = (channelId: Hex) => `aim.channel.${channelId.toLowerCase()}.metered`;

export function meteredRecordOf(channelId: Hex): MeteredRecord {
  try {
    const raw = localStorage.getItem(RECORD_KEY(channelId));
    if (!raw) return { state: { charged: 0n, signed: 0n }, charges: [] };
    const stored = JSON.parse(raw) as {
      state: { charged: string; signed: string; pending?: { before: string; authorized: string } };
      charges: RecordedCharge[];
    };
    const { pending } = stored.state;
    return {
      state: {
        charged: BigInt(stored.state.charged),
        signed: BigInt(stored.state.signed),
        ...(pending
          ? { pending: { before: BigInt(pending.before), authorized: BigInt(pending.authorized) } }
          : {}),
      },
      charges: stored.charges,
    };
  } catch {
    return { state: { charged: 0n, signed: 0n }, charges: [] };
  }
}

export function saveMeteredRecord(channelId: Hex, record: MeteredRecord): void {
  try {
    localStorage.setItem(
      RECORD_KEY(channelId),
      JSON.stringify(record, (_, v) => (typeof v === "bigint" ? v.toString() : v)),
    );
  } catch {
    // Storage disabled: the record lives as long as the page.
  }
}
