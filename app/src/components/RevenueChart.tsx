// One AIM's royalties per day as stacked SVG bars: license sales below, paid calls above; each bar's title gives
// the day's figures. Hand-rolled like SalesChart (no chart library in the bundle).
import { type Currency, formatPrice } from "../lib/price.js";
import type { RevenueDay } from "../lib/revenue.js";

const W = 640;
const H = 180;
const PAD = { l: 12, r: 12, t: 12, b: 28 };

export function RevenueChart({ days, currency }: { days: RevenueDay[]; currency: Currency }) {
  if (days.length === 0) return <p className="hint">No revenue in this window.</p>;
  const first = days[0]?.day ?? 0;
  const span = Math.max(1, (days[days.length - 1]?.day ?? first) - first + 1);
  const max = days.reduce((m, d) => (d.sale + d.call > m ? d.sale + d.call : m), 1n);
  const slot = (W - PAD.l - PAD.r) / span;
  const bar = Math.max(2, slot * 0.7);
  const height = (v: bigint) => (Number((v * 1_000_000n) / max) / 1_000_000) * (H - PAD.t - PAD.b);
  const base = H - PAD.b;
  const total = days.reduce((t, d) => t + d.sale + d.call, 0n);
  return (
    <figure className="chart revenue-chart">
      <svg
        viewBox={`0 0 ${W} ${H}`}
        role="img"
        aria-label={`Royalties per day: ${formatPrice(total, currency)} in all`}
      >
        <line className="axis" x1={PAD.l} y1={base} x2={W - PAD.r} y2={base} />
        {days.map((d) => {
          const x = PAD.l + (d.day - first) * slot + (slot - bar) / 2;
          const sale = height(d.sale);
          const call = height(d.call);
          return (
            <g key={d.day}>
              <title>
                {`${d.date}: ${formatPrice(d.sale, currency)} from sales, ${formatPrice(d.call, currency)} from calls`}
              </title>
              <rect className="bar-sale" x={x} y={base - sale} width={bar} height={sale} />
              <rect className="bar-call" x={x} y={base - sale - call} width={bar} height={call} />
            </g>
          );
        })}
        <text x={PAD.l} y={H - 8}>
          {days[0]?.date}
        </text>
        <text x={W - PAD.r} y={H - 8} textAnchor="end">
          {days[days.length - 1]?.date}
        </text>
      </svg>
      <figcaption className="hint">
        <span className="swatch bar-sale" aria-hidden="true" /> license sales{" "}
        <span className="swatch bar-call" aria-hidden="true" /> paid calls
      </figcaption>
    </figure>
  );
}
