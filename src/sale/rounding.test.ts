// Only the cash part of a sale is rounded: card, QR and transfer tenders are taken exactly; the payments add up to
// the total plus the rounding; change is given from the rounded amount.
import { describe, expect, it } from 'vitest';
import { cashRoundingFor } from '../money';
import { settleSale } from './sale';

const bob = cashRoundingFor('BOB', null);
const line = (unitPrice: number) => ({ productId: 'p', quantityMilli: 1000, unitPrice, taxRateBp: 1300 });

describe('settleSale with cash rounding', () => {
  it('a cash sale of Bs 5.77 is paid Bs 5.80 (+0.03); Bs 5.74 is paid Bs 5.70 (−0.04) and change comes from that', () => {
    const up = settleSale('BOB', [line(577)], [{ method: 'CASH', amount: 580 }], 0, bob);
    expect(up).toMatchObject({ ok: true, value: { total: 577, cashRounding: 3, change: 0, payments: [{ method: 'CASH', amount: 580 }] } });
    const down = settleSale('BOB', [line(574)], [{ method: 'CASH', amount: 570, tendered: 1000 }], 0, bob);
    expect(down).toMatchObject({ ok: true, value: { total: 574, cashRounding: -4, change: 430, payments: [{ amount: 570, tendered: 1000, change: 430 }] } });
  });

  it('card, QR and transfer tenders are never rounded; in a split only the cash part is', () => {
    for (const method of ['DEBIT_CARD', 'QR', 'TRANSFER'] as const) {
      expect(settleSale('BOB', [line(577)], [{ method, amount: 577 }], 0, bob)).toMatchObject({ ok: true, value: { cashRounding: 0, payments: [{ amount: 577 }] } });
    }
    // Bs 10.77: Bs 5.00 by card, the Bs 5.77 left in cash rounds to Bs 5.80.
    const split = settleSale('BOB', [line(1077)], [{ method: 'DEBIT_CARD', amount: 500 }, { method: 'CASH', amount: 580, tendered: 1000 }], 0, bob);
    expect(split).toMatchObject({ ok: true, value: { total: 1077, cashRounding: 3, change: 420, payments: [{ amount: 500 }, { amount: 580 }] } });
  });

  it('the rounded cash is what must be covered: Bs 5.75 in cash needs Bs 5.80; Bs 5.74 is covered by Bs 5.70', () => {
    expect(settleSale('BOB', [line(575)], [{ method: 'CASH', amount: 575 }], 0, bob)).toMatchObject({ ok: false, error: { code: 'PAYMENT_INSUFFICIENT', details: { total: 580, cashRounding: 5 } } });
    expect(settleSale('BOB', [line(574)], [{ method: 'CASH', amount: 570 }], 0, bob).ok).toBe(true);
  });

  it('Chile: $1.235 in cash is paid $1.230 and $1.236 is paid $1.240', () => {
    const clp = cashRoundingFor('CLP', null);
    expect(settleSale('CLP', [line(1235)], [{ method: 'CASH', amount: 2000, tendered: 2000 }], 0, clp)).toMatchObject({ ok: true, value: { cashRounding: -5, change: 770 } });
    expect(settleSale('CLP', [line(1236)], [{ method: 'CASH', amount: 2000, tendered: 2000 }], 0, clp)).toMatchObject({ ok: true, value: { cashRounding: 4, change: 760 } });
  });

  it('without rounding nothing changes', () => {
    expect(settleSale('BOB', [line(577)], [{ method: 'CASH', amount: 577 }])).toMatchObject({ ok: true, value: { cashRounding: 0, payments: [{ amount: 577 }] } });
  });
});
