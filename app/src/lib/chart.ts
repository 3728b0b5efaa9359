import type { SaleRow } from "./queries.js";

export interface ChartPoint {
  t: number;
  cumulative: number;
  label: string;
}

/** Cumulative units sold at each sale, oldest first. */
export function chartPoints(sales: readonly SaleRow[], label: (s: SaleRow) => string): ChartPoint[] {
  let cumulative = 0;
  return [...sales]
    .sort((a, b) => Number(a.timestamp) - Number(b.timestamp))
    .map((s) => {
      cumulative += Number(s.quantity);
      return { t: Number(s.timestamp), cumulative, label: label(s) };
    });
}
