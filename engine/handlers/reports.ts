// X and Z reports of a session (built in ../report.ts, which cash.close shares), and the daily report across registers
// by the store's local date. Hours and dates are the branch's wall clock (its time zone), never the machine's.
import { agentTotalsIn, cashOutRefusalsIn, discountsIn, firstBranch, getBranch, salesByMinute, sessionsOfDay, totalsOf } from '../../db';
import { zeroOperations } from '../../src/session/ledger';
import { localDate } from '../../src/session/numbering';
import { hourlyTotals } from '../../src/session/hourly';
import type { CurrencyCode } from '../../src/money';
import { addSaturating, saturate } from '../../src/money/ceilings';
import { isActive } from '../../src/session/state';
import { zeroMethodTotals, PAYMENT_METHODS } from '../../src/sale/methods';
import { fail, ok } from '../../src/result';
import type { Handler } from '../context';
import { sessionViewFor, visibleSession } from '../held';
import { requestedReport } from '../report';

export const sessionReport: Handler<'reports.session'> = (ctx, input) => {
  const held = visibleSession(ctx, input.sessionId);
  return held.ok ? requestedReport(ctx, held.value) : held;
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
    // Saturating sums (src/money/ceilings.ts): a day's figures stay safe integers whatever the sessions hold.
    for (const m of PAYMENT_METHODS) totals[m] = addSaturating(totals[m], t.byMethod[m]);
    for (const k of Object.keys(ops) as (keyof typeof ops)[]) ops[k] = addSaturating(ops[k], t[k]);
    salesCount = addSaturating(salesCount, t.salesCount);
    salesTotal = addSaturating(salesTotal, t.salesTotal);
    depositsTotal = addSaturating(depositsTotal, t.depositsTotal);
    withdrawalsTotal = addSaturating(withdrawalsTotal, t.withdrawalsTotal);
    difference = addSaturating(difference, saturate(r.difference ?? 0));
  }
  const open = rows.filter((r) => isActive(r.status)).length;
  const day = { branchId: branch.id, businessDate: date, currency };
  return ok({
    date,
    currency,
    sessions: rows.map((r) => sessionViewFor(ctx, r)),
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
      discounts: discountsIn(ctx.db, day),
      cashOutRefusals: cashOutRefusalsIn(ctx.db, day),
    },
  });
};
