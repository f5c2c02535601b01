// Statements on the hot path (every sale) are built and prepared once per connection instead of per call: drizzle's
// query building and SQLite's prepare were most of a sale's CPU time in the bench.
import type { Db } from '../open';

const caches = new WeakMap<Db, Map<string, unknown>>();

export function prepared<T>(db: Db, key: string, build: () => T): T {
  let cache = caches.get(db);
  if (!cache) {
    cache = new Map();
    caches.set(db, cache);
  }
  let stmt = cache.get(key) as T | undefined;
  if (stmt === undefined) {
    stmt = build();
    cache.set(key, stmt);
  }
  return stmt;
}
