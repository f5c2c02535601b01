// Opening an engine on a data folder: the database file lives at <dataDir>/arqueo.db.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { DatabaseFromFutureError, DatabaseUnusableError, activeSessionStatuses, openDatabase, restoreStep } from '../db';
import type { SessionStatus } from '../src/session/state';
import { seedDemo } from './demo';
import type { EngineOptions } from './engine';
import { Engine } from './engine';

export { Engine } from './engine';
export type { EngineOptions } from './engine';
export type { SecretStore } from './secrets';
export { MemorySecretStore, hqKeys, moveHqKeysOut } from './secrets';
export { backupNow, startDailyBackups } from './backup';

export const DB_FILE = 'arqueo.db';

export interface OpenEngineOptions extends Omit<EngineOptions, 'file'> {
  /** Seed the demo store into an empty database (`--demo`); otherwise an empty store waits for setup. */
  readonly demo?: boolean;
}

export function openEngine(dataDir: string, options: OpenEngineOptions = {}): { engine: Engine; seeded: boolean; file: string } {
  mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, DB_FILE);
  const store = openDatabase(file, options.migrationsFolder ? { migrationsFolder: options.migrationsFolder } : {});
  const seeded = options.demo ? seedDemo(store.db, options.clock?.() ?? new Date(), options.pinCost) : false;
  return { engine: new Engine(store, { ...options, file }), seeded, file };
}

/**
 * The one message a host shows when the store at `file` cannot be opened: the refusals of openDatabase speak for
 * themselves (they name the file and what to do); anything else still names the file and the restore step.
 */
export function openFailureMessage(e: unknown, file: string): string {
  if (e instanceof DatabaseUnusableError || e instanceof DatabaseFromFutureError) return e.message;
  const detail = e instanceof Error ? e.message : String(e);
  return `No se pudo abrir la base de datos de la caja ${file}: ${detail}. Si el archivo está dañado: ${restoreStep(file)}`;
}

/** The statuses of the active sessions (OPEN, SUSPENDED, COUNTING) in this PC's store: what the updater asks. */
export function sessionStatuses(engine: Engine): SessionStatus[] {
  return activeSessionStatuses(engine.store.db);
}
