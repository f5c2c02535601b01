// The X report of an active session or the Z report of a closed one, from its row, running totals and rows. Shared by
// reports.session and cash.close (a close's reply carries its Z report, so the screen after it asks nothing more).
// Expected figures and differences are withheld from a viewer who may not see them (src/session/visibility.ts).
import { agentTotals, approvalsOfSession, cashOutRefusalsOf, countsOfSession, discountsIn, getUser, movementsOfSession, noSaleOpeningsOf, refusedCloseCountIds, salesByMinute, taxByRate, totalsOf } from '../db';
import type { CommandOutput } from '../src/contract';
import { hourlyTotals } from '../src/session/hourly';
import { expectedCash, operationsOf } from '../src/session/ledger';
import { reconcileTenders } from '../src/session/reconcile';
import { isActive } from '../src/session/state';
import { maskCount, maskTenders, shown } from '../src/session/visibility';
import { fail, ok } from '../src/result';
import type { AuthedCtx, Outcome } from './context';
import type { Held } from './held';
import { seesExpected, sessionViewFor } from './held';
import { branchOf } from './sessions';
import { countView, movementView } from './views';

/**
 * The report a viewer may ask for: a blind viewer (src/session/visibility.ts) gets no X report of an active session,
 * BLIND_X_REPORT instead. Its per-tender totals, sales, movements and agent figures add up to expected cash, which the
 * blind close exists to keep from the cashier until the count; the Z report after the close is hers to see.
 */
export function requestedReport(ctx: AuthedCtx, held: Held): Outcome<CommandOutput<'reports.session'>> {
  if (isActive(held.session.status) && !seesExpected(ctx, held)) return fail('BLIND_X_REPORT');
  return ok(sessionReportOf(ctx, held));
}

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
    session: sessionViewFor(ctx, session),
    totals: totals.byMethod,
    sales: { count: totals.salesCount, total: totals.salesTotal, gross: totals.salesTotal + totals.voidsTotal + totals.refundsTotal },
    voids: { count: totals.voidsCount, total: totals.voidsTotal },
    refunds: { count: totals.refundsCount, total: totals.refundsTotal },
    agents: agentTotals(ctx.db, session.id),
    taxes: taxByRate(ctx.db, session.id),
    operations: operationsOf(totals),
    salesByHour: hourlyTotals(salesByMinute(ctx.db, { sessionId: session.id }), branchOf(ctx, register).timeZone),
    movements: moveRows.map(movementView),
    discounts: discountsIn(ctx.db, { sessionId: session.id }),
    cashOutRefusals: refusalsOf(ctx, session.id),
    counts: countRows.map((c) => maskCount(countView(c), visible)),
    refusedCloses: refusedCloseCountIds(ctx.db, session.id),
    expected: shown(visible, active ? expectedCash(totals) : session.expectedAmount),
    counted: session.closingAmount,
    difference: session.difference,
    differenceType: session.differenceType,
    // A blind viewer of an X report sees what was taken per tender, never the expected cash or any difference.
    tenders: maskTenders(reconcileTenders(totals, sealCount ? { ...sealCount, tenders: countView(sealCount).tenders } : null, register.differenceTolerance), visible),
    drawer: {
      openings: totals.drawerOpenings,
      noSale: totals.noSaleOpenings,
      cashRounding: totals.cashRounding,
      noSaleOpenings: noSaleOpeningsOf(ctx.db, session.id).map(({ at, payload: p }) => ({
        at,
        userId: p.userId,
        userName: getUser(ctx.db, p.userId)?.name ?? p.userId,
        reason: p.reason ?? 'OTHER',
        note: p.note,
        authorizedBy: p.authorizedBy,
        authorizedByName: p.authorizedBy ? (getUser(ctx.db, p.authorizedBy)?.name ?? p.authorizedBy) : null,
      })),
    },
    // A close's approval carries the difference's size: a blind viewer of an active session never sees one (there is
    // none before the close), and after it the Z report shows the difference to everyone entitled to the report.
    approvals: approvalsOfSession(ctx.db, session.id),
  };
}

/** The session's refused cash-outs for its report, with who asked by name; amounts are what was asked (minor units). */
function refusalsOf(ctx: AuthedCtx, sessionId: string): CommandOutput<'reports.session'>['cashOutRefusals'] {
  const names = new Map<string, string>();
  const items = cashOutRefusalsOf(ctx.db, sessionId).map((r) => {
    const userName = names.get(r.userId) ?? getUser(ctx.db, r.userId)?.name ?? '';
    names.set(r.userId, userName);
    return { ...r, userName };
  });
  return { count: items.length, total: items.reduce((a, r) => a + r.amount, 0), items };
}
