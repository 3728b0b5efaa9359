import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useEffect, useId, useState } from "react";
import { CardSkeletons, Empty } from "../components/Skeleton.js";
import { currencies, currencyOf } from "../deployment.js";
import { type CatalogueFilters, fetchCatalogue, type SortKey } from "../lib/catalogue.js";
import { formatMicroUsdc, formatPrice, parseAmount, shortAddress } from "../lib/price.js";
import { href, type Route, replaceQuery } from "../router.js";

const SORTS: { key: SortKey; label: string }[] = [
  { key: "recent", label: "Most recent" },
  { key: "price", label: "Lowest price" },
  { key: "sold", label: "Most sold" },
];

function filtersFrom(route: Route): CatalogueFilters & { minText: string; maxText: string } {
  const q = route.query;
  const currency = q.get("currency") ?? "";
  const decimals = currencyOf(currency).decimals;
  const minText = q.get("min") ?? "";
  const maxText = q.get("max") ?? "";
  const min = minText ? parseAmount(minText, decimals) : undefined;
  const max = maxText ? parseAmount(maxText, decimals) : undefined;
  const sort = q.get("sort");
  return {
    q: q.get("q") ?? "",
    currency,
    minText,
    maxText,
    minPrice: min?.ok ? min.value : undefined,
    maxPrice: max?.ok ? max.value : undefined,
    listed: q.get("listed") === "1",
    onNode: q.get("node") === "1",
    sort: sort === "price" || sort === "sold" ? sort : "recent",
    page: Math.max(0, Number(q.get("page") ?? "1") - 1 || 0),
  };
}

export function Catalogue({ route }: { route: Route }) {
  const f = filtersFrom(route);
  const id = useId();
  // The search box updates the URL after a short pause, so typing stays smooth.
  const [text, setText] = useState(f.q);
  const update = (patch: Record<string, string | number | undefined>) =>
    replaceQuery({
      q: f.q,
      currency: f.currency,
      min: f.minText,
      max: f.maxText,
      listed: f.listed ? "1" : undefined,
      node: f.onNode ? "1" : undefined,
      sort: f.sort === "recent" ? undefined : f.sort,
      page: undefined,
      ...patch,
    });
  // biome-ignore lint/correctness/useExhaustiveDependencies: only the typed text drives this
  useEffect(() => {
    if (text === f.q) return;
    const t = setTimeout(() => update({ q: text }), 250);
    return () => clearTimeout(t);
  }, [text]);

  const { minText: _a, maxText: _b, ...filters } = f;
  const result = useQuery({
    queryKey: [
      "catalogue",
      { ...filters, minPrice: f.minPrice?.toString(), maxPrice: f.maxPrice?.toString() },
    ],
    queryFn: ({ signal }) => fetchCatalogue(filters, signal),
    placeholderData: keepPreviousData,
  });
  const decimals = currencyOf(f.currency).decimals;
  const minError = f.minText && !parseAmount(f.minText, decimals).ok;
  const maxError = f.maxText && !parseAmount(f.maxText, decimals).ok;

  return (
    <section aria-labelledby={`${id}-title`}>
      <div className="page-head">
        <h1 id={`${id}-title`}>AIMs</h1>
        <p className="lede">AI modules you can license, resell and call on HyperBox nodes.</p>
      </div>
      <form className="filters" onSubmit={(e) => e.preventDefault()} aria-label="Filter AIMs">
        <div className="field grow">
          <label htmlFor={`${id}-q`}>Search</label>
          <input
            id={`${id}-q`}
            type="search"
            placeholder="Name, description, tag…"
            value={text}
            onChange={(e) => setText(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-cur`}>Currency</label>
          <select
            id={`${id}-cur`}
            value={f.currency}
            onChange={(e) => update({ currency: e.target.value, min: undefined, max: undefined })}
          >
            <option value="">Any</option>
            {currencies.map((c) => (
              <option key={c.address} value={c.address}>
                {c.symbol}
              </option>
            ))}
          </select>
        </div>
        <div className="field narrow">
          <label htmlFor={`${id}-min`}>Min price</label>
          <input
            id={`${id}-min`}
            inputMode="decimal"
            disabled={!f.currency}
            title={f.currency ? undefined : "Pick a currency to filter by price"}
            defaultValue={f.minText}
            key={`min-${f.currency}`}
            onChange={(e) => update({ min: e.target.value })}
            aria-invalid={Boolean(minError)}
          />
        </div>
        <div className="field narrow">
          <label htmlFor={`${id}-max`}>Max price</label>
          <input
            id={`${id}-max`}
            inputMode="decimal"
            disabled={!f.currency}
            title={f.currency ? undefined : "Pick a currency to filter by price"}
            defaultValue={f.maxText}
            key={`max-${f.currency}`}
            onChange={(e) => update({ max: e.target.value })}
            aria-invalid={Boolean(maxError)}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-sort`}>Sort by</label>
          <select id={`${id}-sort`} value={f.sort} onChange={(e) => update({ sort: e.target.value })}>
            {SORTS.map((s) => (
              <option key={s.key} value={s.key}>
                {/* Prices in different currencies do not compare: the indexer sorts by the ETH floor
                    unless a currency is picked. */}
                {s.key === "price" && !f.currency ? `${s.label} (ETH)` : s.label}
              </option>
            ))}
          </select>
        </div>
        <div className="checks">
          <label className="check">
            <input
              type="checkbox"
              checked={f.listed}
              onChange={(e) => update({ listed: e.target.checked ? "1" : undefined })}
            />{" "}
            Has a listing
          </label>
          <label className="check">
            <input
              type="checkbox"
              checked={f.onNode}
              onChange={(e) => update({ node: e.target.checked ? "1" : undefined })}
            />{" "}
            Runs on a node
          </label>
        </div>
        {(minError || maxError) && <p className="error-text">Prices use digits and one dot, e.g. 0.05.</p>}
      </form>

      {result.isPending ? (
        <CardSkeletons />
      ) : result.isError && !result.data ? (
        <Empty title="The catalogue could not be loaded.">
          <p>{(result.error as Error).message} Your filters are kept; we will retry.</p>
          <button type="button" className="button" onClick={() => result.refetch()}>
            Retry now
          </button>
        </Empty>
      ) : result.data && result.data.items.length === 0 ? (
        <Empty
          title={
            f.q || f.currency || f.listed || f.onNode
              ? "No AIM matches these filters."
              : "No AIM has been published yet."
          }
        >
          <p>
            {f.q || f.currency || f.listed || f.onNode ? (
              <a href="#/">Clear the filters</a>
            ) : (
              <a href="#/publish">Publish the first one</a>
            )}
          </p>
        </Empty>
      ) : result.data ? (
        <>
          <p className="count" aria-live="polite">
            {result.data.total} AIM{result.data.total === 1 ? "" : "s"}
            {result.isFetching ? " · updating…" : ""}
          </p>
          <ul className="cards">
            {result.data.items.map((aim) => (
              <li key={aim.id} className="card">
                <a className="card-link" href={href(`/aim/${aim.id}`)}>
                  <h2>{aim.name ?? `AIM #${aim.id}`}</h2>
                </a>
                <p className="meta">
                  {aim.manifestVersion ? `v${aim.manifestVersion}` : "no manifest"} ·{" "}
                  {aim.author ?? shortAddress(aim.creator)}
                </p>
                {aim.description && <p className="desc">{aim.description}</p>}
                <dl className="stats">
                  <div>
                    <dt>Floor</dt>
                    <dd>
                      {aim.floors.length === 0
                        ? "Not listed"
                        : aim.floors.map((fl) => formatPrice(fl.price, currencyOf(fl.currency))).join(" · ")}
                    </dd>
                  </div>
                  <div>
                    <dt>Sales</dt>
                    <dd>{aim.salesCount}</dd>
                  </div>
                  {aim.minPricePerCall && (
                    <div>
                      <dt>Per call</dt>
                      <dd>from {formatMicroUsdc(BigInt(aim.minPricePerCall))}</dd>
                    </div>
                  )}
                </dl>
              </li>
            ))}
          </ul>
          {result.data.pages > 1 && (
            <nav className="pager" aria-label="Pages">
              <button
                type="button"
                className="button ghost"
                disabled={f.page === 0}
                onClick={() => update({ page: f.page })}
              >
                Previous
              </button>
              <span>
                Page {f.page + 1} of {result.data.pages}
              </span>
              <button
                type="button"
                className="button ghost"
                disabled={f.page + 1 >= result.data.pages}
                onClick={() => update({ page: f.page + 2 })}
              >
                Next
              </button>
            </nav>
          )}
        </>
      ) : null}
    </section>
  );
}
