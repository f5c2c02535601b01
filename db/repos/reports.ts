// Read models of the X/Z and daily reports: figures grouped in SQL so a 10,000-sale session hands over minutes and tax
// rates, not sales. Invariant: reads only; scopes are fixed SQL written here, values travel as parameters; sums come
// back saturated at the total ceiling (src/money/ceilings.ts), safe integers whatever an older version stored.
import type { MinuteActivity } from '../../src/session/hourly';
import { saturate } from '../../src/money/ceilings';
import type { Db } from '../open';
import type { AgentTotals } from './agents';
import { agentTotalsWhere } from './agents';

/** The sessions a report covers: one session, or a branch's business date in one currency. */
export type ReportScope = { readonly sessionId: string } | { readonly branchId: string; readonly businessDate: string; readonly currency: string };

/** A condition on a `session_id` column and its parameters. */
function scopeSql(scope: ReportScope): { where: string; params: string[] } {
  return 'sessionId' in scope
    ? { where: 'session_id = ?', params: [scope.sessionId] }
    : { where: 'session_id IN (SELECT id FROM sessions WHERE branch_id = ? AND business_date = ? AND currency = ?)', params: [scope.branchId, scope.businessDate, scope.currency] };
}

/**
 * Tax included in what a session sold, by rate: its sales' lines (less those voided) minus what its refunds gave back
 * (refunds count in the session that paid them, like their cash). Minor units; rates in basis points.
 */
export function taxByRate(db: Db, sessionId: string): { taxRateBp: number; taxable: number; tax: number }[] {
  const rows = db.$client
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
  return rows.map((r) => ({ taxRateBp: r.rate, taxable: saturate(r.taxable), tax: saturate(r.tax) }));
}

/** Sales (not voided) and refunds per UTC minute of the sessions in `scope`. */
export function salesByMinute(db: Db, scope: ReportScope): MinuteActivity[] {
  const { where, params } = scopeSql(scope);
  // ISO-8601 UTC instants: the first 16 characters are the minute.
  return db.$client
    .prepare<string[], MinuteActivity>(
      `SELECT minute, SUM(sc) AS salesCount, SUM(st) AS salesTotal, SUM(rc) AS refundsCount, SUM(rt) AS refundsTotal FROM (
         SELECT substr(s.created_at, 1, 16) AS minute, 1 AS sc, s.total AS st, 0 AS rc, 0 AS rt FROM sales s
         WHERE s.${where} AND NOT EXISTS (SELECT 1 FROM sale_voids v WHERE v.sale_id = s.id)
         UNION ALL
         SELECT substr(r.created_at, 1, 16), 0, 0, 1, r.total FROM refunds r WHERE r.${where}
       ) GROUP BY minute`,
    )
    .all(...params, ...params)
    .map((m) => ({ ...m, salesTotal: saturate(m.salesTotal), refundsTotal: saturate(m.refundsTotal) }));
}

/** Agent operation totals of the sessions in `scope`. */
export function agentTotalsIn(db: Db, scope: ReportScope): AgentTotals {
  const { where, params } = scopeSql(scope);
  return agentTotalsWhere(db.$client, where, params);
}

/** Discounts given by the sales (not voided) of the sessions in `scope`: how many sales had one, and their sum (minor units). */
export function discountsIn(db: Db, scope: ReportScope): { count: number; total: number } {
  const { where, params } = scopeSql(scope);
  const row = db.$client
    .prepare<string[], { count: number; total: number | null }>(
      `SELECT COUNT(DISTINCT s.id) AS count, SUM(l.discount) AS total FROM sales s JOIN sale_lines l ON l.sale_id = s.id
       WHERE s.${where} AND l.discount > 0 AND NOT EXISTS (SELECT 1 FROM sale_voids v WHERE v.sale_id = s.id)`,
    )
    .get(...params);
  return { count: row?.count ?? 0, total: row?.total ?? 0 };
}

/** Refused cash-outs (CASH_OUT_REFUSED ledger entries) of the sessions in `scope`: how many, and the amounts asked. */
export function cashOutRefusalsIn(db: Db, scope: ReportScope): { count: number; total: number } {
  const { where, params } = scopeSql(scope);
  const row = db.$client
    .prepare<string[], { count: number; total: number | null }>(
      `SELECT COUNT(*) AS count, SUM(json_extract(payload, '$.amount')) AS total FROM ledger_entries WHERE ${where} AND kind = 'CASH_OUT_REFUSED'`,
    )
    .get(...params);
  return { count: row?.count ?? 0, total: row?.total ?? 0 };
}
