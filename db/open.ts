// Opening the register database: durable pragmas, migrations applied one by one in order, and a database written by a
// newer app refused rather than damaged. Invariant: one writer connection per process; every command is one transaction.
// A store that exists but is empty (0 bytes) or is not a readable SQLite database is refused with its path and the
// restore step: opening it would silently start a new, empty store in place of the real one.
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import type { MigrationMeta } from 'drizzle-orm/migrator';
import { statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { classifyStorageError } from './errors';
import * as schema from './schema';

export type Sqlite = Database.Database;
export type Db = BetterSQLite3Database<typeof schema> & { readonly $client: Sqlite };

export interface OpenedDb {
  readonly sqlite: Sqlite;
  readonly db: Db;
  close(): void;
}

export class DatabaseFromFutureError extends Error {
  readonly code = 'DB_FROM_FUTURE';
  constructor(file: string, applied: number, known: number) {
    super(`La base de datos ${file} fue creada por una versión más nueva de Arqueo (${applied} migraciones, esta versión conoce ${known}). Actualice la aplicación; la base no fue modificada.`);
  }
}

/** What to do with an unusable store, in the words the cashier's administrator needs. */
export function restoreStep(file: string): string {
  return `Para restaurar una copia de seguridad: cierre Arqueo, copie la copia (creada con "npm run backup" o la de su respaldo) como ${file}, borre ${file}-wal y ${file}-shm si existen, y vuelva a abrir Arqueo.`;
}

/**
 * The register's database cannot be used as it is: `DB_EMPTY` (the file is 0 bytes: something truncated it) or
 * `DB_CORRUPT` (SQLite says it is not a database or is malformed). The message names the file and the restore step;
 * the file is left exactly as found.
 */
export class DatabaseUnusableError extends Error {
  constructor(
    readonly file: string,
    readonly code: 'DB_EMPTY' | 'DB_CORRUPT',
    options?: { cause?: unknown },
  ) {
    super(
      code === 'DB_EMPTY'
        ? `La base de datos ${file} está vacía (0 bytes): Arqueo no la reemplaza por una nueva para no ocultar la pérdida de los datos. ${restoreStep(file)} Si es una instalación nueva sin datos, borre el archivo vacío.`
        : `La base de datos ${file} está dañada y no se puede abrir; no fue modificada. ${restoreStep(file)}`,
      options,
    );
  }
}

const sizeOf = (f: string): number | null => statSync(f, { throwIfNoEntry: false })?.size ?? null;

export function defaultMigrationsFolder(): string {
  return path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');
}

export function readMigrations(folder = defaultMigrationsFolder()): MigrationMeta[] {
  return readMigrationFiles({ migrationsFolder: folder });
}

const MIGRATIONS_TABLE = '__drizzle_migrations';

function applied(sqlite: Sqlite): { hash: string; created_at: number }[] {
  sqlite.exec(`CREATE TABLE IF NOT EXISTS ${MIGRATIONS_TABLE} (id INTEGER PRIMARY KEY AUTOINCREMENT, hash TEXT NOT NULL, created_at NUMERIC)`);
  return sqlite.prepare(`SELECT hash, created_at FROM ${MIGRATIONS_TABLE} ORDER BY created_at`).all() as { hash: string; created_at: number }[];
}

/**
 * Applies the migrations not yet applied, each in its own transaction, in journal order. `upTo` (exclusive count)
 * exists for the migration tests. Refuses a database that has migrations this app does not know.
 */
export function migrate(sqlite: Sqlite, file: string, migrations: readonly MigrationMeta[], upTo = migrations.length): void {
  const done = applied(sqlite);
  const known = new Set(migrations.map((m) => m.hash));
  // An applied migration this app does not ship was written by a newer (or foreign) build: touch nothing.
  if (done.some((d) => !known.has(d.hash))) {
    throw new DatabaseFromFutureError(file, done.length, migrations.length);
  }
  const doneHashes = new Set(done.map((d) => d.hash));
  const insert = sqlite.prepare(`INSERT INTO ${MIGRATIONS_TABLE} (hash, created_at) VALUES (?, ?)`);
  for (const m of migrations.slice(0, upTo)) {
    if (doneHashes.has(m.hash)) continue;
    sqlite.transaction(() => {
      for (const statement of m.sql) if (statement.trim()) sqlite.exec(statement);
      insert.run(m.hash, m.folderMillis);
    })();
  }
  sqlite.pragma(`user_version = ${Math.min(upTo, migrations.length)}`);
}

export interface OpenOptions {
  readonly migrationsFolder?: string;
  readonly readonly?: boolean;
}

/**
 * Opens (creating when absent) the register database at `file`: WAL, synchronous=FULL, foreign keys, migrations.
 * Throws DatabaseFromFutureError for a newer app's database and DatabaseUnusableError for an empty or corrupt file.
 */
export function openDatabase(file: string, options: OpenOptions = {}): OpenedDb {
  // A WAL database's main file holds its header from the first write on; 0 bytes with no WAL beside it has lost all.
  if (sizeOf(file) === 0 && !sizeOf(`${file}-wal`)) throw new DatabaseUnusableError(file, 'DB_EMPTY');
  let sqlite: Sqlite;
  try {
    sqlite = new Database(file, { readonly: options.readonly ?? false });
  } catch (e) {
    throw classifyStorageError(e)?.kind === 'corrupt' ? new DatabaseUnusableError(file, 'DB_CORRUPT', { cause: e }) : e;
  }
  try {
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = FULL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    if (!options.readonly) migrate(sqlite, file, readMigrations(options.migrationsFolder));
  } catch (e) {
    sqlite.close();
    throw classifyStorageError(e)?.kind === 'corrupt' ? new DatabaseUnusableError(file, 'DB_CORRUPT', { cause: e }) : e;
  }
  return { sqlite, db: drizzle(sqlite, { schema }), close: () => sqlite.close() };
}
