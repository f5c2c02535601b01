import { describe, expect, it } from 'vitest';
import { takeStock } from './stock';

const stock = new Map([['p1', 2000], ['p2', 500]]);

describe('takeStock', () => {
  it('sums what the lines take per product', () => {
    const r = takeStock([{ productId: 'p1', quantityMilli: 1000 }, { productId: 'p2', quantityMilli: 250 }, { productId: 'p1', quantityMilli: 1000 }], stock, false);
    expect(r.ok && Object.fromEntries(r.value)).toEqual({ p1: 2000, p2: 250 });
  });

  it('down to zero exactly is allowed; below zero is OUT_OF_STOCK where the register forbids it', () => {
    expect(takeStock([{ productId: 'p2', quantityMilli: 500 }], stock, false).ok).toBe(true);
    expect(takeStock([{ productId: 'p2', quantityMilli: 300 }, { productId: 'p2', quantityMilli: 201 }], stock, false)).toEqual({
      ok: false,
      error: { code: 'OUT_OF_STOCK', details: { productId: 'p2', stock: '0.500', requested: '0.501' } },
    });
  });

  it('below zero is allowed where the register allows negative stock', () => {
    expect(takeStock([{ productId: 'p2', quantityMilli: 9000 }], stock, true).ok).toBe(true);
  });
});
