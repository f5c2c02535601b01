// X and Z reports of a session, and the daily report across registers by the store's local date. Hours and dates are
// the branch's wall clock (its time zone), never the machine's.
import { and, asc, eq } from 'drizzle-orm';
import type { SQL } from 'drizzle-orm';
import { agentTotals, agentTotalsWhere, getRegister, schema, totalsOf } from '../../db';
import { expectedCash, operationsOf, zeroOperations } from '../../src/session/ledger';
import type { AuthedCtx } from '../context';
import { localDate } from '../../src/session/numbering';
import type { MinuteActivity } from '../../src/session/hourly';
import { hourlyTotals } from '../../src/session/hourly';
import type { CurrencyCode } from '../../src/money';
import { branchOf } from '../sessions';
import { isActive } from '../../src/session/state';
import { zeroMethodTotals, PAYMENT_METHODS } from '../../src/sale/methods';
import { fail, ok } from '../../src/result';
import type { Handler } from '../context';
import { countView, movementView, sessionView } from '../views';
import { seesExpected } from '../held';
import { maskCount, maskTenders, shown } from '../../src/session/visibility';
import { reconcileTenders } from '../../src/session/reconcile';

export const sessionReport: Handler<'reports.session'> = (ctx, input) => {
  const session = ctx.db.select().from(schema.sessions).where(eq(schema.sessions.id, input.sessionId)).get();
  if (!session) return fail('NOT_FOUND', { sessionId: input.sessionId });
  if (session.userId !== ctx.actor.id && !ctx.actor.permissions.has('cash:view_all')) return fail('FORBIDDEN', { permission: 'cash:view_all' });
  const register = getRegister(ctx.db, session.registerId);
  if (!register) throw new Error('session without register');
  const active = isActive(session.status);
  const visible = seesExpected(ctx, { session, register });
  const countRows = ctx.db.select().from(schema.cashCounts).where(eq(schema.cashCounts.sessionId, session.id)).orderBy(asc(schema.cashCounts.countedAt)).all();
  const moveRows = ctx.db.select().from(schema.cashMovements).where(eq(schema.cashMovements.sessionId, session.id)).orderBy(asc(schema.cashMovements.createdAt)).all();
  const sealCount = active ? null : countRows[countRows.length - 1];
  const totals = totalsOf(session);
  return ok({
    kind: active ? ('X' as const) : ('Z' as const),
    generatedAt: ctx.at,
    session: sessionView(ctx.db, session),
    totals: totals.byMethod,
    sales: { count: totals.salesCount, total: totals.salesTotal, gross: totals.salesTotal + totals.voidsTotal + totals.refundsTotal },
    voids: { count: totals.voidsCount, total: totals.voidsTotal },
    refunds: { count: totals.refundsCount, total: totals.refundsTotal },
    agents: agentTotals(ctx.sqlite, session.id),
    taxes: taxTotals(ctx, session.id),
    operations: operationsOf(totals),
    salesByHour: hourlyTotals(minuteActivity(ctx, 'session_id = ?', [session.id]), branchOf(ctx, register).timeZone),
    movements: moveRows.map(movementView),
    counts: countRows.map((c) => maskCount(countView(c), visible)),
    expected: shown(visible, active ? expectedCash(totals) : session.expectedAmount),
    counted: session.closingAmount,
    difference: session.difference,
    differenceType: session.differenceType,
    // A blind viewer of an X report sees what was taken per tender, never the expected cash or any difference.
    tenders: maskTenders(reconcileTenders(totals, sealCount ? { ...sealCount, tenders: countView(sealCount).tenders } : null, register.differenceTolerance), visible),
  });
};

/**
 * Tax included in what this session sold, by rate: its sales' lines (less those voided) minus what its refunds gave
 * back (refunds count in the session that paid them, like their cash).
 */
function taxTotals(ctx: AuthedCtx, sessionId: string) {
  const rows = ctx.sqlite
    .prepare<[string, string], { rate: number; taxable: number; tax: number }>(
      `SELECT rate, SUM(taxable) AS taxable, SUM(tax) AS tax FROM (
         SELECT l.tax_rate_bp AS rate, l.total AS taxable, l.tax AS tax FROM sale_lines l JOIN sales s ON s.id = l.sale_id
         WHERE s.session_id = ? AND NOT EXISTS (SELECT 1 FROM sale_voids v WHERE v.sale_id = s.id)
         UNION ALL
         SELECT l.tax_rate_bp, -rl.total, -rl.tax FROM refund_lines rl JOIN refunds r ON r.id = rl.refund_id
         JOIN sale_lines l ON l.sale_id = rl.sale_id AND l.line_no = rl.line_no WHERE r.session_id = ?
       ) GROUP BY rate ORDER BY rate`,
    )
    .all(sessionId, sessionId);
  return rows.map((r) => ({ taxRateBp: r.rate, taxable: r.taxable, tax: r.tax }));
}

/**
 * Sales (not voided) and refunds per UTC minute, of the sessions `sessionWhere` selects (a constant SQL condition on a
 * `session_id` column, never built from input; values go in `params`). Grouped in SQL so a 10,000-sale session hands
 * over minutes, not sales.
 */
function minuteActivity(ctx: AuthedCtx, sessionWhere: string, params: readonly string[]): MinuteActivity[] {
  // ISO-8601 UTC instants (ctx.at): the first 16 characters are the minute.
  return ctx.sqlite
    .prepare<string[], MinuteActivity>(
      `SELECT minute, SUM(sc) AS salesCount, SUM(st) AS salesTotal, SUM(rc) AS refundsCount, SUM(rt) AS refundsTotal FROM (
         SELECT substr(s.created_at, 1, 16) AS minute, 1 AS sc, s.total AS st, 0 AS rc, 0 AS rt FROM sales s
         WHERE s.${sessionWhere} AND NOT EXISTS (SELECT 1 FROM sale_voids v WHERE v.sale_id = s.id)
         UNION ALL
         SELECT substr(r.created_at, 1, 16), 0, 0, 1, r.total FROM refunds r WHERE r.${sessionWhere}
       ) GROUP BY minute`,
    )
    .all(...params, ...params);
}

export const daily: Handler<'reports.daily'> = (ctx, input) => {
  const branchId = input.branchId ?? ctx.actor.branchId ?? undefined;
  const branch = branchId
    ? ctx.db.select().from(schema.branches).where(eq(schema.branches.id, branchId)).get()
    : ctx.db.select().from(schema.branches).limit(1).get();
  if (!branch) return fail('NOT_FOUND', { field: 'branchId' });
  const date = input.date ?? localDate(ctx.now, branch.timeZone);
  const currency = branch.currency as CurrencyCode;
  const where: SQL[] = [eq(schema.sessions.businessDate, date), eq(schema.sessions.branchId, branch.id)];
  const rows = ctx.db.select().from(schema.sessions).where(and(...where)).orderBy(asc(schema.sessions.openedAt)).all();
  // Amounts are only ever added within one currency: a register set up in another currency is listed, not summed.
  const summed = rows.filter((r) => r.currency === currency);
  const totals = zeroMethodTotals();
  const ops = { ...zeroOperations() };
  let salesCount = 0;
  let salesTotal = 0;
  let depositsTotal = 0;
  let withdrawalsTotal = 0;
  let difference = 0;
  for (const r of summed) {
    const t = totalsOf(r);
    for (const m of PAYMENT_METHODS) totals[m] += t.byMethod[m];
    for (const k of Object.keys(ops) as (keyof typeof ops)[]) ops[k] += t[k];
    salesCount += t.salesCount;
    salesTotal += t.salesTotal;
    depositsTotal += t.depositsTotal;
    withdrawalsTotal += t.withdrawalsTotal;
    difference += r.difference ?? 0;
  }
  const open = rows.filter((r) => isActive(r.status)).length;
  const daySessions = 'session_id IN (SELECT id FROM sessions WHERE branch_id = ? AND business_date = ? AND currency = ?)';
  const dayParams = [branch.id, date, currency];
  return ok({
    date,
    currency,
    sessions: rows.map((r) => sessionView(ctx.db, r)),
    summary: {
      totalSessions: rows.length,
      openSessions: open,
      closedSessions: rows.length - open,
      otherCurrencySessions: rows.length - summed.length,
      salesCount,
      salesTotal,
      totals,
      depositsTotal,
      withdrawalsTotal,
      difference,
      operations: ops,
      agents: agentTotalsWhere(ctx.sqlite, daySessions, dayParams),
      salesByHour: hourlyTotals(minuteActivity(ctx, daySessions, dayParams), branch.timeZone),
    },
  });
};
