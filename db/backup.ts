// Backups of the register database: SQLite's online backup API (consistent while the app writes; not a file copy of
// a WAL database), written under a temporary name and renamed, so a backup file that exists is always whole.
// Invariant: only files named by `backupFileName` for this store are ever pruned; nothing else in the folder is touched.
import { readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Sqlite } from './open';

const PREFIX = 'arqueo-';
const SUFFIX = '.db';

/** `arqueo-<branchCode>-<YYYYMMDD-HHMMSSmmm>Z.db` (UTC): sorts by time; the branch code keeps two stores' copies apart. */
export function backupFileName(branchCode: string, at: Date): string {
  const stamp = at.toISOString().replace(/[-:]/g, '').replace('T', '-').replace('.', '');
  return `${PREFIX}${branchCode}-${stamp}${SUFFIX}`;
}

const ours = (branchCode: string) => new RegExp(`^${PREFIX}${branchCode.replace(/[^A-Z0-9_-]/g, '')}-\\d{8}-\\d{9}Z\\${SUFFIX}$`);

/**
 * Writes an online copy of the database `sqlite` holds to `target` (absolute). Resolves with its size in bytes.
 * The copy goes to `<target>.partial` first and is renamed when complete; a failure leaves no partial file behind.
 * Rejects with the driver's error (disk full, folder gone, ...).
 */
export async function writeBackup(sqlite: Sqlite, target: string): Promise<number> {
  const partial = `${target}.partial`;
  try {
    await sqlite.backup(partial);
    renameSync(partial, target);
  } catch (e) {
    rmSync(partial, { force: true });
    throw e;
  }
  return statSync(target).size;
}

/** Deletes this store's backups in `folder` beyond the newest `keep` (by name, which sorts by time). Returns the deleted names. */
export function pruneBackups(folder: string, branchCode: string, keep: number): string[] {
  const mine = readdirSync(folder).filter((f) => ours(branchCode).test(f)).sort();
  const old = mine.slice(0, Math.max(0, mine.length - keep));
  for (const f of old) rmSync(path.join(folder, f), { force: true });
  return old;
}

/** Online backup (consistent while the app runs): copies the live database to `target`. */
export async function backupDatabase(sqlite: Sqlite, target: string): Promise<void> {
  await writeBackup(sqlite, target);
}
