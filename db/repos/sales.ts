// Sales: writing a sale's document rows (the sale, its lines, its payments, as the SALE ledger entry describes them),
// its void, and reading them back for views and lookups. Invariant: writes are called only inside the transaction that
// also appends the ledger entry, so the rows and the entry commit together; sale rows are never updated.
// Plain prepared statements, once per connection: this is the hottest write path (drizzle's per-call parameter mapping
// was a measurable share of a sale's CPU time).
import { asc, eq } from 'drizzle-orm';
import type { SalePayload, VoidPayload } from '../../src/session/ledger';
import type { Db } from '../open';
import * as schema from '../schema';
import { prepared } from './prepared';
import { boundedCount, pageOf } from './paging';
import type { KeysetPage, KeyValue } from './paging';

type SqlValue = string | number | null;

export function insertSale(db: Db, sessionId: string, at: string, sale: SalePayload): void {
  prepared(db, 'sale.insert', () =>
    db.$client.prepare<SqlValue[]>(
      `INSERT INTO sales (id, session_id, sale_number, user_id, total, change, discount, tax, cash_rounding, status, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'COMPLETED', ?)`,
    ),
  ).run(sale.id, sessionId, sale.saleNumber, sale.userId, sale.total, sale.change, sale.discount ?? 0, sale.tax ?? 0, sale.cashRounding ?? 0, at);
  const line = prepared(db, 'saleLine.insert', () =>
    db.$client.prepare<SqlValue[]>(
      `INSERT INTO sale_lines (sale_id, line_no, product_id, sku, name, quantity, unit_price, total, unit, gross, discount, tax_rate_bp, tax)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
  );
  for (const l of sale.lines) {
    line.run(sale.id, l.lineNo, l.productId, l.sku, l.name, l.quantity, l.unitPrice, l.total, l.unit ?? 'UNIT', l.gross ?? l.total, l.discount ?? 0, l.taxRateBp ?? 0, l.tax ?? 0);
  }
  const payment = prepared(db, 'payment.insert', () =>
    db.$client.prepare<SqlValue[]>(
      `INSERT INTO payments (id, sale_id, session_id, method, amount, tendered, change, reference, card_last4, auth_code, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
  );
  for (const p of sale.payments) {
    payment.run(p.id, sale.id, sessionId, p.method, p.amount, p.tendered, p.change, p.reference, p.cardLast4 ?? null, p.authCode ?? null, at);
  }
}

export type SaleRow = typeof schema.sales.$inferSelect;
export type SaleLineRow = typeof schema.saleLines.$inferSelect;
export type PaymentRow = typeof schema.payments.$inferSelect;

/** One sale by id, or undefined. */
export function saleById(db: Db, id: string): SaleRow | undefined {
  return db.select().from(schema.sales).where(eq(schema.sales.id, id)).get();
}

/** A sale's lines in line order. */
export function saleLinesOf(db: Db, saleId: string): SaleLineRow[] {
  return db.select().from(schema.saleLines).where(eq(schema.saleLines.saleId, saleId)).orderBy(asc(schema.saleLines.lineNo)).all();
}

/** A sale's payments (net amounts, as stored). */
export function paymentsOf(db: Db, saleId: string): PaymentRow[] {
  return db.select().from(schema.payments).where(eq(schema.payments.saleId, saleId)).all();
}

/** Whether the sale was voided (its status is derived from `sale_voids`; the sale row itself is never updated). */
export function isVoided(db: Db, saleId: string): boolean {
  return db.select({ id: schema.saleVoids.id }).from(schema.saleVoids).where(eq(schema.saleVoids.saleId, saleId)).get() !== undefined;
}

/** Writes the void row of a sale, as its SALE_VOIDED ledger entry describes it (in the same transaction). */
export function insertVoid(db: Db, sessionId: string, at: string, v: VoidPayload): void {
  db.insert(schema.saleVoids)
    .values({ id: v.id, saleId: v.saleId, sessionId, total: v.total, reason: v.reason, userId: v.userId, authorizedBy: v.authorizedBy, createdAt: at })
    .run();
}

export interface SaleFilter {
  /** One session's sales. */
  readonly sessionId?: string | undefined;
  /** Exact sale number (upper case). */
  readonly saleNumber?: string | undefined;
  /** Only sales made in sessions of this branch. */
  readonly branchId?: string | undefined;
  /** Digits alone: the sequence at the end of the number ("12" is …-0012); anything else: part of the number. */
  readonly query?: string | undefined;
}

export interface SaleListRow {
  readonly id: string;
  readonly saleNumber: string;
  readonly sessionId: string;
  readonly registerCode: string;
  /** Minor units. */
  readonly total: number;
  readonly voided: boolean;
  /** Minor units given back by its refunds. */
  readonly refundedTotal: number;
  readonly createdAt: string;
  readonly userName: string;
}

/** `LIKE` text matching `text` literally (with `ESCAPE '\\'`). */
const likeLiteral = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * A page of the sales `filter` selects, newest first (`created_at`, then the number: sales of one command share a
 * timestamp), in `sales_session_order` index order from the `after` key (a cursor's: created at, sale number), so a
 * page reads only its rows; the count is bounded (paging.ts). At least one of `sessionId` and `saleNumber` must be given.
 */
export function listSales(db: Db, filter: SaleFilter, after: readonly KeyValue[] | null, pageSize: number): KeysetPage<SaleListRow> {
  const where: string[] = [];
  const params: (string | number)[] = [];
  if (filter.sessionId !== undefined) {
    where.push('s.session_id = ?');
    params.push(filter.sessionId);
  }
  if (filter.saleNumber !== undefined) {
    where.push('s.sale_number = ?');
    params.push(filter.saleNumber);
  }
  if (filter.branchId !== undefined) {
    where.push('se.branch_id = ?');
    params.push(filter.branchId);
  }
  if (filter.query !== undefined) {
    const q = filter.query.toUpperCase();
    where.push("s.sale_number LIKE ? ESCAPE '\\'");
    params.push(/^\d+$/.test(q) ? `%-${q.padStart(4, '0')}` : `%${likeLiteral(q)}%`);
  }
  if (where.length === 0) throw new Error('listSales needs a session or a sale number');
  const from = 'FROM sales s JOIN sessions se ON se.id = s.session_id';
  const clause = `WHERE ${where.join(' AND ')}`;
  const count = boundedCount(db, `${from} ${clause}`, params);
  const keyed = after ? ' AND (s.created_at, s.sale_number) < (?, ?)' : '';
  const rows = db.$client
    .prepare<(string | number)[], { id: string; sale_number: string; session_id: string; register_code: string; total: number; voided: number; refunded: number; created_at: string; user_name: string }>(
      `SELECT s.id, s.sale_number, s.session_id, r.code AS register_code, s.total, s.created_at, u.name AS user_name,
         EXISTS (SELECT 1 FROM sale_voids v WHERE v.sale_id = s.id) AS voided,
         (SELECT COALESCE(SUM(f.total), 0) FROM refunds f WHERE f.sale_id = s.id) AS refunded
       ${from} JOIN registers r ON r.id = se.register_id JOIN users u ON u.id = s.user_id
       ${clause}${keyed}
       ORDER BY s.created_at DESC, s.sale_number DESC LIMIT ?`,
    )
    .all(...params, ...(after ?? []), pageSize + 1);
  return pageOf(
    rows.map((r) => ({
      id: r.id,
      saleNumber: r.sale_number,
      sessionId: r.session_id,
      registerCode: r.register_code,
      total: r.total,
      voided: r.voided !== 0,
      refundedTotal: r.refunded,
      createdAt: r.created_at,
      userName: r.user_name,
    })),
    pageSize,
    (r) => [r.createdAt, r.saleNumber],
    count,
  );
}
