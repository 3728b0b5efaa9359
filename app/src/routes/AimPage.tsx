import { useQuery } from "@tanstack/react-query";
import { lazy, Suspense, useId, useState } from "react";
import { CardanoListingsSlot } from "../cardano/slots.js";
import { BuyPanel } from "../components/BuyPanel.js";
import { Empty, PageSkeleton } from "../components/Skeleton.js";
import { currencies, currencyOf } from "../deployment.js";
import { chartPoints } from "../lib/chart.js";
import { request } from "../lib/graphql.js";
import { groupListingsByCurrency } from "../lib/listings.js";
import { formatBps, formatMicroUsdc, formatPrice, shortAddress } from "../lib/price.js";
import {
  AIM_PAGE,
  type AimDetail,
  type OfferRow,
  type SaleRow,
  type SplitterRow,
  stringsOf,
} from "../lib/queries.js";
import { href, type Route } from "../router.js";

const SalesChart = lazy(() => import("../components/SalesChart.js"));

interface Endpoint {
  uri: string;
  methods?: string[];
  currency?: string;
  price_per_call?: { estimated_cost?: number; min?: number; max?: number };
  documentation?: string;
}

const nowSeconds = () => String(Math.floor(Date.now() / 1000));
/** Whether calls to this offer can be paid: the offer stands, its operator holds a license, its node is up. */
const offerAvailable = (o: OfferRow): boolean => o.active && Boolean(o.node?.active);

export default function AimPage({ aimId }: { aimId: string; route: Route }) {
  const uid = useId();
  const valid = /^\d+$/.test(aimId);
  const q = useQuery({
    queryKey: ["aim", aimId],
    queryFn: () => request(AIM_PAGE, { id: aimId, now: nowSeconds() }),
    enabled: valid,
    refetchInterval: 10_000,
  });
  const [selected, setSelected] = useState<string | null>(null);
  if (!valid)
    return (
      <Empty title={`"${aimId}" is not an AIM id.`}>
        <a href="#/">Back to the catalogue</a>
      </Empty>
    );
  if (q.isPending) return <PageSkeleton />;
  if (q.isError && !q.data)
    return (
      <Empty title="This AIM could not be loaded.">
        <p>{(q.error as Error).message}</p>
        <button type="button" className="button" onClick={() => q.refetch()}>
          Retry
        </button>
      </Empty>
    );
  const data = q.data;
  const aim = data?.aim;
  if (!aim)
    return (
      <Empty title={`AIM #${aimId} does not exist (yet).`}>
        <p>If you just published it, it appears as soon as the indexer catches up.</p>
      </Empty>
    );
  const endpoints = (aim.endpoints ?? []) as Endpoint[];
  const latest = data.aimVersions.items[0]?.manifest as Record<string, unknown> | null | undefined;
  const docs = typeof latest?.documentation_url === "string" ? latest.documentation_url : undefined;
  const listings = data.listings.items;
  // Per currency, cheapest first: the default choice is the cheapest listing of the first currency.
  const groups = groupListingsByCurrency(listings, currencyOf, currencies);
  const chosen = listings.find((l) => l.id === selected) ?? groups[0]?.listings[0];
  const saleLabel = (s: SaleRow) =>
    `${s.quantity} for ${formatPrice(BigInt(s.totalPrice), currencyOf(s.currency))} on ${new Date(Number(s.timestamp) * 1000).toLocaleString()}`;
  const splitter = data.splitters.items[0];

  return (
    <article>
      <div className="page-head">
        <p className="meta">
          <a href="#/">Catalogue</a> / AIM #{aim.id}
        </p>
        <h1>{aim.name ?? `AIM #${aim.id}`}</h1>
        <p className="lede">
          {aim.manifestVersion && <>v{aim.manifestVersion} · </>}by {aim.author ?? shortAddress(aim.creator)}{" "}
          · creator <code>{shortAddress(aim.creator)}</code>
          {!aim.manifestValid && <span className="badge"> manifest invalid</span>}
        </p>
      </div>
      <div className="grid-main">
        <div>
          <section className="panel" aria-labelledby={`${uid}-about`}>
            <h2 id={`${uid}-about`}>About</h2>
            {aim.description ? <p>{aim.description}</p> : <p className="hint">No description.</p>}
            {aim.manifestError && <p className="error-text">Manifest problem: {aim.manifestError}</p>}
            <dl className="stats">
              <div>
                <dt>License</dt>
                <dd>{aim.license ?? "—"}</dd>
              </div>
              <div>
                <dt>Supply</dt>
                <dd>
                  {aim.totalSupply}
                  {BigInt(aim.maxSupply) > 0n ? ` / ${aim.maxSupply}` : " (unlimited)"}
                </dd>
              </div>
              <div>
                <dt>Holders</dt>
                <dd>{aim.holders}</dd>
              </div>
              <div>
                <dt>Sales</dt>
                <dd>{aim.salesCount}</dd>
              </div>
            </dl>
            {docs && (
              <p>
                <a href={docs} rel="noopener noreferrer" target="_blank">
                  Documentation ↗
                </a>
              </p>
            )}
          </section>

          <section className="panel" aria-labelledby={`${uid}-endpoints`}>
            <h2 id={`${uid}-endpoints`}>Endpoints</h2>
            {endpoints.length === 0 ? (
              <p className="hint">The manifest lists no endpoint.</p>
            ) : (
              <div className="table-wrap">
                <table>
                  <thead>
                    <tr>
                      <th>Endpoint</th>
                      <th>Methods</th>
                      <th>Price per call</th>
                      <th>Range</th>
                    </tr>
                  </thead>
                  <tbody>
                    {endpoints.map((e) => (
                      <tr key={e.uri}>
                        <td>
                          <code>{e.uri}</code>
                          {e.documentation && <div className="hint">{e.documentation}</div>}
                        </td>
                        <td>{e.methods?.join(", ")}</td>
                        <td>
                          {e.price_per_call?.estimated_cost !== undefined
                            ? formatMicroUsdc(e.price_per_call.estimated_cost)
                            : "—"}{" "}
                          {e.currency}
                        </td>
                        <td className="hint">
                          {e.price_per_call?.min !== undefined && e.price_per_call.max !== undefined
                            ? `${formatMicroUsdc(e.price_per_call.min)}–${formatMicroUsdc(e.price_per_call.max)}`
                            : ""}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>

          <section className="panel" aria-labelledby={`${uid}-history`}>
            <h2 id={`${uid}-history`}>Sales history</h2>
            <Suspense fallback={<div className="sk sk-block" />}>
              <SalesChart points={chartPoints(data.sales.items, saleLabel)} />
            </Suspense>
          </section>

          <section className="panel" aria-labelledby={`${uid}-nodes`}>
            <h2 id={`${uid}-nodes`}>Runs on</h2>
            {data.offers.items.length === 0 ? (
              <p className="hint">No HyperBox node serves this AIM yet.</p>
            ) : (
              <div className="table-wrap">
                <table>
                  <thead>
                    <tr>
                      <th>Node</th>
                      <th>Region</th>
                      <th>Price per call</th>
                      <th />
                    </tr>
                  </thead>
                  <tbody>
                    {[
                      ...data.offers.items.filter(offerAvailable),
                      ...data.offers.items.filter((o) => !offerAvailable(o)),
                    ].map((o) => (
                      <tr key={o.nodeId} data-testid={`offer-${o.nodeId}`}>
                        <td>
                          #{o.nodeId} <code>{o.node?.endpoint}</code>
                          <div className="hint">operator {shortAddress(o.node?.operator ?? "")}</div>
                        </td>
                        <td>{o.node?.region}</td>
                        <td>{formatPrice(BigInt(o.pricePerCall), currencyOf(o.currency))}</td>
                        <td>
                          {offerAvailable(o) ? (
                            <a
                              className="button small"
                              href={href("/channels", { aim: aim.id, node: o.nodeId })}
                            >
                              Call
                            </a>
                          ) : (
                            <span
                              className="badge"
                              title="Its operator no longer holds a license of this AIM (or the offer was withdrawn): it cannot be paid for calls."
                            >
                              Unavailable
                            </span>
                          )}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>

          <section className="panel" aria-labelledby={`${uid}-versions`}>
            <h2 id={`${uid}-versions`}>Versions</h2>
            <ul className="feed">
              {data.aimVersions.items.map((v) => (
                <li key={v.version}>
                  <strong>#{v.version}</strong> {v.manifestVersion && <span>v{v.manifestVersion}</span>}
                  {!v.manifestValid && <span className="badge">invalid</span>}
                  <code className="hint">{v.manifestHash.slice(0, 18)}…</code>
                  <time>{new Date(Number(v.publishedAt) * 1000).toLocaleString()}</time>
                </li>
              ))}
            </ul>
          </section>
        </div>

        <aside>
          <section className="panel" aria-labelledby={`${uid}-buy`}>
            <h2 id={`${uid}-buy`}>Buy a license</h2>
            {listings.length === 0 ? (
              <p className="hint">No active listing. Check back later or ask the creator.</p>
            ) : (
              <>
                <div className="field">
                  <label htmlFor={`${uid}-listing-select`}>Listing</label>
                  <select
                    id={`${uid}-listing-select`}
                    value={chosen?.id}
                    onChange={(e) => setSelected(e.target.value)}
                  >
                    {groups.map((g) => (
                      <optgroup
                        key={g.currency.address}
                        label={`${g.currency.symbol}: ${g.listings.length} listing${g.listings.length === 1 ? "" : "s"}, cheapest first`}
                      >
                        {g.listings.map((l) => (
                          <option key={l.id} value={l.id}>
                            {formatPrice(BigInt(l.pricePerUnit), g.currency)} · {l.remaining} left ·{" "}
                            {shortAddress(l.seller)}
                          </option>
                        ))}
                      </optgroup>
                    ))}
                  </select>
                </div>
                {chosen && (
                  <BuyPanel
                    key={chosen.id}
                    listing={chosen}
                    royaltyBps={aim.royaltyBps}
                    onDone={() => q.refetch()}
                  />
                )}
              </>
            )}
          </section>
          <RoyaltyPanel aim={aim} splitter={splitter} />
          <CardanoListingsSlot
            aim={{
              id: aim.id,
              shortName: typeof latest?.short_name === "string" ? latest.short_name : null,
              manifest: latest,
            }}
          />
        </aside>
      </div>
    </article>
  );
}

function RoyaltyPanel({ aim, splitter }: { aim: AimDetail; splitter?: SplitterRow }) {
  const uid = useId();
  // A per-call royalty increase takes effect CALL_FEE_NOTICE (7 days) after it was announced.
  const at = aim.pendingCallFeeAt ? BigInt(aim.pendingCallFeeAt) : 0n;
  const pending =
    aim.pendingCallFeeBps != null && at > 0n
      ? {
          bps: aim.pendingCallFeeBps,
          date: new Date(Number(at) * 1000).toLocaleString(),
          inForce: at <= BigInt(nowSeconds()),
        }
      : null;
  return (
    <section className="panel" aria-labelledby={`${uid}-royalties`}>
      <h2 id={`${uid}-royalties`}>Royalties</h2>
      <p>
        {formatBps(aim.royaltyBps)} of every sale,{" "}
        {formatBps(pending?.inForce ? pending.bps : aim.callFeeBps)} of every paid call, to{" "}
        <code>{shortAddress(aim.royaltyReceiver)}</code>
        {splitter ? " (a royalty splitter)" : ""}.
      </p>
      {pending && (
        <p className="hint" data-testid="pending-call-fee">
          {pending.inForce
            ? `The per-call royalty rose to ${formatBps(pending.bps)} on ${pending.date} (announced in advance).`
            : `The creator raised the per-call royalty to ${formatBps(pending.bps)} from ${pending.date}; until then ${formatBps(aim.callFeeBps)} applies.`}{" "}
          It is taken from what a node claims, at the rate in force at each claim.
        </p>
      )}
      {splitter && (
        <table>
          <thead>
            <tr>
              <th>Payee</th>
              <th>Share</th>
            </tr>
          </thead>
          <tbody>
            {stringsOf(splitter.payees).map((p, i) => (
              <tr key={p}>
                <td>
                  <code>{shortAddress(p)}</code>
                </td>
                <td>
                  {(
                    (Number(stringsOf(splitter.shares)[i] ?? 0) / Number(splitter.totalShares || 1)) *
                    100
                  ).toFixed(1)}
                  %
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
