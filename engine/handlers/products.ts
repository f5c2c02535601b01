// The catalog: create, change, search, import and stock adjustments. Invariant: stock moves only through `moveStock`
// (a stock movement per change); barcodes are unique across the catalog (product_barcodes' primary key).
import type { StockMove } from '../../db';
import {
  SETTING_DEFAULT_TAX_RATE,
  barcodeOwnerSku,
  firstBranch,
  getBranch,
  importTargetBySku,
  insertImportedProduct,
  insertProduct,
  moveStock,
  nextSearchKey,
  productByCode,
  productById,
  decodeCursor,
  productPage,
  productsByName,
  setBarcodes,
  setting,
  stockMovementsOf,
  updateImportedProduct,
  updateProduct,
} from '../../db';
import { importError, readProductCsv } from '../../src/catalog/csv';
import { defaultTaxRateBp } from '../../src/catalog/tax';
import { ftsPrefixQuery } from '../../src/catalog/search';
import type { CurrencyCode } from '../../src/money';
import type { Unit } from '../../src/sale/quantity';
import { fitsUnit, parseQuantity, parseSignedQuantity } from '../../src/sale/quantity';
import { fail, ok } from '../../src/result';
import type { AuthedCtx, Handler } from '../context';
import { productView, stockMovementView } from '../views';
import { unique } from '../unique';

/** The catalog's currency: the branch's (one currency per store). */
function catalogCurrency(ctx: AuthedCtx): CurrencyCode {
  const branch = ctx.actor.branchId ? getBranch(ctx.db, ctx.actor.branchId) : firstBranch(ctx.db);
  return (branch?.currency ?? 'BOB') as CurrencyCode;
}

/** The rate (basis points) of a product created or imported without one: the store's default, never a silent 0 %. */
const storeTaxRate = (ctx: AuthedCtx): number => defaultTaxRateBp(setting(ctx.db, SETTING_DEFAULT_TAX_RATE), catalogCurrency(ctx));

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

export const importCsv: Handler<'products.import'> = (ctx, input) => {
  const parsed = readProductCsv(input.csv, catalogCurrency(ctx));
  const errors = [...parsed.errors];
  // Second pass against the database: a barcode already held by another SKU, a unit change the stock cannot take.
  const good = parsed.rows.filter((row) => {
    const existing = importTargetBySku(ctx.db, row.sku);
    for (const code of row.barcodes ?? []) {
      const owner = barcodeOwnerSku(ctx.db, code);
      if (owner !== undefined && owner !== row.sku) {
        errors.push(importError(row.line, 'barcodes', 'BARCODE_TAKEN', { barcode: code, sku: owner }));
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

  let key = nextSearchKey(ctx.db);
  let created = 0;
  let updated = 0;
  const importId = ctx.newId();
  const defaultRate = storeTaxRate(ctx);
  for (const row of good) {
    const existing = importTargetBySku(ctx.db, row.sku);
    let id: string;
    let current = 0;
    if (existing) {
      id = existing.id;
      current = existing.stock;
      updateImportedProduct(ctx.db, id, row, ctx.at);
      updated++;
    } else {
      id = ctx.newId();
      // A new product without a tax cell gets the store's rate; a known one keeps its own (COALESCE in the update).
      insertImportedProduct(ctx.db, id, row.sku, { ...row, taxRateBp: row.taxRateBp ?? defaultRate }, key++, ctx.at);
      created++;
    }
    if (row.barcodes !== null) setBarcodes(ctx.db, id, [...new Set(row.barcodes)]);
    // A stock column sets the level: the difference is one IMPORT movement, so the history still adds up.
    if (row.stockMilli !== null && row.stockMilli !== current) {
      moveStock(ctx.db, { id: ctx.newId(), productId: id, delta: row.stockMilli - current, kind: 'IMPORT', refId: importId, reason: `line ${row.line}`, userId: ctx.actor.id, at: ctx.at });
    }
  }
  return ok({ created, updated, skipped: errors.length === 0 ? 0 : new Set(errors.map((e) => e.line)).size, errors: errors.slice(0, 1000) });
};

