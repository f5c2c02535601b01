// Keyset paging and bounded counts for every list (issue 14): a page is read from an index in its order and stops at its
// limit, whatever the history holds. Invariants: no OFFSET anywhere; a cursor is the sort key of the last row served,
// opaque to callers (base64url JSON); a count stops at COUNT_CAP rows, so counting costs at most a cap's worth of index.
import type { Db } from '../open';

/** Counts above this are reported as "more than COUNT_CAP" (`capped`). */
export const COUNT_CAP = 1_000;

export type KeyValue = string | number;

/** The cursor naming the row whose sort key is `key` (the next page starts after it). */
export function encodeCursor(key: readonly KeyValue[]): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

/**
 * The sort key a cursor names, checked against the expected shape (`'s'` a string, `'n'` a safe integer), or null for a
 * cursor this list did not hand out (tampered, from another list, or from an older version).
 */
export function decodeCursor(cursor: string, shape: readonly ('s' | 'n')[]): KeyValue[] | null {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (!Array.isArray(value) || value.length !== shape.length) return null;
  const ok = value.every((v: unknown, i) => (shape[i] === 's' ? typeof v === 'string' && v.length <= 200 : Number.isSafeInteger(v)));
  return ok ? (value as KeyValue[]) : null;
}

/**
 * `COUNT(*)` of `fromWhere` (a `FROM … WHERE …` clause with `?` parameters) up to COUNT_CAP: `{ total, capped }` where
 * `capped` says more rows match than `total` reports.
 */
export function boundedCount(db: Db, fromWhere: string, params: readonly KeyValue[]): { total: number; capped: boolean } {
  const n = db.$client.prepare<KeyValue[], { n: number }>(`SELECT COUNT(*) AS n FROM (SELECT 1 ${fromWhere} LIMIT ${COUNT_CAP + 1})`).get(...params)?.n ?? 0;
  return { total: Math.min(n, COUNT_CAP), capped: n > COUNT_CAP };
}

/** A page's rows, the cursor of the next page (null on the last) and the bounded count. */
export interface KeysetPage<R> {
  readonly rows: R[];
  readonly nextCursor: string | null;
  readonly total: number;
  readonly capped: boolean;
}

/**
 * Cuts `rows` (read with LIMIT pageSize + 1) to a page: one row more than the page says there is a next page, whose
 * cursor is the key of the page's last row.
 */
export function pageOf<R>(rows: R[], pageSize: number, keyOf: (row: R) => KeyValue[], count: { total: number; capped: boolean }): KeysetPage<R> {
  const more = rows.length > pageSize;
  const page = more ? rows.slice(0, pageSize) : rows;
  const last = page[page.length - 1];
  return { rows: page, nextCursor: more && last !== undefined ? encodeCursor(keyOf(last)) : null, ...count };
}
