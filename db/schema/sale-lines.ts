import { sql } from 'drizzle-orm';
import { check, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { UNITS } from '../../src/sale/quantity';
import { products } from './products';
import { sales } from './sales';

/** `quantity` is in thousandths of the unit (1 unit = 1000); `total` is net of line and sale discounts. */
export const saleLines = sqliteTable(
  'sale_lines',
  {
    saleId: text('sale_id')
      .notNull()
      .references(() => sales.id),
    lineNo: integer('line_no').notNull(),
    productId: text('product_id')
      .notNull()
      .references(() => products.id),
    sku: text('sku').notNull(),
    name: text('name').notNull(),
    quantity: integer('quantity').notNull(),
    unitPrice: integer('unit_price').notNull(),
    total: integer('total').notNull(),
    unit: text('unit', { enum: UNITS }).notNull().default('UNIT'),
    gross: integer('gross').notNull().default(0),
    discount: integer('discount').notNull().default(0),
    taxRateBp: integer('tax_rate_bp').notNull().default(0),
    tax: integer('tax').notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.saleId, t.lineNo] }),
    check('sale_lines_qty_pos', sql`${t.quantity} > 0`),
    check('sale_lines_price_nonneg', sql`${t.unitPrice} >= 0`),
  ],
);
