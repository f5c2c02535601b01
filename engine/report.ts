// The X report of an active session or the Z report of a closed one, from its row, running totals and rows. Shared by
// reports.session and cash.close (a close's reply carries its Z report, so the screen after it asks nothing more).
// Expected figures and differences are withheld from a viewer who may not see them (src/session/visibility.ts).
import { agentTotals, approvalsOfSession, countsOfSession, movementsOfSession, salesByMinute, taxByRate, totalsOf } from '../db';
import type { CommandOutput } from '../src/contract';
import { hourlyTotals } from '../src/session/hourly';
import { expectedCash, operationsOf } from '../src/session/ledger';
import { reconcileTenders } from '../src/session/reconcile';
import { isActive } from '../src/session/state';
import { maskCount, maskTenders, shown } from '../src/session/visibility';
import type { AuthedCtx } from './context';
import type { Held } from './held';
import { seesExpected } from './held';
import { branchOf } from './sessions';
import { countView, movementView, sessionView } from './views';

/** The report of `held.session` as `ctx.actor` may see it (the caller has checked they may see the session at all). */
export function sessionReportOf(ctx: AuthedCtx, held: Held): CommandOutput<'reports.session'> {
  const { session, register } = held;
  const active = isActive(session.status);
  const visible = seesExpected(ctx, held);
  const countRows = countsOfSession(ctx.db, session.id);
  const moveRows = movementsOfSession(ctx.db, session.id);
  const sealCount = active ? null : countRows[countRows.length - 1];
  const totals = totalsOf(session);
  return {
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
    // A close's approval carries the difference's size: a blind viewer of an active session never sees one (there is
    // none before the close), and after it the Z report shows the difference to everyone entitled to the report.
    approvals: approvalsOfSession(ctx.db, session.id),
  };
}
