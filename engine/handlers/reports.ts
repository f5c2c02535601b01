// X and Z reports of a session, and the daily report across registers by the store's local date. Hours and dates are
// the branch's wall clock (its time zone), never the machine's.
import { agentTotals, agentTotalsIn, countsOfSession, firstBranch, getBranch, movementsOfSession, salesByMinute, sessionsOfDay, taxByRate, totalsOf } from '../../db';
import { expectedCash, operationsOf, zeroOperations } from '../../src/session/ledger';
import { localDate } from '../../src/session/numbering';
import { hourlyTotals } from '../../src/session/hourly';
import type { CurrencyCode } from '../../src/money';
import { branchOf } from '../sessions';
import { isActive } from '../../src/session/state';
import { zeroMethodTotals, PAYMENT_METHODS } from '../../src/sale/methods';
import { fail, ok } from '../../src/result';
import type { Handler } from '../context';
import { countView, movementView, sessionView } from '../views';
import { seesExpected, visibleSession } from '../held';
import { maskCount, maskTenders, shown } from '../../src/session/visibility';
import { reconcileTenders } from '../../src/session/reconcile';

export const sessionReport: Handler<'reports.session'> = (ctx, input) => {
  const held = visibleSession(ctx, input.sessionId);
  if (!held.ok) return held;
  const { session, register } = held.value;
  const active = isActive(session.status);
  const visible = seesExpected(ctx, held.value);
  const countRows = countsOfSession(ctx.db, session.id);
  const moveRows = movementsOfSession(ctx.db, session.id);
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
    agents: agentTotals(ctx.db, session.id),
    taxes: taxByRate(ctx.db, session.id),
    operations: operationsOf(totals),
    salesByHour: hourlyTotals(salesByMinute(ctx.db, { sessionId: session.id }), branchOf(ctx, register).timeZone),
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

export const daily: Handler<'reports.daily'> = (ctx, input) => {
  const branchId = input.branchId ?? ctx.actor.branchId ?? undefined;
  const branch = branchId ? getBranch(ctx.db, branchId) : firstBranch(ctx.db);
  if (!branch) return fail('NOT_FOUND', { field: 'branchId' });
  const date = input.date ?? localDate(ctx.now, branch.timeZone);
  const currency = branch.currency as CurrencyCode;
  const rows = sessionsOfDay(ctx.db, branch.id, date);
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
  const day = { branchId: branch.id, businessDate: date, currency };
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
      agents: agentTotalsIn(ctx.db, day),
      salesByHour: hourlyTotals(salesByMinute(ctx.db, day), branch.timeZone),
    },
  });
};
