// Payment channels: open one to a node that serves an AIM, top up, extend, reclaim after expiry, and
// call the AIM through the node's gateway with a cost approval before each call (or a session key
// with a spending limit). Spent (signed here) vs deposit is always visible.

import { type SignedVoucher, signVoucher, voucherTypedData } from "@aim/sdk/voucher";
import { useQuery } from "@tanstack/react-query";
import { useId, useState } from "react";
import { type Address, type Hex, toHex, zeroAddress } from "viem";
import { useAccount, useConfig } from "wagmi";
import { signTypedData } from "wagmi/actions";
import { Empty, RowSkeletons } from "../components/Skeleton.js";
import { TxStatus } from "../components/TxStatus.js";
import { openWalletModal } from "../components/walletStore.js";
import { chainId, contracts, currencyOf, isEth } from "../contracts.js";
import { useTransaction } from "../hooks/useTransaction.js";
import {
  allowance,
  approveToken,
  type ChannelParamsArg,
  extendChannel,
  openChannel,
  reclaimChannel,
  topUpChannel,
} from "../lib/actions.js";
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
import { createSessionKey, sessionAccount, sessionLimit } from "../lib/session.js";
import type { Route } from "../router.js";

const nowSeconds = () => Math.floor(Date.now() / 1000);
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
  if (!address)
    return (
      <Empty title="Connect a wallet to open channels and call AIMs.">
        <button type="button" className="button primary" onClick={() => openWalletModal("connect")}>
          Connect wallet
        </button>
      </Empty>
    );
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
  const [chosen, setChosen] = useState<string | null>(nodeId);
  const offer: OfferRow | undefined = offers.find((o) => o.nodeId === chosen) ?? offers[0];
  const currency = currencyOf(offer?.currency ?? zeroAddress);
  const [depositText, setDepositText] = useState("");
  const [hours, setHours] = useState("24");
  const [mode, setMode] = useState<"wallet" | "session">("wallet");
  const deposit = depositText ? parseAmount(depositText, currency.decimals) : null;
  const hoursOk = /^\d+$/.test(hours) && Number(hours) >= 1;
  if (aim.isPending) return <RowSkeletons count={2} />;
  if (!aim.data?.aim) return <p className="error-text">AIM #{aimId} was not found.</p>;
  if (!offer) return <p className="hint">No node serves {aim.data.aim.name ?? `AIM #${aimId}`} yet.</p>;
  const price = BigInt(offer.pricePerCall);

  async function onOpen() {
    if (!offer?.node || !deposit?.ok || deposit.value === 0n || !hoursOk) return;
    const token = offer.currency as Address;
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
    const signer = mode === "session" ? createSessionKey(amount).address : zeroAddress;
    const salt = toHex(crypto.getRandomValues(new Uint8Array(32)));
    await open.run(`Open a channel with ${formatPrice(amount, currency)}`, () =>
      openChannel(config, {
        payee: offer.node?.operator as Address,
        token,
        signer,
        aimId: BigInt(aimId),
        salt,
        deposit: amount,
        expiry: BigInt(nowSeconds() + Number(hours) * 3600),
      }),
    );
  }

  return (
    <div className="panel" data-testid="open-channel">
      <h2>Open a channel for {aim.data.aim.name ?? `AIM #${aimId}`}</h2>
      <div className="grid2">
        <div className="field">
          <label htmlFor={`${id}-node`}>Node</label>
          <select id={`${id}-node`} value={offer.nodeId} onChange={(e) => setChosen(e.target.value)}>
            {offers.map((o) => (
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
          />
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
            Session key in this browser, up to the deposit
          </label>
        </fieldset>
      </div>
      <div className="row">
        <button
          type="button"
          className="button primary"
          disabled={!deposit?.ok || deposit.value === 0n || !hoursOk}
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
  const expired = Number(channel.expiry) <= nowSeconds();
  const params: ChannelParamsArg = {
    payer: channel.payer,
    payee: channel.payee,
    token: channel.token,
    signer: channel.signer,
    aimId: BigInt(channel.aimId),
    royaltyReceiver: channel.royaltyReceiver,
    royaltyBps: channel.royaltyBps,
    salt: channel.salt,
  };
  const amount = amountText ? parseAmount(amountText, currency.decimals) : null;
  const offer = aim.data?.offers.items.find(
    (o) => o.node?.operator.toLowerCase() === channel.payee.toLowerCase(),
  );
  const node = offer?.node;
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
        Spent <strong data-testid="spent">{formatPrice(spent, currency)}</strong> of{" "}
        {formatPrice(deposit, currency)} deposit · claimed by the node {formatPrice(claimed, currency)} ·
        expires {new Date(Number(channel.expiry) * 1000).toLocaleString()}
        {channel.signer !== zeroAddress && " · session key"}
      </p>
      <meter className="meter-native" min={0} max={100} value={Math.min(100, pct)} aria-label="Deposit spent">
        {pct}%
      </meter>
      {channel.state === "open" && (
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
            onClick={() =>
              tx.run("Extend by 24 h", () =>
                extendChannel(
                  config,
                  params,
                  BigInt(Math.max(nowSeconds(), Number(channel.expiry)) + 86_400),
                ),
              )
            }
          >
            Extend 24 h
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
      {amount && !amount.ok && <span className="error-text">{amount.error}</span>}
      <TxStatus state={tx.state} />
      {channel.state === "open" && !expired && node && (
        <CallPanel
          channel={channel}
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
    const cumulative = nextCumulative(channel.id as Hex, props.spent, BigInt(q.price));
    if (cumulative > deposit)
      return setError(
        `This call needs ${formatPrice(cumulative - deposit, currency)} more than the deposit. Top the channel up first.`,
      );
    if (session && cumulative > sessionLimit(channel.signer))
      return setError("This call would pass the session's spending limit.");
    const voucher = {
      chainId,
      contract: contracts.channels.address,
      channelId: channel.id as Hex,
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
