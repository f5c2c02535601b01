// Cash-session commands. Every write goes through the ledger (appendLedger) so that running totals, the hash chain
// and the domain rows move together in one transaction.
import type { SessionRow } from '../../db';
import {
  activeSessionOfUser,
  appendLedger,
  countsOfSession,
  getRegister,
  getUser,
  insertMovement,
  listSessions,
  movementsOfSession,
  totalsOf,
  refusedCloseCountIds,
} from '../../db';
import type { CurrencyCode } from '../../src/money';
import type { MovementPayload } from '../../src/session/ledger';
import { expectedCash, operationsOf } from '../../src/session/ledger';
import { allows } from '../../src/session/state';
import { reconcileTenders } from '../../src/session/reconcile';
import { checkCashOut } from '../../src/session/cash-out';
import { handoverTarget, openingFloat } from '../../src/session/register-rules';
import { CLOSE_REFUSALS_BEFORE_GRANT, judgeClose } from '../../src/session/close';
import { maskCount } from '../../src/session/visibility';
import { fail, ok } from '../../src/result';
import type { AuthedCtx, Handler } from '../context';
import { keep } from '../context';
import { closingFigures, enqueueForSync, recordCount, sealColumns, startSession, tallyCount } from '../sessions';
import { withCountOpening } from '../drawer';
import { countView, countViewOf, holderView, movementView, registerView } from '../views';
import { checkGrantId, consumeGrant } from '../grants';
import { currentView, heldSession, seesExpected, sessionViewFor, visibleSession } from '../held';
import { sessionReportOf } from '../report';
import { roomIn } from '../ceiling';
import { refuseCashOut } from '../refused-cash-out';

export const current: Handler<'cash.current'> = (ctx) => {
  const held = heldSession(ctx);
  if (!held.ok) return ok({ session: null, hasOpenSession: false, expectedCash: null });
  return ok(currentView(ctx, held.value));
};

export const status: Handler<'cash.status'> = (ctx, input) => {
  const register = getRegister(ctx.db, input.registerId);
  if (!register) return fail('NOT_FOUND', { registerId: input.registerId });
  const holder = holderView(ctx.db, register.id);
  return ok({
    register: registerView(register),
    currentSession: holder,
    isOpen: holder?.status === 'OPEN',
    isSuspended: holder?.status === 'SUSPENDED',
    isCounting: holder?.status === 'COUNTING',
  });
};

export const open: Handler<'cash.open'> = (ctx, input) => {
  const register = getRegister(ctx.db, input.registerId);
  if (!register) return fail('NOT_FOUND', { registerId: input.registerId });
  const counted = input.count ? tallyCount(register.currency as CurrencyCode, input.count) : null;
  if (counted && !counted.ok) return counted;
  const float = openingFloat(input.openingAmount, counted?.ok ? counted.value.totalCash : null);
  if (!float.ok) return float;
  const openingAmount = float.value;
  const started = startSession(ctx, {
    register,
    userId: ctx.actor.id,
    openingAmount,
    notes: input.notes ?? null,
    previousSessionId: null,
    count: counted?.ok ? counted.value : null,
  });
  return started.ok ? ok({ session: sessionViewFor(ctx, started.value) }) : started;
};

export const suspend: Handler<'cash.suspend'> = (ctx) => {
  const held = heldSession(ctx);
  if (!held.ok) return held;
  const allowed = allows(held.value.session.status, 'suspend');
  if (!allowed.ok) return allowed;
  const { row } = appendLedger(ctx.db, held.value.session, ctx.at, { kind: 'SUSPENDED', payload: { userId: ctx.actor.id } });
  return ok({ session: sessionViewFor(ctx, row) });
};

/**
 * Only ever the signed-in user's own session (identity from the token). A `cash:resume` grant is optional: it must
 * have been asked for by this user and given by someone else (checkGrant), and is spent only once the state allows the
 * resume, so a refused resume leaves the grant usable.
 */
export const resume: Handler<'cash.resume'> = (ctx, input) => {
  const held = heldSession(ctx);
  if (!held.ok) return held;
  const allowed = allows(held.value.session.status, 'resume');
  if (!allowed.ok) return allowed;
  let approvedBy: string | null = null;
  if (input.grantId !== undefined) {
    const grant = checkGrantId(ctx, input.grantId, 'cash:resume');
    if (!grant.ok) return grant;
    consumeGrant(ctx, input.grantId, 'cash.resume');
    approvedBy = grant.value.grantorId;
  }
  const payload = approvedBy === null ? { userId: ctx.actor.id } : { userId: ctx.actor.id, approvedBy };
  const { row } = appendLedger(ctx.db, held.value.session, ctx.at, { kind: 'RESUMED', payload });
  return ok({ session: sessionViewFor(ctx, row) });
};

function writeMovement(ctx: AuthedCtx, session: SessionRow, payload: MovementPayload) {
  const room = roomIn(session, { kind: 'MOVEMENT', payload });
  if (!room.ok) return room;
  insertMovement(ctx.db, session.id, ctx.at, payload);
  appendLedger(ctx.db, session, ctx.at, { kind: 'MOVEMENT', payload });
  return ok({ movement: movementView({ ...payload, sessionId: session.id, createdAt: ctx.at }) });
}

export const deposit: Handler<'cash.deposit'> = (ctx, input) => {
  const held = heldSession(ctx);
  if (!held.ok) return held;
  const allowed = allows(held.value.session.status, 'move');
  if (!allowed.ok) return allowed;
  return writeMovement(ctx, held.value.session, {
    id: ctx.newId(),
    direction: 'IN',
    type: input.type ?? 'DEPOSIT',
    amount: input.amount,
    reason: input.reason,
    description: input.description ?? null,
    reference: input.reference ?? null,
    destinationType: null,
    createdBy: ctx.actor.id,
    authorizedBy: null,
  });
};

export const withdraw: Handler<'cash.withdraw'> = (ctx, input) => {
  const held = heldSession(ctx);
  if (!held.ok) return held;
  const { session } = held.value;
  const allowed = allows(session.status, 'move');
  if (!allowed.ok) return allowed;
  if (input.grantId === undefined) return fail('SUPERVISOR_REQUIRED', { permission: 'cash:movements' });
  const grant = checkGrantId(ctx, input.grantId, 'cash:movements');
  if (!grant.ok) return grant;
  const room = checkCashOut(totalsOf(session), input.amount, seesExpected(ctx, held.value));
  if (!room.ok) return refuseCashOut(ctx, session, { kind: 'WITHDRAWAL', amount: input.amount, ref: null }, room.error, 'cash.withdraw', input.grantId);
  consumeGrant(ctx, input.grantId, 'cash.withdraw');
  return writeMovement(ctx, session, {
    id: ctx.newId(),
    direction: 'OUT',
    type: input.type ?? 'WITHDRAWAL',
    amount: input.amount,
    reason: input.reason,
    description: input.description ?? null,
    reference: input.reference ?? null,
    destinationType: input.destinationType ?? null,
    createdBy: ctx.actor.id,
    authorizedBy: grant.value.grantorId,
  });
};

export const movements: Handler<'cash.movements'> = (ctx, input) => {
  const held = input.sessionId === undefined ? heldSession(ctx) : visibleSession(ctx, input.sessionId);
  if (!held.ok) return input.sessionId === undefined ? ok({ sessionId: null, movements: [] }) : held;
  const id = held.value.session.id;
  return ok({ sessionId: id, movements: movementsOfSession(ctx.db, id).map(movementView) });
};

export const countDrawer: Handler<'cash.count'> = (ctx, input) => {
  const held = heldSession(ctx);
  if (!held.ok) return held;
  const { session, register } = held.value;
  const allowed = allows(session.status, 'count');
  if (!allowed.ok) return allowed;
  const tally = tallyCount(register.currency as CurrencyCode, input);
  if (!tally.ok) return tally;
  const { count } = recordCount(ctx, session, input.type, tally.value, expectedCash(totalsOf(session)));
  const view = maskCount(countViewOf(count, session.id, ctx.at), seesExpected(ctx, held.value));
  const { totalBills, totalCoins, totalCash, vouchers, checks, otherValues, totalWithOthers, expectedAmount, difference, differenceType } = view;
  return ok({ count: view, summary: { totalBills, totalCoins, totalCash, vouchers, checks, otherValues, totalWithOthers, expectedAmount, difference, differenceType } });
};

export const counts: Handler<'cash.counts'> = (ctx, input) => {
  const held = visibleSession(ctx, input.sessionId);
  if (!held.ok) return held;
  const visible = seesExpected(ctx, held.value);
  return ok({ sessionId: input.sessionId, counts: countsOfSession(ctx.db, input.sessionId).map((r) => maskCount(countView(r), visible)) });
};

export const close: Handler<'cash.close'> = (ctx, input) => {
  const held = heldSession(ctx);
  if (!held.ok) return held;
  const { session, register } = held.value;
  const allowed = allows(session.status, 'close');
  if (!allowed.ok) return allowed;
  const tally = tallyCount(register.currency as CurrencyCode, input.count);
  if (!tally.ok) return tally;
  const grant = input.grantId === undefined ? null : checkGrantId(ctx, input.grantId, 'cash:approve_difference');
  if (grant && !grant.ok) return grant;
  // A blind cashier's refused closes are an oracle for expected cash: past the allowance, a supervisor stands by the count.
  const attemptsNeedGrant = !seesExpected(ctx, held.value) && refusedCloseCountIds(ctx.db, session.id).length >= CLOSE_REFUSALS_BEFORE_GRANT;
  if (attemptsNeedGrant && !grant) return fail('SUPERVISOR_REQUIRED', { permission: 'cash:approve_difference', reason: 'CLOSE_ATTEMPTS' });

  const expected = expectedCash(totalsOf(session));
  const recorded = withCountOpening(ctx, recordCount(ctx, session, 'CLOSING', tally.value, expected), 'CLOSE_COUNT');
  const declared = { ...tally.value, tenders: input.count.tenders };
  const verdict = judgeClose(totalsOf(recorded.row), declared, register.differenceTolerance, recorded.count.id, seesExpected(ctx, held.value));
  if (verdict.needsApproval && !grant) {
    // Refused, but the attempt stays on the record and the session waits in COUNTING for a recount or an approval.
    appendLedger(ctx.db, recorded.row, ctx.at, { kind: 'CLOSE_REFUSED', payload: { countId: recorded.count.id, userId: ctx.actor.id } });
    return keep(verdict.refusal);
  }
  const approvedBy = verdict.needsApproval && grant?.ok ? grant.value.grantorId : null;
  if ((approvedBy !== null || attemptsNeedGrant) && input.grantId !== undefined) consumeGrant(ctx, input.grantId, 'cash.close');
  const seal = closingFigures(recorded.row, recorded.count.totalCash, approvedBy, ctx.actor.id, input.notes ?? null, recorded.count.id);
  const { row } = appendLedger(ctx.db, recorded.row, ctx.at, { kind: 'SESSION_CLOSED', payload: seal }, sealColumns(ctx, seal));
  enqueueForSync(ctx, row.id);
  return ok({
    session: sessionViewFor(ctx, row),
    count: countViewOf(recorded.count, session.id, ctx.at),
    summary: {
      openingAmount: totalsOf(row).openingAmount,
      closingAmount: seal.closingAmount,
      expectedAmount: seal.expectedAmount,
      difference: seal.difference,
      differenceType: seal.differenceType,
      salesCount: seal.salesCount,
      salesTotal: seal.salesTotal,
      depositsTotal: seal.depositsTotal,
      withdrawalsTotal: seal.withdrawalsTotal,
      totals: seal.byMethod,
      operations: operationsOf(totalsOf(row)),
      tenders: reconcileTenders(totalsOf(row), declared, register.differenceTolerance),
    },
    report: sessionReportOf(ctx, { session: row, register }),
  });
};

export const transfer: Handler<'cash.transfer'> = (ctx, input) => {
  const held = heldSession(ctx);
  if (!held.ok) return held;
  const { session, register } = held.value;
  const allowed = allows(session.status, 'transfer');
  if (!allowed.ok) return allowed;
  const target = handoverTarget(getUser(ctx.db, input.toUserId), ctx.actor.id, input.toUserId);
  if (!target.ok) return target;
  const incoming = target.value;
  if (activeSessionOfUser(ctx.db, incoming.id)) return fail('USER_HAS_OPEN_SESSION', { toUserId: incoming.id });
  const grant = checkGrantId(ctx, input.incomingGrantId, 'cash:open', incoming.id);
  if (!grant.ok) return grant;
  const tally = tallyCount(register.currency as CurrencyCode, input.count);
  if (!tally.ok) return tally;

  const recorded = withCountOpening(ctx, recordCount(ctx, session, 'TRANSFER', tally.value, expectedCash(totalsOf(session))), 'HANDOVER');
  const newSessionId = ctx.newId();
  const seal = {
    ...closingFigures(recorded.row, recorded.count.totalCash, null, ctx.actor.id, input.notes ?? null, recorded.count.id),
    toUserId: incoming.id,
    newSessionId,
  };
  const closed = appendLedger(ctx.db, recorded.row, ctx.at, { kind: 'SESSION_TRANSFERRED', payload: seal }, sealColumns(ctx, seal)).row;
  consumeGrant(ctx, input.incomingGrantId, 'cash.transfer');
  enqueueForSync(ctx, closed.id);
  // The incoming session opens with exactly the counted cash; no transfer-in movement, so nothing is counted twice.
  const started = startSession(ctx, {
    id: newSessionId,
    register,
    userId: incoming.id,
    openingAmount: recorded.count.totalCash,
    notes: `Relevo de ${ctx.actor.name}`,
    previousSessionId: closed.id,
    count: tally.value,
  });
  if (!started.ok) return started;
  return ok({ closedSession: sessionViewFor(ctx, closed), newSession: sessionViewFor(ctx, started.value) });
};

export const list: Handler<'cash.sessions'> = (ctx, input) => {
  // Without cash:view_all a user lists only their own sessions, whatever the input names.
  const userId = ctx.actor.permissions.has('cash:view_all') ? input.userId : ctx.actor.id;
  const filter = { userId, branchId: input.branchId, registerId: input.registerId, status: input.status, dateFrom: input.dateFrom, dateTo: input.dateTo };
  const { rows, total } = listSessions(ctx.db, filter, input.page, input.pageSize);
  return ok({
    sessions: rows.map((r) => sessionViewFor(ctx, r)),
    pagination: { total, page: input.page, pageSize: input.pageSize, totalPages: Math.ceil(total / input.pageSize) },
  });
};
