// Per-tender reconciliation at a count or close: like against like. Invariant: cash is compared with expected cash
// (opening + net cash − cash out); every other tender with its own expected total; nothing is added across tenders
// (the false-surplus mistake of summing cash + vouchers + checks against a cash-only figure).
import type { Minor } from '../money';
import type { PaymentMethod } from '../sale/methods';
import { PAYMENT_METHODS } from '../sale/methods';
import { exceedsTolerance } from './count';
import type { SessionTotals } from './ledger';
import { expectedCash } from './ledger';

/** What the cashier declared: the drawer's count plus, optionally, per-tender statement figures (minor units). */
export interface Declared {
  readonly totalCash: Minor;
  readonly checks: Minor;
  readonly vouchers: Minor;
  readonly otherValues: Minor;
  readonly tenders?: readonly { readonly method: PaymentMethod; readonly amount: Minor }[] | undefined;
}

export interface TenderReconciliation {
  readonly method: PaymentMethod;
  /** Minor units expected for this tender. */
  readonly expected: Minor;
  /** Minor units declared, or null when nothing was declared for it. */
  readonly declared: Minor | null;
  /** declared − expected (negative = short), or null when nothing was declared. */
  readonly difference: Minor | null;
  readonly exceedsTolerance: boolean;
}

/**
 * Reconciles every tender that moved or was declared, from the session's running totals (no database row needed).
 * A method's declared figure comes from the count's `tenders` (the statement the cashier read); checks, vouchers
 * and other values counted in the drawer stand for their method when no statement figure was given. The tolerance
 * (minor units) applies to each method on its own. Cash is always listed.
 */
export function reconcileTenders(totals: SessionTotals, declared: Declared | null, tolerance: Minor): TenderReconciliation[] {
  const declaredFor: Partial<Record<PaymentMethod, Minor>> = declared
    ? { CASH: declared.totalCash, CHECK: declared.checks, VOUCHER: declared.vouchers, OTHER: declared.otherValues }
    : {};
  for (const t of declared?.tenders ?? []) declaredFor[t.method] = t.amount;
  return PAYMENT_METHODS.filter((m) => m === 'CASH' || totals.byMethod[m] !== 0 || (declaredFor[m] ?? 0) !== 0).map((method) => {
    const expected = method === 'CASH' ? expectedCash(totals) : totals.byMethod[method];
    const d = declaredFor[method];
    const difference = d === undefined ? null : d - expected;
    return { method, expected, declared: d ?? null, difference, exceedsTolerance: difference !== null && exceedsTolerance(difference, tolerance) };
  });
}

/** Non-cash methods whose statement figure was declared and misses by more than the tolerance (cash is judged apart). */
export function tenderMisses(totals: SessionTotals, declared: Declared, tolerance: Minor): TenderReconciliation[] {
  const stated = new Set((declared.tenders ?? []).map((t) => t.method));
  return reconcileTenders(totals, declared, tolerance).filter((t) => t.method !== 'CASH' && stated.has(t.method) && t.exceedsTolerance);
}
