// Migrations applied one by one on real files; a database from a newer app is refused and left untouched.
import Database from 'better-sqlite3';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DatabaseFromFutureError, migrate, openDatabase, readMigrations } from './open';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'arqueo-mig-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const tables = (db: Database.Database) => (db.prepare("SELECT name FROM sqlite_master WHERE type IN ('table','trigger') ORDER BY name").all() as { name: string }[]).map((r) => r.name);
/** Tables, triggers, named indexes and columns (an index-only or a column-only migration still adds something). */
const objects = (db: Database.Database) => [
  ...(db.prepare("SELECT name FROM sqlite_master WHERE type IN ('table','trigger','index') AND name NOT LIKE 'sqlite_autoindex_%' ORDER BY name").all() as { name: string }[]).map((r) => r.name),
  ...(db.prepare("SELECT m.name || '.' || c.name AS name FROM sqlite_master m JOIN pragma_table_info(m.name) c WHERE m.type = 'table' ORDER BY 1").all() as { name: string }[]).map((r) => r.name),
];

describe('migrations', () => {
  it('apply one at a time, each leaving a working schema, and the rest later', () => {
    const migrations = readMigrations();
    expect(migrations.length).toBeGreaterThanOrEqual(2);
    const file = path.join(dir, 'a.db');
    const db = new Database(file);
    const seen: string[][] = [];
    const all: string[][] = [];
    for (let k = 1; k <= migrations.length; k++) {
      migrate(db, file, migrations, k);
      seen.push(tables(db));
      all.push(objects(db));
      expect(db.pragma('user_version', { simple: true })).toBe(k);
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    }
    // Every step added something (a table, column, trigger or index) and removed no table or trigger but a retired one
    // named here; an index may be replaced by a wider one (0004: sales by session and time instead of by session).
    const retired = new Set(['pin_attempts']); // 0007: lock-out counters replaced by the pin_failures log
    for (let k = 1; k < seen.length; k++) {
      expect(all[k]?.filter((name) => !(all[k - 1] ?? []).includes(name)).length).toBeGreaterThan(0);
      for (const name of seen[k - 1] ?? []) if (!retired.has(name)) expect(seen[k]).toContain(name);
    }
    expect(tables(db)).toContain('sales_no_update');
    // Running again is a no-op.
    migrate(db, file, migrations);
    expect((db.prepare('SELECT COUNT(*) AS n FROM __drizzle_migrations').get() as { n: number }).n).toBe(migrations.length);
    db.close();
  });

  it('refuses a database written by a newer app and does not modify it', () => {
    const file = path.join(dir, 'future.db');
    openDatabase(file).close();
    const raw = new Database(file);
    raw.prepare('INSERT INTO __drizzle_migrations (hash, created_at) VALUES (?, ?)').run('f'.repeat(64), Date.now() + 10 ** 9);
    raw.pragma('wal_checkpoint(TRUNCATE)');
    raw.close();
    const before = readFileSync(file);
    expect(() => openDatabase(file)).toThrow(DatabaseFromFutureError);
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('opens with WAL, synchronous FULL and foreign keys on', () => {
    const store = openDatabase(path.join(dir, 'p.db'));
    expect(store.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.sqlite.pragma('synchronous', { simple: true })).toBe(2);
    expect(store.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    store.close();
  });
});
