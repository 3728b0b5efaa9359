// Chat with an LLM AIM (a manifest with `x-per-token`) over one of the payer's channels: the SDK's MeteredClient
// signs each call's authorisation (charged cumulative + this call's maximum) and, after the stream, the receipt
// for exactly the charge, with the channel's session key (or the wallet when the channel has none). The reply
// streams in token by token while an estimate of its cost ticks; then the node's charge (checked by the SDK
// against the manifest's prices) is shown with the tokens, the authorised maximum and charged vs deposit.

import type { PerTokenPrices } from "@aim/sdk/manifest-schema";
import { type ChatMessage, countTokens, promptTokens, tokenCost } from "@aim/sdk/metered";
import { MeteredClient } from "@aim/sdk/metered-client";
import { useId, useRef, useState } from "react";
import { type Address, zeroAddress } from "viem";
import { useConfig } from "wagmi";
import { getWalletClient } from "wagmi/actions";
import { chainId, contracts, currencyOf } from "../contracts.js";
import { sessionVoucherProblem } from "../lib/channel.js";
import { type MeteredRecord, meteredRecordOf, type RecordedCharge, saveMeteredRecord } from "../lib/chat.js";
import { recordSigned } from "../lib/gateway.js";
import { authorisationFor, chatErrorSentence, modelProblem, nodeModel } from "../lib/meteredCall.js";
import { formatPrice } from "../lib/price.js";
import type { ChannelRow } from "../lib/queries.js";
import { sessionAccount } from "../lib/session.js";

interface ChatPanelProps {
  channel: ChannelRow;
  /** The node's gateway URL. */
  endpoint: string;
  /** The manifest's per-token prices (the ones the app trusts). */
  prices: PerTokenPrices;
  /** The session cap in force on chain (0 without a session key). */
  sessionCap: bigint;
  /** Called after each call with what this browser recorded for the channel. */
  onRecord: (record: MeteredRecord) => void;
  open: boolean;
}

interface LastCall {
  charge: RecordedCharge;
  /** This call's maximum cost: what the authorisation added on top of the charged cumulative. */
  maxCost: bigint;
}

// The default export: Channels loads this panel lazily, only for LLM AIMs.
export default function ChatPanel({ channel, endpoint, prices, sessionCap, onRecord, open }: ChatPanelProps) {
  const id = useId();
  const config = useConfig();
  const currency = currencyOf(channel.token);
  const format = (v: bigint) => formatPrice(v, currency);
  const deposit = BigInt(channel.deposit);
  const client = useRef<MeteredClient | null>(null);
  const [messages, setMessages] = useState<ChatMessage[]>([]);
  const [draft, setDraft] = useState("");
  const [maxTokensText, setMaxTokensText] = useState(String(prices.max_tokens_default));
  const [reply, setReply] = useState<{ text: string; estimate: bigint } | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [last, setLast] = useState<LastCall | null>(null);
  const [charged, setCharged] = useState(() => meteredRecordOf(channel.id).state.charged);
  const maxTokens = /^\d+$/.test(maxTokensText) ? Number(maxTokensText) : Number.NaN;
  const limit = prices.max_tokens_limit;
  const maxTokensOk = maxTokens >= 1 && (limit === undefined || maxTokens <= limit);

  /** The MeteredClient of this channel, made once the node's terms check out, resuming what this browser kept. */
  async function clientOf(): Promise<MeteredClient> {
    if (client.current) return client.current;
    const model = await nodeModel(endpoint, channel.aimId);
    const problem = modelProblem(model, {
      chainId,
      contract: contracts.channels.address,
      payee: channel.payee,
      prices,
    });
    if (problem) throw new Error(problem);
    const session = channel.signer !== zeroAddress ? sessionAccount(channel.signer) : null;
    if (channel.signer !== zeroAddress && !session)
      throw new Error("This channel's session key is not in this browser, so it cannot sign vouchers here.");
    client.current = new MeteredClient({
      nodeUrl: endpoint,
      aimId: BigInt(channel.aimId),
      channel: { id: channel.id, chainId, contract: contracts.channels.address as Address },
      signer: session ?? (await getWalletClient(config)),
      prices,
      state: meteredRecordOf(channel.id).state,
    });
    return client.current;
  }

  async function send() {
    const text = draft.trim();
    if (!text || busy || !maxTokensOk) return;
    setError(null);
    setBusy(true);
    const conversation: ChatMessage[] = [...messages, { role: "user", content: text }];
    let delivered = "";
    let metered: MeteredClient | null = null;
    let accepted = 0;
    try {
      metered = await clientOf();
      accepted = metered.charges.length;
      const { maxCost, authorized } = authorisationFor(metered.state, prices, conversation, maxTokens);
      if (authorized > deposit)
        throw new Error(
          `This message may cost up to ${format(maxCost)}, which would authorise ${format(authorized)}: more than the ${format(deposit)} deposit. Top the channel up or lower the maximum reply length.`,
        );
      if (channel.signer !== zeroAddress) {
        const problem = sessionVoucherProblem(authorized, sessionCap, format);
        if (problem) throw new Error(problem);
      }
      setMessages(conversation);
      setDraft("");
      const prompt = promptTokens(conversation);
      setReply({ text: "", estimate: tokenCost(prices, prompt, 0) });
      const stream = metered.stream({ messages: conversation, max_tokens: maxTokens });
      for (let step = await stream.next(); !step.done; step = await stream.next()) {
        delivered += step.value;
        setReply({ text: delivered, estimate: tokenCost(prices, prompt, countTokens(delivered)) });
      }
      setMessages([...conversation, { role: "assistant", content: delivered }]);
    } catch (e) {
      setError(chatErrorSentence(e, format));
      if (delivered) setMessages([...conversation, { role: "assistant", content: delivered }]);
    } finally {
      setReply(null);
      setBusy(false);
      if (metered) {
        // Record every charge the client accepted (a cut call's too) and the voucher high-water mark.
        const record = meteredRecordOf(channel.id);
        const fresh = metered.charges.slice(accepted).map((c) => ({ ...c, at: Date.now() }));
        const next = { state: { ...metered.state }, charges: [...record.charges, ...fresh] };
        saveMeteredRecord(channel.id, next);
        recordSigned(channel.id, metered.state.signed);
        setCharged(metered.state.charged);
        onRecord(next);
        const charge = fresh.at(-1);
        if (charge) {
          const before = BigInt(charge.cumulative) - BigInt(charge.charged);
          setLast({ charge, maxCost: BigInt(charge.authorized) - before });
        }
      }
    }
  }

  return (
    <details className="call" open={open} data-testid="chat">
      <summary>Chat with this AIM</summary>
      <p className="hint">
        {prices.input_per_1k_tokens.toLocaleString()} micro-USDC per 1,000 tokens in,{" "}
        {prices.output_per_1k_tokens.toLocaleString()} out. Each message authorises at most its prompt and the
        maximum reply length at these prices; you pay what the model used.
      </p>
      <ol className="chat-log" aria-label="Conversation">
        {messages.map((m, i) => (
          // The log only grows: an index is a stable key.
          // biome-ignore lint/suspicious/noArrayIndexKey: append-only list
          <li key={i} className={`chat-${m.role}`}>
            <strong>{m.role === "user" ? "You" : "AIM"}:</strong> {String(m.content)}
          </li>
        ))}
        {reply && (
          <li className="chat-assistant" aria-live="polite">
            <strong>AIM:</strong> <span data-testid="chat-stream">{reply.text}</span>
          </li>
        )}
      </ol>
      {reply && (
        <p className="tx-text" data-testid="chat-estimate">
          So far ≈ {format(reply.estimate)} ({countTokens(reply.text)} tokens out)
        </p>
      )}
      <div className="field">
        <label htmlFor={`${id}-msg`}>Message</label>
        <textarea id={`${id}-msg`} rows={3} value={draft} onChange={(e) => setDraft(e.target.value)} />
      </div>
      <div className="row">
        <label htmlFor={`${id}-max`}>Max reply tokens</label>
        <input
          id={`${id}-max`}
          className="narrow"
          inputMode="numeric"
          value={maxTokensText}
          onChange={(e) => setMaxTokensText(e.target.value)}
          aria-invalid={!maxTokensOk}
        />
        <button
          type="button"
          className="button primary"
          disabled={busy || !draft.trim() || !maxTokensOk}
          onClick={send}
        >
          {busy ? "Streaming…" : "Send"}
        </button>
      </div>
      {!maxTokensOk && (
        <span className="error-text">
          The maximum reply length is a whole number of tokens from 1{limit ? ` to ${limit}` : ""}.
        </span>
      )}
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
      {last && (
        <dl className="chat-cost" data-testid="chat-cost">
          <dt>Tokens in / out</dt>
          <dd data-testid="chat-tokens">
            {last.charge.prompt_tokens} / {last.charge.completion_tokens}
            {last.charge.complete ? "" : " (cut: only what was delivered)"}
          </dd>
          <dt>Charged</dt>
          <dd data-testid="chat-charged">{format(BigInt(last.charge.charged))}</dd>
          <dt>Authorised at most</dt>
          <dd data-testid="chat-max">{format(last.maxCost)}</dd>
        </dl>
      )}
      <p className="meta">
        Channel charged <strong data-testid="chat-cumulative">{format(charged)}</strong> of {format(deposit)}{" "}
        deposit
      </p>
    </details>
  );
}
