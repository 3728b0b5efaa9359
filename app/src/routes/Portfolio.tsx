import { useQuery } from "@tanstack/react-query";
import { useId, useState } from "react";
import type { Address } from "viem";
import { useAccount, useConfig } from "wagmi";
import { ConnectWalletPrompt, Empty, RowSkeletons } from "../components/Skeleton.js";
import { TxStatus } from "../components/TxStatus.js";
import { currencies, currencyOf } from "../contracts.js";
import { useTransaction } from "../hooks/useTransaction.js";
import { cancelListing, releaseRoyalties, updateListing, withdrawCredits } from "../lib/actions.js";
import { portfolioQuery } from "../lib/portfolio.js";
import { formatPrice, parseAmount, shortAddress } from "../lib/price.js";
import type { CreditRow, ListingRow } from "../lib/queries.js";
import { href, type Route, replaceQuery } from "../router.js";

const TABS = [
  { key: "licenses", label: "Licenses" },
  { key: "listings", label: "My listings" },
  { key: "sales", label: "Sales & royalties" },
  { key: "credits", label: "Credits" },
] as const;

export default function Portfolio({ route }: { route: Route }) {
  const { address } = useAccount();
  const tab = TABS.find((t) => t.key === route.query.get("tab"))?.key ?? "licenses";
  const q = useQuery(portfolioQuery(address));
  if (!address) return <ConnectWalletPrompt title="Connect a wallet to see your portfolio." />;
  const d = q.data;
  return (
    <section>
      <div className="page-head">
        <h1>Portfolio</h1>
        <p className="lede">
          <code>{address}</code>
        </p>
      </div>
      <div className="tabs" role="tablist" aria-label="Portfolio sections">
        {TABS.map((t) => (
          <button
            key={t.key}
            type="button"
            role="tab"
            aria-selected={tab === t.key}
            onClick={() => replaceQuery({ tab: t.key })}
          >
            {t.label}
            {d && t.key === "licenses" ? ` (${d.holdings.totalCount})` : ""}
            {d && t.key === "listings" ? ` (${d.listings.totalCount})` : ""}
          </button>
        ))}
      </div>
      {q.isPending ? (
        <RowSkeletons />
      ) : !d ? (
        <Empty title="Your portfolio could not be loaded.">
          <p>{(q.error as Error | null)?.message}</p>
        </Empty>
      ) : tab === "licenses" ? (
        d.holdings.items.length === 0 ? (
          <Empty title="You hold no license yet.">
            <a href="#/">Browse the catalogue</a>
          </Empty>
        ) : (
          <div className="table-wrap" data-testid="holdings">
            <table>
              <thead>
                <tr>
                  <th>AIM</th>
                  <th>Licenses</th>
                  <th>Creator</th>
                </tr>
              </thead>
              <tbody>
                {d.holdings.items.map((h) => (
                  <tr key={h.aimId}>
                    <td>
                      <a href={href(`/aim/${h.aimId}`)}>{h.aim?.name ?? `AIM #${h.aimId}`}</a>{" "}
                      {h.aim?.manifestVersion && <span className="hint">v{h.aim.manifestVersion}</span>}
                    </td>
                    <td>{h.balance}</td>
                    <td>
                      <code>{shortAddress(h.aim?.creator ?? "")}</code>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )
      ) : tab === "listings" ? (
        d.listings.items.length === 0 ? (
          <Empty title="You have no active listing.">
            <a href="#/publish">Publish and list an AIM</a>
          </Empty>
        ) : (
          <ul className="feed" data-testid="my-listings">
            {d.listings.items.map((l) => (
              <MyListing key={l.id} listing={l} name={l.aim?.name ?? `AIM #${l.aimId}`} />
            ))}
          </ul>
        )
      ) : tab === "sales" ? (
        <>
          <div className="grid2">
            {d.accountStats.items.length === 0 ? (
              <p className="hint">No sales or royalties yet.</p>
            ) : (
              d.accountStats.items.map((s) => {
                const c = currencyOf(s.currency);
                return (
                  <div className="panel" key={s.currency}>
                    <h3>{c.symbol}</h3>
                    <dl className="stats">
                      <div>
                        <dt>Sold</dt>
                        <dd>
                          {s.soldCount} · {formatPrice(BigInt(s.soldProceeds), c)}
                        </dd>
                      </div>
                      <div>
                        <dt>Royalties</dt>
                        <dd>{formatPrice(BigInt(s.royaltiesEarned), c)}</dd>
                      </div>
                      <div>
                        <dt>Calls earned</dt>
                        <dd>{formatPrice(BigInt(s.channelEarned), c)}</dd>
                      </div>
                      <div>
                        <dt>Bought</dt>
                        <dd>
                          {s.boughtCount} · {formatPrice(BigInt(s.boughtVolume), c)}
                        </dd>
                      </div>
                    </dl>
                  </div>
                );
              })
            )}
          </div>
          <h3>Royalty splitters you created</h3>
          {d.splitters.items.length === 0 ? (
            <p className="hint">None.</p>
          ) : (
            d.splitters.items.map((s) => <SplitterRow key={s.id} splitter={s.id} account={address} />)
          )}
          <h3>Recent sales</h3>
          {d.sold.items.length === 0 ? (
            <p className="hint">Nothing sold yet.</p>
          ) : (
            <div className="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th>AIM</th>
                    <th>Qty</th>
                    <th>Total</th>
                    <th>You received</th>
                    <th>Buyer</th>
                  </tr>
                </thead>
                <tbody>
                  {d.sold.items.map((s) => (
                    <tr key={s.id}>
                      <td>
                        <a href={href(`/aim/${s.aimId}`)}>#{s.aimId}</a>
                      </td>
                      <td>{s.quantity}</td>
                      <td>{formatPrice(BigInt(s.totalPrice), currencyOf(s.currency))}</td>
                      <td>{formatPrice(BigInt(s.sellerProceeds), currencyOf(s.currency))}</td>
                      <td>
                        <code>{shortAddress(s.buyer)}</code>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      ) : d.credits.items.length === 0 ? (
        <Empty title="No credits to withdraw.">
          Royalties and failed payouts credited to you by the marketplace or channels appear here.
        </Empty>
      ) : (
        <ul className="feed">
          {d.credits.items.map((c) => (
            <CreditItem key={`${c.contract}-${c.currency}`} credit={c} account={address} />
          ))}
        </ul>
      )}
    </section>
  );
}

function MyListing({ listing, name }: { listing: ListingRow; name: string }) {
  const id = useId();
  const config = useConfig();
  const update = useTransaction();
  const cancel = useTransaction();
  const currency = currencyOf(listing.currency);
  const [priceText, setPriceText] = useState("");
  const parsed = priceText ? parseAmount(priceText, currency.decimals) : null;
  const key = { tokenId: BigInt(listing.tokenId), currency: listing.currency };
  return (
    <li>
      <span>
        <a href={href(`/aim/${listing.aimId}`)}>{name}</a> ·{" "}
        {formatPrice(BigInt(listing.pricePerUnit), currency)} · {listing.remaining} of {listing.quantity} left
      </span>
      <span className="row">
        <label htmlFor={`${id}-p`} className="sr-only">
          New price ({currency.symbol})
        </label>
        <input
          id={`${id}-p`}
          className="narrow"
          placeholder={`New price (${currency.symbol})`}
          value={priceText}
          onChange={(e) => setPriceText(e.target.value)}
          aria-invalid={parsed ? !parsed.ok : false}
        />
        <button
          type="button"
          className="button small"
          disabled={!parsed?.ok || parsed.value === 0n}
          onClick={() =>
            parsed?.ok &&
            update.run("Update price", () =>
              updateListing(config, key, parsed.value, BigInt(listing.remaining), BigInt(listing.expiry)),
            )
          }
        >
          Update price
        </button>
        <button
          type="button"
          className="button small danger"
          onClick={() => cancel.run("Cancel listing", () => cancelListing(config, key))}
        >
          Cancel listing
        </button>
      </span>
      {parsed && !parsed.ok && <span className="error-text">{parsed.error}</span>}
      <TxStatus state={update.state} />
      <TxStatus state={cancel.state} />
    </li>
  );
}

function SplitterRow({ splitter, account }: { splitter: Address; account: Address }) {
  const config = useConfig();
  const tx = useTransaction();
  return (
    <div className="row">
      <code>{shortAddress(splitter)}</code>
      {currencies.map((c) => (
        <button
          key={c.address}
          type="button"
          className="button small"
          onClick={() =>
            tx.run(`Release ${c.symbol} royalties`, () =>
              releaseRoyalties(config, splitter, c.address, account),
            )
          }
        >
          Release {c.symbol}
        </button>
      ))}
      <TxStatus state={tx.state} />
    </div>
  );
}

function CreditItem({ credit, account }: { credit: CreditRow; account: Address }) {
  const config = useConfig();
  const tx = useTransaction();
  const c = currencyOf(credit.currency);
  const contract = credit.contract.toLowerCase().includes("channel") ? "channels" : "market";
  return (
    <li>
      <span>
        {formatPrice(BigInt(credit.balance), c)} from{" "}
        {contract === "market" ? "the marketplace" : "payment channels"}
      </span>
      <button
        type="button"
        className="button small primary"
        onClick={() =>
          tx.run(`Withdraw ${c.symbol}`, () => withdrawCredits(config, contract, credit.currency, account))
        }
      >
        Withdraw
      </button>
      <TxStatus state={tx.state} />
    </li>
  );
}
