// The buyer's side of metered (per-token) calls to an LLM AIM on a gateway, for Node and browsers (fetch only):
// sign a voucher for (charged cumulative + this call's maximum), stream the completion as an async iterator of
// text deltas, check the charge the node reports, and sign the receipt (a voucher for exactly the new charged
// cumulative). It never signs more than charged + the maximum it chose, and it refuses a node that reports a
// charge above what was authorised, a cumulative that went backwards, or a charge that does not match the usage
// at the manifest's prices: such a node gets no receipt and no further call (gateway/README.md, "Metered calls").
import type { Address, Hex, LocalAccount, WalletClient } from "viem";
import type { PerTokenPrices } from "./manifest-schema.js";
import {
  type ChatMessage,
  type MeteredCharge,
  maxCallCost,
  modelId,
  RECEIPT_PATH,
  tokenCost,
} from "./metered.js";
import { encodeVoucherHeader, signVoucher, VOUCHER_HEADER } from "./voucher.js";

export interface MeteredChannel {
  id: Hex;
  chainId: number;
  /** The PaymentChannels contract the channel is on. */
  contract: Address;
}

/** What the client tracked on a channel; persist it to reuse the channel later. */
export interface MeteredState {
  /** The charged cumulative the client accepted (and signed a receipt for). */
  charged: bigint;
  /** The highest voucher amount it ever signed: the most the node can claim. */
  signed: bigint;
  /** The call whose charge is not known yet (its stream was cut): the next call learns it. */
  pending?: { before: bigint; authorized: bigint };
}

export interface MeteredClientOptions {
  /** The gateway's base URL, e.g. http://127.0.0.1:8787. */
  nodeUrl: string;
  aimId: bigint;
  channel: MeteredChannel;
  /** The channel's session key (or the payer's wallet). */
  signer: LocalAccount | WalletClient;
  /** Per-token prices; default: the node's /v1/models (check them against the manifest you trust). */
  prices?: PerTokenPrices;
  /** Refuse any call that may cost more than this (base units). */
  maxCallCost?: bigint;
  state?: MeteredState;
  fetch?: typeof fetch;
}

export interface ChatRequest {
  messages: ChatMessage[];
  max_tokens?: number;
  [field: string]: unknown;
}

/** The node broke the metering rules; the client stops using it. */
export class NodeMisbehaviourError extends Error {
  override name = "NodeMisbehaviourError";
}

/** The node refused the call (OpenAI-style error body). */
export class MeteredCallError extends Error {
  override name = "MeteredCallError";
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly body: Record<string, unknown>,
  ) {
    super(message);
  }
}

export class MeteredClient {
  readonly state: MeteredState;
  /** Every charge accepted, in order. */
  readonly charges: MeteredCharge[] = [];
  private prices: PerTokenPrices | undefined;
  private refused: NodeMisbehaviourError | undefined;
  private readonly fetch: typeof fetch;
  private readonly base: string;

  constructor(private readonly options: MeteredClientOptions) {
    this.state = options.state ? { ...options.state } : { charged: 0n, signed: 0n };
    this.prices = options.prices;
    this.fetch = options.fetch ?? globalThis.fetch.bind(globalThis);
    this.base = options.nodeUrl.replace(/\/$/, "");
  }

  /** Streams a completion: yields text deltas; returns the accepted charge (undefined if the stream was cut). */
  async *stream(request: ChatRequest): AsyncGenerator<string, MeteredCharge | undefined> {
    const call = await this.start(request, true);
    const reader = (call.response.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    let buffer = "";
    let charge: MeteredCharge | undefined;
    let error: string | undefined;
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += decoder.decode(value, { stream: true });
        let end = buffer.indexOf("\n\n");
        while (end !== -1) {
          const event = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          end = buffer.indexOf("\n\n");
          if (!event.startsWith("data: ") || event === "data: [DONE]") continue;
          const chunk = JSON.parse(event.slice(6)) as {
            aim?: MeteredCharge;
            error?: { message: string };
            choices?: { delta?: { content?: string | null } }[];
          };
          if (chunk.aim) charge = this.accept(call, chunk.aim);
          if (chunk.error) error = chunk.error.message;
          const text = chunk.choices?.[0]?.delta?.content;
          if (text) yield text;
        }
      }
    } finally {
      await reader.cancel().catch(() => {});
    }
    if (charge) await this.sendReceipt(charge);
    if (error) throw new MeteredCallError(502, "upstream_error", error, {});
    return charge;
  }

  /** A non-streamed completion: the text and the accepted charge. */
  async complete(request: ChatRequest): Promise<{ content: string; charge: MeteredCharge }> {
    const call = await this.start(request, false);
    const body = (await call.response.json()) as {
      choices: { message: { content: string } }[];
      aim: MeteredCharge;
    };
    const charge = this.accept(call, body.aim);
    await this.sendReceipt(charge);
    return { content: body.choices[0]?.message.content ?? "", charge };
  }

  /** Signs the authorisation and sends the call; settles a charge the node reports for a cut call first. */
  private async start(request: ChatRequest, stream: boolean) {
    if (this.refused) throw this.refused;
    const prices = await this.pricesOf();
    const maxTokens = request.max_tokens ?? prices.max_tokens_default;
    const maxCost = maxCallCost(prices, request.messages, maxTokens);
    if (this.options.maxCallCost !== undefined && maxCost > this.options.maxCallCost) {
      throw new MeteredCallError(0, "over_budget", `this call may cost ${maxCost}, above maxCallCost`, {});
    }
    // A call whose stream was cut before its charge arrived: the node reports that charge with receipt_required.
    const cut = this.state.pending;
    for (let attempt = 0; ; attempt++) {
      const before = this.state.charged;
      // Never below a voucher already signed: that one is claimable anyway, and this keeps the most a node can
      // take equal to this call's authorisation minus its cost (gateway/README.md, "Metered calls").
      const needed = before + maxCost;
      const authorized = needed > this.state.signed ? needed : this.state.signed;
      const header = await this.voucher(authorized);
      this.state.pending = { before, authorized };
      const response = await this.fetch(`${this.base}/v1/chat/completions`, {
        method: "POST",
        headers: { "content-type": "application/json", [VOUCHER_HEADER]: header },
        body: JSON.stringify({
          ...request,
          model: modelId(this.options.aimId),
          max_tokens: maxTokens,
          stream,
          ...(stream ? { stream_options: { include_usage: true } } : {}),
        }),
      });
      if (response.ok) return { response, before, authorized, maxCost, maxTokens, prices };
      this.state.pending = undefined;
      const body = (await response.json().catch(() => ({}))) as { error?: Record<string, string> };
      const error = body.error ?? {};
      if (response.status === 402 && error.code === "receipt_required" && attempt === 0) {
        await this.settleCut(BigInt(error.charged ?? "0"), cut);
        continue;
      }
      throw new MeteredCallError(
        response.status,
        error.code ?? "error",
        error.message ?? response.statusText,
        body,
      );
    }
  }

  /** The node says the previous (cut) call charged up to `charged`: within what was authorised, receipt it. */
  private async settleCut(charged: bigint, cut: MeteredState["pending"]) {
    const most = cut?.authorized ?? this.state.charged;
    if (charged < this.state.charged || charged > most) {
      this.refuse(
        `the node claims a charged cumulative ${charged}, outside [${this.state.charged}, ${most}]`,
      );
    }
    this.state.charged = charged;
    await this.sendReceipt({ cumulative: charged.toString() });
  }

  /** Checks the node's charge against the authorisation and the usage; adopts it or refuses the node. */
  private accept(
    call: { before: bigint; authorized: bigint; maxCost: bigint; maxTokens: number; prices: PerTokenPrices },
    charge: MeteredCharge,
  ): MeteredCharge {
    const charged = BigInt(charge.charged);
    const cumulative = BigInt(charge.cumulative);
    if (BigInt(charge.authorized) !== call.authorized)
      this.refuse(`authorised ${call.authorized}, the node says ${charge.authorized}`);
    if (cumulative < call.before)
      this.refuse(`the charged cumulative went backwards: ${call.before} → ${cumulative}`);
    if (cumulative > call.authorized)
      this.refuse(`charged cumulative ${cumulative} is above the ${call.authorized} authorised`);
    if (cumulative !== call.before + charged)
      this.refuse(`charge ${charged} does not add up to cumulative ${cumulative}`);
    if (charged > call.maxCost) this.refuse(`charge ${charged} is above this call's maximum ${call.maxCost}`);
    if (charge.completion_tokens > call.maxTokens)
      this.refuse(`${charge.completion_tokens} tokens billed, max_tokens was ${call.maxTokens}`);
    const priced = tokenCost(call.prices, charge.prompt_tokens, charge.completion_tokens);
    if (charged > priced) this.refuse(`charged ${charged} for usage that costs ${priced}`);
    this.state.charged = cumulative;
    this.state.pending = undefined;
    this.charges.push(charge);
    return charge;
  }

  private refuse(reason: string): never {
    this.refused = new NodeMisbehaviourError(`node ${this.base} refused: ${reason}`);
    throw this.refused;
  }

  private receipted = 0n;

  /** Signs a voucher for exactly the charged cumulative and hands it to the node: what it may claim. */
  private async sendReceipt(charge: Pick<MeteredCharge, "cumulative">): Promise<void> {
    const amount = BigInt(charge.cumulative);
    if (amount <= this.receipted || amount === 0n) return;
    const response = await this.fetch(`${this.base}${RECEIPT_PATH}`, {
      method: "POST",
      headers: { [VOUCHER_HEADER]: await this.voucher(amount) },
    });
    if (!response.ok) {
      const body = (await response.json().catch(() => ({}))) as { error?: Record<string, string> };
      throw new MeteredCallError(
        response.status,
        body.error?.code ?? "error",
        body.error?.message ?? "receipt refused",
        body,
      );
    }
    this.receipted = amount;
  }

  private async voucher(amount: bigint): Promise<string> {
    const { channel, signer } = this.options;
    const signed = await signVoucher(signer, {
      chainId: channel.chainId,
      contract: channel.contract,
      channelId: channel.id,
      cumulativeAmount: amount,
    });
    if (amount > this.state.signed) this.state.signed = amount;
    return encodeVoucherHeader(signed);
  }

  private async pricesOf(): Promise<PerTokenPrices> {
    if (this.prices) return this.prices;
    const response = await this.fetch(`${this.base}/v1/models`);
    const list = (await response.json()) as { data: { id: string; aim: { prices: PerTokenPrices } }[] };
    const model = list.data.find((m) => m.id === modelId(this.options.aimId));
    if (!model)
      throw new MeteredCallError(
        404,
        "model_not_found",
        `the node serves no ${modelId(this.options.aimId)}`,
        {},
      );
    this.prices = model.aim.prices;
    return this.prices;
  }
}
