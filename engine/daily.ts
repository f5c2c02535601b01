// The store's daily report: every session of a business date across the branch's registers, and the day's figures.
// Shared by reports.daily (the screen) and print.daily (the A4 page), so the paper and the screen are one computation.
// Invariants: amounts are added only within the branch's currency (other-currency sessions are listed, not summed);
// every sum saturates (src/money/ceilings.ts); dates and hours are the branch's wall clock, never the machine's.
import { agentTotalsIn, cashOutRefusalsIn, discountsIn, firstBranch, getBranch, salesByMinute, sessionsOfDay, totalsOf } from '../db';
import type { CommandOutput } from '../src/contract';
import type { CurrencyCode } from '../src/money';
import { addSaturating, saturate } from '../src/money/ceilings';
import { zeroMethodTotals, PAYMENT_METHODS } from '../src/sale/methods';
import { hourlyTotals } from '../src/session/hourly';
import { zeroOperations } from '../src/session/ledger';
import { localDate } from '../src/session/numbering';
import { isActive } from '../src/session/state';
import { fail, ok } from '../src/result';
import type { AuthedCtx, Outcome } from './context';
import { sessionViewFor } from './held';

export type DailyReport = CommandOutput<'reports.daily'>;

/** The branch a daily report is of: `branchId`, else the actor's, else the store's first; undefined when unknown. */
export function dailyBranch(ctx: AuthedCtx, branchId: string | undefined) {
  const id = branchId ?? ctx.actor.branchId ?? undefined;
  return id ? getBranch(ctx.db, id) : firstBranch(ctx.db);
}

/**
 * The daily report of `branchId` (default: the actor's branch, else the first) on `date` (YYYY-MM-DD, default the
 * branch's today). Session rows are masked for the viewer as everywhere (sessionViewFor). NOT_FOUND for an unknown
 * branch. Amounts in minor units of the branch's currency.
 */
export function dailyReportOf(ctx: AuthedCtx, input: { readonly date?: string | undefined; readonly branchId?: string | undefined }): Outcome<DailyReport> {
  const branch = dailyBranch(ctx, input.branchId);
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
}
