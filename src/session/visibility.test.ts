import { describe, expect, it } from 'vitest';
import { permissionsOf } from '../auth/permissions';
import type { TenderReconciliation } from './reconcile';
import { SESSION_STATUSES } from './state';
import { maskCount, maskTenders, mayViewExpected, shown } from './visibility';

const cashier = { permissions: new Set(permissionsOf('CASHIER')) };
const supervisor = { permissions: new Set(permissionsOf('SUPERVISOR')) };
const blind = { blindClose: true };
const open = { blindClose: false };

describe('mayViewExpected', () => {
  it('hides expected figures of an active session from a blind viewer only', () => {
    for (const status of ['OPEN', 'SUSPENDED', 'COUNTING'] as const) {
      expect(mayViewExpected(cashier, blind, status)).toBe(false);
      expect(mayViewExpected(supervisor, blind, status)).toBe(true);
      expect(mayViewExpected(cashier, open, status)).toBe(true);
    }
  });

  it('shows a sealed session to everyone: the Z report carries its expected cash', () => {
    for (const status of ['CLOSED', 'TRANSFERRED'] as const) expect(mayViewExpected(cashier, blind, status)).toBe(true);
    expect(SESSION_STATUSES).toHaveLength(5);
  });

  it('takes cash:view_expected, whatever the role', () => {
    expect(mayViewExpected({ permissions: new Set(['cash:view_expected'] as const) }, blind, 'OPEN')).toBe(true);
    expect(mayViewExpected({ permissions: new Set() }, blind, 'OPEN')).toBe(false);
  });
});

describe('masking', () => {
  it('a single figure is null when hidden, itself (zero included) when shown', () => {
    expect(shown(false, 12_000)).toBeNull();
    expect(shown(true, 0)).toBe(0);
  });

  it('a count keeps what was counted and loses expected, difference and its type', () => {
    const count = { id: 'c', totalCash: 9_000, expectedAmount: 10_000, difference: -1_000, differenceType: 'SHORTAGE' as const };
    expect(maskCount(count, true)).toEqual(count);
    expect(maskCount(count, false)).toEqual({ id: 'c', totalCash: 9_000, expectedAmount: null, difference: null, differenceType: null });
  });

  it('tenders: a blind viewer sees non-cash expected totals, never expected cash, a difference or a miss', () => {
    const rows: TenderReconciliation[] = [
      { method: 'CASH', expected: 10_000, declared: 9_000, difference: -1_000, exceedsTolerance: true },
      { method: 'QR', expected: 5_000, declared: 4_000, difference: -1_000, exceedsTolerance: true },
    ];
    expect(maskTenders(rows, true)).toEqual(rows);
    expect(maskTenders(rows, false)).toEqual([
      { method: 'CASH', expected: null, declared: 9_000, difference: null, exceedsTolerance: false },
      { method: 'QR', expected: 5_000, declared: 4_000, difference: null, exceedsTolerance: false },
    ]);
  });
});
