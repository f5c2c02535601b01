import { describe, expect, it } from 'vitest';
import { CURRENCY_CODES, CURRENCIES } from './currencies';
import { quickCashAmounts } from './quick-cash';

describe('quickCashAmounts', () => {
  it('gives the exact amount, then the next notes above the total (bolivianos)', () => {
    expect(quickCashAmounts(5730, 'BOB')).toEqual([5730, 6000, 10000, 20000]);
    expect(quickCashAmounts(1250, 'BOB')).toEqual([1250, 2000, 5000, 10000]);
  });

  it('a total that is already a whole note goes to the next one above it', () => {
    expect(quickCashAmounts(5000, 'BOB')).toEqual([5000, 6000, 10000, 20000]);
    expect(quickCashAmounts(20000, 'BOB')).toEqual([20000, 21000, 22000, 25000]);
  });

  it('uses the currency’s own bills (Chilean pesos have no minor unit)', () => {
    expect(quickCashAmounts(3490, 'CLP')).toEqual([3490, 4000, 5000, 10000]);
    expect(quickCashAmounts(730, 'USD', 3)).toEqual([730, 800, 1000]);
  });

  it('nothing to pay gives no buttons; a negative or fractional total is a bug', () => {
    expect(quickCashAmounts(0, 'BOB')).toEqual([]);
    expect(() => quickCashAmounts(-1, 'BOB')).toThrow();
    expect(() => quickCashAmounts(10.5, 'BOB')).toThrow();
  });

  it('every amount covers the total, increases, and the notes are multiples of a bill (all currencies)', () => {
    for (const code of CURRENCY_CODES) {
      for (const total of [1, 99, 1000, 12345, 999999]) {
        const got = quickCashAmounts(total, code);
        expect(got[0]).toBe(total);
        for (let i = 1; i < got.length; i += 1) {
          expect(got[i]).toBeGreaterThan(got[i - 1] ?? 0);
          expect(CURRENCIES[code].bills.some((b) => (got[i] ?? 0) % b === 0)).toBe(true);
        }
      }
    }
  });
});
