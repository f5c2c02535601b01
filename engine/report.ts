// The X report of an active session or the Z report of a closed one, from its row, running totals and rows. Shared by
// reports.session and cash.close (a close's reply carries its Z report, so the screen after it asks nothing more).
// Expected figures and differences are withheld from a blind viewer of an active session (held.ts's `masked`).
import { asc, eq } from 'drizzle-orm';
import { agentTotals, schema, totalsOf } from '../db';
import type { CommandOutput } from '../src/contract';
import { hourlyTotals } from '../src/session/hourly';
import type { MinuteActivity } from '../src/session/hourly';
import { expectedCash, operationsOf } from '../src/session/ledger';
import { reconcileTenders } from '../src/session/reconcile';
import { isActive } from '../src/session/state';
import type { AuthedCtx } from './context';
import type { Held } from './held';
import { masked } from './held';
import { branchOf } from './sessions';
import { countView, movementView, sessionView } from './views';

/** The report of `held.session` as `ctx.actor` may see it (the caller has checked they may see the session at all). */
export function sessionReportOf(ctx: AuthedCtx, held: Held): CommandOutput<'reports.session'> {
  const { session, register } = held;
  const active = isActive(session.status);
  const hide = masked(ctx, held);
  const countRows = ctx.db.select().from(schema.cashCounts).where(eq(schema.cashCounts.sessionId, session.id)).orderBy(asc(schema.cashCounts.countedAt)).all();
  const moveRows = ctx.db.select().from(schema.cashMovements).where(eq(schema.cashMovements.sessionId, session.id)).orderBy(asc(schema.cashMovements.createdAt)).all();
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
    agents: agentTotals(ctx.sqlite, session.id),
    taxes: taxTotals(ctx, session.id),
    operations: operationsOf(totals),
    salesByHour: hourlyTotals(minuteActivity(ctx, 'session_id = ?', [session.id]), branchOf(ctx, register).timeZone),
    movements: moveRows.map(movementView),
    counts: countRows.map((c) => countView(c, hide)),
    expected: hide ? null : active ? expectedCash(totals) : session.expectedAmount,
    counted: session.closingAmount,
    difference: session.difference,
    differenceType: session.differenceType,
    // A blind viewer of an X report sees what was taken per tender, never the expected cash or any difference.
    tenders: reconcileTenders(totals, sealCount ? { ...sealCount, tenders: countView(sealCount, false).tenders } : null, register.differenceTolerance).map((t) =>
      hide ? { ...t, expected: t.method === 'CASH' ? null : t.expected, difference: null, exceedsTolerance: false } : t,
    ),
  };
}

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
export function minuteActivity(ctx: AuthedCtx, sessionWhere: string, params: readonly string[]): MinuteActivity[] {
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

