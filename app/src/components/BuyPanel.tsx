// Buy licenses from one listing: quantity, a total with fee and royalty, the ERC-20 approval step
// when needed, and a clear message when the listing changed or sold out in the meantime.
import { useId, useState } from "react";
import type { Address } from "viem";
import { useAccount, useConfig } from "wagmi";
import { contracts, currencyOf, isEth } from "../contracts.js";
import { useTransaction } from "../hooks/useTransaction.js";
import { allowance, approveToken, buy } from "../lib/actions.js";
import { request } from "../lib/graphql.js";
import { formatPrice, shortAddress } from "../lib/price.js";
import { LISTINGS, type ListingRow } from "../lib/queries.js";
import { PriceBreakdown } from "./Price.js";
import { TxStatus } from "./TxStatus.js";
import { openWalletModal } from "./walletStore.js";

export function BuyPanel({
  listing,
  royaltyBps,
  onDone,
}: {
  listing: ListingRow;
  royaltyBps: number;
  onDone?: () => void;
}) {
  const id = useId();
  const config = useConfig();
  const { address, chain } = useAccount();
  const approval = useTransaction();
  const purchase = useTransaction();
  const [qtyText, setQtyText] = useState("1");
  const [notice, setNotice] = useState<string | null>(null);
  const currency = currencyOf(listing.currency);
  const remaining = BigInt(listing.remaining);
  const price = BigInt(listing.pricePerUnit);
  const qtyValid = /^\d+$/.test(qtyText.trim()) && BigInt(qtyText.trim()) > 0n;
  const qty = qtyValid ? BigInt(qtyText.trim()) : 0n;
  const qtyError = !qtyValid
    ? "Enter a whole number of licenses, at least 1."
    : qty > remaining
      ? `Only ${remaining} left in this listing.`
      : null;
  const own = address?.toLowerCase() === listing.seller.toLowerCase();

  async function onBuy() {
    setNotice(null);
    if (!address) return openWalletModal("connect");
    if (!chain) return openWalletModal("chain");
    if (qtyError) return;
    // The listing may have changed since the page loaded: check the indexer's latest state first.
    const fresh = await request(LISTINGS, {
      where: { seller: listing.seller, aimId: listing.aimId ?? undefined, currency: listing.currency },
      limit: 1,
    }).catch(() => null);
    const now = fresh?.listings.items.find((l) => l.id === listing.id);
    if (now && (!now.open || BigInt(now.remaining) === 0n))
      return setNotice(
        "This listing sold out or was cancelled while you were deciding. Pick another listing.",
      );
    if (now && BigInt(now.pricePerUnit) !== price)
      return setNotice(
        `The seller changed the price to ${formatPrice(BigInt(now.pricePerUnit), currency)}. Review the new total and buy again.`,
      );
    if (now && BigInt(now.remaining) < qty)
      return setNotice(`Only ${now.remaining} left now. Lower the quantity.`);
    const total = price * qty;
    if (!isEth(listing.currency)) {
      const allowed = await allowance(config, listing.currency, address, contracts.market.address).catch(
        () => 0n,
      );
      if (allowed < total) {
        const ok = await approval.run(`Approve ${formatPrice(total, currency)}`, () =>
          approveToken(config, listing.currency, contracts.market.address, total),
        );
        if (!ok) return;
      }
    }
    const receipt = await purchase.run(`Buy ${qty} license${qty === 1n ? "" : "s"}`, () =>
      buy(
        config,
        { seller: listing.seller, tokenId: BigInt(listing.tokenId), currency: listing.currency },
        qty,
        price,
      ),
    );
    if (receipt) onDone?.();
  }

  const needsApproval = !isEth(listing.currency);
  return (
    <div className="buy" data-testid={`buy-${listing.id}`}>
      <p className="meta">
        {formatPrice(price, currency)} each · {remaining.toString()} left · seller{" "}
        {shortAddress(listing.seller)}
      </p>
      <div className="row">
        <div className={`field narrow${qtyError && qtyText ? " invalid" : ""}`}>
          <label htmlFor={`${id}-qty`}>Quantity</label>
          <input
            id={`${id}-qty`}
            inputMode="numeric"
            value={qtyText}
            onChange={(e) => setQtyText(e.target.value)}
            aria-invalid={Boolean(qtyError)}
            aria-describedby={`${id}-qty-msg`}
          />
        </div>
        <button
          type="button"
          className="button primary"
          disabled={
            own ||
            Boolean(qtyError) ||
            approval.state.status === "wallet" ||
            purchase.state.status === "wallet" ||
            purchase.state.status === "pending" ||
            purchase.state.status === "mined"
          }
          onClick={onBuy}
        >
          {!address
            ? "Connect wallet to buy"
            : own
              ? "Your listing"
              : needsApproval
                ? `Approve & buy in ${currency.symbol}`
                : `Buy for ${formatPrice(price * (qty || 1n), currency)}`}
        </button>
      </div>
      <span id={`${id}-qty-msg`} className="error-text">
        {qtyError && qtyText ? qtyError : ""}
      </span>
      {qtyValid && (
        <PriceBreakdown
          pricePerUnit={price}
          quantity={qty}
          feeBps={BigInt(listing.feeBps)}
          royaltyBps={BigInt(royaltyBps)}
          currency={currency}
        />
      )}
      {notice && (
        <p className="error-text" role="alert">
          {notice}
        </p>
      )}
      {needsApproval && <TxStatus state={approval.state} />}
      <TxStatus state={purchase.state} />
    </div>
  );
}
