// Sales by hour of the store's day. Invariant: an hour is the store's wall-clock hour (0-23) in the branch's time zone,
// never the machine's or UTC; voided sales are not in it at all; a refund counts in the hour it was paid out, on its own
// figures, so `total - refundsTotal` summed over the hours is exactly the session's (or day's) net sales total.
import type { Minor } from '../money';
import { localHour } from './numbering';

/** Activity of one UTC minute ("YYYY-MM-DDTHH:MM", the first 16 characters of an ISO-8601 UTC instant). */
export interface MinuteActivity {
  readonly minute: string;
  readonly salesCount: number;
  readonly salesTotal: Minor;
  readonly refundsCount: number;
  readonly refundsTotal: Minor;
}

export interface HourTotals {
  readonly hour: number;
  /** Sales made in this hour and not voided, and their total. */
  readonly count: number;
  readonly total: Minor;
  /** Refunds paid out in this hour (whatever hour or day the sale was), and their total. */
  readonly refundsCount: number;
  readonly refundsTotal: Minor;
  /** total − refundsTotal: may be negative. */
  readonly net: number;
}

/**
 * Folds per-minute activity into local hours, ascending, only hours with activity. Callers group by UTC minute in SQL
 * so this converts a few hundred minutes, not every sale; every time zone in use is offset by whole minutes, so a
 * minute never straddles two local hours.
 */
export function hourlyTotals(minutes: readonly MinuteActivity[], timeZone: string): HourTotals[] {
  const byHour = new Map<number, { count: number; total: number; refundsCount: number; refundsTotal: number }>();
  for (const m of minutes) {
    const hour = localHour(new Date(`${m.minute}:00.000Z`), timeZone);
    const h = byHour.get(hour) ?? { count: 0, total: 0, refundsCount: 0, refundsTotal: 0 };
    h.count += m.salesCount;
    h.total += m.salesTotal;
    h.refundsCount += m.refundsCount;
    h.refundsTotal += m.refundsTotal;
    byHour.set(hour, h);
  }
  return [...byHour.entries()]
    .sort(([a], [b]) => a - b)
    .map(([hour, h]) => ({ hour, count: h.count, total: h.total, refundsCount: h.refundsCount, refundsTotal: h.refundsTotal, net: h.total - h.refundsTotal }));
}
