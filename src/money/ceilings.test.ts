import { describe, expect, it } from 'vitest';
import { AMOUNT_CEILING, REPORT_CEILING, TOTAL_CEILING, addSaturating, checkAmount, productAtMost, saturate } from './ceilings';
import { roomFor } from '../session/ceilings';
import { emptyTotals } from '../session/ledger';
import { countTotals } from '../session/count';
import { priceLine } from '../sale/line';

describe('money ceilings', () => {
  it('keep every sum the system forms below 2^53', () => {
    expect(8 * TOTAL_CEILING + AMOUNT_CEILING).toBeLessThan(Number.MAX_SAFE_INTEGER);
    expect(REPORT_CEILING * 2).toBeLessThan(2 ** 64);
    expect(REPORT_CEILING).toBeLessThan(Number.MAX_SAFE_INTEGER);
  });

  it('checkAmount refuses past the amount ceiling (either sign) and any unsafe number', () => {
    expect(checkAmount('BOB', 'total', AMOUNT_CEILING).ok).toBe(true);
    expect(checkAmount('BOB', 'total', AMOUNT_CEILING + 1)).toMatchObject({ ok: false, error: { code: 'AMOUNT_TOO_LARGE', details: { field: 'total', ceiling: AMOUNT_CEILING } } });
    expect(checkAmount('CLP', 'x', -AMOUNT_CEILING - 1).ok).toBe(false);
    expect(checkAmount('USD', 'x', 0.5).ok).toBe(false);
  });

  it('productAtMost compares exactly where the float product would round', () => {
    expect(productAtMost(AMOUNT_CEILING, 1000, AMOUNT_CEILING * 1000)).toBe(true);
    expect(productAtMost(AMOUNT_CEILING, 1001, AMOUNT_CEILING * 1000)).toBe(false);
    expect(productAtMost(Number.MAX_SAFE_INTEGER, 2, Number.MAX_SAFE_INTEGER)).toBe(false);
  });

  it('saturate and addSaturating clamp stored figures, never returning an unsafe number', () => {
    expect(saturate(9007199254740993)).toBe(TOTAL_CEILING);
    expect(saturate(-1e300)).toBe(-TOTAL_CEILING);
    expect(saturate(Number.NaN)).toBe(0);
    expect(saturate(Number.POSITIVE_INFINITY)).toBe(TOTAL_CEILING);
    expect(saturate(12345)).toBe(12345);
    expect(addSaturating(REPORT_CEILING, 1)).toBe(REPORT_CEILING);
    expect(addSaturating(-REPORT_CEILING, -REPORT_CEILING)).toBe(-REPORT_CEILING);
  });
});

describe('where the ceilings are decided', () => {
  const movement = (amount: number, direction: 'IN' | 'OUT' = 'IN') => ({
    kind: 'MOVEMENT' as const,
    payload: { id: 'm', direction, type: 'DEPOSIT' as const, amount, reason: 'CHANGE_FUND' as const, description: null, reference: null, destinationType: null, createdBy: 'u', authorizedBy: null },
  });

  it('roomFor: a running total (or the expected cash) past the total ceiling is TOTAL_CEILING; up to it is fine', () => {
    const near = { ...emptyTotals(), depositsTotal: TOTAL_CEILING - 10 };
    expect(roomFor(near, movement(10), 'BOB').ok).toBe(true);
    expect(roomFor(near, movement(11), 'BOB')).toMatchObject({ ok: false, error: { code: 'TOTAL_CEILING', details: { field: 'depositsTotal' } } });
    // Withdrawals of a full drawer are their own total and fit; expected cash can only go down.
    expect(roomFor({ ...near, withdrawalsTotal: TOTAL_CEILING - 10 }, movement(10, 'OUT'), 'BOB').ok).toBe(true);
  });

  it('countTotals refuses a row or a whole count past its ceilings, before it multiplies', () => {
    expect(countTotals('COP', { denominations: [{ value: 10_000_000, quantity: 1_000_000 }] })).toMatchObject({ ok: false, error: { code: 'AMOUNT_TOO_LARGE', details: { field: 'denominations' } } });
    expect(countTotals('BOB', { denominations: [], vouchers: AMOUNT_CEILING + 1 })).toMatchObject({ ok: false, error: { code: 'AMOUNT_TOO_LARGE', details: { field: 'vouchers' } } });
    expect(countTotals('BOB', { denominations: [{ value: 20_000, quantity: 1_000_000 }], vouchers: AMOUNT_CEILING, checks: AMOUNT_CEILING }).ok).toBe(true);
  });

  it('priceLine refuses a price or a line past the amount ceiling', () => {
    const product = { id: 'p', active: true, price: AMOUNT_CEILING, unit: 'KG' as const };
    expect(priceLine(product, { quantity: 1 }, 0, false).ok).toBe(true);
    expect(priceLine(product, { quantity: '1.001' }, 0, false)).toMatchObject({ ok: false, error: { code: 'AMOUNT_TOO_LARGE', details: { field: 'lines.0' } } });
    expect(priceLine({ ...product, price: Number.MAX_SAFE_INTEGER }, { quantity: 1 }, 0, false).ok).toBe(false);
  });
});
