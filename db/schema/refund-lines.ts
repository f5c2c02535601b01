import { sql } from 'drizzle-orm';
import { check, index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { products } from './products';
import { refunds } from './refunds';

/** Quantity (thousandths) and amount given back per sale line. Append-only. */
export const refundLines = sqliteTable(
  'refund_lines',
  {
    refundId: text('refund_id')
      .notNull()
      .references(() => refunds.id),
    saleId: text('sale_id').notNull(),
    lineNo: integer('line_no').notNull(),
    productId: text('product_id')
      .notNull()
      .references(() => products.id),
    quantity: integer('quantity').notNull(),
    total: integer('total').notNull(),
    tax: integer('tax').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.refundId, t.lineNo] }),
    index('refund_lines_sale').on(t.saleId, t.lineNo),
    check('refund_lines_qty_pos', sql`${t.quantity} > 0`),
    check('refund_lines_total_nonneg', sql`${t.total} >= 0`),
  ],
);
