import { sql } from 'drizzle-orm';
import { check, index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { products } from './products';
import { STOCK_MOVEMENT_KINDS } from '../../src/vocabulary';

/**
 * Append-only stock ledger: products.stock is always the sum of `delta` (thousandths) of the product's rows. `refId`
 * names the sale, void, refund or import that moved it.
 */
export const stockMovements = sqliteTable(
  'stock_movements',
  {
    id: text('id').primaryKey(),
    productId: text('product_id')
      .notNull()
      .references(() => products.id),
    delta: integer('delta').notNull(),
    kind: text('kind', { enum: STOCK_MOVEMENT_KINDS }).notNull(),
    refId: text('ref_id'),
    reason: text('reason'),
    userId: text('user_id'),
    createdAt: text('created_at').notNull(),
  },
  (t) => [// A product's movements newest first (products.movements) read in index order, stopping at the limit.
    // Ties (one command's movements share a time) go by rowid, which every index ends with: no id column in it.
    index('stock_movements_product_order').on(t.productId, t.createdAt), check('stock_movements_nonzero', sql`${t.delta} <> 0`)],
);
