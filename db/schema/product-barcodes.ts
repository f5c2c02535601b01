import { index, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { products } from './products';

/** Every scannable code of a product (EAN-13, EAN-8, UPC-A, internal); a code belongs to one product only. */
export const productBarcodes = sqliteTable(
  'product_barcodes',
  {
    code: text('code').primaryKey(),
    productId: text('product_id')
      .notNull()
      .references(() => products.id),
  },
  (t) => [index('product_barcodes_product').on(t.productId)],
);
