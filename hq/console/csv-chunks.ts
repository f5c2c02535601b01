// A product CSV checked whole in the browser, with the register's own reader (src/catalog/csv.ts, the code HQ runs on
// every chunk again), then cut into chunks for upload so a large file shows progress and no request nears HQ's body
// limit. Invariant: re-reading the chunks gives exactly the file's rows, in order (same header, same delimiter, each
// cell quoted when it holds a quote, the delimiter or a line break).
import type { ImportError } from '../../src/catalog/csv';
import { parseCsv, readProductCsv } from '../../src/catalog/csv';
import type { CurrencyCode } from '../../src/money/currencies';

/** Rows per upload: about 50 KB of a typical catalog, a second or less of HQ's work each. */
export const IMPORT_CHUNK_ROWS = 500;

export type CheckedCsv = { readonly ok: false; readonly errors: readonly ImportError[] } | { readonly ok: true; readonly rows: number; readonly chunks: readonly string[] };

/** Checks a whole CSV (errors by 1-based line of the file) and, when it is clean, cuts it into CSV chunks of `size` rows. */
export function checkAndChunk(text: string, currency: CurrencyCode, size = IMPORT_CHUNK_ROWS): CheckedCsv {
  const { rows, errors } = readProductCsv(text, currency);
  if (errors.length > 0) return { ok: false, errors };
  const { records, delimiter } = parseCsv(text);
  const [header, ...data] = records;
  if (!header) return { ok: false, errors: [] };
  const cell = (f: string) => (f.includes('"') || f.includes(delimiter) || /[\r\n]/.test(f) ? `"${f.replace(/"/g, '""')}"` : f);
  const line = (fields: readonly string[]) => fields.map(cell).join(delimiter);
  const chunks: string[] = [];
  for (let i = 0; i < data.length; i += size) chunks.push([line(header.fields), ...data.slice(i, i + size).map((r) => line(r.fields))].join('\n'));
  return { ok: true, rows: rows.length, chunks };
}
