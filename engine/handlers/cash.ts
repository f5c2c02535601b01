// Cash-session commands. Every write goes through the ledger (appendLedger) so that running totals, the hash chain
// and the domain rows move together in one transaction.
import { and, count as sqlCount, desc, eq, gte, lte } from 'drizzle-orm';
import type { SQL } from 'drizzle-orm';
import type { SessionRow } from '../../db';
import { activeSessionOfRegister, activeSessionOfUser, appendLedger, getRegister, getUser, schema, totalsOf } from '../../db';
import { can } from '../../src/auth/permissions';
import type { CurrencyCode, Minor } from '../../src/money';
import { exceedsTolerance } from '../../src/session/count';
import type { MovementPayload } from '../../src/session/ledger';
import { expectedCash, operationsOf } from '../../src/session/ledger';
import { allows } from '../../src/session/state';
import { reconcileTenders, tenderMisses } from '../../src/session/reconcile';
import { fail, ok } from '../../src/result';
import type { AuthedCtx, Handler } from '../context';
import { keep } from '../context';
import { closingFigures, enqueueForSync, recordCount, sealColumns, startSession, tallyCount } from '../sessions';
import { countView, movementView, registerView, sessionView } from '../views';
import { checkGrantId, consumeGrant } from '../grants';
import { heldSession, masked, visibleSession } from '../held';
import { sessionReportOf } from '../report';

export const current: Handler<'cash.current'> = (ctx) => {
  const held = heldSession(ctx);
  if (!held.ok) return ok({ session: null, hasOpenSession: false, expectedCash: null });
  const { session } = held.value;
  return ok({
    session: sessionView(ctx.db, session),
    hasOpenSession: true,
    expectedCash: masked(ctx, held.value) ? null : expectedCash(totalsOf(session)),
  });
};

export const status: Handler<'cash.status'> = (ctx, input) => {
  const register = getRegister(ctx.db, input.registerId);
  if (!register) return fail('NOT_FOUND', { registerId: input.registerId });
  const s = activeSessionOfRegister(ctx.db, register.id);
  const holder = s ? getUser(ctx.db, s.userId) : undefined;
  return ok({
    register: registerView(register),
    currentSession: s ? { id: s.id, sessionNumber: s.sessionNumber, status: s.status, userId: s.userId, userName: holder?.name ?? '' } : null,
    isOpen: s?.status === 'OPEN',
    isSuspended: s?.status === 'SUSPENDED',
    isCounting: s?.status === 'COUNTING',
  });
};

export const open: Handler<'cash.open'> = (ctx, input) => {
  const register = getRegister(ctx.db, input.registerId);
  if (!register) return fail('NOT_FOUND', { registerId: input.registerId });
  let openingAmount: Minor = input.openingAmount ?? 0;
  const counted = input.count ? tallyCount(register.currency as CurrencyCode, input.count) : null;
  if (counted && !counted.ok) return counted;
  if (counted?.ok) {
    if (input.openingAmount !== undefined && input.openingAmount !== counted.value.totalCash) {
      return fail('OPENING_AMOUNT_MISMATCH', { openingAmount: input.openingAmount, counted: counted.value.totalCash });
    }
    openingAmount = counted.value.totalCash;
  }
  const started = startSession(ctx, {
    register,
    userId: ctx.actor.id,
    openingAmount,
    notes: input.notes ?? null,
    previousSessionId: null,
    count: counted?.ok ? counted.value : null,
  });
  return started.ok ? ok({ session: sessionView(ctx.db, started.value) }) : started;
};

export const suspend: Handler<'cash.suspend'> = (ctx) => {
  const held = heldSession(ctx);
  if (!held.ok) return held;
  const allowed = allows(held.value.session.status, 'suspend');
  if (!allowed.ok) return allowed;
  const { row } = appendLedger(ctx.db, held.value.session, ctx.at, { kind: 'SUSPENDED', payload: { userId: ctx.actor.id } });
  return ok({ session: sessionView(ctx.db, row) });
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
  return ok({ session: sessionView(ctx.db, row) });
};

function writeMovement(ctx: AuthedCtx, session: SessionRow, payload: MovementPayload) {
  ctx.db.insert(schema.cashMovements).values({ ...payload, sessionId: session.id, createdAt: ctx.at }).run();
  appendLedger(ctx.db, session, ctx.at, { kind: 'MOVEMENT', payload });
  const row = ctx.db.select().from(schema.cashMovements).where(eq(schema.cashMovements.id, payload.id)).get();
  if (!row) throw new Error('movement not written');
  return ok({ movement: movementView(row) });
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
  const available = expectedCash(totalsOf(session));
  if (input.amount > available) {
    // A blind cashier learns that the drawer cannot cover it, never by how much.
    return fail('INSUFFICIENT_CASH', masked(ctx, held.value) ? { amount: input.amount } : { amount: input.amount, available });
  }
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
  const rows = ctx.db.select().from(schema.cashMovements).where(eq(schema.cashMovements.sessionId, id)).orderBy(schema.cashMovements.createdAt).all();
  return ok({ sessionId: id, movements: rows.map(movementView) });
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
  const hide = masked(ctx, held.value);
  const row = ctx.db.select().from(schema.cashCounts).where(eq(schema.cashCounts.id, count.id)).get();
  if (!row) throw new Error('count not written');
  const view = countView(row, hide);
  const { totalBills, totalCoins, totalCash, vouchers, checks, otherValues, totalWithOthers, expectedAmount, difference, differenceType } = view;
  return ok({ count: view, summary: { totalBills, totalCoins, totalCash, vouchers, checks, otherValues, totalWithOthers, expectedAmount, difference, differenceType } });
};

export const counts: Handler<'cash.counts'> = (ctx, input) => {
  const held = visibleSession(ctx, input.sessionId);
  if (!held.ok) return held;
  const hide = masked(ctx, held.value);
  const rows = ctx.db.select().from(schema.cashCounts).where(eq(schema.cashCounts.sessionId, input.sessionId)).orderBy(schema.cashCounts.countedAt).all();
  return ok({ sessionId: input.sessionId, counts: rows.map((r) => countView(r, hide)) });
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

  const expected = expectedCash(totalsOf(session));
  const recorded = recordCount(ctx, session, 'CLOSING', tally.value, expected);
  const difference = recorded.count.difference;
  const misses = tenderMisses(totalsOf(recorded.row), { ...tally.value, tenders: input.count.tenders }, register.differenceTolerance);
  const needsApproval = exceedsTolerance(difference, register.differenceTolerance) || misses.length > 0;
  if (needsApproval && !grant) {
    // Refused, but the attempt stays on the record and the session waits in COUNTING for a recount or an approval.
    appendLedger(ctx.db, recorded.row, ctx.at, { kind: 'CLOSE_REFUSED', payload: { countId: recorded.count.id, userId: ctx.actor.id } });
    const methods = misses.map((m) => m.method);
    const details = masked(ctx, held.value)
      ? { countId: recorded.count.id, methods }
      : { countId: recorded.count.id, expectedAmount: expected, difference, tolerance: register.differenceTolerance, methods, tenders: misses };
    return keep({ code: 'DIFFERENCE_NEEDS_APPROVAL', details });
  }
  const approvedBy = needsApproval && grant?.ok ? grant.value.grantorId : null;
  if (approvedBy !== null && input.grantId !== undefined) consumeGrant(ctx, input.grantId, 'cash.close');
  const seal = closingFigures(recorded.row, recorded.count.totalCash, approvedBy, ctx.actor.id, input.notes ?? null, recorded.count.id);
  const { row } = appendLedger(ctx.db, recorded.row, ctx.at, { kind: 'SESSION_CLOSED', payload: seal }, sealColumns(ctx, seal));
  enqueueForSync(ctx, row.id);
  const countRow = ctx.db.select().from(schema.cashCounts).where(eq(schema.cashCounts.id, recorded.count.id)).get();
  if (!countRow) throw new Error('count not written');
  return ok({
    session: sessionView(ctx.db, row),
    count: countView(countRow, false),
    summary: {
      openingAmount: row.openingAmount,
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
      tenders: reconcileTenders(totalsOf(row), { ...tally.value, tenders: input.count.tenders }, register.differenceTolerance),
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
  const incoming = getUser(ctx.db, input.toUserId);
  if (!incoming || !incoming.active || incoming.id === ctx.actor.id || !can(incoming.role, 'cash:open')) {
    return fail('TRANSFER_TARGET_INVALID', { toUserId: input.toUserId });
  }
  if (activeSessionOfUser(ctx.db, incoming.id)) return fail('USER_HAS_OPEN_SESSION', { toUserId: incoming.id });
  const grant = checkGrantId(ctx, input.incomingGrantId, 'cash:open', incoming.id);
  if (!grant.ok) return grant;
  const tally = tallyCount(register.currency as CurrencyCode, input.count);
  if (!tally.ok) return tally;

  const recorded = recordCount(ctx, session, 'TRANSFER', tally.value, expectedCash(totalsOf(session)));
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
  return ok({ closedSession: sessionView(ctx.db, closed), newSession: sessionView(ctx.db, started.value) });
};

export const list: Handler<'cash.sessions'> = (ctx, input) => {
  const s = schema.sessions;
  const conditions: SQL[] = [];
  const userId = ctx.actor.permissions.has('cash:view_all') ? input.userId : ctx.actor.id;
  if (userId !== undefined) conditions.push(eq(s.userId, userId));
  if (input.branchId !== undefined) conditions.push(eq(s.branchId, input.branchId));
  if (input.registerId !== undefined) conditions.push(eq(s.registerId, input.registerId));
  if (input.status !== undefined) conditions.push(eq(s.status, input.status));
  if (input.dateFrom !== undefined) conditions.push(gte(s.businessDate, input.dateFrom));
  if (input.dateTo !== undefined) conditions.push(lte(s.businessDate, input.dateTo));
  const where = conditions.length ? and(...conditions) : undefined;
  const total = ctx.db.select({ n: sqlCount() }).from(s).where(where).get()?.n ?? 0;
  const rows = ctx.db
    .select()
    .from(s)
    .where(where)
    .orderBy(desc(s.openedAt), desc(s.sessionNumber))
    .limit(input.pageSize)
    .offset((input.page - 1) * input.pageSize)
    .all();
  return ok({
    sessions: rows.map((r) => sessionView(ctx.db, r)),
    pagination: { total, page: input.page, pageSize: input.pageSize, totalPages: Math.ceil(total / input.pageSize) },
  });
};
