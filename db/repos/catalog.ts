// Catalog reads and the one way stock moves. Invariant: products.stock changes only in `moveStock`, which writes the
// stock movement in the same statement pair, so stock is always the sum of its movements.
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../open';
import { productBarcodes, products, stockMovements } from '../schema';
import { prepared } from './prepared';

export type ProductRow = typeof products.$inferSelect;
export type StockMovementRow = typeof stockMovements.$inferSelect;
export type StockKind = StockMovementRow['kind'];

const ph = (name: string) => sql.placeholder(name);

// The columns of a ProductRow under its property names, for the plain statements on hot paths.
const PRODUCT_COLUMNS = `p.id, p.sku, p.barcode, p.name, p.price, p.stock, p.active, p.created_at AS createdAt, p.updated_at AS updatedAt,
  p.unit, p.category, p.tax_rate_bp AS taxRateBp, p.search_key AS searchKey`;
type RawProductRow = Omit<ProductRow, 'active'> & { active: number };
const productRow = (r: RawProductRow): ProductRow => ({ ...r, active: r.active === 1 });

/** Every line of every sale reads its product here: a plain prepared statement. */
export function productById(db: Db, id: string): ProductRow | undefined {
  const row = prepared(db, 'product.byId', () => db.$client.prepare<[string], RawProductRow>(`SELECT ${PRODUCT_COLUMNS} FROM products p WHERE p.id = ?`)).get(id);
  return row && productRow(row);
}

export function barcodesOf(db: Db, productId: string): string[] {
  return prepared(db, 'product.barcodes', () =>
    db.$client.prepare<[string], { code: string }>('SELECT code FROM product_barcodes WHERE product_id = ? ORDER BY rowid'),
  )
    .all(productId)
    .map((r) => r.code);
}

/** The product a scanned code or typed SKU names exactly, if any. */
export function productByCode(db: Db, code: string): { product: ProductRow; match: 'BARCODE' | 'SKU' } | undefined {
  const byBarcode = prepared(db, 'product.byBarcode', () =>
    db.select({ p: products }).from(productBarcodes).innerJoin(products, eq(products.id, productBarcodes.productId)).where(eq(productBarcodes.code, ph('code'))).prepare(),
  ).get({ code });
  if (byBarcode) return { product: byBarcode.p, match: 'BARCODE' };
  const bySku = prepared(db, 'product.bySku', () => db.select().from(products).where(eq(products.sku, ph('sku'))).prepare()).get({ sku: code });
  return bySku ? { product: bySku, match: 'SKU' } : undefined;
}

/** Up to `limit` products whose name matches an FTS5 prefix expression, in index (insertion) order. */
export function productsByName(db: Db, match: string, limit: number, includeInactive: boolean): ProductRow[] {
  // No ORDER BY rank: scoring every match of a one-letter prefix over 100k names is what makes a search slow; the
  // index order with LIMIT stops after `limit` hits. The handler sorts that page by name.
  const stmt = prepared(db, `product.byName.${includeInactive ? 'all' : 'active'}`, () =>
    db.$client.prepare<[string, number], RawProductRow>(
      `SELECT ${PRODUCT_COLUMNS} FROM products_fts f JOIN products p ON p.search_key = f.rowid
       WHERE products_fts MATCH ? ${includeInactive ? '' : 'AND p.active = 1'} LIMIT ?`,
    ),
  );
  return stmt.all(match, limit).map(productRow);
}

export function nextSearchKey(db: Db): number {
  const row = prepared(db, 'product.maxSearchKey', () => db.$client.prepare<[], { k: number | null }>('SELECT MAX(search_key) AS k FROM products')).get();
  return (row?.k ?? 0) + 1;
}

export interface StockMove {
  readonly id: string;
  readonly productId: string;
  readonly delta: number;
  readonly kind: StockKind;
  readonly refId: string | null;
  readonly reason: string | null;
  readonly userId: string | null;
  readonly at: string;
}

/** Writes the movement and moves the product's stock by the same delta; returns the stock after it. */
export function moveStock(db: Db, m: StockMove): number {
  prepared(db, 'stock.insert', () =>
    db.$client.prepare<[string, string, number, string, string | null, string | null, string | null, string]>(
      'INSERT INTO stock_movements (id, product_id, delta, kind, ref_id, reason, user_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    ),
  ).run(m.id, m.productId, m.delta, m.kind, m.refId, m.reason, m.userId, m.at);
  const row = prepared(db, 'stock.apply', () =>
    db.$client.prepare<[number, string], { stock: number }>('UPDATE products SET stock = stock + ? WHERE id = ? RETURNING stock'),
  ).get(m.delta, m.productId);
  if (!row) throw new Error(`stock move for a missing product ${m.productId}`);
  return row.stock;
}

/** Replaces a product's barcodes; the first becomes products.barcode. A code held by another product throws UNIQUE. */
export function setBarcodes(db: Db, productId: string, codes: readonly string[]): void {
  prepared(db, 'barcodes.clear', () => db.$client.prepare<[string]>('DELETE FROM product_barcodes WHERE product_id = ?')).run(productId);
  const insert = prepared(db, 'barcodes.insert', () => db.$client.prepare<[string, string]>('INSERT INTO product_barcodes (code, product_id) VALUES (?, ?)'));
  for (const code of codes) insert.run(code, productId);
  prepared(db, 'barcodes.mirror', () => db.$client.prepare<[string | null, string]>('UPDATE products SET barcode = ? WHERE id = ?')).run(codes[0] ?? null, productId);
}
