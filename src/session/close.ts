// Whether a closing count may close the session without a supervisor: the cash difference within the register's
// tolerance and every declared non-cash tender within it too. Invariant: DIFFERENCE_NEEDS_APPROVAL is produced here
// only, and its details carry expected cash, the difference and the per-tender figures only for a viewer who may see
// expected figures (visibility.ts); a blind cashier learns which methods missed, never by how much.
import type { Minor } from '../money';
import type { DomainError } from '../result';
import { exceedsTolerance } from './count';
import type { SessionTotals } from './ledger';
import { expectedCash } from './ledger';
import type { Declared } from './reconcile';
import { tenderMisses } from './reconcile';

/**
 * Refused closes a blind cashier may make in one session before a supervisor must stand by the next count: each refusal
 * says "outside expected ± tolerance", so unlimited attempts would find expected cash by bisection (issue 9, item 5).
 * Two allow one honest recount.
 */
export const CLOSE_REFUSALS_BEFORE_GRANT = 2;

export type CloseVerdict = { readonly needsApproval: false } | { readonly needsApproval: true; readonly refusal: DomainError };

/**
 * Judges a closing count. `totals` are the session's running totals, `declared` the count (cash and statement figures,
 * minor units), `tolerance` the register's (minor units, per method), `countId` the count on the record. When approval
 * is needed, `refusal` is the DIFFERENCE_NEEDS_APPROVAL to answer if no `cash:approve_difference` grant was given.
 */
export function judgeClose(totals: SessionTotals, declared: Declared, tolerance: Minor, countId: string, expectedVisible: boolean): CloseVerdict {
  const expected = expectedCash(totals);
  const difference = declared.totalCash - expected;
  const misses = tenderMisses(totals, declared, tolerance);
  if (!exceedsTolerance(difference, tolerance) && misses.length === 0) return { needsApproval: false };
  const methods = misses.map((m) => m.method);
  const details = expectedVisible ? { countId, expectedAmount: expected, difference, tolerance, methods, tenders: misses } : { countId, methods };
  return { needsApproval: true, refusal: { code: 'DIFFERENCE_NEEDS_APPROVAL', details } };
}
