import { describe, expect, it } from 'vitest';
import type { RefundableLine, RefundableSale } from './eligibility';
import { cashRefundPayout, NOTHING_REFUNDED, planRefund, refundApproval, refundEligibility, refundedByLine, refundNeedsApproval, refundWithinTender, voidEligibility } from './eligibility';

const session = { id: 's1', status: 'OPEN' as const };
const sale = { id: 'v1', status: 'COMPLETED' as const, sessionId: 's1', hasRefunds: false };

describe('voidEligibility', () => {
  it('voids a completed sale of the running session that has no refund', () => {
    expect(voidEligibility(sale, session)).toEqual({ ok: true, value: undefined });
  });

  it('refuses, in order: already voided, another session, a session not OPEN, a refunded sale', () => {
    const code = (r: ReturnType<typeof voidEligibility>) => (r.ok ? 'ok' : [r.error.code, r.error.details?.['reason']]);
    expect(code(voidEligibility({ ...sale, status: 'VOIDED', sessionId: 'other', hasRefunds: true }, session))).toEqual(['SALE_VOIDED', undefined]);
    expect(code(voidEligibility({ ...sale, sessionId: 'other', hasRefunds: true }, { ...session, status: 'SUSPENDED' }))).toEqual(['SALE_NOT_VOIDABLE', 'other_session']);
    for (const status of ['SUSPENDED', 'COUNTING', 'CLOSED'] as const) {
      expect(code(voidEligibility({ ...sale, hasRefunds: true }, { ...session, status }))).toEqual(['SESSION_STATE', undefined]);
    }
    expect(code(voidEligibility({ ...sale, hasRefunds: true }, session))).toEqual(['SALE_NOT_VOIDABLE', 'refunded']);
  });
});

// Line 1: 3 units for 10.00 (tax 1.15); line 2: 1.500 kg for 7.50; line 3: a free item.
const lines: RefundableLine[] = [
  { lineNo: 1, productId: 'p1', unit: 'UNIT', quantityMilli: 3000, total: 1000, tax: 115, refunded: NOTHING_REFUNDED },
  { lineNo: 2, productId: 'p2', unit: 'KG', quantityMilli: 1500, total: 750, tax: 86, refunded: NOTHING_REFUNDED },
  { lineNo: 3, productId: 'p3', unit: 'UNIT', quantityMilli: 1000, total: 0, tax: 0, refunded: NOTHING_REFUNDED },
];
const refundable: RefundableSale = { id: 'v1', status: 'COMPLETED', lines };

describe('planRefund', () => {
  it('gives back the rounded share of each line, weights to the gram', () => {
    const plan = planRefund(refundable, [{ lineId: 1, quantity: 1 }, { lineId: 2, quantity: '0.500' }]);
    expect(plan).toEqual({
      ok: true,
      value: {
        lines: [
          { lineNo: 1, productId: 'p1', quantity: 1000, total: 333, tax: 38 },
          { lineNo: 2, productId: 'p2', quantity: 500, total: 250, tax: 29 },
        ],
        total: 583,
        tax: 67,
      },
    });
  });

  it('the last of a line takes its exact remainder, so a line never gives back more or less than it took', () => {
    const after = { ...refundable, lines: [{ ...lines[0]!, refunded: { milli: 2000, total: 667, tax: 77 } }] };
    const plan = planRefund(after, [{ lineId: 1, quantity: 1 }]);
    expect(plan.ok && plan.value.lines[0]).toEqual({ lineNo: 1, productId: 'p1', quantity: 1000, total: 333, tax: 38 });
  });

  it('up to sold less refunded exactly; one thousandth more is REFUND_EXCEEDS_SOLD', () => {
    const half = { ...refundable, lines: [{ ...lines[1]!, refunded: { milli: 1000, total: 500, tax: 57 } }] };
    expect(planRefund(half, [{ lineId: 2, quantity: '0.500' }]).ok).toBe(true);
    expect(planRefund(half, [{ lineId: 2, quantity: '0.501' }])).toEqual({
      ok: false,
      error: { code: 'REFUND_EXCEEDS_SOLD', details: { lineId: 2, sold: '1.500', refunded: '1.000', requested: '0.501' } },
    });
  });

  it('refuses a voided sale, an unknown or repeated line, a bad quantity, and a refund of nothing', () => {
    const code = (r: ReturnType<typeof planRefund>) => (r.ok ? 'ok' : [r.error.code, r.error.details?.['field']]);
    expect(code(planRefund({ ...refundable, status: 'VOIDED' }, [{ lineId: 1, quantity: 1 }]))).toEqual(['SALE_VOIDED', undefined]);
    expect(code(planRefund(refundable, [{ lineId: 9, quantity: 1 }]))).toEqual(['NOT_FOUND', 'lines.0.lineId']);
    expect(code(planRefund(refundable, [{ lineId: 1, quantity: 1 }, { lineId: 1, quantity: 1 }]))).toEqual(['VALIDATION_FAILED', 'lines.1.lineId']);
    expect(code(planRefund(refundable, [{ lineId: 1, quantity: '0.5' }]))).toEqual(['QUANTITY_INVALID', 'lines.0.quantity']);
    expect(code(planRefund(refundable, [{ lineId: 2, quantity: 0 }]))).toEqual(['QUANTITY_INVALID', 'lines.0.quantity']);
    expect(code(planRefund(refundable, [{ lineId: 3, quantity: 1 }]))).toEqual(['VALIDATION_FAILED', 'lines']);
  });
});

describe('refundEligibility', () => {
  it('a refund may start while something is left of a completed sale', () => {
    const view = { id: 'v1', status: 'COMPLETED' as const, lines: [{ quantityMilli: 2000, refundedMilli: 2000 }, { quantityMilli: 1500, refundedMilli: 1499 }] };
    expect(refundEligibility(view).ok).toBe(true);
    const done = { ...view, lines: [{ quantityMilli: 2000, refundedMilli: 2000 }] };
    expect(refundEligibility(done)).toEqual({ ok: false, error: { code: 'REFUND_EXCEEDS_SOLD', details: { saleId: 'v1' } } });
    expect(refundEligibility({ ...view, status: 'VOIDED' })).toEqual({ ok: false, error: { code: 'SALE_VOIDED', details: { saleId: 'v1' } } });
  });
});

describe('refund approval', () => {
  it('needs a supervisor strictly above the limit: equal to it does not', () => {
    expect(refundNeedsApproval(5_000, 5_000)).toBe(false);
    expect(refundNeedsApproval(5_001, 5_000)).toBe(true);
    expect(refundNeedsApproval(1, 0)).toBe(true);
    expect(refundApproval(5_000, 5_000, false)).toEqual({ ok: true, value: false });
    expect(refundApproval(5_001, 5_000, true)).toEqual({ ok: true, value: true });
    expect(refundApproval(5_001, 5_000, false)).toEqual({ ok: false, error: { code: 'SUPERVISOR_REQUIRED', details: { permission: 'sales:refund', limit: 5_000, reason: 'LIMIT' } } });
  });

  it('counts what the sale already refunded without a supervisor toward the limit', () => {
    expect(refundApproval(1_000, 5_000, false, { unapprovedEarlier: 4_000 })).toEqual({ ok: true, value: false });
    expect(refundApproval(1_000, 5_000, false, { unapprovedEarlier: 4_001 })).toEqual({ ok: false, error: { code: 'SUPERVISOR_REQUIRED', details: { permission: 'sales:refund', limit: 5_000, reason: 'LIMIT' } } });
  });
});

describe('refundedByLine', () => {
  it('sums quantities, totals and tax per line across refunds', () => {
    const got = refundedByLine([
      { lines: [{ lineNo: 1, quantityMilli: 1000, total: 333, tax: 38 }] },
      { lines: [{ lineNo: 1, quantityMilli: 1000, total: 334, tax: 39 }, { lineNo: 2, quantityMilli: 500, total: 250, tax: 29 }] },
    ]);
    expect(Object.fromEntries(got)).toEqual({ 1: { milli: 2000, total: 667, tax: 77 }, 2: { milli: 500, total: 250, tax: 29 } });
  });
});

describe('refund tender', () => {
  const paid = [
    { method: 'CASH' as const, amount: 1_000 },
    { method: 'QR' as const, amount: 4_000 },
  ];
  it('goes back within what the sale paid in that tender, less what earlier refunds gave back in it', () => {
    expect(refundWithinTender(paid, [], 'CASH', 1_000)).toBe(true);
    expect(refundWithinTender(paid, [], 'CASH', 1_001)).toBe(false);
    expect(refundWithinTender(paid, [{ method: 'CASH', total: 600 }], 'CASH', 500)).toBe(false);
    expect(refundWithinTender(paid, [{ method: 'CASH', total: 600 }], 'QR', 4_000)).toBe(true);
    expect(refundWithinTender([{ method: 'QR', amount: 4_000 }], [], 'CASH', 1)).toBe(false);
  });
  it('another tender needs a grant whatever the amount; refusals need one for cash; the limit is named only for the limit', () => {
    expect(refundApproval(1, 5_000, false, { offTender: true })).toEqual({ ok: false, error: { code: 'SUPERVISOR_REQUIRED', details: { permission: 'sales:refund', reason: 'OTHER_TENDER' } } });
    expect(refundApproval(1, 5_000, true, { offTender: true })).toEqual({ ok: true, value: true });
    expect(refundApproval(1, 5_000, false, { afterRefusals: true })).toEqual({ ok: false, error: { code: 'SUPERVISOR_REQUIRED', details: { permission: 'sales:refund', reason: 'CASH_OUT_REFUSALS' } } });
    expect(refundApproval(1, 5_000, false, { offTender: false, afterRefusals: false })).toEqual({ ok: true, value: false });
  });
});

describe('cashRefundPayout', () => {
  const bob = { increment: 10, rule: 'HALF_UP' as const };
  it('rounds the running sum of a sale\'s cash refunds, so slices never pay out more than the whole', () => {
    expect(cashRefundPayout(0, 0, 1_234, bob)).toBe(1_230);
    expect(cashRefundPayout(0, 0, 5, bob)).toBe(10);
    expect(cashRefundPayout(5, 10, 5, bob)).toBe(0);
    let total = 0;
    let paid = 0;
    for (let i = 0; i < 20; i++) {
      paid += cashRefundPayout(total, paid, 5, bob);
      total += 5;
    }
    expect(paid).toBe(100);
    // Paid out by another rule earlier: never a negative payout.
    expect(cashRefundPayout(4, 10, 1, bob)).toBe(0);
  });
});
