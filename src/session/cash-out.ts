// The one cash-out limit: cash leaving the drawer (a withdrawal, a void's cash, a cash refund, an agent cash-out) may
// not exceed the session's expected cash. Invariant: INSUFFICIENT_CASH is produced here only, and its details name the
// available figure only to a viewer who may see expected cash (see visibility.ts): a blind cashier learns that the
// drawer cannot cover it, never by how much.
import type { Minor } from '../money';
import type { Result } from '../result';
import { fail, ok } from '../result';
import type { SessionTotals } from './ledger';
import { expectedCash } from './ledger';

/** What is left after an allowed cash-out (minor units). */
export interface CashOutRoom {
  /** Expected cash before the cash-out. */
  readonly available: Minor;
  /** Expected cash after it (never negative). */
  readonly remaining: Minor;
}

/**
 * Whether `amount` (minor units, ≥ 0) may leave a drawer whose running totals are `totals`: allowed up to and including
 * the expected cash. Refusal: INSUFFICIENT_CASH with `{amount}`, plus `{available}` only when `expectedVisible`.
 */
export function checkCashOut(totals: SessionTotals, amount: Minor, expectedVisible: boolean): Result<CashOutRoom> {
  const available = expectedCash(totals);
  if (amount > available) return fail('INSUFFICIENT_CASH', expectedVisible ? { amount, available } : { amount });
  return ok({ available, remaining: available - amount });
}
