import { describe, expect, it } from 'vitest';
import { defaultTaxRateBp } from './tax';

describe("the store's default tax rate", () => {
  it("is the store's setting when valid, else the currency's standard VAT", () => {
    expect(defaultTaxRateBp(null, 'BOB')).toBe(1300);
    expect(defaultTaxRateBp(null, 'ARS')).toBe(2100);
    expect(defaultTaxRateBp(null, 'USD')).toBe(0);
    expect(defaultTaxRateBp('0', 'BOB')).toBe(0);
    expect(defaultTaxRateBp('1050', 'USD')).toBe(1050);
    expect(defaultTaxRateBp('10001', 'BOB')).toBe(1300);
    expect(defaultTaxRateBp('13%', 'BOB')).toBe(1300);
    expect(defaultTaxRateBp('-1', 'BOB')).toBe(1300);
  });
});
