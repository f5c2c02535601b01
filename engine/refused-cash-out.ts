// Refused cash-outs (src/session/cash-out.ts decides): the refusal is recorded as a CASH_OUT_REFUSED ledger entry in
// the refused command's own transaction (`keep`), which writes nothing else, so no money moves; a grant presented with
// a refused cash-out is spent by it, so each probe of the drawer past the limit costs a supervisor's PIN.
import type { SessionRow } from '../db';
import { appendLedger, cashOutRefusalCount } from '../db';
import { counterValue, nextCounter } from '../db/repos/counters';
import type { CashOutRoom } from '../src/session/cash-out';
import type { CashOutKind } from '../src/session/ledger';
import { cashOutNeedsGrant, nearLimit } from '../src/session/cash-out';
import type { DomainError } from '../src/result';
import type { AuthedCtx, CommittedFailure } from './context';
import { keep } from './context';
import { consumeGrant } from './grants';

const nearLimitScope = (sessionId: string): string => `cash-out-near-limit:${sessionId}`;

/**
 * Whether this session has refused enough cash-outs, or allowed enough near its limit without a supervisor (a blind
 * viewer's, counted by `noteAllowedCashOut`), that the next one needs a supervisor's grant.
 */
export function refusalsNeedGrant(ctx: AuthedCtx, session: SessionRow): boolean {
  return cashOutNeedsGrant(cashOutRefusalCount(ctx.db, session.id) + counterValue(ctx.db, nearLimitScope(session.id)));
}

/**
 * Counts an allowed cash-out made without a grant by a viewer who may not see expected cash when it took more than it
 * left (`nearLimit`): successes near the limit answer a bisection as well as refusals do. A per-session counter row
 * (not the chain: nothing happened to the money that the cash-out's own entry does not say).
 */
export function noteAllowedCashOut(ctx: AuthedCtx, session: SessionRow, room: CashOutRoom, amount: number, blind: boolean, granted: boolean): void {
  if (blind && !granted && nearLimit(room, amount)) nextCounter(ctx.db, nearLimitScope(session.id));
}

/** What a refused cash-out was: its kind, amount (minor units) and what it was about (sale id, provider) or null. */
export interface RefusedCashOut {
  readonly kind: CashOutKind;
  readonly amount: number;
  readonly ref: string | null;
}

/**
 * Records the refusal `error` of `what` on the session's chain and answers it, committed. `grantId`, when the command
 * carried a checked grant, is spent by the attempt (refused or not, an approval is for one attempt).
 */
export function refuseCashOut(ctx: AuthedCtx, session: SessionRow, what: RefusedCashOut, error: DomainError, command: string, grantId?: string): CommittedFailure {
  if (grantId !== undefined) consumeGrant(ctx, grantId, command);
  appendLedger(ctx.db, session, ctx.at, { kind: 'CASH_OUT_REFUSED', payload: { kind: what.kind, amount: what.amount, userId: ctx.actor.id, ref: what.ref } });
  return keep(error);
}
