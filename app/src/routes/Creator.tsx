// Creator analytics: what the connected account's AIMs earned it, from license sales and from paid calls, per
// AIM and currency over the last 30 or 90 days (or a given ?address=). Reads the indexer's maintained daily rows.
import { useQuery } from "@tanstack/react-query";
import { useAccount } from "wagmi";
import { RevenueChart } from "../components/RevenueChart.js";
import { ConnectWalletPrompt, Empty, RowSkeletons } from "../components/Skeleton.js";
import { currencyOf } from "../contracts.js";
import { request } from "../lib/graphql.js";
import { formatPrice } from "../lib/price.js";
import { CREATOR_REVENUE } from "../lib/queries.js";
import { revenueSeries, windowStart } from "../lib/revenue.js";
import { href, type Route, replaceQuery } from "../router.js";

const WINDOWS = [30, 90, 365] as const;

export default function Creator({ route }: { route: Route }) {
  const { address: connected } = useAccount();
  const creator = (route.query.get("address") ?? connected)?.toLowerCase();
  const days = WINDOWS.find((d) => String(d) === route.query.get("days")) ?? 30;
  const since = windowStart(Math.floor(Date.now() / 1000), days);
  const q = useQuery({
    queryKey: ["creator-revenue", creator, since],
    queryFn: () => request(CREATOR_REVENUE, { creator: creator as string, since }),
    enabled: Boolean(creator),
    refetchInterval: 10_000,
  });
  if (!creator) return <ConnectWalletPrompt title="Connect a wallet to see what your AIMs earn." />;
  const series = q.data ? revenueSeries(q.data.creatorRevenueDays.items) : [];
  return (
    <section>
      <div className="page-head">
        <h1>Creator analytics</h1>
        <p className="lede">
          Royalties your AIMs earned from license sales and paid calls, enforced on chain.{" "}
          <code>{creator}</code>
        </p>
      </div>
      <div className="tabs" role="tablist" aria-label="Window">
        {WINDOWS.map((d) => (
          <button
            key={d}
            type="button"
            role="tab"
            aria-selected={d === days}
            onClick={() => replaceQuery({ address: route.query.get("address"), days: d })}
          >
            {d} days
          </button>
        ))}
      </div>
      {q.isPending ? (
        <RowSkeletons />
      ) : q.error ? (
        <Empty title="Your revenue could not be loaded.">
          <p>{(q.error as Error).message}</p>
        </Empty>
      ) : series.length === 0 ? (
        <Empty title={`No royalties in the last ${days} days.`}>
          <a href="#/publish">Publish an AIM</a> and list licenses: every sale and every paid call pays you.
        </Empty>
      ) : (
        <div data-testid="revenue">
          {series.map((s) => {
            const currency = currencyOf(s.currency);
            return (
              <article className="panel" key={`${s.aimId}:${s.currency}`} data-testid={`revenue-${s.aimId}`}>
                <h2>
                  <a href={href(`/aim/${s.aimId}`)}>{s.name}</a>{" "}
                  <span className="hint">{currency.symbol}</span>
                </h2>
                <dl className="stats">
                  <div>
                    <dt>From sales</dt>
                    <dd>
                      {formatPrice(s.sale, currency)} · {s.sales} sale{s.sales === 1 ? "" : "s"}
                    </dd>
                  </div>
                  <div>
                    <dt>From calls</dt>
                    <dd>
                      {formatPrice(s.call, currency)} · {s.claims} claim{s.claims === 1 ? "" : "s"}
                    </dd>
                  </div>
                  <div>
                    <dt>Total</dt>
                    <dd>{formatPrice(s.sale + s.call, currency)}</dd>
                  </div>
                </dl>
                <RevenueChart days={s.days} currency={currency} />
              </article>
            );
          })}
        </div>
      )}
    </section>
  );
}
