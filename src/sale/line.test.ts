import { describe, expect, it } from 'vitest';
import { priceLine } from './line';

const agua = { id: 'p1', active: true, price: 500, unit: 'UNIT' as const };
const pollo = { id: 'p2', active: true, price: 2400, unit: 'KG' as const };

describe('priceLine', () => {
  it('sells at the catalog price, weights to the gram', () => {
    expect(priceLine(agua, { quantity: 2 }, 0, false)).toEqual({ ok: true, value: { quantityMilli: 2000, unitPrice: 500 } });
    expect(priceLine(pollo, { quantity: '1.250' }, 0, false)).toEqual({ ok: true, value: { quantityMilli: 1250, unitPrice: 2400 } });
    expect(priceLine(agua, { quantity: 1, unitPrice: 500 }, 0, false).ok).toBe(true);
  });

  it('a changed price needs sales:price_override', () => {
    expect(priceLine(agua, { quantity: 1, unitPrice: 450 }, 3, false)).toEqual({ ok: false, error: { code: 'PRICE_OVERRIDE_FORBIDDEN', details: { field: 'lines.3.unitPrice' } } });
    expect(priceLine(agua, { quantity: 1, unitPrice: 450 }, 3, true)).toEqual({ ok: true, value: { quantityMilli: 1000, unitPrice: 450 } });
  });

  it('refuses an inactive product and a quantity the unit cannot take', () => {
    expect(priceLine({ ...agua, active: false }, { quantity: 1 }, 0, true)).toEqual({ ok: false, error: { code: 'PRODUCT_INACTIVE', details: { productId: 'p1' } } });
    expect(priceLine(agua, { quantity: '1.5' }, 1, true)).toEqual({ ok: false, error: { code: 'QUANTITY_INVALID', details: { field: 'lines.1.quantity', unit: 'UNIT' } } });
  });
});
