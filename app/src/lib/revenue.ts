// Creator analytics from the indexer's maintained creator_revenue_day rows: one series per AIM and currency,
// each a run of days with the royalties from license sales and from paid calls.
import type { RevenueDayRow } from "./queries.js";

export interface RevenueDay {
  day: number;
  date: string;
  sale: bigint;
  call: bigint;
}

export interface RevenueSeries {
  aimId: string;
  name: string;
  currency: string;
  days: RevenueDay[];
  sale: bigint;
  call: bigint;
  sales: number;
  claims: number;
}

/** Groups rows by AIM and currency, days oldest first; the series that earned most come first. */
export function revenueSeries(rows: readonly RevenueDayRow[]): RevenueSeries[] {
  const byKey = new Map<string, RevenueSeries>();
  for (const row of rows) {
    const key = `${row.aimId}:${row.currency}`;
    let series = byKey.get(key);
    if (!series) {
      series = {
        aimId: row.aimId,
        name: row.aim?.name ?? `AIM #${row.aimId}`,
        currency: row.currency,
        days: [],
        sale: 0n,
        call: 0n,
        sales: 0,
        claims: 0,
      };
      byKey.set(key, series);
    }
    const sale = BigInt(row.saleRoyalties);
    const call = BigInt(row.callRoyalties);
    series.days.push({ day: row.day, date: row.date, sale, call });
    series.sale += sale;
    series.call += call;
    series.sales += row.sales;
    series.claims += row.claims;
  }
  const all = [...byKey.values()];
  for (const series of all) series.days.sort((a, b) => a.day - b.day);
  return all.sort((a, b) =>
    b.sale + b.call > a.sale + a.call ? 1 : b.sale + b.call < a.sale + a.call ? -1 : 0,
  );
}

/** The unix day number `days` before `now` (seconds): the first day a window of that length shows. */
export function windowStart(now: number, days: number): number {
  return Math.floor(now / 86_400) - days + 1;
}
