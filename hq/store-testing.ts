// Test helper: the HQ stores a test runs against — SQLite in a temp folder always, PostgreSQL in a scratch schema when
// DATABASE_URL_TEST is set (scripts/pg-test.sh). Each open gives a fresh, empty store and its own clean-up. Not used by
// the server.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PgHqStore } from './pg-store';
import { pgScratch, pgTestUrl } from './pg-testing';
import { SqliteHqStore } from './sqlite-store';
import type { HqStore } from './store';

export interface Opened {
  store: HqStore;
  drop(): Promise<void>;
}

export interface StoreBackend {
  readonly name: 'sqlite' | 'postgres';
  open(): Promise<Opened>;
}

/** SQLite (temp folder named from `dirPrefix`) and, when a test server is configured, PostgreSQL. */
export function storeBackends(dirPrefix: string): StoreBackend[] {
  const backends: StoreBackend[] = [
    {
      name: 'sqlite',
      open: () => {
        const dir = mkdtempSync(path.join(tmpdir(), dirPrefix));
        const store = SqliteHqStore.inDir(dir);
        return Promise.resolve({ store, drop: () => store.close().then(() => rmSync(dir, { recursive: true, force: true })) });
      },
    },
  ];
  const pgBase = pgTestUrl();
  if (pgBase) {
    backends.push({
      name: 'postgres',
      open: async () => {
        const scratch = await pgScratch(pgBase);
        const store = await PgHqStore.open(scratch.url, { max: 3 });
        return { store, drop: () => store.close().then(() => scratch.drop()) };
      },
    });
  }
  return backends;
}
