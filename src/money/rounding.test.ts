// Cash rounding at its edges: the boliviano's Bs 0.10 half up, Chile's Ley 20.956 ($10: 1-5 down, 6-9 up), no rounding,
// and, for any amount and increment, a multiple of the increment at most half an increment away.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CURRENCIES } from './currencies';
import { cashRoundingChoices, cashRoundingFor, NO_CASH_ROUNDING, roundCash } from './rounding';

describe('roundCash', () => {
  it('BOB rounds to Bs 0.10, half up', () => {
    const bob = cashRoundingFor('BOB', null);
    expect(bob).toEqual({ increment: 10, rule: 'HALF_UP' });
    expect([570, 571, 574, 575, 576, 579, 580].map((a) => roundCash(a, bob))).toEqual([570, 570, 570, 580, 580, 580, 580]);
  });

  it("CLP follows Ley 20.956: a total ending in 1 to 5 pesos rounds down, 6 to 9 up", () => {
    const clp = cashRoundingFor('CLP', null);
    expect(clp).toEqual({ increment: 10, rule: 'HALF_DOWN' });
    const endings = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map((d) => roundCash(1230 + d, clp));
    expect(endings).toEqual([1230, 1230, 1230, 1230, 1230, 1230, 1240, 1240, 1240, 1240]);
  });

  it('a register may choose its own increment (none, 0.10, 0.50, 1.00), with the currency tie rule', () => {
    expect(cashRoundingChoices('BOB')).toEqual([1, 10, 50, 100]);
    expect(cashRoundingChoices('CLP')).toEqual([1, 10, 50, 100]);
    expect(roundCash(577, cashRoundingFor('BOB', 1))).toBe(577);
    expect(roundCash(575, cashRoundingFor('BOB', 50))).toBe(600);
    expect(roundCash(574, cashRoundingFor('BOB', 50))).toBe(550);
    expect(roundCash(1250, cashRoundingFor('BOB', 100))).toBe(1300);
    expect(roundCash(1250, cashRoundingFor('CLP', 100))).toBe(1200);
    // Currencies without a rounding default take cash as it is.
    expect(CURRENCIES.USD.cashRounding.increment).toBe(1);
    expect(roundCash(0, cashRoundingFor('BOB', null))).toBe(0);
  });

  it('refuses what is a bug: a fraction, a negative amount, an increment below 1', () => {
    expect(() => roundCash(5.5, NO_CASH_ROUNDING)).toThrow();
    expect(() => roundCash(-10, NO_CASH_ROUNDING)).toThrow();
    expect(() => roundCash(10, { increment: 0, rule: 'HALF_UP' })).toThrow();
  });

  it('any amount rounds to a multiple of the increment, at most half an increment away, ties by the rule', () => {
    fc.assert(
      fc.property(fc.nat(10_000_000_000), fc.constantFrom(1, 5, 10, 50, 100, 1000), fc.constantFrom('HALF_UP' as const, 'HALF_DOWN' as const), (amount, increment, rule) => {
        const r = roundCash(amount, { increment, rule });
        expect(r % increment).toBe(0);
        expect(2 * Math.abs(r - amount)).toBeLessThanOrEqual(increment);
        if (2 * Math.abs(r - amount) === increment) expect(r > amount).toBe(rule === 'HALF_UP');
      }),
    );
  });
});
