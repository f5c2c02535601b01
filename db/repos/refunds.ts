// Refunds: the document, its lines, and what each sale line already gave back. Invariant: written only with their
// REFUND ledger entry, in the session that paid them out (which may be later than the sale's); append-only.
import { asc, eq } from 'drizzle-orm';
import type { Refunded } from '../../src/sale/eligibility';
import type { RefundPayload } from '../../src/session/ledger';
import type { Db } from '../open';
import * as schema from '../schema';

export type RefundRow = typeof schema.refunds.$inferSelect;
export type RefundLineRow = typeof schema.refundLines.$inferSelect;

/** Writes a refund and its lines as its ledger payload describes them. */
export function insertRefund(db: Db, sessionId: string, at: string, r: RefundPayload): void {
  db.insert(schema.refunds)
    .values({
      id: r.id,
      refundNumber: r.refundNumber,
      saleId: r.saleId,
      sessionId,
      method: r.method,
      total: r.total,
      tax: r.tax,
      cashRounding: r.cashRounding ?? 0,
      reason: r.reason,
      damaged: r.damaged,
      userId: r.userId,
      authorizedBy: r.authorizedBy,
      createdAt: at,
    })
    .run();
  for (const l of r.lines) {
    db.insert(schema.refundLines).values({ refundId: r.id, saleId: r.saleId, lineNo: l.lineNo, productId: l.productId, quantity: l.quantity, total: l.total, tax: l.tax }).run();
  }
}

/** What each line of a sale already gave back (thousandths, minor units, tax), by line number. */
export function refundedByLine(db: Db, saleId: string): Map<number, Refunded> {
  const rows = db.$client
    .prepare<[string], { line_no: number; q: number; t: number; x: number }>(
      'SELECT line_no, SUM(quantity) AS q, SUM(total) AS t, SUM(tax) AS x FROM refund_lines WHERE sale_id = ? GROUP BY line_no',
    )
    .all(saleId);
  return new Map(rows.map((r) => [r.line_no, { milli: r.q, total: r.t, tax: r.x }]));
}

/** Whether any refund was given against the sale. */
export function hasRefunds(db: Db, saleId: string): boolean {
  return db.select({ id: schema.refunds.id }).from(schema.refunds).where(eq(schema.refunds.saleId, saleId)).get() !== undefined;
}

/** A sale's refunds, oldest first, each with its lines in line order. */
export function refundsOfSale(db: Db, saleId: string): (RefundRow & { lines: RefundLineRow[] })[] {
  return db
    .select()
    .from(schema.refunds)
    .where(eq(schema.refunds.saleId, saleId))
    .orderBy(asc(schema.refunds.createdAt))
    .all()
    .map((r) => ({ ...r, lines: db.select().from(schema.refundLines).where(eq(schema.refundLines.refundId, r.id)).orderBy(asc(schema.refundLines.lineNo)).all() }));
}
