// Product CSV import: parsing (RFC 4180: quoted fields, doubled quotes, CRLF or LF; `,` or `;` by the header line) and
// per-row validation into typed rows. Pure: the engine decides what to write. Invariant: money is parsed as text into
// minor units (never through a float); a bad row is reported with its 1-based line number in the file.
import type { CurrencyCode, Minor } from '../money';
import { parseAmount } from '../money';
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

export interface ImportError {
  readonly line: number;
  readonly field: string | null;
  readonly reason: string;
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

/** Splits CSV text into records of fields, with the line each record starts on. */
export function parseCsv(text: string): { records: { line: number; fields: string[] }[]; delimiter: string } {
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
      if (!(fields.length === 1 && fields[0] === '')) records.push({ line: recordLine, fields });
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
  const { records } = parseCsv(text);
  const errors: ImportError[] = [];
  const header = records[0];
  if (!header) return { rows: [], errors: [{ line: 1, field: null, reason: 'empty file' }] };
  const columns = header.fields.map((h) => HEADERS[headerKey(h)] ?? null);
  for (const required of ['sku', 'name', 'price']) {
    if (!columns.includes(required)) errors.push({ line: header.line, field: required, reason: 'missing column' });
  }
  if (errors.length > 0) return { rows: [], errors };
  const rows: ImportRow[] = [];
  const seen = new Map<string, number>();
  const seenCodes = new Map<string, number>();
  for (const record of records.slice(1)) {
    const get = (name: string): string | undefined => {
      const idx = columns.indexOf(name);
      return idx < 0 ? undefined : (record.fields[idx] ?? '').trim();
    };
    const bad = (field: string | null, reason: string) => errors.push({ line: record.line, field, reason });
    const before = errors.length;
    if (record.fields.length !== columns.length) bad(null, `expected ${columns.length} fields, found ${record.fields.length}`);
    const sku = get('sku') ?? '';
    if (sku === '' || sku.length > 40) bad('sku', sku === '' ? 'required' : 'longer than 40');
    const name = get('name') ?? '';
    if (name === '' || name.length > 120) bad('name', name === '' ? 'required' : 'longer than 120');
    const priceText = get('price') ?? '';
    const price = parseAmount(priceText.replace(',', '.'), currency, '.');
    if (!price.ok) bad('price', `invalid amount (${price.error})`);
    const barcodeText = get('barcodes');
    const barcodes = barcodeText === undefined || barcodeText === '' ? (barcodeText === '' ? [] : null) : barcodeText.split(/[|\s]+/).filter((b) => b !== '');
    for (const b of barcodes ?? []) {
      if (!BARCODE.test(b)) bad('barcodes', `invalid barcode ${b}`);
      const other = seenCodes.get(b);
      if (other !== undefined) bad('barcodes', `barcode ${b} repeated (line ${other})`);
      else seenCodes.set(b, record.line);
    }
    const unitText = (get('unit') ?? '').toUpperCase();
    const unit: Unit | null = unitText === '' ? null : unitText === 'UNIT' || unitText === 'UN' || unitText === 'U' ? 'UNIT' : unitText === 'KG' ? 'KG' : null;
    if (unitText !== '' && unit === null) bad('unit', 'UNIT or KG');
    const categoryText = get('category');
    const category = categoryText === undefined ? undefined : categoryText === '' ? null : categoryText.slice(0, 60);
    const rateText = get('tax_rate') ?? '';
    const taxRateBp = rateText === '' ? null : parseRate(rateText);
    if (rateText !== '' && taxRateBp === null) bad('tax_rate', 'percentage between 0 and 100, up to 2 decimals');
    const stockText = get('stock') ?? '';
    const stockMilli = stockText === '' ? null : stockText === '0' ? 0 : parseSignedQuantity(stockText.replace(',', '.'));
    if (stockText !== '' && stockMilli === null) bad('stock', 'number with up to 3 decimals');
    if (stockMilli !== null && unit !== 'KG' && stockMilli % 1000 !== 0 && unitText !== '') bad('stock', 'whole units for UNIT products');
    const activeText = (get('active') ?? '').toLowerCase();
    const active = activeText === '' ? null : ['1', 'true', 'si', 'sí', 'yes'].includes(activeText) ? true : ['0', 'false', 'no'].includes(activeText) ? false : undefined;
    if (active === undefined) bad('active', 'true/false');
    const dup = seen.get(sku);
    if (sku !== '' && dup !== undefined) bad('sku', `repeated (line ${dup})`);
    else if (sku !== '') seen.set(sku, record.line);
    if (errors.length === before && price.ok) {
      rows.push({ line: record.line, sku, name, price: price.value, barcodes, unit, category, taxRateBp, stockMilli, active: active ?? null });
    }
  }
  return { rows, errors };
}
