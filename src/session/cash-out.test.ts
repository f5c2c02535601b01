import { describe, expect, it } from 'vitest';
import { CASH_OUT_REFUSALS_BEFORE_GRANT, cashOutNeedsGrant, checkCashOut } from './cash-out';
import type { SessionTotals } from './ledger';
import { emptyTotals, expectedCash } from './ledger';

// Expected cash 100.00: opening 50.00 + cash sales 40.00 + deposits 20.00 − withdrawals 10.00.
const totals: SessionTotals = {
  ...emptyTotals(),
  openingAmount: 5_000,
  byMethod: { ...emptyTotals().byMethod, CASH: 4_000, QR: 90_000 },
  depositsTotal: 2_000,
  withdrawalsTotal: 1_000,
};

describe('checkCashOut', () => {
  it('allows up to and including expected cash (amount == expected leaves zero)', () => {
    expect(expectedCash(totals)).toBe(10_000);
    expect(checkCashOut(totals, 10_000, false)).toEqual({ ok: true, value: { available: 10_000, remaining: 0 } });
    expect(checkCashOut(totals, 2_500, true)).toEqual({ ok: true, value: { available: 10_000, remaining: 7_500 } });
  });

  it('refuses one minor unit more with INSUFFICIENT_CASH; other tenders never cover cash', () => {
    const r = checkCashOut(totals, 10_001, true);
    expect(r).toEqual({ ok: false, error: { code: 'INSUFFICIENT_CASH', details: { amount: 10_001, available: 10_000 } } });
  });

  it('never tells a blind viewer the available figure', () => {
    const r = checkCashOut(totals, 10_001, false);
    // Not even the amount asked back: the refusal carries no figure at all.
    expect(r).toEqual({ ok: false, error: { code: 'INSUFFICIENT_CASH' } });
  });

  it('counts agent cash-ins and top-ups in, agent cash-outs out', () => {
    const agents = { ...totals, agentCashIn: 3_000, agentTopUp: 1_000, agentCashOut: 500 };
    expect(checkCashOut(agents, 13_500, false).ok).toBe(true);
    expect(checkCashOut(agents, 13_501, false).ok).toBe(false);
  });

  it('an empty drawer allows a zero cash-out only', () => {
    expect(checkCashOut(emptyTotals(), 0, false).ok).toBe(true);
    expect(checkCashOut(emptyTotals(), 1, false).ok).toBe(false);
  });
});

describe('cashOutNeedsGrant', () => {
  it('lets the first refusals pass without a supervisor and asks for one from the limit on', () => {
    expect(CASH_OUT_REFUSALS_BEFORE_GRANT).toBe(3);
    expect([0, 1, 2, 3, 4].map(cashOutNeedsGrant)).toEqual([false, false, false, true, true]);
  });
});
