// The AIM page's Cardano panel: the AIM's listings at the market script (cheapest first), a Buy button per
// listing (Cancel on the wallet's own), and a form to list the licenses the connected wallet holds. Everything goes through sdk/cardano
// (app/src/cardano/market.ts). A lazy chunk, rendered only when VITE_CARDANO_NETWORK is set.
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useId, useState } from "react";
import { type CardanoEnv, cardanoEnv } from "./config.js";
import { type CardanoStage, cardanoErrorMessage } from "./errors.js";
import {
  aimListings,
  aimPolicy,
  buyListing,
  type CardanoAim,
  cancelListing,
  heldLicenses,
  type ListingRow,
  listLicenses,
} from "./market.js";
import { formatAda, readLucid, refreshBalance, shortCardanoAddress, useCardanoSession } from "./session.js";
import "./cardano.css";

const policyKey = (aim: CardanoAim) => {
  const policy = aimPolicy(aim);
  return policy ? `${policy.policyId}.${policy.assetName ?? ""}` : "";
};

type Action =
  | { status: "idle" }
  | { status: "working"; text: string }
  | { status: "done"; text: string }
  | { status: "failed"; text: string };

export interface CardanoListingsProps {
  aim: CardanoAim;
  env?: CardanoEnv;
}

export default function CardanoListings({ aim, env = cardanoEnv() }: CardanoListingsProps) {
  const uid = useId();
  const session = useCardanoSession();
  const client = useQueryClient();
  const [action, setAction] = useState<Action>({ status: "idle" });
  const wallet = session.status === "connected" ? session : undefined;
  const walletName = wallet?.walletName ?? "your wallet";

  const listings = useQuery({
    queryKey: ["cardano", "listings", aim.id, aim.shortName ?? "", policyKey(aim), wallet?.address ?? ""],
    queryFn: async () => aimListings(await readLucid(env), aim),
    refetchInterval: 20_000,
    placeholderData: (previous) => previous,
    retry: false,
  });
  const held = useQuery({
    queryKey: ["cardano", "held", aim.id, aim.shortName ?? "", policyKey(aim), wallet?.address ?? ""],
    queryFn: async () => (wallet?.lucid ? heldLicenses(wallet.lucid, aim) : []),
    enabled: Boolean(wallet?.lucid),
    retry: false,
  });

  const refresh = async () => {
    await client.invalidateQueries({ queryKey: ["cardano"] });
    await refreshBalance().catch(() => undefined);
  };

  async function run(stage: CardanoStage, working: string, send: () => Promise<string>) {
    setAction({ status: "working", text: working });
    try {
      const txHash = await send();
      setAction({
        status: "done",
        text: `Submitted transaction ${txHash}. It shows here once a block includes it (about 20 s).`,
      });
      await refresh();
    } catch (error) {
      setAction({ status: "failed", text: cardanoErrorMessage(error, stage, walletName) });
    }
  }

  const onBuy = (row: ListingRow) => {
    const lucid = wallet?.lucid;
    if (!lucid) return;
    return run("buy", `Confirm the purchase of ${formatAda(row.price)} in ${walletName}…`, () =>
      buyListing(lucid, row),
    );
  };

  const onCancel = (row: ListingRow) => {
    const lucid = wallet?.lucid;
    if (!lucid) return;
    return run("cancel", `Confirm taking your listing back in ${walletName}…`, () =>
      cancelListing(lucid, row),
    );
  };

  const rows = listings.data ?? [];
  const policy = aimPolicy(aim);
  return (
    <section className="panel cardano-listings" aria-labelledby={`${uid}-title`}>
      <h2 id={`${uid}-title`}>On Cardano</h2>
      {listings.isPending ? (
        <p className="hint">Loading Cardano listings…</p>
      ) : listings.isError ? (
        <>
          <p className="error-text" role="alert">
            {cardanoErrorMessage(listings.error, "read")}
          </p>
          <button type="button" className="button small" onClick={() => listings.refetch()}>
            Retry
          </button>
        </>
      ) : !policy ? (
        <p className="hint">
          This AIM's manifest names no Cardano license policy: nothing on Cardano is shown as its license.
        </p>
      ) : rows.length === 0 ? (
        <p className="hint">No Cardano listing for this AIM.</p>
      ) : (
        <div className="table-wrap">
          <table aria-label="Cardano listings">
            <thead>
              <tr>
                <th>Price</th>
                <th>Licenses</th>
                <th>Seller</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => {
                const own = wallet?.address === row.seller;
                return (
                  <tr key={row.key}>
                    <td>
                      {formatAda(row.price)}
                      {row.sellerGets === undefined ? (
                        <div className="hint">
                          the creator has published no royalty terms: cannot be bought yet
                        </div>
                      ) : (
                        <div className="hint">
                          seller gets {formatAda(row.sellerGets)} (deposit {formatAda(row.deposit)} back), fee{" "}
                          {formatAda(row.fee)}, royalties{" "}
                          {formatAda((row.royalties ?? []).reduce((s, r) => s + r.lovelace, 0n))}
                        </div>
                      )}
                    </td>
                    <td>{row.quantity.toString()}</td>
                    <td>
                      <code title={row.seller}>{shortCardanoAddress(row.seller)}</code>
                      <div className="hint" title={row.policyId}>
                        policy {row.policyId.slice(0, 10)}…
                      </div>
                    </td>
                    <td>
                      {own ? (
                        <button
                          type="button"
                          className="button small"
                          disabled={action.status === "working"}
                          onClick={() => onCancel(row)}
                          aria-label={`Cancel your listing at ${formatAda(row.price)}`}
                        >
                          Cancel
                        </button>
                      ) : (
                        <button
                          type="button"
                          className="button small primary"
                          disabled={!wallet || row.sellerGets === undefined || action.status === "working"}
                          onClick={() => onBuy(row)}
                          aria-label={`Buy ${row.quantity} for ${formatAda(row.price)}`}
                        >
                          Buy
                        </button>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {!listings.isPending && (
        <button type="button" className="button small ghost" onClick={refresh}>
          Refresh
        </button>
      )}
      {!wallet && <p className="hint">Connect a Cardano wallet (₳ at the top) to buy or list.</p>}
      {action.status !== "idle" && (
        <p
          className={action.status === "failed" ? "error-text" : "tx-text"}
          role={action.status === "failed" ? "alert" : "status"}
        >
          {action.text}
        </p>
      )}
      {wallet?.lucid && (
        <ListForm
          held={held.data ?? []}
          loading={held.isPending}
          busy={action.status === "working"}
          onList={(form) => {
            const lucid = wallet.lucid;
            if (!lucid) return;
            return run("list", `Confirm the listing in ${walletName}…`, () =>
              listLicenses(lucid, form, held.data ?? []),
            );
          }}
        />
      )}
    </section>
  );
}

interface ListFormProps {
  held: Awaited<ReturnType<typeof heldLicenses>>;
  loading: boolean;
  busy: boolean;
  onList(form: Parameters<typeof listLicenses>[1]): void;
}

function ListForm({ held, loading, busy, onList }: ListFormProps) {
  const uid = useId();
  const [unit, setUnit] = useState("");
  const [quantity, setQuantity] = useState("1");
  const [price, setPrice] = useState("");
  if (loading) return <p className="hint">Looking for this AIM's licenses in your wallet…</p>;
  if (held.length === 0) return <p className="hint">Your Cardano wallet holds no license of this AIM.</p>;
  const chosen = unit || held[0]?.unit || "";
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onList({ unit: chosen, quantity, price });
  };
  return (
    <form className="form" onSubmit={submit} aria-labelledby={`${uid}-title`}>
      <h3 id={`${uid}-title`}>List your licenses</h3>
      <div className="field">
        <label htmlFor={`${uid}-unit`}>Licenses</label>
        <select id={`${uid}-unit`} value={chosen} onChange={(e) => setUnit(e.target.value)}>
          {held.map((h) => (
            <option key={h.unit} value={h.unit}>
              {h.quantity.toString()} held · policy {h.policyId.slice(0, 10)}…
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${uid}-qty`}>Quantity (sold together)</label>
        <input
          id={`${uid}-qty`}
          inputMode="numeric"
          value={quantity}
          onChange={(e) => setQuantity(e.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor={`${uid}-price`}>Price (ADA)</label>
        <input
          id={`${uid}-price`}
          inputMode="decimal"
          placeholder="e.g. 25"
          value={price}
          onChange={(e) => setPrice(e.target.value)}
        />
      </div>
      <p className="hint">
        The marketplace fee and the creator's royalties come out of the price (the contract enforces them);
        the min-ADA locked with the listing comes back to you when it sells.
      </p>
      <button type="submit" className="button primary" disabled={busy}>
        List on Cardano
      </button>
    </form>
  );
}
