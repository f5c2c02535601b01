// Where the register's HQ keys live: a SecretStore outside the database, so no copy of arqueo.db (backups included)
// ever holds one. The hosts inject it (electron/secrets.ts: the OS keychain through Electron's safeStorage in the
// desktop app, a 0600 file outside the data folder in browser mode). Invariant: a key is written only by
// `sync.configure` and read only by the sync worker; the settings table never holds one after `moveHqKeysOut`.
import type { OpenedDb } from '../db';
import { deleteSettings, settingKeyFor, settingsLike } from '../db';

/** A small synchronous name → secret map. Implementations persist on every `set`/`delete`. */
export interface SecretStore {
  get(name: string): string | null;
  set(name: string, value: string): void;
  delete(name: string): void;
  /** Every name held, in no particular order. */
  names(): string[];
}

/** Held in memory only (tests, and an engine opened without a host: keys then last as long as the process). */
export class MemorySecretStore implements SecretStore {
  private readonly map = new Map<string, string>();
  get(name: string): string | null {
    return this.map.get(name) ?? null;
  }
  set(name: string, value: string): void {
    this.map.set(name, value);
  }
  delete(name: string): void {
    this.map.delete(name);
  }
  names(): string[] {
    return [...this.map.keys()];
  }
}

/** The secret's name for a register's HQ key (the same text the settings table used). */
export const hqKeyName = settingKeyFor;

/** Register codes that have an HQ key in `secrets`, sorted. */
export function registersWithKey(secrets: SecretStore): string[] {
  const prefix = hqKeyName('');
  return secrets
    .names()
    .filter((n) => n.startsWith(prefix))
    .map((n) => n.slice(prefix.length))
    .sort();
}

/** Every register's HQ key, by register code (what the sync worker is given). */
export function hqKeys(secrets: SecretStore): Record<string, string> {
  return Object.fromEntries(registersWithKey(secrets).flatMap((code) => {
    const key = secrets.get(hqKeyName(code));
    return key ? [[code, key]] : [];
  }));
}

/**
 * Moves HQ keys an older version kept in the settings table into `secrets`, then deletes them from the database
 * (one transaction after the secrets are saved, so a crash in between leaves them in both, never in neither).
 * Returns the register codes moved. A key already in `secrets` wins over the stale copy in the table.
 */
export function moveHqKeysOut(store: OpenedDb, secrets: SecretStore): string[] {
  const prefix = hqKeyName('');
  const rows = settingsLike(store.db, hqKeyName('%'));
  const moved: string[] = [];
  for (const row of rows) {
    const value = row.value.trim();
    if (value && secrets.get(row.key) === null) secrets.set(row.key, value);
    moved.push(row.key.slice(prefix.length));
  }
  if (rows.length > 0) {
    // secure_delete zeroes the freed bytes, and the checkpoint empties the WAL: no trace is left in the file to copy.
    const before = store.sqlite.pragma('secure_delete', { simple: true }) as number;
    store.sqlite.pragma('secure_delete = ON');
    try {
      deleteSettings(store.db, hqKeyName('%'));
    } finally {
      store.sqlite.pragma(`secure_delete = ${before ? 'ON' : 'OFF'}`);
    }
    store.sqlite.pragma('wal_checkpoint(TRUNCATE)');
  }
  return moved;
}
