// Picks HQ's storage: PostgreSQL when a database URL is given (DATABASE_URL), else the SQLite file in the data folder.
import path from 'node:path';
import { PgHqStore, describePgUrl } from './pg-store';
import { HQ_DB_FILE, SqliteHqStore } from './sqlite-store';
import type { HqStore } from './store';

export interface OpenedHqStore {
  readonly store: HqStore;
  /** Where the data lives, without credentials. */
  readonly description: string;
}

export async function openHqStore(options: { readonly databaseUrl?: string | undefined; readonly dataDir?: string | undefined }): Promise<OpenedHqStore> {
  const opened = await openOnly(options);
  // Sessions stored before the report rollups existed get theirs now (a no-op once done).
  await opened.store.backfillReports();
  return opened;
}

async function openOnly(options: { readonly databaseUrl?: string | undefined; readonly dataDir?: string | undefined }): Promise<OpenedHqStore> {
  if (options.databaseUrl) {
    return { store: await PgHqStore.open(options.databaseUrl), description: describePgUrl(options.databaseUrl) };
  }
  if (!options.dataDir) throw new Error('HQ needs --data-dir DIR (SQLite) or DATABASE_URL (PostgreSQL)');
  return { store: SqliteHqStore.inDir(options.dataDir), description: `sqlite ${path.join(options.dataDir, HQ_DB_FILE)}` };
}
