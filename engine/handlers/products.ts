// The catalog: create, change, search, import and stock adjustments. Invariant: stock moves only through `moveStock`
// (a stock movement per change); barcodes are unique across the catalog (product_barcodes' primary key).
import { asc, count as sqlCount, desc, eq, like, or } from 'drizzle-orm';
import type { ProductRow } from '../../db';
import { moveStock, nextSearchKey, productByCode, productById, productsByName, schema, setBarcodes } from '../../db';
import { importError, readProductCsv } from '../../src/catalog/csv';
import { ftsPrefixQuery } from '../../src/catalog/search';
import type { CurrencyCode } from '../../src/money';
import type { Unit } from '../../src/sale/quantity';
import { fitsUnit, parseQuantity, parseSignedQuantity } from '../../src/sale/quantity';
import { fail, ok } from '../../src/result';
import type { AuthedCtx, Handler } from '../context';
import { productView, stockMovementView } from '../views';
import { unique } from '../unique';

function mustProduct(ctx: AuthedCtx, id: string): ProductRow {
  const p = productById(ctx.db, id);
  if (!p) throw new Error(`product ${id} vanished`);
  return p;
}

/** The catalog's currency: the branch's (one currency per store). */
function catalogCurrency(ctx: AuthedCtx): CurrencyCode {
  const branch = ctx.actor.branchId
    ? ctx.db.select().from(schema.branches).where(eq(schema.branches.id, ctx.actor.branchId)).get()
    : ctx.db.select().from(schema.branches).limit(1).get();
  return (branch?.currency ?? 'BOB') as CurrencyCode;
}

export const create: Handler<'products.create'> = (ctx, input) => {
  const unit: Unit = input.unit ?? 'UNIT';
  const stockMilli = input.stock === undefined ? 0 : parseQuantity(input.stock);
  if (stockMilli === null || !fitsUnit(stockMilli, unit)) return fail('QUANTITY_INVALID', { field: 'stock' });
  const codes = [...new Set([...(input.barcode ? [input.barcode] : []), ...(input.barcodes ?? [])])];
  const id = ctx.newId();
  const written = unique(() => {
    ctx.db
      .insert(schema.products)
      .values({
        id,
        sku: input.sku,
        name: input.name,
        price: input.price,
        stock: 0,
        unit,
        category: input.category ?? null,
        taxRateBp: input.taxRateBp ?? 0,
        searchKey: nextSearchKey(ctx.db),
        createdAt: ctx.at,
        updatedAt: ctx.at,
      })
      .run();
    setBarcodes(ctx.db, id, codes);
  });
  if (!written.ok) return written;
  if (stockMilli !== 0) moveStock(ctx.db, { id: ctx.newId(), productId: id, delta: stockMilli, kind: 'INITIAL', refId: null, reason: null, userId: ctx.actor.id, at: ctx.at });
  return ok({ product: productView(ctx.db, mustProduct(ctx, id)) });
};

export const update: Handler<'products.update'> = (ctx, input) => {
  const product = productById(ctx.db, input.id);
  if (!product) return fail('NOT_FOUND', { productId: input.id });
  const unit = input.unit ?? product.unit;
  // A product holding fractional stock cannot become a whole-unit product: its stock would not be countable.
  if (!fitsUnit(product.stock, unit)) return fail('QUANTITY_INVALID', { field: 'unit', stockMilli: product.stock });
  const { id, requestId: _r, barcodes, ...changes } = input;
  const written = unique(() => {
    ctx.db.update(schema.products).set({ ...changes, updatedAt: ctx.at }).where(eq(schema.products.id, id)).run();
    if (barcodes !== undefined) setBarcodes(ctx.db, id, [...new Set(barcodes)]);
  });
  if (!written.ok) return written;
  return ok({ product: productView(ctx.db, mustProduct(ctx, id)) });
};

export const adjustStock: Handler<'products.adjustStock'> = (ctx, input) => {
  const product = productById(ctx.db, input.productId);
  if (!product) return fail('NOT_FOUND', { productId: input.productId });
  const delta = parseSignedQuantity(input.delta);
  if (delta === null || !fitsUnit(Math.abs(delta), product.unit)) return fail('QUANTITY_INVALID', { field: 'delta' });
  const id = ctx.newId();
  moveStock(ctx.db, { id, productId: product.id, delta, kind: 'ADJUSTMENT', refId: null, reason: input.reason, userId: ctx.actor.id, at: ctx.at });
  const movement = ctx.db.select().from(schema.stockMovements).where(eq(schema.stockMovements.id, id)).get();
  if (!movement) throw new Error('movement not written');
  return ok({ product: productView(ctx.db, mustProduct(ctx, product.id)), movement: stockMovementView(movement, product.unit) });
};

export const movements: Handler<'products.movements'> = (ctx, input) => {
  const product = productById(ctx.db, input.productId);
  if (!product) return fail('NOT_FOUND', { productId: input.productId });
  const rows = ctx.db
    .select()
    .from(schema.stockMovements)
    .where(eq(schema.stockMovements.productId, product.id))
    .orderBy(desc(schema.stockMovements.createdAt), desc(schema.stockMovements.id))
    .limit(input.limit)
    .all();
  return ok({ product: productView(ctx.db, product), movements: rows.map((m) => stockMovementView(m, product.unit)) });
};

export const search: Handler<'products.search'> = (ctx, input) => {
  const includeInactive = input.includeInactive ?? false;
  const out: (ReturnType<typeof productView> & { match: 'BARCODE' | 'SKU' | 'NAME' })[] = [];
  const exact = productByCode(ctx.db, input.query);
  if (exact && (includeInactive || exact.product.active)) out.push({ ...productView(ctx.db, exact.product), match: exact.match });
  const expr = ftsPrefixQuery(input.query);
  if (expr !== null && out.length < input.limit) {
    const byName = productsByName(ctx.db, expr, input.limit + 1, includeInactive)
      .filter((p) => p.id !== exact?.product.id)
      .slice(0, input.limit - out.length)
      .sort((a, b) => a.name.localeCompare(b.name, 'es'));
    for (const p of byName) out.push({ ...productView(ctx.db, p), match: 'NAME' });
  }
  return ok({ products: out });
};

export const list: Handler<'products.list'> = (ctx, input) => {
  const p = schema.products;
  const q = input.query?.trim();
  const where = q ? or(like(p.name, `%${q}%`), eq(p.sku, q), eq(p.barcode, q)) : undefined;
  const total = ctx.db.select({ n: sqlCount() }).from(p).where(where).get()?.n ?? 0;
  const rows = ctx.db.select().from(p).where(where).orderBy(asc(p.name)).limit(input.pageSize).offset((input.page - 1) * input.pageSize).all();
  return ok({
    products: rows.map((r) => productView(ctx.db, r)),
    pagination: { total, page: input.page, pageSize: input.pageSize, totalPages: Math.ceil(total / input.pageSize) },
  });
};

export const importCsv: Handler<'products.import'> = (ctx, input) => {
  const parsed = readProductCsv(input.csv, catalogCurrency(ctx));
  const errors = [...parsed.errors];
  const sqlite = ctx.sqlite;
  const bySku = sqlite.prepare<[string], { id: string; unit: Unit; stock: number }>('SELECT id, unit, stock FROM products WHERE sku = ?');
  const codeOwner = sqlite.prepare<[string], { product_id: string; sku: string }>(
    'SELECT b.product_id, p.sku FROM product_barcodes b JOIN products p ON p.id = b.product_id WHERE b.code = ?',
  );
  // Second pass against the database: a barcode already held by another SKU, a unit change the stock cannot take.
  const good = parsed.rows.filter((row) => {
    const existing = bySku.get(row.sku);
    for (const code of row.barcodes ?? []) {
      const owner = codeOwner.get(code);
      if (owner && owner.sku !== row.sku) {
        errors.push(importError(row.line, 'barcodes', 'BARCODE_TAKEN', { barcode: code, sku: owner.sku }));
        return false;
      }
    }
    const unit = row.unit ?? existing?.unit ?? 'UNIT';
    if (row.stockMilli !== null && !fitsUnit(Math.abs(row.stockMilli), unit)) {
      errors.push(importError(row.line, 'stock', 'WHOLE_UNITS_ONLY'));
      return false;
    }
    if (existing && row.unit !== null && row.stockMilli === null && !fitsUnit(Math.abs(existing.stock), unit)) {
      errors.push(importError(row.line, 'unit', 'FRACTIONAL_STOCK'));
      return false;
    }
    return true;
  });
  errors.sort((a, b) => a.line - b.line);
  if (errors.length > 0 && !input.goodRowsOnly) return fail('IMPORT_INVALID', { errors: errors.slice(0, 1000), errorCount: errors.length });

  const insert = sqlite.prepare<[string, string, string, number, string, string | null, number, number, string, string]>(
    'INSERT INTO products (id, sku, name, price, unit, category, tax_rate_bp, search_key, created_at, updated_at, stock, active) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 1)',
  );
  const updateRow = sqlite.prepare<[string, number, string | null, number | null, string, string]>(
    'UPDATE products SET name = ?, price = ?, unit = COALESCE(?, unit), tax_rate_bp = COALESCE(?, tax_rate_bp), updated_at = ? WHERE id = ?',
  );
  // A file without a category column leaves categories alone; an empty cell clears it.
  const setCategory = sqlite.prepare<[string | null, string]>('UPDATE products SET category = ? WHERE id = ?');
  const setActive = sqlite.prepare<[number, string]>('UPDATE products SET active = ? WHERE id = ?');
  let key = nextSearchKey(ctx.db);
  let created = 0;
  let updated = 0;
  const importId = ctx.newId();
  for (const row of good) {
    const existing = bySku.get(row.sku);
    let id: string;
    let current = 0;
    if (existing) {
      id = existing.id;
      current = existing.stock;
      updateRow.run(row.name, row.price, row.unit, row.taxRateBp, ctx.at, id);
      if (row.category !== undefined) setCategory.run(row.category, id);
      updated++;
    } else {
      id = ctx.newId();
      insert.run(id, row.sku, row.name, row.price, row.unit ?? 'UNIT', row.category ?? null, row.taxRateBp ?? 0, key++, ctx.at, ctx.at);
      created++;
    }
    if (row.active !== null) setActive.run(row.active ? 1 : 0, id);
    if (row.barcodes !== null) setBarcodes(ctx.db, id, [...new Set(row.barcodes)]);
    // A stock column sets the level: the difference is one IMPORT movement, so the history still adds up.
    if (row.stockMilli !== null && row.stockMilli !== current) {
      moveStock(ctx.db, { id: ctx.newId(), productId: id, delta: row.stockMilli - current, kind: 'IMPORT', refId: importId, reason: `line ${row.line}`, userId: ctx.actor.id, at: ctx.at });
    }
  }
  return ok({ created, updated, skipped: errors.length === 0 ? 0 : new Set(errors.map((e) => e.line)).size, errors: errors.slice(0, 1000) });
};

