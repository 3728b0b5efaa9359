import { erc2981Royalty, MAX_ROYALTY_BPS, splitSale } from "@aim/sdk/marketplace";
import { type Currency, formatBps, formatPrice } from "../lib/price.js";

/** An amount in a currency, e.g. "0.05 ETH"; `title` carries the exact base units. */
export function Price({ amount, currency }: { amount: bigint; currency: Currency }) {
  return (
    <span className="price" title={`${amount} base units`}>
      {formatPrice(amount, currency)}
    </span>
  );
}

export interface PriceBreakdownProps {
  pricePerUnit: bigint;
  quantity: bigint;
  feeBps: bigint;
  royaltyBps: bigint;
  currency: Currency;
}

/** The total a buyer pays and where it goes: platform fee, creator royalty, seller. */
export function PriceBreakdown(props: PriceBreakdownProps) {
  const total = props.pricePerUnit * props.quantity;
  const b = splitSale(total, props.feeBps, erc2981Royalty(total, props.royaltyBps));
  // The marketplace cuts the royalty to MAX_ROYALTY_BPS of the sale: show the share actually paid.
  const royaltyBps = props.royaltyBps > MAX_ROYALTY_BPS ? MAX_ROYALTY_BPS : props.royaltyBps;
  const c = props.currency;
  return (
    <dl className="breakdown" aria-label="Price breakdown">
      <div>
        <dt>
          {props.quantity.toString()} × {formatPrice(props.pricePerUnit, c)}
        </dt>
        <dd data-testid="total">
          <strong>{formatPrice(b.total, c)}</strong>
        </dd>
      </div>
      <div className="sub">
        <dt>Marketplace fee ({formatBps(props.feeBps)})</dt>
        <dd data-testid="fee">{formatPrice(b.fee, c)}</dd>
      </div>
      <div className="sub">
        <dt>Creator royalty ({formatBps(royaltyBps)})</dt>
        <dd data-testid="royalty">{formatPrice(b.royalty, c)}</dd>
      </div>
      <div className="sub">
        <dt>Seller receives</dt>
        <dd data-testid="proceeds">{formatPrice(b.proceeds, c)}</dd>
      </div>
    </dl>
  );
}
