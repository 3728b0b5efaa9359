// Payment channels: open one to a node that serves an AIM, top up, extend (up to the channel's maximum
// lifetime), reclaim after expiry, and call the AIM through the node's gateway with a cost approval before each
// call, or with a session key whose spending limit is the channel's session cap on chain (raise it here).
// Spent (signed here) vs deposit is always visible. A node whose operator no longer holds a license of the
// AIM cannot be paid: it is shown as unavailable, with no Open or Call.

import { type SignedVoucher, signVoucher, voucherTypedData } from "@aim/sdk/voucher";
import { useQuery } from "@tanstack/react-query";
import { lazy, Suspense, useId, useState } from "react";
import { type Address, toHex, zeroAddress } from "viem";
import { useAccount, useConfig } from "wagmi";
import { signTypedData } from "wagmi/actions";
import { MeteredCalls } from "../components/MeteredCalls.js";
import { ConnectWalletPrompt, Empty, RowSkeletons } from "../components/Skeleton.js";
import { TxStatus } from "../components/TxStatus.js";
import { chainId, contracts, currencyOf, isEth } from "../contracts.js";
import { useTransaction } from "../hooks/useTransaction.js";
import {
  allowance,
  approveToken,
  extendChannel,
  maxExpiryOf,
  openChannel,
  raiseSessionCap,
  reclaimChannel,
  sessionCapOf,
  topUpChannel,
} from "../lib/actions.js";
import {
  channelParamsOf,
  channelRowProblem,
  extendTarget,
  lifetimeProblem,
  MAX_CHANNEL_LIFETIME_SECONDS,
  sessionVoucherProblem,
} from "../lib/channel.js";
import { meteredRecordOf, perTokenPricesAt } from "../lib/chat.js";
import { humanizeError } from "../lib/errors.js";
import {
  callAim,
  getQuote,
  nextCumulative,
  type Quote,
  quoteProblem,
  recordSigned,
  signedSoFar,
} from "../lib/gateway.js";
import { request } from "../lib/graphql.js";
import { formatMicroUsdc, formatPrice, parseAmount, shortAddress } from "../lib/price.js";
import { AIM_PAGE, type ChannelRow, MY_CHANNELS, type OfferRow } from "../lib/queries.js";
import { createSessionKey, sessionAccount } from "../lib/session.js";
import type { Route } from "../router.js";

// The chat (MeteredClient and its checks) loads only when a channel is to an LLM AIM.
const ChatPanel = lazy(() => import("../components/ChatPanel.js"));
const nowSeconds = () => Math.floor(Date.now() / 1000);
/** Whether calls to this offer can be paid: the offer stands, its operator holds a license, its node is up. */
export const offerAvailable = (o: OfferRow): boolean => o.active && Boolean(o.node?.active);
const UNAVAILABLE =
  "Unavailable: this node's operator no longer holds a license of this AIM (or the offer was withdrawn), so it cannot be paid for calls.";
/** A manifest endpoint as the indexer serves it (JSON of the manifest). */
type ManifestEndpointRow = { uri: string; methods?: string[]; price_per_call?: { max?: number } };
const useAimData = (aimId: string | null) =>
  useQuery({
    queryKey: ["aim", aimId],
    queryFn: () => request(AIM_PAGE, { id: aimId as string, now: String(nowSeconds()) }),
    enabled: Boolean(aimId && /^\d+$/.test(aimId)),
  });

export default function Channels({ route }: { route: Route }) {
  const { address } = useAccount();
  const aimParam = route.query.get("aim");
  const nodeParam = route.query.get("node");
  const mine = useQuery({
    queryKey: ["channels", address?.toLowerCase()],
    queryFn: () => request(MY_CHANNELS, { payer: address?.toLowerCase() as Address }),
    enabled: Boolean(address),
  });
  if (!address) return <ConnectWalletPrompt title="Connect a wallet to open channels and call AIMs." />;
  const channels = mine.data?.channels.items ?? [];
  return (
    <section>
      <div className="page-head">
        <h1>Channels</h1>
        <p className="lede">
          Prepay a node once, then pay per call with signed vouchers — no transaction per call.
        </p>
      </div>
      {aimParam && <OpenChannel aimId={aimParam} nodeId={nodeParam} payer={address} />}
      <h2>Your channels</h2>
      {mine.isPending ? (
        <RowSkeletons />
      ) : channels.length === 0 ? (
        <Empty title="No channel yet.">Open one from an AIM's page ("Runs on" → Call).</Empty>
      ) : (
        channels.map((c) => <ChannelCard key={c.id} channel={c} focus={c.aimId === aimParam} />)
      )}
    </section>
  );
}

function OpenChannel({ aimId, nodeId, payer }: { aimId: string; nodeId: string | null; payer: Address }) {
  const id = useId();
  const config = useConfig();
  const aim = useAimData(aimId);
  const approve = useTransaction();
  const open = useTransaction();
  const offers = aim.data?.offers.items ?? [];
  const available = offers.filter(offerAvailable);
  const [chosen, setChosen] = useState<string | null>(nodeId);
  const asked = offers.find((o) => o.nodeId === chosen);
  const offer: OfferRow | undefined = asked && offerAvailable(asked) ? asked : available[0];
  const currency = currencyOf(offer?.currency ?? zeroAddress);
  const [depositText, setDepositText] = useState("");
  const [hours, setHours] = useState("24");
  const [chosenMode, setMode] = useState<"wallet" | "session" | null>(null);
  const [capText, setCapText] = useState("");
  // An LLM AIM is priced per token; chatting signs two vouchers per message, so a session key is the default.
  const perToken = perTokenPricesAt(aim.data?.aimVersions.items ?? [], offer?.version);
  const mode = chosenMode ?? (perToken ? "session" : "wallet");
  const deposit = depositText ? parseAmount(depositText, currency.decimals) : null;
  // The session key's spending limit is the channel's session cap on chain; it defaults to the deposit.
  const cap = capText ? parseAmount(capText, currency.decimals) : deposit;
  const capOk = mode === "wallet" || (cap?.ok === true && cap.value > 0n);
  const lifetime = /^\d+$/.test(hours) ? lifetimeProblem(Number(hours)) : null;
  const hoursOk = /^\d+$/.test(hours) && Number(hours) >= 1 && !lifetime;
  if (aim.isPending) return <RowSkeletons count={2} />;
  if (!aim.data?.aim) return <p className="error-text">AIM #{aimId} was not found.</p>;
  const name = aim.data.aim.name ?? `AIM #${aimId}`;
  if (offers.length === 0) return <p className="hint">No node serves {name} yet.</p>;
  if (!offer)
    return (
      <p className="error-text" role="alert" data-testid="open-unavailable">
        No node can be paid for calls to {name} right now: the operators of its offers no longer hold a
        license of it.
      </p>
    );
  const price = BigInt(offer.pricePerCall);

  async function onOpen() {
    if (!offer?.node || !deposit?.ok || deposit.value === 0n || !hoursOk || !capOk) return;
    const token = offer.currency;
    const amount = deposit.value;
    if (!isEth(token)) {
      const allowed = await allowance(config, token, payer, contracts.channels.address).catch(() => 0n);
      if (
        allowed < amount &&
        !(await approve.run(`Approve ${formatPrice(amount, currency)}`, () =>
          approveToken(config, token, contracts.channels.address, amount),
        ))
      )
        return;
    }
    // Session mode: the key's limit is enforced on chain as the session cap. Wallet mode: no session key, and
    // PaymentChannels ignores the cap (only the payer's own signature is accepted, up to the deposit), so 0.
    const sessionCap = mode === "session" && cap?.ok ? cap.value : 0n;
    const signer = mode === "session" ? createSessionKey().address : zeroAddress;
    const salt = toHex(crypto.getRandomValues(new Uint8Array(32)));
    await open.run(`Open a channel with ${formatPrice(amount, currency)}`, () =>
      openChannel(config, {
        payee: offer.node?.operator as Address,
        token,
        signer,
        aimId: BigInt(aimId),
        sessionCap,
        salt,
        deposit: amount,
        expiry: BigInt(nowSeconds() + Number(hours) * 3600),
      }),
    );
  }

  return (
    <div className="panel" data-testid="open-channel">
      <h2>Open a channel for {name}</h2>
      {asked && !offerAvailable(asked) && (
        <p className="error-text" role="alert" data-testid="node-unavailable">
          Node #{asked.nodeId}: {UNAVAILABLE} Choose another node below.
        </p>
      )}
      <div className="grid2">
        <div className="field">
          <label htmlFor={`${id}-node`}>Node</label>
          <select id={`${id}-node`} value={offer.nodeId} onChange={(e) => setChosen(e.target.value)}>
            {available.map((o) => (
              <option key={o.nodeId} value={o.nodeId}>
                #{o.nodeId} {o.node?.region} · {formatPrice(BigInt(o.pricePerCall), currencyOf(o.currency))}{" "}
                per call
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-dep`}>Deposit ({currency.symbol})</label>
          <input
            id={`${id}-dep`}
            inputMode="decimal"
            placeholder={formatPrice(price * 100n, currency).split(" ")[0]}
            value={depositText}
            onChange={(e) => setDepositText(e.target.value)}
            aria-invalid={deposit ? !deposit.ok : false}
            aria-describedby={`${id}-dep-msg`}
          />
          <span id={`${id}-dep-msg`} className={deposit && !deposit.ok ? "error-text" : "hint"}>
            {deposit && !deposit.ok
              ? deposit.error
              : perToken
                ? `Priced per token: ${perToken.input_per_1k_tokens.toLocaleString()} micro-USDC per 1,000 tokens in, ${perToken.output_per_1k_tokens.toLocaleString()} out. Unused deposit comes back after expiry.`
                : deposit?.ok && price > 0n
                  ? `≈ ${deposit.value / price} calls at ${formatPrice(price, currency)}`
                  : "Unused deposit comes back after expiry."}
          </span>
        </div>
        <div className="field">
          <label htmlFor={`${id}-h`}>Expires in (hours)</label>
          <input
            id={`${id}-h`}
            inputMode="numeric"
            value={hours}
            onChange={(e) => setHours(e.target.value)}
            aria-invalid={!hoursOk}
            aria-describedby={`${id}-h-msg`}
          />
          {lifetime && (
            <span id={`${id}-h-msg`} className="error-text">
              {lifetime}
            </span>
          )}
        </div>
        <fieldset className="field">
          <legend>Approve each call</legend>
          <label className="check">
            <input
              type="radio"
              name={`${id}-mode`}
              checked={mode === "wallet"}
              onChange={() => setMode("wallet")}
            />{" "}
            In my wallet (a signature per call)
          </label>
          <label className="check">
            <input
              type="radio"
              name={`${id}-mode`}
              checked={mode === "session"}
              onChange={() => setMode("session")}
            />{" "}
            Session key in this browser, with a spending limit enforced on chain
          </label>
        </fieldset>
        {mode === "session" && (
          <div className="field">
            <label htmlFor={`${id}-cap`}>Session spending limit ({currency.symbol})</label>
            <input
              id={`${id}-cap`}
              inputMode="decimal"
              placeholder={deposit?.ok ? formatPrice(deposit.value, currency).split(" ")[0] : "the deposit"}
              value={capText}
              onChange={(e) => setCapText(e.target.value)}
              aria-invalid={!capOk}
              aria-describedby={`${id}-cap-msg`}
            />
            <span id={`${id}-cap-msg`} className={cap && !cap.ok ? "error-text" : "hint"}>
              {cap && !cap.ok
                ? cap.error
                : "The channel's session cap: vouchers the key signs above it are refused on chain. You can raise it later; only your wallet's signature goes past it."}
            </span>
          </div>
        )}
      </div>
      <div className="row">
        <button
          type="button"
          className="button primary"
          disabled={!deposit?.ok || deposit.value === 0n || !hoursOk || !capOk}
          onClick={onOpen}
        >
          Open channel
        </button>
      </div>
      {!isEth(offer.currency) && <TxStatus state={approve.state} />}
      <TxStatus state={open.state} />
    </div>
  );
}

function ChannelCard({ channel, focus }: { channel: ChannelRow; focus: boolean }) {
  const id = useId();
  const config = useConfig();
  const tx = useTransaction();
  const aim = useAimData(channel.aimId);
  const currency = currencyOf(channel.token);
  const deposit = BigInt(channel.deposit);
  const claimed = BigInt(channel.claimed);
  const [spent, setSpent] = useState(() =>
    signedSoFar(channel.id) > claimed ? signedSoFar(channel.id) : claimed,
  );
  const [amountText, setAmountText] = useState("");
  const [capText, setCapText] = useState("");
  // Metered (per-token) calls this browser made on the channel: tokens and cost per call.
  const [metered, setMetered] = useState(() => meteredRecordOf(channel.id));
  const expired = Number(channel.expiry) <= nowSeconds();
  const hasSession = channel.signer !== zeroAddress;
  // The params hold the cap at open (the row's sessionCap); a row that does not hash to its id is not acted on.
  const params = channelParamsOf(channel);
  const rowProblem = channelRowProblem(channel, params);
  const live = channel.state === "open" && !rowProblem;
  // The session cap in force on chain (raised caps included); until read, the cap the channel opened with, which
  // it never goes below.
  const capQuery = useQuery({
    queryKey: ["session-cap", channel.id],
    queryFn: () => sessionCapOf(config, params),
    enabled: live && hasSession,
  });
  const sessionCap = capQuery.data ?? BigInt(channel.sessionCapInForce);
  const maxExpiryQuery = useQuery({
    queryKey: ["max-expiry", channel.id],
    queryFn: () => maxExpiryOf(config, channel.id),
    enabled: live,
  });
  // maxExpiryOf is MAX_CHANNEL_LIFETIME after the opening block; the indexer's openedAt is that block's time.
  const maxExpiry =
    maxExpiryQuery.data && maxExpiryQuery.data > 0n
      ? maxExpiryQuery.data
      : BigInt(channel.openedAt) + BigInt(MAX_CHANNEL_LIFETIME_SECONDS);
  const extend = extendTarget(BigInt(channel.expiry), maxExpiry, BigInt(nowSeconds()), 86_400n);
  const amount = amountText ? parseAmount(amountText, currency.decimals) : null;
  const newCap = capText ? parseAmount(capText, currency.decimals) : null;
  const capProblem =
    newCap?.ok && newCap.value <= sessionCap
      ? `The new cap must be above the current ${formatPrice(sessionCap, currency)}: a session cap only goes up.`
      : null;
  const payeeOffers =
    aim.data?.offers.items.filter((o) => o.node?.operator.toLowerCase() === channel.payee.toLowerCase()) ??
    [];
  const offer = payeeOffers.find(offerAvailable);
  const unavailable = aim.data !== undefined && !offer;
  const node = offer?.node;
  // An LLM AIM (its manifest has `x-per-token`, at the version the node offers): chat instead of a raw call.
  const prices = perTokenPricesAt(aim.data?.aimVersions.items ?? [], offer?.version);
  const pct = deposit > 0n ? Number((spent * 1000n) / deposit) / 10 : 0;
  return (
    <article className="panel" data-testid={`channel-${channel.id}`}>
      <h3>
        {channel.aim?.name ?? `AIM #${channel.aimId}`} · node <code>{shortAddress(channel.payee)}</code>{" "}
        <span className="badge">
          {channel.state}
          {channel.state === "open" && expired ? " (expired)" : ""}
        </span>
      </h3>
      <p className="meta">
        {prices ? "Authorised" : "Spent"} <strong data-testid="spent">{formatPrice(spent, currency)}</strong>{" "}
        of {formatPrice(deposit, currency)} deposit · claimed by the node {formatPrice(claimed, currency)} ·
        expires {new Date(Number(channel.expiry) * 1000).toLocaleString()}
        {hasSession && (
          <>
            {" "}
            · session key, cap <strong data-testid="session-cap">{formatPrice(sessionCap, currency)}</strong>
          </>
        )}
      </p>
      {rowProblem && (
        <p className="error-text" role="alert">
          {rowProblem}
        </p>
      )}
      {channel.state === "open" && unavailable && (
        <p className="error-text" data-testid="channel-unavailable">
          {UNAVAILABLE} Calls are off; reclaim the rest of the deposit after expiry.
        </p>
      )}
      <meter className="meter-native" min={0} max={100} value={Math.min(100, pct)} aria-label="Deposit spent">
        {pct}%
      </meter>
      {live && (
        <div className="row">
          <label htmlFor={`${id}-amt`} className="sr-only">
            Amount ({currency.symbol})
          </label>
          <input
            id={`${id}-amt`}
            className="narrow"
            placeholder={`Amount (${currency.symbol})`}
            value={amountText}
            onChange={(e) => setAmountText(e.target.value)}
            aria-invalid={amount ? !amount.ok : false}
          />
          <button
            type="button"
            className="button small"
            disabled={!amount?.ok || expired}
            onClick={async () => {
              if (!amount?.ok) return;
              if (!isEth(channel.token)) {
                const allowed = await allowance(
                  config,
                  channel.token,
                  channel.payer,
                  contracts.channels.address,
                ).catch(() => 0n);
                if (
                  allowed < amount.value &&
                  !(await tx.run("Approve top-up", () =>
                    approveToken(config, channel.token, contracts.channels.address, amount.value),
                  ))
                )
                  return;
              }
              await tx.run("Top up", () => topUpChannel(config, params, amount.value));
            }}
          >
            Top up
          </button>
          <button
            type="button"
            className="button small"
            disabled={"problem" in extend}
            title={"problem" in extend ? extend.problem : undefined}
            onClick={() => {
              if ("problem" in extend) return;
              tx.run(extend.capped ? "Extend to the maximum lifetime" : "Extend by 24 h", () =>
                extendChannel(config, params, extend.expiry),
              );
            }}
          >
            {"problem" in extend || !extend.capped ? "Extend 24 h" : "Extend to the maximum"}
          </button>
          <button
            type="button"
            className="button small danger"
            disabled={!expired}
            title={expired ? undefined : "Available after expiry"}
            onClick={() => tx.run("Reclaim the rest", () => reclaimChannel(config, params))}
          >
            Reclaim
          </button>
        </div>
      )}
      {live && "problem" in extend && (
        <p className="hint" data-testid="lifetime">
          {extend.problem}
        </p>
      )}
      {live && !("problem" in extend) && extend.capped && (
        <p className="hint" data-testid="lifetime">
          A channel lives at most {MAX_CHANNEL_LIFETIME_SECONDS / 86_400} days after it opened: it can be
          extended to {new Date(Number(extend.expiry) * 1000).toLocaleString()} at the latest.
        </p>
      )}
      {live && hasSession && (
        <div className="row">
          <label htmlFor={`${id}-cap`} className="sr-only">
            New session cap ({currency.symbol})
          </label>
          <input
            id={`${id}-cap`}
            className="narrow"
            placeholder={`New session cap (${currency.symbol})`}
            value={capText}
            onChange={(e) => setCapText(e.target.value)}
            aria-invalid={newCap ? !newCap.ok || Boolean(capProblem) : false}
          />
          <button
            type="button"
            className="button small"
            disabled={!newCap?.ok || Boolean(capProblem)}
            onClick={async () => {
              if (!newCap?.ok) return;
              if (await tx.run("Raise the session cap", () => raiseSessionCap(config, params, newCap.value)))
                await capQuery.refetch();
            }}
          >
            Raise session cap
          </button>
        </div>
      )}
      {amount && !amount.ok && <span className="error-text">{amount.error}</span>}
      {newCap && !newCap.ok && <span className="error-text">{newCap.error}</span>}
      {capProblem && <span className="error-text">{capProblem}</span>}
      <TxStatus state={tx.state} />
      <MeteredCalls record={metered} format={(v) => formatPrice(v, currency)} />
      {live && !expired && node && prices && (
        <Suspense fallback={<RowSkeletons count={1} />}>
          <ChatPanel
            channel={channel}
            endpoint={node.endpoint}
            prices={prices}
            sessionCap={sessionCap}
            onRecord={(record) => {
              setMetered(record);
              setSpent(record.state.signed > spent ? record.state.signed : spent);
            }}
            open={focus}
          />
        </Suspense>
      )}
      {live && !expired && node && !prices && (
        <CallPanel
          channel={channel}
          sessionCap={sessionCap}
          endpoint={node.endpoint}
          endpoints={(aim.data?.aim?.endpoints ?? []) as ManifestEndpointRow[]}
          offerPrice={BigInt(offer?.pricePerCall ?? 0)}
          spent={spent}
          onSpent={setSpent}
          open={focus}
        />
      )}
    </article>
  );
}

function CallPanel(props: {
  channel: ChannelRow;
  endpoint: string;
  endpoints: ManifestEndpointRow[];
  /** The node's on-chain offer price for this AIM. */
  offerPrice: bigint;
  /** The session cap in force on chain (0 without a session key). */
  sessionCap: bigint;
  spent: bigint;
  onSpent: (v: bigint) => void;
  open: boolean;
}) {
  const { channel, endpoint, endpoints } = props;
  const id = useId();
  const config = useConfig();
  const currency = currencyOf(channel.token);
  const [uri, setUri] = useState(endpoints[0]?.uri ?? "/");
  const [bodyText, setBodyText] = useState('{\n  "text": "hello"\n}');
  const [quote, setQuote] = useState<Quote | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [output, setOutput] = useState<unknown>(undefined);
  const method = endpoints.find((e) => e.uri === uri)?.methods?.[0] ?? "POST";
  const session = channel.signer !== zeroAddress ? sessionAccount(channel.signer) : null;
  const deposit = BigInt(channel.deposit);

  async function ask() {
    setError(null);
    setOutput(undefined);
    try {
      const quoted = await getQuote(endpoint, channel.aimId, uri);
      const maxOfEndpoint = endpoints.find((e) => e.uri === uri)?.price_per_call?.max;
      const problem = quoteProblem(quoted, {
        chainId,
        contract: contracts.channels.address,
        payee: channel.payee,
        offerPrice: props.offerPrice,
        manifestMax: typeof maxOfEndpoint === "number" ? BigInt(maxOfEndpoint) : undefined,
      });
      if (problem) return setError(problem);
      setQuote(quoted);
    } catch (e) {
      setError((e as Error).message);
    }
  }

  async function pay(q: Quote) {
    setError(null);
    let body: unknown;
    if (method !== "GET") {
      try {
        body = bodyText.trim() ? JSON.parse(bodyText) : undefined;
      } catch {
        return setError("The request body is not valid JSON.");
      }
    }
    const cumulative = nextCumulative(channel.id, props.spent, BigInt(q.price));
    if (cumulative > deposit)
      return setError(
        `This call needs ${formatPrice(cumulative - deposit, currency)} more than the deposit. Top the channel up first.`,
      );
    if (session) {
      const problem = sessionVoucherProblem(cumulative, props.sessionCap, (v) => formatPrice(v, currency));
      if (problem) return setError(problem);
    }
    const voucher = {
      chainId,
      contract: contracts.channels.address,
      channelId: channel.id,
      cumulativeAmount: cumulative,
    };
    try {
      setStatus(session ? "Signing with the session key…" : "Confirm the voucher in your wallet…");
      let signed: SignedVoucher;
      if (session) signed = await signVoucher(session, voucher);
      else if (channel.signer === zeroAddress)
        signed = { ...voucher, signature: await signTypedData(config, voucherTypedData(voucher)) };
      else
        throw new Error(
          "This channel's session key is not in this browser, so it cannot sign vouchers here.",
        );
      recordSigned(channel.id, cumulative);
      setStatus("Calling the node…");
      const result = await callAim(endpoint, channel.aimId, uri, method, body, signed);
      // What this app signed is what it spent; the node's x-aim-paid is its word only.
      props.onSpent(cumulative);
      if (result.nodeSaysPaid !== undefined && result.nodeSaysPaid !== cumulative)
        setError(
          `The node reports ${formatPrice(result.nodeSaysPaid, currency)} paid; this app signed ${formatPrice(cumulative, currency)} and counts that.`,
        );
      setOutput(result.output);
      setStatus(null);
      setQuote(null);
    } catch (e) {
      setStatus(null);
      setError(e instanceof Error && e.name === "GatewayError" ? e.message : humanizeError(e).message);
    }
  }

  return (
    <details className="call" open={props.open}>
      <summary>Call this AIM</summary>
      <div className="grid2">
        <div className="field">
          <label htmlFor={`${id}-ep`}>Endpoint</label>
          <select
            id={`${id}-ep`}
            value={uri}
            onChange={(e) => {
              setUri(e.target.value);
              setQuote(null);
            }}
          >
            {endpoints.map((e) => (
              <option key={e.uri} value={e.uri}>
                {e.methods?.[0] ?? "POST"} {e.uri}
              </option>
            ))}
          </select>
        </div>
      </div>
      {method !== "GET" && (
        <div className="field">
          <label htmlFor={`${id}-body`}>Request body (JSON)</label>
          <textarea
            id={`${id}-body`}
            className="code"
            rows={4}
            value={bodyText}
            onChange={(e) => setBodyText(e.target.value)}
          />
        </div>
      )}
      <div className="row">
        {!quote ? (
          <button type="button" className="button" onClick={ask}>
            Get price
          </button>
        ) : (
          <>
            <span data-testid="quote">
              This call costs <strong>{formatPrice(BigInt(quote.price), currency)}</strong>
              {currency.decimals === 6 ? ` (${formatMicroUsdc(BigInt(quote.price))})` : ""}; you will have
              spent {formatPrice(props.spent + BigInt(quote.price), currency)} of{" "}
              {formatPrice(deposit, currency)}.
            </span>
            <button type="button" className="button primary" onClick={() => pay(quote)}>
              {session ? "Pay & call" : "Approve & call"}
            </button>
            <button type="button" className="button ghost" onClick={() => setQuote(null)}>
              Cancel
            </button>
          </>
        )}
      </div>
      {status && (
        <p className="tx-text" aria-live="polite">
          {status}
        </p>
      )}
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
      {output !== undefined && (
        <>
          <h4>Response</h4>
          <pre className="response" data-testid="response">
            {JSON.stringify(output, null, 2)}
          </pre>
        </>
      )}
    </details>
  );
}
