import { describe, expect, it } from 'vitest';
import { percentToBp } from './percent';

describe('percentToBp', () => {
  it('reads percentages as basis points without floats', () => {
    expect(percentToBp('13')).toBe(1300);
    expect(percentToBp('13,5')).toBe(1350);
    expect(percentToBp('7.25')).toBe(725);
    expect(percentToBp('0')).toBe(0);
    expect(percentToBp('100')).toBe(10_000);
    expect(percentToBp('13%')).toBe(1300);
    expect(percentToBp('12,5 %')).toBe(1250);
  });
  it('refuses anything else', () => {
    for (const s of ['', '%', '100.01', '101', '1.234', '-5', '13%%', 'abc']) expect(percentToBp(s), s).toBeNull();
  });
});
