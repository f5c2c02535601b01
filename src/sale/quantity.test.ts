// Quantities in thousandths and the one rounding rule (round half up, once per line, in BigInt), at their edges.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocate, fitsUnit, formatMilli, includedTax, lineGross, MAX_QUANTITY_MILLI, mulDivRound, parseQuantity, parseSignedQuantity, refundShare } from './quantity';

describe('parseQuantity', () => {
  it('reads whole units and up to 3 decimals as text, into thousandths', () => {
    expect(parseQuantity(1)).toBe(1000);
    expect(parseQuantity('1.250')).toBe(1250);
    expect(parseQuantity('1.25')).toBe(1250);
    expect(parseQuantity('1.2')).toBe(1200);
    expect(parseQuantity('0.001')).toBe(1);
    expect(parseQuantity(' 2.5 ')).toBe(2500);
    expect(parseQuantity('007')).toBe(7000);
    expect(parseQuantity('999999999.999')).toBe(999_999_999_999);
  });

  it('refuses zero, signs, a fourth decimal, floats, exponents, commas and bare points', () => {
    for (const q of ['0', '0.000', '-1', '+1', '1.2345', '1e3', '1,5', '.5', '5.', '', ' ', 'abc', '1.2.3', '1000000000']) {
      expect(parseQuantity(q), JSON.stringify(q)).toBeNull();
    }
    for (const q of [0, -1, 1.5, 0.001, Number.NaN, Number.POSITIVE_INFINITY, 1_000_000_000]) expect(parseQuantity(q), String(q)).toBeNull();
    // The number path takes whole units only, up to the same bound as the text path.
    expect(parseQuantity(999_999_999)).toBe(999_999_999_000);
  });

  it('round-trips through formatMilli for every thousandth up to the bound, and both paths agree on it', () => {
    expect(parseQuantity(formatMilli(MAX_QUANTITY_MILLI))).toBe(MAX_QUANTITY_MILLI);
    expect(parseQuantity(formatMilli(MAX_QUANTITY_MILLI + 1))).toBeNull();
    fc.assert(
      fc.property(fc.integer({ min: 1, max: MAX_QUANTITY_MILLI }), (milli) => {
        expect(parseQuantity(formatMilli(milli, 'KG'))).toBe(milli);
      }),
    );
  });
});

describe('parseSignedQuantity', () => {
  it('takes a sign for stock adjustments and still refuses zero', () => {
    expect(parseSignedQuantity('-1.5')).toBe(-1500);
    expect(parseSignedQuantity('+2')).toBe(2000);
    expect(parseSignedQuantity(' -0.001 ')).toBe(-1);
    expect(parseSignedQuantity(-3)).toBe(-3000);
    for (const q of ['-0', '0', '--1', '+-1', '-', '-1.2345']) expect(parseSignedQuantity(q), q).toBeNull();
    expect(parseSignedQuantity(0)).toBeNull();
    expect(parseSignedQuantity(-1.5)).toBeNull();
    // The number path is bounded like the text path: no quantity past what a text can say.
    expect(parseSignedQuantity(-999_999_999)).toBe(-999_999_999_000);
    expect(parseSignedQuantity(Number.MAX_SAFE_INTEGER)).toBeNull();
    expect(parseSignedQuantity('-1000000000')).toBeNull();
  });
});

describe('formatMilli and fitsUnit', () => {
  it('writes 3 decimals for weighed items, whole numbers for unit items when whole, and keeps the sign', () => {
    expect(formatMilli(1250)).toBe('1.250');
    expect(formatMilli(3000, 'KG')).toBe('3.000');
    expect(formatMilli(3000, 'UNIT')).toBe('3');
    expect(formatMilli(1500, 'UNIT')).toBe('1.500');
    expect(formatMilli(-1000, 'UNIT')).toBe('-1');
    expect(formatMilli(-1, 'KG')).toBe('-0.001');
    expect(formatMilli(0, 'UNIT')).toBe('0');
    expect(formatMilli(0, 'KG')).toBe('0.000');
    expect(formatMilli(5, 'KG')).toBe('0.005');
  });

  it('lets UNIT items take whole units only', () => {
    expect(fitsUnit(2000, 'UNIT')).toBe(true);
    expect(fitsUnit(2001, 'UNIT')).toBe(false);
    expect(fitsUnit(1, 'KG')).toBe(true);
  });
});

describe('round half up, once', () => {
  it('mulDivRound rounds exact halves up and everything else to the nearest', () => {
    expect(mulDivRound(1, 1, 2)).toBe(1); // 0.5
    expect(mulDivRound(5, 1, 2)).toBe(3); // 2.5: half up, not to even
    expect(mulDivRound(3, 1, 2)).toBe(2); // 1.5
    expect(mulDivRound(1, 1, 4)).toBe(0); // 0.25
    expect(mulDivRound(3, 1, 4)).toBe(1); // 0.75
    expect(mulDivRound(1, 1, 3)).toBe(0); // 0.333
    expect(mulDivRound(2, 1, 3)).toBe(1); // 0.667
    expect(mulDivRound(0, 123, 7)).toBe(0);
  });

  it('never loses precision in the intermediate product, and refuses what it cannot represent', () => {
    // 9e12 × 999,999 ≈ 9e18 is far past 2^53, where a double would already have dropped digits; BigInt keeps it exact.
    expect(mulDivRound(9_000_000_000_000, 999_999, 1_000_000)).toBe(8_999_991_000_000);
    // Where the float product has already lost the half: Math.round(a × 3 / 2) gives …748, the exact rule …749.
    expect(Math.round((4_503_599_627_370_499 * 3) / 2)).toBe(6_755_399_441_055_748);
    expect(mulDivRound(4_503_599_627_370_499, 3, 2)).toBe(6_755_399_441_055_749);
    expect(mulDivRound(Number.MAX_SAFE_INTEGER, 1000, 1000)).toBe(Number.MAX_SAFE_INTEGER);
    expect(() => mulDivRound(Number.MAX_SAFE_INTEGER, 2, 1)).toThrow(/out of range/);
    expect(() => mulDivRound(-1, 1, 1)).toThrow();
    expect(() => mulDivRound(1, 1, 0)).toThrow();
  });

  it('agrees with a BigInt reference on both sides of the safe-integer fast path', () => {
    const reference = (a: number, b: number, d: number) => Number((BigInt(a) * BigInt(b) * 2n + BigInt(d)) / (2n * BigInt(d)));
    const operand = fc.oneof(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 0, max: 2 ** 26 }), fc.integer({ min: 0, max: 2 ** 40 }), fc.constant(2 ** 26 + 1));
    fc.assert(
      fc.property(operand, operand, fc.oneof(fc.integer({ min: 1, max: 20_000 }), fc.integer({ min: 1, max: 2 ** 30 })), (a, b, d) => {
        const want = reference(a, b, d);
        if (Number.isSafeInteger(want)) expect(mulDivRound(a, b, d)).toBe(want);
        else expect(() => mulDivRound(a, b, d)).toThrow(/out of range/);
      }),
      { numRuns: 2000 },
    );
  });

  it('a line is round_half_up(price × thousandths / 1000), weights to the gram', () => {
    expect(lineGross(1050, 1255)).toBe(1318); // 13.1775 → 13.18
    expect(lineGross(1050, 1250)).toBe(1313); // 13.125 → 13.13: the half goes up
    expect(lineGross(1, 500)).toBe(1); // 0.5 centavo → 1
    expect(lineGross(1, 499)).toBe(0);
    expect(lineGross(3, 500)).toBe(2); // 1.5 → 2
    expect(lineGross(333, 3)).toBe(1); // 0.999 → 1
    expect(lineGross(4500, 1)).toBe(5); // 4.5 → 5
    expect(lineGross(0, 1250)).toBe(0);
  });

  it('whole units are exact products, and rounding is never off by more than half a minor unit', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), fc.integer({ min: 1, max: 100_000 }), (price, units) => {
        expect(lineGross(price, units * 1000)).toBe(price * units);
      }),
    );
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), fc.integer({ min: 1, max: 10_000_000 }), (price, milli) => {
        const exactTimes2000 = BigInt(price) * BigInt(milli) * 2n; // 2000 × the exact amount, to compare without floats
        const got = BigInt(lineGross(price, milli)) * 2000n;
        const diff = got - exactTimes2000;
        // Within half a unit, and an exact half always rounds up (diff = +1000, never −1000).
        expect(diff > -1000n && diff <= 1000n).toBe(true);
      }),
    );
  });

  it('tax included in a price: round_half_up(amount × r / (10000 + r))', () => {
    expect(includedTax(1130, 1300)).toBe(130); // exact
    expect(includedTax(100, 1300)).toBe(12); // 11.504
    expect(includedTax(1, 1300)).toBe(0); // 0.115
    expect(includedTax(5000, 0)).toBe(0);
    expect(includedTax(11_300_000, 1300)).toBe(1_300_000);
  });
});

describe('allocate (sale discount over lines)', () => {
  it('splits by largest remainder, ties to the earlier line, always adding up exactly', () => {
    expect(allocate(100, [1, 1, 1])).toEqual([34, 33, 33]);
    expect(allocate(7, [1, 2])).toEqual([2, 5]);
    expect(allocate(1, [1, 1])).toEqual([1, 0]);
    expect(allocate(0, [5, 5])).toEqual([0, 0]);
    expect(allocate(10, [0, 0])).toEqual([0, 0]);
    expect(allocate(10, [0, 3])).toEqual([0, 10]);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), fc.array(fc.integer({ min: 0, max: 1_000_000 }), { minLength: 1, maxLength: 20 }), (amount, weights) => {
        const parts = allocate(amount, weights);
        if (weights.every((w) => w === 0)) return;
        expect(parts.reduce((a, b) => a + b, 0)).toBe(amount);
        weights.forEach((w, i) => {
          if (w === 0) expect(parts[i]).toBe(0);
        });
      }),
    );
  });
});

describe('refundShare', () => {
  it('gives back the rounded share, and the last of the line takes the exact remainder', () => {
    // 1000 over 3 units: 333 + 333 + 334, never 999 or 1001.
    expect(refundShare(1000, 3000, 0, 0, 1000)).toBe(333);
    expect(refundShare(1000, 3000, 1000, 333, 1000)).toBe(333);
    expect(refundShare(1000, 3000, 2000, 666, 1000)).toBe(334);
    // Half up on a weighed line: 1.250 of 2.000 kg of 4801 = 3000.625 → 3001.
    expect(refundShare(4801, 2000, 0, 0, 1250)).toBe(3001);
    // Never more than what is left, even when rounding up would overshoot.
    expect(refundShare(3, 3000, 1000, 2, 1000)).toBe(1);
  });

  it('any sequence of partial refunds of a line adds up to exactly the line total', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), fc.array(fc.integer({ min: 1, max: 5000 }), { minLength: 1, maxLength: 12 }), (total, pieces) => {
        const lineMilli = pieces.reduce((a, b) => a + b, 0);
        let doneMilli = 0;
        let doneAmount = 0;
        for (const q of pieces) {
          const share = refundShare(total, lineMilli, doneMilli, doneAmount, q);
          expect(share).toBeGreaterThanOrEqual(0);
          doneMilli += q;
          doneAmount += share;
        }
        expect(doneAmount).toBe(total);
      }),
    );
  });
});
