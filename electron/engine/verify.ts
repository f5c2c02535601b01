// The recompute check: a session's running totals must equal a fold of its ledger, the ledger's chain must verify,
// and the domain tables must agree with both. Used by tests, the crash test and the bench; cheap enough for support.
import { sql } from 'drizzle-orm';
import type { Db } from '../../db';
import { getSession, ledgerOf, schema, totalsOf } from '../../db';
import type { LedgerBody, SessionTotals } from '../../src/session/ledger';
import { expectedCash, foldLedger } from '../../src/session/ledger';
import { verifyChain } from '../../src/sync/chain';
import { isActive } from '../../src/session/state';

export interface SessionCheck {
  readonly sessionId: string;
  readonly problems: readonly string[];
  readonly running: SessionTotals;
  readonly recomputed: SessionTotals;
  readonly expectedCash: number;
}

export function checkSession(db: Db, sessionId: string): SessionCheck {
  const row = getSession(db, sessionId);
  if (!row) throw new Error(`no session ${sessionId}`);
  const entries = ledgerOf(db, sessionId);
  const problems: string[] = [];
  const chain = verifyChain(sessionId, entries, !isActive(row.status));
  if (!chain.ok) problems.push(`chain: ${JSON.stringify(chain.error.details)}`);
  else if (chain.value.head !== row.chainHead) problems.push('chain head differs from the session row');
  if (entries.length !== row.ledgerSeq) problems.push(`ledger has ${entries.length} entries, row says ${row.ledgerSeq}`);
  const running = totalsOf(row);
  const recomputed = foldLedger(entries.map((e) => ({ kind: e.kind, payload: e.payload }) as LedgerBody));
  if (JSON.stringify(running) !== JSON.stringify(recomputed)) problems.push('running totals differ from the ledger recompute');

  // Independent of the reducer: plain SQL sums over the domain tables.
  const sums = db.get<{ sales: number; total: number; cash: number; dep: number; wd: number }>(sql`
    SELECT
      (SELECT COUNT(*) FROM ${schema.sales} WHERE session_id = ${sessionId}) AS sales,
      (SELECT COALESCE(SUM(total), 0) FROM ${schema.sales} WHERE session_id = ${sessionId}) AS total,
      (SELECT COALESCE(SUM(amount), 0) FROM ${schema.payments} WHERE session_id = ${sessionId} AND method = 'CASH') AS cash,
      (SELECT COALESCE(SUM(amount), 0) FROM ${schema.cashMovements} WHERE session_id = ${sessionId} AND direction = 'IN') AS dep,
      (SELECT COALESCE(SUM(amount), 0) FROM ${schema.cashMovements} WHERE session_id = ${sessionId} AND direction = 'OUT') AS wd`);
  if (sums.sales !== running.salesCount || sums.total !== running.salesTotal) problems.push('sales table differs from running totals');
  if (sums.cash !== running.byMethod.CASH) problems.push('cash payments differ from running totals');
  if (sums.dep !== running.depositsTotal || sums.wd !== running.withdrawalsTotal) problems.push('movements differ from running totals');
  const lines = db.get<{ bad: number }>(sql`
    SELECT COUNT(*) AS bad FROM ${schema.sales} s
    WHERE s.session_id = ${sessionId} AND (
      s.total <> (SELECT COALESCE(SUM(total), 0) FROM ${schema.saleLines} WHERE sale_id = s.id) OR
      s.total <> (SELECT COALESCE(SUM(amount), 0) FROM ${schema.payments} WHERE sale_id = s.id))`);
  if (lines.bad !== 0) problems.push(`${lines.bad} sales whose lines or payments do not add up`);
  return { sessionId, problems, running, recomputed, expectedCash: expectedCash(running) };
}

export function checkAllSessions(db: Db): SessionCheck[] {
  return db.select({ id: schema.sessions.id }).from(schema.sessions).all().map((r) => checkSession(db, r.id));
}

