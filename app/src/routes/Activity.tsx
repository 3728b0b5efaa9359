import { useQuery } from "@tanstack/react-query";
import { Empty, RowSkeletons } from "../components/Skeleton.js";
import { currencyOf } from "../deployment.js";
import { request } from "../lib/graphql.js";
import { formatPrice, shortAddress } from "../lib/price.js";
import { ACTIVITY, type ActivityRow } from "../lib/queries.js";
import { href, replaceQuery, useRoute } from "../router.js";

const KINDS: Record<string, string[]> = {
  all: ["sale", "listing", "listing_updated", "listing_cancelled", "claim", "publish", "channel_opened"],
  sales: ["sale"],
  listings: ["listing", "listing_updated", "listing_cancelled"],
  claims: ["claim"],
};

function describe(a: ActivityRow): string {
  const c = a.currency ? currencyOf(a.currency) : undefined;
  const amount = a.amount && c ? formatPrice(BigInt(a.amount), c) : "";
  // The AIM by its name, as a person knows it; its number only while the indexer has no row for it.
  const aim = a.aim?.name ?? (a.aimId ? `AIM #${a.aimId}` : "");
  switch (a.kind) {
    case "sale":
      return `${shortAddress(a.account)} bought ${a.quantity ?? ""} × ${aim} for ${amount}`;
    case "listing":
      return `${shortAddress(a.account)} listed ${a.quantity ?? ""} × ${aim} at ${amount}`;
    case "listing_updated":
      return `${shortAddress(a.account)} repriced ${aim} to ${amount}`;
    case "listing_cancelled":
      return `${shortAddress(a.account)} cancelled a listing of ${aim}`;
    case "claim":
      return `A node claimed ${amount} for calls to ${aim}`;
    case "publish":
      return `${shortAddress(a.account)} published ${aim}`;
    case "channel_opened":
      return `${shortAddress(a.account)} opened a channel for ${aim} with ${amount}`;
    default:
      return `${a.kind} ${aim}`;
  }
}

export default function Activity() {
  const route = useRoute();
  const filter = route.query.get("kind") ?? "all";
  const kinds = KINDS[filter] ?? (KINDS.all as string[]);
  // A live feed: the indexer is polled every 2 s (a sale shows up within a block or two).
  const q = useQuery({
    queryKey: ["activity", filter],
    queryFn: () => request(ACTIVITY, { kinds, limit: 50 }),
    refetchInterval: 2_000,
  });
  return (
    <section>
      <div className="page-head">
        <h1>Activity</h1>
        <p className="lede">Sales, listings and claims as they happen.</p>
      </div>
      <div className="tabs" role="tablist" aria-label="Activity kinds">
        {Object.keys(KINDS).map((k) => (
          <button
            key={k}
            type="button"
            role="tab"
            aria-selected={filter === k}
            onClick={() => replaceQuery({ kind: k })}
          >
            {k[0]?.toUpperCase()}
            {k.slice(1)}
          </button>
        ))}
      </div>
      {q.isPending ? (
        <RowSkeletons />
      ) : !q.data ? (
        <Empty title="The feed could not be loaded.">
          <p>{(q.error as Error | null)?.message}</p>
        </Empty>
      ) : q.data.activitys.items.length === 0 ? (
        <Empty title="Nothing has happened yet." />
      ) : (
        <ul className="feed" aria-live="polite">
          {q.data.activitys.items.map((a) => (
            <li key={a.id}>
              <span className="badge">{a.kind.replace("_", " ")}</span>
              {a.aimId ? <a href={href(`/aim/${a.aimId}`)}>{describe(a)}</a> : <span>{describe(a)}</span>}
              <time dateTime={new Date(Number(a.timestamp) * 1000).toISOString()}>
                {new Date(Number(a.timestamp) * 1000).toLocaleTimeString()}
              </time>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
