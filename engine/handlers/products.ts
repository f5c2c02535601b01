// The catalog: create, change, search, import progress and stock adjustments (the import itself: engine/catalog-import.ts). Invariant: stock moves only through `moveStock`
// (a stock movement per change); barcodes are unique across the catalog (product_barcodes' primary key).
import type { StockMove } from '../../db';
import { decodeCursor, insertProduct, moveStock, productByCode, productById, productPage, productsByName, stockMovementsOf, updateProduct } from '../../db';
import { ftsPrefixQuery } from '../../src/catalog/search';
import type { Unit } from '../../src/sale/quantity';
import { fitsUnit, parseQuantity, parseSignedQuantity } from '../../src/sale/quantity';
import { fail, ok } from '../../src/result';
import { storeTaxRate } from '../catalog-defaults';
import { importStatusOf } from '../catalog-import';
import type { Handler } from '../context';
import { productView, stockMovementView } from '../views';
import { unique } from '../unique';

export const create: Handler<'products.create'> = (ctx, input) => {
  const unit: Unit = input.unit ?? 'UNIT';
  const stockMilli = input.stock === undefined ? 0 : parseQuantity(input.stock);
  if (stockMilli === null || !fitsUnit(stockMilli, unit)) return fail('QUANTITY_INVALID', { field: 'stock' });
  const codes = [...new Set([...(input.barcode ? [input.barcode] : []), ...(input.barcodes ?? [])])];
  const id = ctx.newId();
  const written = unique(() =>
    insertProduct(
      ctx.db,
      { id, sku: input.sku, name: input.name, price: input.price, unit, category: input.category ?? null, taxRateBp: input.taxRateBp ?? storeTaxRate(ctx), createdAt: ctx.at, updatedAt: ctx.at },
      codes,
    ),
  );
  if (!written.ok) return written;
  const stock = stockMilli === 0 ? 0 : moveStock(ctx.db, { id: ctx.newId(), productId: id, delta: stockMilli, kind: 'INITIAL', refId: null, reason: null, userId: ctx.actor.id, at: ctx.at });
  return ok({ product: productView(ctx.db, { ...written.value, stock }) });
};

export const update: Handler<'products.update'> = (ctx, input) => {
  const product = productById(ctx.db, input.id);
  if (!product) return fail('NOT_FOUND', { productId: input.id });
  const unit = input.unit ?? product.unit;
  // A product holding fractional stock cannot become a whole-unit product: its stock would not be countable.
  if (!fitsUnit(product.stock, unit)) return fail('QUANTITY_INVALID', { field: 'unit', stockMilli: product.stock });
  const { id, requestId: _r, barcodes, ...changes } = input;
  const written = unique(() => updateProduct(ctx.db, id, { ...changes, updatedAt: ctx.at }, barcodes === undefined ? undefined : [...new Set(barcodes)]));
  if (!written.ok) return written;
  if (!written.value) throw new Error(`product ${id} vanished`);
  return ok({ product: productView(ctx.db, written.value) });
};

export const adjustStock: Handler<'products.adjustStock'> = (ctx, input) => {
  const product = productById(ctx.db, input.productId);
  if (!product) return fail('NOT_FOUND', { productId: input.productId });
  const delta = parseSignedQuantity(input.delta);
  if (delta === null || !fitsUnit(Math.abs(delta), product.unit)) return fail('QUANTITY_INVALID', { field: 'delta' });
  const move: StockMove = { id: ctx.newId(), productId: product.id, delta, kind: 'ADJUSTMENT', refId: null, reason: input.reason, userId: ctx.actor.id, at: ctx.at };
  const stock = moveStock(ctx.db, move);
  const { at, ...movement } = move;
  return ok({ product: productView(ctx.db, { ...product, stock }), movement: stockMovementView({ ...movement, createdAt: at }, product.unit) });
};

export const movements: Handler<'products.movements'> = (ctx, input) => {
  const product = productById(ctx.db, input.productId);
  if (!product) return fail('NOT_FOUND', { productId: input.productId });
  const rows = stockMovementsOf(ctx.db, product.id, input.limit);
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
  const after = input.cursor === undefined ? null : decodeCursor(input.cursor, ['s', 's']);
  if (after === null && input.cursor !== undefined) return fail('BAD_CURSOR');
  const page = productPage(ctx.db, input.query?.trim(), after, input.pageSize);
  return ok({
    products: page.rows.map((r) => productView(ctx.db, r)),
    pagination: { pageSize: input.pageSize, nextCursor: page.nextCursor, total: page.total, totalCapped: page.capped },
  });
};

/** products.import itself is a bulk job run by the engine (engine/catalog-import.ts); this is its progress. */
export const importStatus: Handler<'products.importStatus'> = (ctx) => ok({ import: importStatusOf(ctx.db) });
