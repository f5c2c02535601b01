// The catalog: products, their barcodes and the one way stock moves. Invariants: products.stock changes only in
// `moveStock`, which writes the stock movement in the same statement pair, so stock is always the sum of its movements;
// products.barcode always mirrors the first of the product's barcodes (`setBarcodes` writes both).
import { and, asc, count as sqlCount, desc, eq, like, or, sql } from 'drizzle-orm';
import type { Unit } from '../../src/sale/quantity';
import type { Db } from '../open';
import { productBarcodes, products, stockMovements } from '../schema';
import { prepared } from './prepared';
import { COUNT_CAP, pageOf } from './paging';
import type { KeysetPage, KeyValue } from './paging';

export type ProductRow = typeof products.$inferSelect;
export type NewProduct = typeof products.$inferInsert;
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

/**
 * Replaces a product's barcodes; the first becomes products.barcode, which is returned. A code held by another product
 * throws UNIQUE.
 */
export function setBarcodes(db: Db, productId: string, codes: readonly string[]): string | null {
  prepared(db, 'barcodes.clear', () => db.$client.prepare<[string]>('DELETE FROM product_barcodes WHERE product_id = ?')).run(productId);
  const insert = prepared(db, 'barcodes.insert', () => db.$client.prepare<[string, string]>('INSERT INTO product_barcodes (code, product_id) VALUES (?, ?)'));
  for (const code of codes) insert.run(code, productId);
  const barcode = codes[0] ?? null;
  prepared(db, 'barcodes.mirror', () => db.$client.prepare<[string | null, string]>('UPDATE products SET barcode = ? WHERE id = ?')).run(barcode, productId);
  return barcode;
}

/**
 * Inserts a product at zero stock with its barcodes (next free search key) and returns the row as written. Initial
 * stock is a `moveStock` afterwards. A taken SKU or barcode throws UNIQUE.
 */
export function insertProduct(db: Db, product: Omit<NewProduct, 'stock' | 'barcode' | 'searchKey'>, codes: readonly string[]): ProductRow {
  const row = db
    .insert(products)
    .values({ ...product, stock: 0, searchKey: nextSearchKey(db) })
    .returning()
    .get();
  return { ...row, barcode: setBarcodes(db, row.id, codes) };
}

/**
 * Changes a product's fields and, when `codes` is given, replaces its barcodes; returns the row as written, or
 * undefined when there is no such product. Stock is not a field here. A taken SKU or barcode throws UNIQUE.
 */
export function updateProduct(
  db: Db,
  id: string,
  changes: Partial<Omit<ProductRow, 'id' | 'stock' | 'barcode' | 'searchKey' | 'createdAt'>>,
  codes: readonly string[] | undefined,
): ProductRow | undefined {
  const row = db.update(products).set(changes).where(eq(products.id, id)).returning().get();
  if (!row || codes === undefined) return row;
  return { ...row, barcode: setBarcodes(db, id, codes) };
}

/** A product's stock movements, newest first, at most `limit`. */
export function stockMovementsOf(db: Db, productId: string, limit: number): StockMovementRow[] {
  return db
    .select()
    .from(stockMovements)
    .where(eq(stockMovements.productId, productId))
    .orderBy(desc(stockMovements.createdAt), sql`${stockMovements}.rowid DESC`)
    .limit(limit)
    .all();
}

/**
 * A page of products by name (then id), optionally those whose name contains `query` or whose SKU or first barcode is
 * exactly it, read in `products_name` index order from the `after` key (a cursor's: name, id); the count is bounded.
 */
export function productPage(db: Db, query: string | undefined, after: readonly KeyValue[] | null, pageSize: number): KeysetPage<ProductRow> {
  const match = query ? or(like(products.name, `%${query}%`), eq(products.sku, query), eq(products.barcode, query)) : undefined;
  const count = db.select({ n: sqlCount() }).from(db.select({ one: sql`1` }).from(products).where(match).limit(COUNT_CAP + 1).as('m')).get()?.n ?? 0;
  const [name, id] = after ?? [];
  const keyed = after ? sql`(${products.name}, ${products.id}) > (${name}, ${id})` : undefined;
  const rows = db
    .select()
    .from(products)
    .where(and(match, keyed))
    .orderBy(asc(products.name), asc(products.id))
    .limit(pageSize + 1)
    .all();
  return pageOf(rows, pageSize, (r) => [r.name, r.id], { total: Math.min(count, COUNT_CAP), capped: count > COUNT_CAP });
}

/** What an import needs of the product holding a SKU: its id, unit and stock (thousandths). */
export function importTargetBySku(db: Db, sku: string): { id: string; unit: Unit; stock: number } | undefined {
  return prepared(db, 'product.importTarget', () => db.$client.prepare<[string], { id: string; unit: Unit; stock: number }>('SELECT id, unit, stock FROM products WHERE sku = ?')).get(sku);
}

/** The SKU of the product holding a barcode, or undefined when the code is free. */
export function barcodeOwnerSku(db: Db, code: string): string | undefined {
  return prepared(db, 'barcode.owner', () =>
    db.$client.prepare<[string], { sku: string }>('SELECT p.sku FROM product_barcodes b JOIN products p ON p.id = b.product_id WHERE b.code = ?'),
  ).get(code)?.sku;
}

/** An imported row's fields; `unit`/`taxRateBp` null keep the product's, `category` undefined leaves it alone. */
export interface ImportedFields {
  readonly name: string;
  readonly price: number;
  readonly unit: Unit | null;
  readonly taxRateBp: number | null;
  readonly category: string | null | undefined;
  readonly active: boolean | null;
}

/** Inserts an imported product at zero stock (active unless the row says otherwise) under the given search key. */
export function insertImportedProduct(db: Db, id: string, sku: string, row: ImportedFields, searchKey: number, at: string): void {
  prepared(db, 'product.importInsert', () =>
    db.$client.prepare<[string, string, string, number, string, string | null, number, number, string, string]>(
      'INSERT INTO products (id, sku, name, price, unit, category, tax_rate_bp, search_key, created_at, updated_at, stock, active) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 1)',
    ),
  ).run(id, sku, row.name, row.price, row.unit ?? 'UNIT', row.category ?? null, row.taxRateBp ?? 0, searchKey, at, at);
  if (row.active !== null) setProductActive(db, id, row.active);
}

/** Applies an imported row to an existing product. */
export function updateImportedProduct(db: Db, id: string, row: ImportedFields, at: string): void {
  prepared(db, 'product.importUpdate', () =>
    db.$client.prepare<[string, number, string | null, number | null, string, string]>(
      'UPDATE products SET name = ?, price = ?, unit = COALESCE(?, unit), tax_rate_bp = COALESCE(?, tax_rate_bp), updated_at = ? WHERE id = ?',
    ),
  ).run(row.name, row.price, row.unit, row.taxRateBp, at, id);
  // A file without a category column leaves categories alone; an empty cell clears it.
  if (row.category !== undefined) {
    prepared(db, 'product.setCategory', () => db.$client.prepare<[string | null, string]>('UPDATE products SET category = ? WHERE id = ?')).run(row.category, id);
  }
  if (row.active !== null) setProductActive(db, id, row.active);
}

function setProductActive(db: Db, id: string, active: boolean): void {
  prepared(db, 'product.setActive', () => db.$client.prepare<[number, string]>('UPDATE products SET active = ? WHERE id = ?')).run(active ? 1 : 0, id);
}
