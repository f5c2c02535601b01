// X and Z reports of a session (built in ../report.ts, which cash.close shares), and the daily report across registers
// by the store's local date. Hours and dates are the branch's wall clock (its time zone), never the machine's.
import { and, asc, eq } from 'drizzle-orm';
import type { SQL } from 'drizzle-orm';
import { agentTotalsWhere, getRegister, schema, totalsOf } from '../../db';
import { zeroOperations } from '../../src/session/ledger';
import { localDate } from '../../src/session/numbering';
import { hourlyTotals } from '../../src/session/hourly';
import type { CurrencyCode } from '../../src/money';
import { isActive } from '../../src/session/state';
import { zeroMethodTotals, PAYMENT_METHODS } from '../../src/sale/methods';
import { fail, ok } from '../../src/result';
import type { Handler } from '../context';
import { sessionView } from '../views';
import { minuteActivity, sessionReportOf } from '../report';

export const sessionReport: Handler<'reports.session'> = (ctx, input) => {
  const session = ctx.db.select().from(schema.sessions).where(eq(schema.sessions.id, input.sessionId)).get();
  if (!session) return fail('NOT_FOUND', { sessionId: input.sessionId });
  if (session.userId !== ctx.actor.id && !ctx.actor.permissions.has('cash:view_all')) return fail('FORBIDDEN', { permission: 'cash:view_all' });
  const register = getRegister(ctx.db, session.registerId);
  if (!register) throw new Error('session without register');
  return ok(sessionReportOf(ctx, { session, register }));
};

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
