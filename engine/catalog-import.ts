// products.import as a bulk job (engine/bulk.ts): the file is read and every row checked first, in one read snapshot
// (no write lock), then the good rows are written in short chunks while the counter keeps selling between them.
// Invariants: a refused file (IMPORT_INVALID) writes nothing; each product is written whole in one chunk (row, barcodes,
// its IMPORT stock movement), so a sale sees a product either before or after the import, never half of it; every
// chunk records the job's progress (`catalog.import`) in its own transaction, so after a crash the record says exactly
// how many rows of the file are in (they are the first `done` good rows, in file order). The import is NOT atomic: a
// sale between two chunks may see some prices new and others old; re-running the same file finishes an interrupted
// import (a known SKU is updated in place, a stock cell sets the level, so rows already in change nothing).
import { randomUUID } from 'node:crypto';
import { barcodeOwnerSku, importTargetBySku, insertImportedProduct, moveStock, nextSearchKey, putSetting, setBarcodes, setting, updateImportedProduct } from '../db';
import type { ImportError, ImportRow } from '../src/catalog/csv';
import { importError, readProductCsvSteps } from '../src/catalog/csv';
import type { CommandOutput } from '../src/contract';
import type { ImportJobStatus } from '../src/contract/commands/products';
import type { Result } from '../src/result';
import { fail, ok } from '../src/result';
import { fitsUnit } from '../src/sale/quantity';
import type { BulkOptions } from './bulk';
import { ChunkedJob } from './bulk';
import { catalogCurrency, storeTaxRate } from './catalog-defaults';
import type { AuthedCtx } from './context';

const SETTING_IMPORT = 'catalog.import';
/** This process's run: a RUNNING record written by another run was cut short (crash, power loss, app closed). */
const RUN = randomUUID();

type ImportOutput = CommandOutput<'products.import'>;

interface ImportRecord {
  readonly id: string;
  readonly run: string;
  readonly status: 'RUNNING' | 'DONE' | 'FAILED';
  /** Good rows to write, and how many are written (committed). */
  readonly total: number;
  readonly done: number;
  readonly created: number;
  readonly updated: number;
  readonly skipped: number;
  readonly userId: string;
  readonly startedAt: string;
  readonly updatedAt: string;
}

/** A checked file: the rows to write and every refused row. */
export interface ImportPlan {
  readonly rows: readonly ImportRow[];
  readonly errors: readonly ImportError[];
}

/**
 * Reads and checks a product CSV against the catalog (a barcode held by another SKU, a unit the stock cannot take),
 * stepwise: it yields every few hundred rows so the engine can read a large file in slices (engine/bulk.ts `drive`)
 * without holding its thread. Reads only, each slice on its own (no transaction is held across a yield; catalog edits
 * are refused meanwhile, BULK_IN_PROGRESS). IMPORT_INVALID (details.errors, first 1000, and errorCount) when any row is
 * bad and not `goodRowsOnly`.
 */
export function* planImport(ctx: AuthedCtx, input: { readonly csv: string; readonly goodRowsOnly?: boolean | undefined }): Generator<void, Result<ImportPlan>> {
  const parsed = yield* readProductCsvSteps(input.csv, catalogCurrency(ctx));
  const errors = [...parsed.errors];
  const rows: ImportRow[] = [];
  let n = 0;
  for (const row of parsed.rows) {
    if (++n % 500 === 0) yield;
    if (rowFits(row)) rows.push(row);
  }
  function rowFits(row: ImportRow): boolean {
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
  }
  errors.sort((a, b) => a.line - b.line);
  if (errors.length > 0 && !input.goodRowsOnly) return fail('IMPORT_INVALID', { errors: errors.slice(0, 1000), errorCount: errors.length });
  return ok({ rows, errors });
}

/**
 * The job that writes a plan's rows in chunks. `finish(output)` runs inside the last chunk's transaction (the engine
 * stores the requestId's reply there, so a retry after the end replays it and a retry after a crash imports again).
 * `output()` is the command's answer once the job has run.
 */
export function importJob(
  ctx: AuthedCtx,
  plan: ImportPlan,
  options: BulkOptions & { readonly finish: (output: ImportOutput) => void },
): { readonly job: ChunkedJob<ImportRow>; readonly output: () => ImportOutput } {
  const importId = ctx.newId();
  const defaultRate = storeTaxRate(ctx);
  const skipped = plan.errors.length === 0 ? 0 : new Set(plan.errors.map((e) => e.line)).size;
  let created = 0;
  let updated = 0;
  const output = (): ImportOutput => ({ created, updated, skipped, errors: plan.errors.slice(0, 1000) });
  const record = (done: number, status: ImportRecord['status']): void => {
    const r: ImportRecord = { id: importId, run: RUN, status, total: plan.rows.length, done, created, updated, skipped, userId: ctx.actor.id, startedAt: ctx.at, updatedAt: new Date().toISOString() };
    putSetting(ctx.db, SETTING_IMPORT, JSON.stringify(r));
  };
  const job = new ChunkedJob<ImportRow>(
    ctx.db.$client,
    plan.rows,
    {
      apply: (row) => {
        // Read now, not at planning: a sale between two chunks may have moved this product's stock.
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
          insertImportedProduct(ctx.db, id, row.sku, { ...row, taxRateBp: row.taxRateBp ?? defaultRate }, nextSearchKey(ctx.db), ctx.at);
          created++;
        }
        if (row.barcodes !== null) setBarcodes(ctx.db, id, [...new Set(row.barcodes)]);
        // A stock column sets the level: the difference is one IMPORT movement, so the history still adds up.
        if (row.stockMilli !== null && row.stockMilli !== current) {
          moveStock(ctx.db, { id: ctx.newId(), productId: id, delta: row.stockMilli - current, kind: 'IMPORT', refId: importId, reason: `line ${row.line}`, userId: ctx.actor.id, at: ctx.at });
        }
      },
      settle: (done) => {
        const last = done === plan.rows.length;
        record(done, last ? 'DONE' : 'RUNNING');
        if (last) options.finish(output());
      },
    },
    options,
  );
  return { job, output };
}

/** Marks the running import FAILED where it stopped (a chunk threw: nothing of that chunk was written). */
export function failImport(ctx: AuthedCtx): void {
  const raw = setting(ctx.db, SETTING_IMPORT);
  if (!raw) return;
  const r = JSON.parse(raw) as ImportRecord;
  if (r.status === 'RUNNING') putSetting(ctx.db, SETTING_IMPORT, JSON.stringify({ ...r, status: 'FAILED', updatedAt: new Date().toISOString() }));
}

/** Progress of the last import, for the screen ("importando 40.000 / 100.000"), or null when there never was one. */
export function importStatusOf(db: AuthedCtx['db']): CommandOutput<'products.importStatus'>['import'] {
  const raw = setting(db, SETTING_IMPORT);
  if (!raw) return null;
  const r = JSON.parse(raw) as ImportRecord;
  const status: ImportJobStatus = r.status === 'RUNNING' && r.run !== RUN ? 'INTERRUPTED' : r.status;
  return { id: r.id, status, total: r.total, done: r.done, created: r.created, updated: r.updated, skipped: r.skipped, startedAt: r.startedAt, updatedAt: r.updatedAt };
}
