// Sales history as a hand-rolled SVG: cumulative units sold over time, one dot per sale, and the
// price of each sale on hover (title). No chart library; lazy-loaded by the AIM page.
import type { ChartPoint } from "../lib/chart.js";

const W = 640;
const H = 200;
const PAD = { l: 40, r: 12, t: 12, b: 28 };

export default function SalesChart({ points }: { points: ChartPoint[] }) {
  if (points.length === 0) return <p className="hint">No sales yet.</p>;
  const t0 = points[0]?.t ?? 0;
  const t1 = Math.max(points[points.length - 1]?.t ?? 1, t0 + 1);
  const yMax = Math.max(1, ...points.map((p) => p.cumulative));
  const x = (t: number) => PAD.l + ((t - t0) / (t1 - t0)) * (W - PAD.l - PAD.r);
  const y = (v: number) => H - PAD.b - (v / yMax) * (H - PAD.t - PAD.b);
  const steps = points
    .map(
      (p, i) =>
        `${i === 0 ? "M" : "L"}${x(p.t).toFixed(1)},${y(points[i - 1]?.cumulative ?? 0).toFixed(1)} L${x(p.t).toFixed(1)},${y(p.cumulative).toFixed(1)}`,
    )
    .join(" ");
  const last = points[points.length - 1] as ChartPoint;
  const line = `M${x(t0)},${y(0)} ${steps.slice(1)} L${(W - PAD.r).toFixed(1)},${y(last.cumulative).toFixed(1)}`;
  const area = `${line} L${W - PAD.r},${y(0)} L${x(t0)},${y(0)} Z`;
  const fmt = (t: number) =>
    new Date(t * 1000).toLocaleDateString(undefined, { month: "short", day: "numeric" });
  return (
    <figure className="chart">
      <svg
        viewBox={`0 0 ${W} ${H}`}
        role="img"
        aria-label={`Cumulative licenses sold: ${last.cumulative} over ${points.length} sales`}
      >
        <line className="axis" x1={PAD.l} y1={y(0)} x2={W - PAD.r} y2={y(0)} />
        <line className="axis" x1={PAD.l} y1={PAD.t} x2={PAD.l} y2={y(0)} />
        <text x={PAD.l - 6} y={y(yMax) + 4} textAnchor="end">
          {yMax}
        </text>
        <text x={PAD.l - 6} y={y(0) + 4} textAnchor="end">
          0
        </text>
        <text x={PAD.l} y={H - 8}>
          {fmt(t0)}
        </text>
        <text x={W - PAD.r} y={H - 8} textAnchor="end">
          {fmt(t1)}
        </text>
        <path className="area" d={area} />
        <path className="line" d={line} />
        {points.map((p) => (
          <circle key={`${p.t}-${p.cumulative}`} cx={x(p.t)} cy={y(p.cumulative)} r={3.5}>
            <title>{p.label}</title>
          </circle>
        ))}
      </svg>
      <figcaption className="hint">Licenses sold over time ({points.length} sales).</figcaption>
    </figure>
  );
}
