// Writing a sale's document rows: the sale, its lines, its payments, as the SALE ledger entry describes them.
// Invariant: called only inside the transaction that also appends that entry, so the rows and the entry commit together.
// Plain prepared statements, once per connection: this is the hottest write path (drizzle's per-call parameter mapping
// was a measurable share of a sale's CPU time).
import type { SalePayload } from '../../src/session/ledger';
import type { Db } from '../open';
import { prepared } from './prepared';

type SqlValue = string | number | null;

export function insertSale(db: Db, sessionId: string, at: string, sale: SalePayload): void {
  prepared(db, 'sale.insert', () =>
    db.$client.prepare<SqlValue[]>(
      `INSERT INTO sales (id, session_id, sale_number, user_id, total, change, discount, tax, status, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'COMPLETED', ?)`,
    ),
  ).run(sale.id, sessionId, sale.saleNumber, sale.userId, sale.total, sale.change, sale.discount ?? 0, sale.tax ?? 0, at);
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
