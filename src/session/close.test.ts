import { describe, expect, it } from 'vitest';
import { judgeClose } from './close';
import type { SessionTotals } from './ledger';
import { emptyTotals } from './ledger';

// Expected cash 100.00; card terminal 50.00 taken.
const totals: SessionTotals = { ...emptyTotals(), openingAmount: 10_000, byMethod: { ...emptyTotals().byMethod, CARD_TERMINAL: 5_000 } };
const drawer = (totalCash: number, tenders?: { method: 'CARD_TERMINAL'; amount: number }[]) => ({ totalCash, checks: 0, vouchers: 0, otherValues: 0, tenders });

describe('judgeClose', () => {
  it('closes without approval within the tolerance, at the tolerance exactly', () => {
    expect(judgeClose(totals, drawer(10_000), 1_000, 'c1', false)).toEqual({ needsApproval: false });
    expect(judgeClose(totals, drawer(9_000), 1_000, 'c1', false)).toEqual({ needsApproval: false });
    expect(judgeClose(totals, drawer(11_000), 1_000, 'c1', false)).toEqual({ needsApproval: false });
  });

  it('beyond the tolerance needs approval; the refusal names figures only to a viewer who may see them', () => {
    expect(judgeClose(totals, drawer(8_999), 1_000, 'c1', true)).toEqual({
      needsApproval: true,
      refusal: { code: 'DIFFERENCE_NEEDS_APPROVAL', details: { countId: 'c1', expectedAmount: 10_000, difference: -1_001, tolerance: 1_000, methods: [], tenders: [] } },
    });
    expect(judgeClose(totals, drawer(8_999), 1_000, 'c1', false)).toEqual({
      needsApproval: true,
      refusal: { code: 'DIFFERENCE_NEEDS_APPROVAL', details: { countId: 'c1', methods: [] } },
    });
  });

  it('a declared non-cash statement that misses needs approval too, even with the cash exact', () => {
    const v = judgeClose(totals, drawer(10_000, [{ method: 'CARD_TERMINAL', amount: 3_000 }]), 1_000, 'c1', false);
    expect(v).toEqual({ needsApproval: true, refusal: { code: 'DIFFERENCE_NEEDS_APPROVAL', details: { countId: 'c1', methods: ['CARD_TERMINAL'] } } });
    expect(judgeClose(totals, drawer(10_000, [{ method: 'CARD_TERMINAL', amount: 4_500 }]), 1_000, 'c1', false)).toEqual({ needsApproval: false });
  });
});
