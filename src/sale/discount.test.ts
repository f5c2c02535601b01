import { describe, expect, it } from 'vitest';
import { discountMinor, formatPercent, parseDiscount } from './discount';

describe('typed line discounts', () => {
  it('"10%" is ten percent, not ten bolivianos, and "10" stays an amount', () => {
    expect(parseDiscount('10%', 'BOB')).toEqual({ ok: true, value: { kind: 'PERCENT', bp: 1000 } });
    expect(parseDiscount(' 10 % ', 'BOB')).toEqual({ ok: true, value: { kind: 'PERCENT', bp: 1000 } });
    expect(parseDiscount('12,5%', 'BOB')).toEqual({ ok: true, value: { kind: 'PERCENT', bp: 1250 } });
    expect(parseDiscount('12.5%', 'BOB', ',')).toEqual({ ok: true, value: { kind: 'PERCENT', bp: 1250 } });
    expect(parseDiscount('100%', 'BOB')).toEqual({ ok: true, value: { kind: 'PERCENT', bp: 10000 } });
    expect(parseDiscount('10', 'BOB')).toEqual({ ok: true, value: { kind: 'AMOUNT', minor: 1000 } });
    expect(parseDiscount('2,50', 'BOB')).toEqual({ ok: true, value: { kind: 'AMOUNT', minor: 250 } });
    expect(parseDiscount('500', 'CLP')).toEqual({ ok: true, value: { kind: 'AMOUNT', minor: 500 } });
  });

  it('refuses what is not a percentage or an amount', () => {
    expect(parseDiscount('101%', 'BOB')).toEqual({ ok: false, error: 'OVER_100' });
    expect(parseDiscount('10,125%', 'BOB')).toEqual({ ok: false, error: 'TOO_MANY_DECIMALS' });
    expect(parseDiscount('%', 'BOB')).toEqual({ ok: false, error: 'EMPTY' });
    expect(parseDiscount('-5%', 'BOB')).toEqual({ ok: false, error: 'MALFORMED' });
    expect(parseDiscount('1e3%', 'BOB')).toEqual({ ok: false, error: 'MALFORMED' });
    expect(parseDiscount('10%%', 'BOB')).toEqual({ ok: false, error: 'MALFORMED' });
    expect(parseDiscount('abc', 'BOB')).toEqual({ ok: false, error: 'MALFORMED' });
  });

  it('a percentage applies to the gross, half up, in integers; an amount is capped at the gross', () => {
    expect(discountMinor(1500, { kind: 'PERCENT', bp: 1000 })).toBe(150);
    expect(discountMinor(1005, { kind: 'PERCENT', bp: 1000 })).toBe(101); // 100.5 → 101
    expect(discountMinor(1004, { kind: 'PERCENT', bp: 1000 })).toBe(100);
    expect(discountMinor(9_007_199_254_740_991, { kind: 'PERCENT', bp: 10000 })).toBe(9_007_199_254_740_991);
    expect(discountMinor(1500, { kind: 'AMOUNT', minor: 2000 })).toBe(1500);
    expect(discountMinor(1500, { kind: 'AMOUNT', minor: 200 })).toBe(200);
  });

  it('formats basis points back as typed', () => {
    expect(formatPercent(1000)).toBe('10%');
    expect(formatPercent(1250)).toBe('12,5%');
    expect(formatPercent(1205, '.')).toBe('12.05%');
  });
});
