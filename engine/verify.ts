// The recompute check: a session's running totals must equal a fold of its ledger, the ledger's chain must verify,
// and the domain tables must agree with both. Used by tests, the crash test and the bench; cheap enough for support.
import { sql } from 'drizzle-orm';
import type { Db } from '../db';
import { getSession, ledgerOf, schema, sha256Hex, totalsOf } from '../db';
import type { LedgerBody, SessionTotals } from '../src/session/ledger';
import { expectedCash, foldLedger } from '../src/session/ledger';
import { verifyChain } from '../src/sync/chain';
import type { Canonical } from '../src/sync/canonical';
import { canonicalJson } from '../src/sync/canonical';
import { isActive } from '../src/session/state';

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
  const chain = verifyChain(sha256Hex, sessionId, entries, !isActive(row.status));
  if (!chain.ok) problems.push(`chain: ${JSON.stringify(chain.error.details)}`);
  else if (chain.value.head !== row.chainHead) problems.push('chain head differs from the session row');
  if (entries.length !== row.ledgerSeq) problems.push(`ledger has ${entries.length} entries, row says ${row.ledgerSeq}`);
  const running = totalsOf(row);
  const recomputed = foldLedger(entries.map((e) => ({ kind: e.kind, payload: e.payload }) as LedgerBody));
  const same = (a: SessionTotals, b: SessionTotals) => canonicalJson(a as unknown as Canonical) === canonicalJson(b as unknown as Canonical);
  if (!same(running, recomputed)) problems.push('running totals differ from the ledger recompute');

  // Independent of the reducer: plain SQL sums over the domain tables. Sales are net of voids (same session) and of
  // refunds paid out by this session; cash is net of voided cash payments and cash refunds.
  const sums = db.get<{
    sales: number; gross: number; voids: number; voided: number; refunds: number; refunded: number; cash: number; voidedCash: number;
    refundedCash: number; dep: number; wd: number; agents: number; cashIn: number; cashOut: number; topUp: number; commission: number;
  }>(sql`
    SELECT
      (SELECT COUNT(*) FROM ${schema.sales} WHERE session_id = ${sessionId}) AS sales,
      (SELECT COALESCE(SUM(total), 0) FROM ${schema.sales} WHERE session_id = ${sessionId}) AS gross,
      (SELECT COUNT(*) FROM ${schema.saleVoids} WHERE session_id = ${sessionId}) AS voids,
      (SELECT COALESCE(SUM(total), 0) FROM ${schema.saleVoids} WHERE session_id = ${sessionId}) AS voided,
      (SELECT COUNT(*) FROM ${schema.refunds} WHERE session_id = ${sessionId}) AS refunds,
      (SELECT COALESCE(SUM(total), 0) FROM ${schema.refunds} WHERE session_id = ${sessionId}) AS refunded,
      (SELECT COALESCE(SUM(amount), 0) FROM ${schema.payments} WHERE session_id = ${sessionId} AND method = 'CASH') AS cash,
      (SELECT COALESCE(SUM(p.amount), 0) FROM ${schema.payments} p JOIN ${schema.saleVoids} v ON v.sale_id = p.sale_id
         WHERE v.session_id = ${sessionId} AND p.method = 'CASH') AS voidedCash,
      (SELECT COALESCE(SUM(total + cash_rounding), 0) FROM ${schema.refunds} WHERE session_id = ${sessionId} AND method = 'CASH') AS refundedCash,
      (SELECT COALESCE(SUM(amount), 0) FROM ${schema.cashMovements} WHERE session_id = ${sessionId} AND direction = 'IN') AS dep,
      (SELECT COALESCE(SUM(amount), 0) FROM ${schema.cashMovements} WHERE session_id = ${sessionId} AND direction = 'OUT') AS wd,
      (SELECT COUNT(*) FROM ${schema.agentOperations} WHERE session_id = ${sessionId}) AS agents,
      (SELECT COALESCE(SUM(amount), 0) FROM ${schema.agentOperations} WHERE session_id = ${sessionId} AND kind = 'CASH_IN') AS cashIn,
      (SELECT COALESCE(SUM(amount), 0) FROM ${schema.agentOperations} WHERE session_id = ${sessionId} AND kind = 'CASH_OUT') AS cashOut,
      (SELECT COALESCE(SUM(amount), 0) FROM ${schema.agentOperations} WHERE session_id = ${sessionId} AND kind = 'TOP_UP') AS topUp,
      (SELECT COALESCE(SUM(commission), 0) FROM ${schema.agentOperations} WHERE session_id = ${sessionId}) AS commission`);
  if (sums.sales - sums.voids !== running.salesCount || sums.gross - sums.voided - sums.refunded !== running.salesTotal) problems.push('sales table differs from running totals');
  if (sums.voids !== running.voidsCount || sums.voided !== running.voidsTotal) problems.push('voids differ from running totals');
  if (sums.refunds !== running.refundsCount || sums.refunded !== running.refundsTotal) problems.push('refunds differ from running totals');
  if (sums.cash - sums.voidedCash - sums.refundedCash !== running.byMethod.CASH) problems.push('cash payments differ from running totals');
  if (sums.dep !== running.depositsTotal || sums.wd !== running.withdrawalsTotal) problems.push('movements differ from running totals');
  if (
    sums.agents !== running.agentCount ||
    sums.cashIn !== running.agentCashIn ||
    sums.cashOut !== running.agentCashOut ||
    sums.topUp !== running.agentTopUp ||
    sums.commission !== running.agentCommission
  ) {
    problems.push('agent operations differ from running totals');
  }
  const lines = db.get<{ bad: number }>(sql`
    SELECT COUNT(*) AS bad FROM ${schema.sales} s
    WHERE s.session_id = ${sessionId} AND (
      s.total <> (SELECT COALESCE(SUM(total), 0) FROM ${schema.saleLines} WHERE sale_id = s.id) OR
      s.total + s.cash_rounding <> (SELECT COALESCE(SUM(amount), 0) FROM ${schema.payments} WHERE sale_id = s.id))`);
  if (lines.bad !== 0) problems.push(`${lines.bad} sales whose lines or payments do not add up`);
  // Cash rounding: the sales' own less that of voided sales and of cash refunds paid here; drawer openings by entry.
  const drawer = db.get<{ rounding: number; openings: number; noSale: number }>(sql`
    SELECT
      (SELECT COALESCE(SUM(cash_rounding), 0) FROM ${schema.sales} WHERE session_id = ${sessionId})
        - (SELECT COALESCE(SUM(s.cash_rounding), 0) FROM ${schema.saleVoids} v JOIN ${schema.sales} s ON s.id = v.sale_id WHERE v.session_id = ${sessionId})
        - (SELECT COALESCE(SUM(cash_rounding), 0) FROM ${schema.refunds} WHERE session_id = ${sessionId}) AS rounding,
      (SELECT COUNT(*) FROM ${schema.ledgerEntries} WHERE session_id = ${sessionId} AND kind = 'DRAWER_OPENED') AS openings,
      (SELECT COUNT(*) FROM ${schema.ledgerEntries} WHERE session_id = ${sessionId} AND kind = 'DRAWER_OPENED' AND json_extract(payload, '$.cause') = 'NO_SALE') AS noSale`);
  if (drawer.rounding !== running.cashRounding) problems.push('cash rounding differs from running totals');
  if (drawer.openings !== running.drawerOpenings || drawer.noSale !== running.noSaleOpenings) problems.push('drawer openings differ from running totals');
  return { sessionId, problems, running, recomputed, expectedCash: expectedCash(running) };
}

/** Products whose stock is not the sum of their stock movements (should always be empty). */
export function checkStock(db: Db): { productId: string; stock: number; movements: number }[] {
  return db.all<{ productId: string; stock: number; movements: number }>(sql`
    SELECT p.id AS productId, p.stock AS stock, COALESCE((SELECT SUM(delta) FROM ${schema.stockMovements} m WHERE m.product_id = p.id), 0) AS movements
    FROM ${schema.products} p
    WHERE p.stock <> COALESCE((SELECT SUM(delta) FROM ${schema.stockMovements} m WHERE m.product_id = p.id), 0)`);
}

export function checkAllSessions(db: Db): SessionCheck[] {
  return db.select({ id: schema.sessions.id }).from(schema.sessions).all().map((r) => checkSession(db, r.id));
}

