import { sql } from 'drizzle-orm';
import { check, index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { UNITS } from '../../src/sale/quantity';

/**
 * The catalog. `stock` is in thousandths of the unit and only ever moves together with a stock_movements row (it is
 * their running sum). `barcode` mirrors the first of product_barcodes (the table of every code, unique across the
 * catalog). `search_key` is the stable rowid of the product in the products_fts index (custom migration).
 */
export const products = sqliteTable(
  'products',
  {
    id: text('id').primaryKey(),
    sku: text('sku').notNull().unique(),
    barcode: text('barcode').unique(),
    name: text('name').notNull(),
    price: integer('price').notNull(),
    stock: integer('stock').notNull().default(0),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
    unit: text('unit', { enum: UNITS }).notNull().default('UNIT'),
    category: text('category'),
    /** Tax included in the price, in basis points (1300 = 13 %). */
    taxRateBp: integer('tax_rate_bp').notNull().default(0),
    searchKey: integer('search_key').unique(),
  },
  (t) => [
    check('products_price_nonneg', sql`${t.price} >= 0`),
    index('products_category').on(t.category),
    // products.list pages by name (keyset on name, id).
    index('products_name').on(t.name, t.id),
  ],
);
