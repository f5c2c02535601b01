// Opening and sealing sessions, shared by open, close and handover. Invariants: a session starts with SESSION_OPENED
// as entry 1 of its chain; sealing writes the last entry and the outbox row in the same transaction; one active session
// per register and per user is guaranteed by partial unique indexes, and their violation maps to the contract's codes.
import type { BranchRow, RegisterRow, SessionRow } from '../db';
import {
  activeSessionOfRegister,
  activeSessionOfUser,
  appendLedger,
  classifyStorageError,
  enqueueSealed,
  getBranch,
  insertCount,
  insertSession,
  lastSealedOfRegister,
  nextCounter,
  totalsOf,
} from '../db';
import type { CurrencyCode, Minor } from '../src/money';
import type { CountInput, CountTotals, CountType } from '../src/session/count';
import { countTotals, differenceType } from '../src/session/count';
import type { PaymentMethod } from '../src/sale/methods';
import type { ClosedPayload, CountPayload } from '../src/session/ledger';
import { drawerOf, expectedCash, hasDrawerTotals, operationsOf } from '../src/session/ledger';
import { localDate, sessionNumber } from '../src/session/numbering';
import { GENESIS } from '../src/sync/chain';
import type { Result } from '../src/result';
import { fail, ok } from '../src/result';
import type { AuthedCtx } from './context';
import { checkOwnRegister } from './own-register';


export function branchOf(ctx: AuthedCtx, register: RegisterRow): BranchRow {
  const branch = getBranch(ctx.db, register.branchId);
  if (!branch) throw new Error(`register ${register.id} has no branch`);
  return branch;
}

export interface CountWithInput extends CountTotals {
  readonly input: CountInput & {
    readonly otherValuesNote?: string | undefined;
    readonly notes?: string | undefined;
    readonly tenders?: readonly { readonly method: PaymentMethod; readonly amount: Minor }[] | undefined;
  };
}

export function tallyCount(currency: CurrencyCode, input: CountWithInput['input']): Result<CountWithInput> {
  const methods = (input.tenders ?? []).map((t) => t.method);
  if (new Set(methods).size !== methods.length) return fail('VALIDATION_FAILED', { field: 'tenders', reason: 'duplicate method' });
  const totals = countTotals(currency, input);
  return totals.ok ? ok({ ...totals.value, input }) : totals;
}

/** Writes a count row and its COUNT ledger entry; returns the new session row and the count payload. */
export function recordCount(ctx: AuthedCtx, session: SessionRow, type: CountType, count: CountWithInput, expected: Minor): { row: SessionRow; count: CountPayload } {
  const difference = count.totalCash - expected;
  const payload: CountPayload = {
    id: ctx.newId(),
    type,
    denominations: count.input.denominations.map((d) => ({ value: d.value, quantity: d.quantity })),
    totalBills: count.totalBills,
    totalCoins: count.totalCoins,
    totalCash: count.totalCash,
    vouchers: count.vouchers,
    checks: count.checks,
    otherValues: count.otherValues,
    otherValuesNote: count.input.otherValuesNote ?? null,
    totalWithOthers: count.totalWithOthers,
    expectedAmount: expected,
    difference,
    differenceType: differenceType(difference),
    notes: count.input.notes ?? null,
    countedBy: ctx.actor.id,
    ...(count.input.tenders && count.input.tenders.length > 0 ? { tenders: count.input.tenders.map((t) => ({ method: t.method, amount: t.amount })) } : {}),
  };
  insertCount(ctx.db, session.id, ctx.at, payload);
  const { row } = appendLedger(ctx.db, session, ctx.at, { kind: 'COUNT', payload });
  return { row, count: payload };
}

interface StartSpec {
  readonly id?: string;
  readonly register: RegisterRow;
  readonly userId: string;
  readonly openingAmount: Minor;
  readonly notes: string | null;
  readonly previousSessionId: string | null;
  readonly count: CountWithInput | null;
}

/** Which one-active-session index an insert clashed with (the partial unique indexes are the guarantee). */
function uniqueViolation(e: unknown): 'register' | 'user' | null {
  const fault = classifyStorageError(e);
  if (fault?.kind !== 'unique' || fault.table !== 'sessions') return null;
  if (fault.columns.includes('register_id')) return 'register';
  if (fault.columns.includes('user_id')) return 'user';
  return null;
}

export function startSession(ctx: AuthedCtx, spec: StartSpec): Result<SessionRow> {
  const { register } = spec;
  // An enrolled PC opens sessions (cash.open, the handover's new session) on its own register only.
  const own = checkOwnRegister(ctx, register);
  if (!own.ok) return own;
  if (!register.active) return fail('REGISTER_INACTIVE');
  if (activeSessionOfRegister(ctx.db, register.id)) return fail('REGISTER_HAS_OPEN_SESSION');
  if (activeSessionOfUser(ctx.db, spec.userId)) return fail('USER_HAS_OPEN_SESSION');
  const branch = branchOf(ctx, register);
  const businessDate = localDate(ctx.now, branch.timeZone);
  const number = sessionNumber(register.code, businessDate, nextCounter(ctx.db, `session:${register.id}:${businessDate}`));
  const id = spec.id ?? ctx.newId();
  // The float should be what the last session on this register was closed with; the check is shown on the session.
  const prior = lastSealedOfRegister(ctx.db, register.id);
  let inserted: SessionRow;
  try {
    inserted = insertSession(ctx.db, {
        id,
        sessionNumber: number,
        branchId: register.branchId,
        registerId: register.id,
        userId: spec.userId,
        currency: register.currency,
        businessDate,
        status: 'OPEN',
        openingAmount: spec.openingAmount,
        openingNotes: spec.notes,
        openedAt: ctx.at,
        previousSessionId: spec.previousSessionId,
        priorSessionId: prior?.id ?? null,
        priorClosingAmount: prior?.closingAmount ?? null,
        chainHead: GENESIS,
      });
  } catch (e) {
    // The indexes are the guarantee; the checks above only give the common case a cheaper path.
    const which = uniqueViolation(e);
    if (which === 'register') return fail('REGISTER_HAS_OPEN_SESSION');
    if (which === 'user') return fail('USER_HAS_OPEN_SESSION');
    throw e;
  }
  let { row } = appendLedger(ctx.db, inserted, ctx.at, {
    kind: 'SESSION_OPENED',
    payload: {
      sessionNumber: number,
      registerId: register.id,
      registerCode: register.code,
      branchId: branch.id,
      branchCode: branch.code,
      userId: spec.userId,
      businessDate,
      currency: register.currency as CurrencyCode,
      openingAmount: spec.openingAmount,
      previousSessionId: spec.previousSessionId,
      notes: spec.notes,
    },
  });
  if (spec.count) row = recordCount(ctx, row, 'OPENING', spec.count, spec.openingAmount).row;
  return ok(row);
}

export function closingFigures(session: SessionRow, counted: Minor, approvedBy: string | null, actorId: string, notes: string | null, countId: string): ClosedPayload {
  const totals = totalsOf(session);
  const expected = expectedCash(totals);
  const difference = counted - expected;
  return {
    countId,
    closingAmount: counted,
    expectedAmount: expected,
    difference,
    differenceType: differenceType(difference),
    approvedBy,
    closedBy: actorId,
    notes,
    salesCount: totals.salesCount,
    salesTotal: totals.salesTotal,
    byMethod: totals.byMethod,
    depositsTotal: totals.depositsTotal,
    withdrawalsTotal: totals.withdrawalsTotal,
    operations: operationsOf(totals),
    // Written only when there is something to declare, so a seal without drawer events hashes as before.
    ...(hasDrawerTotals(totals) ? { drawer: drawerOf(totals) } : {}),
  };
}

/** Columns of the session row that the seal fixes, from the seal's own payload. */
export function sealColumns(ctx: AuthedCtx, p: ClosedPayload): Partial<SessionRow> {
  return {
    closedAt: ctx.at,
    closingAmount: p.closingAmount,
    expectedAmount: p.expectedAmount,
    difference: p.difference,
    differenceType: p.differenceType,
    closingNotes: p.notes,
    closedBy: p.closedBy,
    approvedBy: p.approvedBy,
  };
}

export function enqueueForSync(ctx: AuthedCtx, sessionId: string): void {
  enqueueSealed(ctx.db, sessionId, ctx.at);
}
