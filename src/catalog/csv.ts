// Product CSV import: parsing (RFC 4180: quoted fields, doubled quotes, CRLF or LF; `,` or `;` by the header line) and
// per-row validation into typed rows. Pure: the engine decides what to write. Invariant: money is parsed as text into
// minor units (never through a float); a bad row is reported with its 1-based line number in the file.
import type { CurrencyCode, Minor } from '../money';
import { parseAmount } from '../money';
import { ceilingsOf } from '../money/ceilings';
import type { Unit } from '../sale/quantity';
import { parseSignedQuantity } from '../sale/quantity';

export interface ImportRow {
  readonly line: number;
  readonly sku: string;
  readonly name: string;
  readonly price: Minor;
  readonly barcodes: readonly string[] | null;
  readonly unit: Unit | null;
  readonly category: string | null | undefined;
  readonly taxRateBp: number | null;
  /** Target stock in thousandths (the engine moves stock by the difference); null when the column is absent or empty. */
  readonly stockMilli: number | null;
  readonly active: boolean | null;
}

/**
 * Why a row (or the file) was refused: a stable code a screen translates, next to the English `reason` for logs.
 * Invariant: codes are only ever added, never renamed (renderers and saved reports key on them).
 */
export const IMPORT_ERROR_CODES = [
  /** Nothing in the file, not even a header line. */
  'EMPTY_FILE',
  /** The header lacks a required column (`field`). */
  'MISSING_COLUMN',
  /** A row with more or fewer cells than the header (`params.expected`, `params.found`). */
  'FIELD_COUNT',
  /** A required cell is empty. */
  'MISSING_FIELD',
  /** A cell longer than `params.max` characters. */
  'TOO_LONG',
  /** A price that is not an amount of the currency (`params.amountError`: MALFORMED, TOO_MANY_DECIMALS, EMPTY, TOO_LARGE). */
  'BAD_PRICE',
  /** A barcode that is not 4–32 letters, digits or `-` (`params.barcode`). */
  'BAD_BARCODE',
  /** The same barcode on an earlier line of the file (`params.barcode`, `params.otherLine`). */
  'DUPLICATE_BARCODE',
  /** The barcode belongs to another product of the catalog (`params.barcode`, `params.sku`). */
  'BARCODE_TAKEN',
  /** A unit other than UNIT (UN, U) or KG. */
  'UNKNOWN_UNIT',
  /** A tax rate that is not a percentage from 0 to 100 with up to 2 decimals. */
  'BAD_TAX_RATE',
  /** A stock that is not a number with up to 3 decimals. */
  'BAD_QUANTITY',
  /** A fractional stock for a product sold by the unit. */
  'WHOLE_UNITS_ONLY',
  /** A change to UNIT of a product whose current stock has decimals. */
  'FRACTIONAL_STOCK',
  /** An active cell other than true/false, 1/0, yes/sí/si/no. */
  'BAD_BOOLEAN',
  /** The same SKU on an earlier line of the file (`params.otherLine`). */
  'DUPLICATE_SKU',
] as const;
export type ImportErrorCode = (typeof IMPORT_ERROR_CODES)[number];

/** Values a reason names, for a translated message. */
export interface ImportErrorParams {
  readonly otherLine?: number;
  readonly max?: number;
  readonly expected?: number;
  readonly found?: number;
  readonly barcode?: string;
  readonly sku?: string;
  readonly amountError?: string;
}

export interface ImportError {
  readonly line: number;
  readonly field: string | null;
  readonly code: ImportErrorCode;
  /** English, for logs and API users; screens translate `code`. */
  readonly reason: string;
  readonly params?: ImportErrorParams;
}

/** An error of `code` with its English reason. */
export function importError(line: number, field: string | null, code: ImportErrorCode, params?: ImportErrorParams): ImportError {
  return params === undefined ? { line, field, code, reason: reasonOf(code, {}) } : { line, field, code, reason: reasonOf(code, params), params };
}

function reasonOf(code: ImportErrorCode, p: ImportErrorParams): string {
  switch (code) {
    case 'EMPTY_FILE':
      return 'empty file';
    case 'MISSING_COLUMN':
      return 'missing column';
    case 'FIELD_COUNT':
      return `expected ${p.expected ?? '?'} fields, found ${p.found ?? '?'}`;
    case 'MISSING_FIELD':
      return 'required';
    case 'TOO_LONG':
      return `longer than ${p.max ?? '?'}`;
    case 'BAD_PRICE':
      return `invalid amount (${p.amountError ?? 'MALFORMED'})`;
    case 'BAD_BARCODE':
      return `invalid barcode ${p.barcode ?? ''}`;
    case 'DUPLICATE_BARCODE':
      return `barcode ${p.barcode ?? ''} repeated (line ${p.otherLine ?? '?'})`;
    case 'BARCODE_TAKEN':
      return `barcode ${p.barcode ?? ''} belongs to ${p.sku ?? '?'}`;
    case 'UNKNOWN_UNIT':
      return 'UNIT or KG';
    case 'BAD_TAX_RATE':
      return 'percentage between 0 and 100, up to 2 decimals';
    case 'BAD_QUANTITY':
      return 'number with up to 3 decimals';
    case 'WHOLE_UNITS_ONLY':
      return 'whole units for UNIT products';
    case 'FRACTIONAL_STOCK':
      return 'current stock is fractional';
    case 'BAD_BOOLEAN':
      return 'true/false';
    case 'DUPLICATE_SKU':
      return `repeated (line ${p.otherLine ?? '?'})`;
  }
}

const HEADERS: Record<string, string> = {
  sku: 'sku',
  codigo: 'sku',
  name: 'name',
  nombre: 'name',
  price: 'price',
  precio: 'price',
  barcode: 'barcodes',
  barcodes: 'barcodes',
  codigo_barras: 'barcodes',
  unit: 'unit',
  unidad: 'unit',
  category: 'category',
  categoria: 'category',
  tax_rate: 'tax_rate',
  iva: 'tax_rate',
  stock: 'stock',
  existencia: 'stock',
  active: 'active',
  activo: 'active',
};

/**
 * A header cell as a lookup key: case, surrounding and inner spaces, and accents ignored, so a spreadsheet's "Código"
 * or "Categoría" maps like "codigo" (an unmapped column is silently ignored, which for a category would lose data).
 */
export function headerKey(cell: string): string {
  return cell.trim().normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, '_');
}

/** How many records or rows the stepwise readers handle between two yields (a large file is read in slices). */
const STEP = 500;

/** Runs a stepwise reader to its end at once. */
function finish<T>(steps: Generator<void, T>): T {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

/** Splits CSV text into records of fields, with the line each record starts on. */
export function parseCsv(text: string): { records: { line: number; fields: string[] }[]; delimiter: string } {
  return finish(parseCsvSteps(text));
}

/** parseCsv, yielding after every few hundred records so a caller can let other work run while a large file is read. */
export function* parseCsvSteps(text: string): Generator<void, { records: { line: number; fields: string[] }[]; delimiter: string }> {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const firstLine = body.slice(0, body.search(/\r?\n|$/));
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  const records: { line: number; fields: string[] }[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let recordLine = 1;
  let i = 0;
  const n = body.length;
  while (i < n) {
    const c = body[i];
    if (quoted) {
      if (c === '"') {
        if (body[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else {
        if (c === '\n') line++;
        field += c;
      }
      i++;
      continue;
    }
    if (c === '"' && field === '') quoted = true;
    else if (c === delimiter) {
      fields.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      fields.push(field);
      field = '';
      if (!(fields.length === 1 && fields[0] === '')) {
        records.push({ line: recordLine, fields });
        if (records.length % STEP === 0) yield;
      }
      fields = [];
      if (c === '\r' && body[i + 1] === '\n') i++;
      line++;
      recordLine = line;
    } else field += c;
    i++;
  }
  if (field !== '' || fields.length > 0) {
    fields.push(field);
    if (!(fields.length === 1 && fields[0] === '')) records.push({ line: recordLine, fields });
  }
  return { records, delimiter };
}

const BARCODE = /^[0-9A-Za-z-]{4,32}$/;

/** Tax rate typed as a percentage ("13", "13.5", "13,5") into basis points, without floats. */
function parseRate(text: string): number | null {
  const m = /^(\d{1,3})(?:[.,](\d{1,2}))?%?$/.exec(text);
  if (!m) return null;
  const bp = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  return bp <= 10_000 ? bp : null;
}

/** Validates every record after the header. Rows with errors are left out of `rows`; a duplicate SKU is an error. */
export function readProductCsv(text: string, currency: CurrencyCode): { rows: ImportRow[]; errors: ImportError[] } {
  return finish(readProductCsvSteps(text, currency));
}

/** readProductCsv, yielding after every few hundred records (the engine's import reads a large file in slices). */
export function* readProductCsvSteps(text: string, currency: CurrencyCode): Generator<void, { rows: ImportRow[]; errors: ImportError[] }> {
  const { records } = yield* parseCsvSteps(text);
  const errors: ImportError[] = [];
  const header = records[0];
  if (!header) return { rows: [], errors: [importError(1, null, 'EMPTY_FILE')] };
  const columns = header.fields.map((h) => HEADERS[headerKey(h)] ?? null);
  for (const required of ['sku', 'name', 'price']) {
    if (!columns.includes(required)) errors.push(importError(header.line, required, 'MISSING_COLUMN'));
  }
  if (errors.length > 0) return { rows: [], errors };
  const rows: ImportRow[] = [];
  const seen = new Map<string, number>();
  const seenCodes = new Map<string, number>();
  let n = 0;
  for (const record of records.slice(1)) {
    if (++n % STEP === 0) yield;
    const get = (name: string): string | undefined => {
      const idx = columns.indexOf(name);
      return idx < 0 ? undefined : (record.fields[idx] ?? '').trim();
    };
    const bad = (field: string | null, code: ImportErrorCode, params?: ImportErrorParams) => errors.push(importError(record.line, field, code, params));
    const before = errors.length;
    if (record.fields.length !== columns.length) bad(null, 'FIELD_COUNT', { expected: columns.length, found: record.fields.length });
    const sku = get('sku') ?? '';
    if (sku === '') bad('sku', 'MISSING_FIELD');
    else if (sku.length > 40) bad('sku', 'TOO_LONG', { max: 40 });
    const name = get('name') ?? '';
    if (name === '') bad('name', 'MISSING_FIELD');
    else if (name.length > 120) bad('name', 'TOO_LONG', { max: 120 });
    const priceText = get('price') ?? '';
    const price = parseAmount(priceText.replace(',', '.'), currency, '.');
    if (!price.ok) bad('price', 'BAD_PRICE', { amountError: price.error });
    // A price the contract would refuse (src/money/ceilings.ts) is refused here too: no import bypasses the ceiling.
    else if (price.value > ceilingsOf(currency).amount) bad('price', 'BAD_PRICE', { amountError: 'TOO_LARGE' });
    const barcodeText = get('barcodes');
    const barcodes = barcodeText === undefined || barcodeText === '' ? (barcodeText === '' ? [] : null) : barcodeText.split(/[|\s]+/).filter((b) => b !== '');
    for (const b of barcodes ?? []) {
      if (!BARCODE.test(b)) bad('barcodes', 'BAD_BARCODE', { barcode: b });
      const other = seenCodes.get(b);
      if (other !== undefined) bad('barcodes', 'DUPLICATE_BARCODE', { barcode: b, otherLine: other });
      else seenCodes.set(b, record.line);
    }
    const unitText = (get('unit') ?? '').toUpperCase();
    const unit: Unit | null = unitText === '' ? null : unitText === 'UNIT' || unitText === 'UN' || unitText === 'U' ? 'UNIT' : unitText === 'KG' ? 'KG' : null;
    if (unitText !== '' && unit === null) bad('unit', 'UNKNOWN_UNIT');
    const categoryText = get('category');
    const category = categoryText === undefined ? undefined : categoryText === '' ? null : categoryText.slice(0, 60);
    const rateText = get('tax_rate') ?? '';
    const taxRateBp = rateText === '' ? null : parseRate(rateText);
    if (rateText !== '' && taxRateBp === null) bad('tax_rate', 'BAD_TAX_RATE');
    const stockText = get('stock') ?? '';
    const stockMilli = stockText === '' ? null : stockText === '0' ? 0 : parseSignedQuantity(stockText.replace(',', '.'));
    if (stockText !== '' && stockMilli === null) bad('stock', 'BAD_QUANTITY');
    if (stockMilli !== null && unit !== 'KG' && stockMilli % 1000 !== 0 && unitText !== '') bad('stock', 'WHOLE_UNITS_ONLY');
    const activeText = (get('active') ?? '').toLowerCase();
    const active = activeText === '' ? null : ['1', 'true', 'si', 'sí', 'yes'].includes(activeText) ? true : ['0', 'false', 'no'].includes(activeText) ? false : undefined;
    if (active === undefined) bad('active', 'BAD_BOOLEAN');
    const dup = seen.get(sku);
    if (sku !== '' && dup !== undefined) bad('sku', 'DUPLICATE_SKU', { otherLine: dup });
    else if (sku !== '') seen.set(sku, record.line);
    if (errors.length === before && price.ok) {
      rows.push({ line: record.line, sku, name, price: price.value, barcodes, unit, category, taxRateBp, stockMilli, active: active ?? null });
    }
  }
  return { rows, errors };
}
