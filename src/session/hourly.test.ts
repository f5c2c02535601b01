// Sales by the store's hour: the wall clock of the branch's time zone, midnight as 0, DST and half-hour offsets.
import { describe, expect, it } from 'vitest';
import { hourlyTotals } from './hourly';
import { localHour } from './numbering';

const sale = (minute: string, total: number) => ({ minute, salesCount: 1, salesTotal: total, refundsCount: 0, refundsTotal: 0 });

describe('localHour', () => {
  it('is the wall-clock hour in the zone, midnight as 0 (never 24)', () => {
    expect(localHour(new Date('2026-11-23T04:00:00Z'), 'America/La_Paz')).toBe(0);
    expect(localHour(new Date('2026-11-23T03:59:59Z'), 'America/La_Paz')).toBe(23);
    expect(localHour(new Date('2026-11-22T00:00:00Z'), 'UTC')).toBe(0);
    expect(localHour(new Date('2026-11-22T18:29:00Z'), 'Asia/Kolkata')).toBe(23);
    expect(localHour(new Date('2026-11-22T18:30:00Z'), 'Asia/Kolkata')).toBe(0);
  });
});

describe('hourlyTotals', () => {
  it('folds minutes into local hours, ascending, with refunds apart and net = total − refunds', () => {
    const rows = hourlyTotals(
      [
        sale('2026-11-22T13:05', 1000),
        sale('2026-11-23T04:10', 300),
        { minute: '2026-11-22T13:30', salesCount: 2, salesTotal: 500, refundsCount: 1, refundsTotal: 200 },
        { minute: '2026-11-22T15:00', salesCount: 0, salesTotal: 0, refundsCount: 1, refundsTotal: 900 },
      ],
      'America/La_Paz',
    );
    expect(rows).toEqual([
      { hour: 0, count: 1, total: 300, refundsCount: 0, refundsTotal: 0, net: 300 },
      { hour: 9, count: 3, total: 1500, refundsCount: 1, refundsTotal: 200, net: 1300 },
      { hour: 11, count: 0, total: 0, refundsCount: 1, refundsTotal: 900, net: -900 },
    ]);
    expect(hourlyTotals([], 'UTC')).toEqual([]);
  });

  it('follows daylight saving: the same UTC hour is a different local hour after the change', () => {
    // Madrid: CEST (UTC+2) until 2026-10-25 01:00 UTC, then CET (UTC+1).
    expect(hourlyTotals([sale('2026-10-24T08:15', 100), sale('2026-10-26T08:15', 200)], 'Europe/Madrid').map((r) => [r.hour, r.total])).toEqual([
      [9, 200],
      [10, 100],
    ]);
  });
});
