// Backups a store can use: the folder and how many to keep (settings), "Copia ahora" and the daily backup (SQLite's
// online backup API), and restoring a chosen file. Invariants: a restore verifies a private copy of the file first
// (integrity check, Arqueo's tables, schema not newer than this app, the same store's branch, every session's chain
// and totals) and touches the live database only after every check passed; the replaced database is kept beside it;
// no command runs while the restored pages are written (RESTORE_IN_PROGRESS). The HQ credential is never in the
// database (engine/secrets.ts), so no backup holds it.
import Database from 'better-sqlite3';
import { copyFileSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { Db, OpenedDb } from '../db';
import {
  activeSessionStatuses,
  DatabaseFromFutureError,
  DatabaseUnusableError,
  backupFileName,
  firstBranch,
  openDatabase,
  pruneBackups,
  putSetting,
  readMigrations,
  revokeAllTokens,
  setting,
  SETTING_BACKUP_ERROR,
  SETTING_BACKUP_FOLDER,
  SETTING_BACKUP_KEEP,
  SETTING_BACKUP_LAST,
  writeBackup,
} from '../db';
import { can } from '../src/auth/permissions';
import type { CommandOutput, ParsedInput } from '../src/contract';
import type { Result } from '../src/result';
import { fail, ok } from '../src/result';
import type { Actor } from './context';
import { checkAllSessions } from './verify';

export const DEFAULT_KEEP = 14;
/** The automatic backup runs when the last one is this old. */
export const BACKUP_EVERY_MS = 24 * 60 * 60 * 1000;
/** After a failed automatic backup, the next attempt waits this long (a USB stick may be plugged back in). */
export const RETRY_AFTER_MS = 60 * 60 * 1000;

type BackupFile = CommandOutput<'backup.now'>;
type BackupStatus = CommandOutput<'backup.status'>;

/** What the asynchronous backup commands see: the live store and its file, one clock reading, the signed-in user. */
export interface HostCtx {
  readonly store: OpenedDb;
  /** Absolute path of the live database file. */
  readonly file: string;
  readonly migrationsFolder: string | undefined;
  readonly now: Date;
  readonly actor: Actor | null;
  readonly initialized: boolean;
  /** Runs `work` while every other command is refused with RESTORE_IN_PROGRESS. */
  exclusive<T>(work: () => Promise<T>): Promise<T>;
}

function lastOf(db: Db): BackupFile | null {
  const raw = setting(db, SETTING_BACKUP_LAST);
  if (raw === null) return null;
  try {
    const v = JSON.parse(raw) as BackupFile;
    return typeof v.at === 'string' && typeof v.file === 'string' && Number.isInteger(v.bytes) ? v : null;
  } catch {
    return null;
  }
}

function errorOf(db: Db): { at: string; message: string } | null {
  const raw = setting(db, SETTING_BACKUP_ERROR);
  if (raw === null) return null;
  try {
    const v = JSON.parse(raw) as { at: string; message: string };
    return typeof v.at === 'string' && typeof v.message === 'string' ? v : null;
  } catch {
    return null;
  }
}

const keepOf = (db: Db): number => {
  const n = Number(setting(db, SETTING_BACKUP_KEEP));
  return Number.isInteger(n) && n >= 1 ? n : DEFAULT_KEEP;
};

/** The backup settings and last result, read inside a command's transaction. `nextDueAt` is when the daily backup runs. */
export function backupStatus(db: Db, now: Date): BackupStatus {
  const folder = setting(db, SETTING_BACKUP_FOLDER);
  const last = lastOf(db);
  const lastError = errorOf(db);
  let nextDueAt: string | null = null;
  if (folder !== null) {
    const due = last ? Date.parse(last.at) + BACKUP_EVERY_MS : now.getTime();
    const retry = lastError && (!last || lastError.at > last.at) ? Date.parse(lastError.at) + RETRY_AFTER_MS : 0;
    nextDueAt = new Date(Math.max(due, retry)).toISOString();
  }
  return { folder, keep: keepOf(db), last, lastError, nextDueAt };
}

/** A file-system failure in the words an administrator needs (the raw text goes to the log). */
function reasonOf(e: unknown): string {
  const code = typeof e === 'object' && e !== null && 'code' in e ? String((e as { code: unknown }).code) : '';
  if (code === 'ENOSPC' || code === 'SQLITE_FULL') return 'no queda espacio en la carpeta de copias';
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS' || code === 'SQLITE_READONLY' || code === 'SQLITE_CANTOPEN') return 'no hay permiso de escritura en la carpeta de copias (¿memoria USB protegida o quitada?)';
  if (code === 'ENOENT' || code === 'ENOTDIR') return 'la carpeta de copias no existe (¿memoria USB o unidad de red desconectada?)';
  return 'error de escritura en la carpeta de copias';
}

/**
 * Checks that `folder` exists (creating it) and takes a file: writes and removes a probe. Returns the problem in
 * Spanish, or null when the folder is usable.
 */
export function folderProblem(folder: string): string | null {
  try {
    mkdirSync(folder, { recursive: true });
    const probe = path.join(folder, `.arqueo-probe-${randomBytes(4).toString('hex')}`);
    writeFileSync(probe, 'ok');
    rmSync(probe, { force: true });
    return null;
  } catch (e) {
    console.error('[backup] folder check failed:', e);
    return reasonOf(e);
  }
}

const saveSetting = (store: OpenedDb, key: string, value: string): void => {
  store.sqlite.transaction(() => putSetting(store.db, key, value)).immediate();
};

/**
 * "Copia ahora" and the daily backup: an online copy of the live database into the chosen folder, named
 * `arqueo-<branch>-<UTC stamp>.db`, then this store's backups beyond `keep` are deleted. Records the result (or the
 * error) in the settings. Errors: BACKUP_NOT_CONFIGURED (no folder), NOT_INITIALIZED (nothing to back up yet),
 * BACKUP_FAILED (with the reason: no space, no permission, folder gone).
 */
export async function backupNow(store: OpenedDb, now: Date): Promise<Result<BackupFile>> {
  const folder = setting(store.db, SETTING_BACKUP_FOLDER);
  if (folder === null) return fail('BACKUP_NOT_CONFIGURED');
  const branch = firstBranch(store.db);
  if (!branch) return fail('NOT_INITIALIZED');
  const target = path.join(folder, backupFileName(branch.code, now));
  try {
    mkdirSync(folder, { recursive: true });
    const bytes = await writeBackup(store.sqlite, target);
    const done: BackupFile = { at: now.toISOString(), file: target, bytes };
    saveSetting(store, SETTING_BACKUP_LAST, JSON.stringify(done));
    try {
      pruneBackups(folder, branch.code, keepOf(store.db));
    } catch (e) {
      console.error('[backup] pruning old backups failed:', e); // the new backup is whole; old ones wait for next time
    }
    return { ok: true, value: done };
  } catch (e) {
    console.error('[backup] failed:', e);
    const reason = reasonOf(e);
    saveSetting(store, SETTING_BACKUP_ERROR, JSON.stringify({ at: now.toISOString(), message: reason }));
    return fail('BACKUP_FAILED', { reason }, `No se pudo hacer la copia de seguridad: ${reason}`);
  }
}

export async function now(ctx: HostCtx, _input: ParsedInput<'backup.now'>): Promise<Result<BackupFile>> {
  return backupNow(ctx.store, ctx.now);
}

type Refusal = { ok: false; error: { code: 'BACKUP_DAMAGED' | 'BACKUP_FOREIGN' | 'BACKUP_TOO_NEW' | 'BACKUP_FILE_INVALID'; message?: string; details?: Record<string, unknown> } };
const refuse = (code: Refusal['error']['code'], reason: string, details: Record<string, unknown> = {}): Refusal =>
  fail(code, { reason, ...details }, undefined) as Refusal;

const REQUIRED_TABLES = ['__drizzle_migrations', 'branches', 'registers', 'users', 'sessions', 'ledger_entries'];

/**
 * Inspects a staged copy of a backup without changing it: readable SQLite, integrity check, Arqueo's tables, no
 * migration this app does not know, and (when the store is set up) the same branch code. Returns null when it passes.
 */
function inspect(staged: string, migrationsFolder: string | undefined, storeBranch: string | null): Refusal | null {
  let raw: Database.Database;
  try {
    raw = new Database(staged, { readonly: true, fileMustExist: true });
  } catch (e) {
    console.error('[restore] cannot open backup:', e);
    return refuse('BACKUP_DAMAGED', 'no es una base de datos SQLite legible');
  }
  try {
    let problems: string[];
    try {
      problems = (raw.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check);
    } catch (e) {
      console.error('[restore] integrity check failed:', e);
      return refuse('BACKUP_DAMAGED', 'no es una base de datos SQLite legible');
    }
    if (problems.length !== 1 || problems[0] !== 'ok') return refuse('BACKUP_DAMAGED', 'la verificación de integridad de SQLite falló', { problems: problems.slice(0, 5) });
    const tables = new Set((raw.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((r) => r.name));
    const missing = REQUIRED_TABLES.filter((t) => !tables.has(t));
    if (missing.length > 0) return refuse('BACKUP_FOREIGN', 'no es una base de datos de Arqueo', { missing });
    const known = new Set(readMigrations(migrationsFolder).map((m) => m.hash));
    const applied = (raw.prepare('SELECT hash FROM __drizzle_migrations').all() as { hash: string }[]).map((r) => r.hash);
    if (applied.some((h) => !known.has(h))) return refuse('BACKUP_TOO_NEW', 'la copia tiene cambios de esquema que esta versión no conoce', { applied: applied.length, known: known.size });
    const branches = (raw.prepare('SELECT code FROM branches').all() as { code: string }[]).map((r) => r.code);
    if (branches.length === 0) return refuse('BACKUP_FOREIGN', 'la copia no tiene ninguna tienda configurada');
    if (storeBranch !== null && !branches.includes(storeBranch)) {
      return refuse('BACKUP_FOREIGN', `la copia es de la sucursal ${branches.join(', ')}, esta tienda es ${storeBranch}`, { backupBranches: branches, storeBranch });
    }
    return null;
  } finally {
    raw.close();
  }
}

const removeStaged = (file: string): void => {
  for (const f of [file, `${file}-wal`, `${file}-shm`, `${file}-journal`]) rmSync(f, { force: true });
};

/**
 * Restores the backup at `input.path` over the live database. See the module invariants; refusals name the reason in
 * `details.reason`. Without sign-in only while the store is not set up; then an ADMIN with no shift active.
 */
export async function restore(ctx: HostCtx, input: ParsedInput<'backup.restore'>): Promise<Result<CommandOutput<'backup.restore'>>> {
  const outcome = await restoreChecked(ctx, input);
  if (outcome.ok || ctx.initialized) return outcome;
  // Before setup nobody is signed in: whoever asks may not learn whether a path exists, is readable or is a database
  // (the reasons would make restore a probe of the machine's files). One refusal, no details; the reason is logged.
  console.error(`[restore] refused before setup: ${outcome.error.code}`, outcome.error.details ?? '');
  return fail('BACKUP_FILE_INVALID', undefined, PRE_SETUP_REFUSAL);
}

const PRE_SETUP_REFUSAL = 'No se restauró nada: ese archivo no es una copia de Arqueo que se pueda restaurar';

async function restoreChecked(ctx: HostCtx, input: ParsedInput<'backup.restore'>): Promise<Result<CommandOutput<'backup.restore'>>> {
  const { store, file } = ctx;
  if (ctx.initialized) {
    if (ctx.actor === null) return fail('UNAUTHENTICATED');
    if (!can(ctx.actor.role, 'store:backup')) return fail('FORBIDDEN', { permission: 'store:backup' });
    const active = activeSessionStatuses(store.db);
    if (active.length > 0) return fail('RESTORE_SESSION_ACTIVE', { active: active.length });
  }
  const source = path.resolve(input.path);
  if (source === path.resolve(file)) return refuse('BACKUP_FILE_INVALID', 'es la base de datos en uso, no una copia');
  const info = statSync(source, { throwIfNoEntry: false });
  if (!info?.isFile()) return refuse('BACKUP_FILE_INVALID', 'el archivo no existe', { path: source });
  if (info.size === 0) return refuse('BACKUP_DAMAGED', 'el archivo está vacío (0 bytes)');

  // Every check and the migration run on a private copy: the chosen file is never changed, the live one not yet.
  const staged = `${file}.restoring`;
  removeStaged(staged);
  try {
    try {
      copyFileSync(source, staged);
    } catch (e) {
      console.error('[restore] cannot read backup:', e);
      return refuse('BACKUP_FILE_INVALID', 'no se puede leer el archivo', { path: source });
    }
    const storeBranch = ctx.initialized ? (firstBranch(store.db)?.code ?? null) : null;
    const refused = inspect(staged, ctx.migrationsFolder, storeBranch);
    if (refused) return refused;
    let copy: OpenedDb;
    try {
      copy = openDatabase(staged, ctx.migrationsFolder ? { migrationsFolder: ctx.migrationsFolder } : {});
    } catch (e) {
      console.error('[restore] cannot migrate backup:', e);
      if (e instanceof DatabaseFromFutureError) return refuse('BACKUP_TOO_NEW', 'la copia es de una versión más nueva');
      if (e instanceof DatabaseUnusableError) return refuse('BACKUP_DAMAGED', 'no se puede abrir la copia');
      return refuse('BACKUP_DAMAGED', 'no se pudo actualizar el esquema de la copia');
    }
    try {
      let sessions: number;
      try {
        const checks = checkAllSessions(copy.db);
        const bad = checks.filter((c) => c.problems.length > 0);
        if (bad.length > 0) {
          return refuse('BACKUP_DAMAGED', `${bad.length} turno(s) no verifican: su cadena o sus totales fueron alterados`, {
            sessions: bad.slice(0, 5).map((c) => ({ sessionId: c.sessionId, problem: c.problems[0] })),
          });
        }
        sessions = checks.length;
      } catch (e) {
        console.error('[restore] verification failed:', e);
        return refuse('BACKUP_DAMAGED', 'los datos de la copia no se pueden verificar');
      }
      const keptAs = ctx.initialized ? `${file}.replaced-${ctx.now.toISOString().replace(/[-:.]/g, '')}` : null;
      const keepFolder = setting(store.db, SETTING_BACKUP_FOLDER);
      const keepCount = setting(store.db, SETTING_BACKUP_KEEP);
      const keepLast = setting(store.db, SETTING_BACKUP_LAST);
      await ctx.exclusive(async () => {
        if (keptAs !== null) await writeBackup(store.sqlite, keptAs);
        // The backup API writes the verified pages into the live file through SQLite (its WAL included), so every
        // open connection (the sync worker's too) sees the restored database; nothing is renamed under them.
        await copy.sqlite.backup(file);
        store.sqlite.transaction(() => {
          revokeAllTokens(store.db, ctx.now.toISOString());
          // Where backups go is this PC's choice, not the backup's.
          if (keepFolder !== null) putSetting(store.db, SETTING_BACKUP_FOLDER, keepFolder);
          if (keepCount !== null) putSetting(store.db, SETTING_BACKUP_KEEP, keepCount);
          if (keepLast !== null) putSetting(store.db, SETTING_BACKUP_LAST, keepLast);
        }).immediate();
      });
      return ok({ restoredFrom: source, replacedKeptAs: keptAs, sessions });
    } finally {
      copy.close();
    }
  } finally {
    removeStaged(staged);
  }
}

/** The configure command's work (synchronous, inside its transaction): check the folder, then store both settings. */
export function configure(db: Db, folder: string, keep: number, now: Date): Result<BackupStatus> {
  const resolved = path.resolve(folder);
  const problem = folderProblem(resolved);
  if (problem !== null) return fail('BACKUP_FOLDER_INVALID', { folder: resolved, reason: problem }, `No se puede usar la carpeta ${resolved}: ${problem}`);
  putSetting(db, SETTING_BACKUP_FOLDER, resolved);
  putSetting(db, SETTING_BACKUP_KEEP, String(keep));
  return ok(backupStatus(db, now));
}

/**
 * The daily backup: checks every `checkEveryMs` (default 10 minutes) whether a backup is due (`nextDueAt` passed) and
 * takes it. Never throws; a failure is recorded for the admin screen and retried after RETRY_AFTER_MS. Returns stop().
 */
export function startDailyBackups(
  target: { readonly store: OpenedDb; busy(): boolean },
  options: { clock?: () => Date; checkEveryMs?: number } = {},
): () => void {
  const clock = options.clock ?? (() => new Date());
  let running = false;
  const tick = (): void => {
    if (running || target.busy()) return;
    const now = clock();
    let due: string | null;
    try {
      due = backupStatus(target.store.db, now).nextDueAt;
    } catch (e) {
      console.error('[backup] status failed:', e);
      return;
    }
    if (due === null || Date.parse(due) > now.getTime() || firstBranch(target.store.db) === undefined) return;
    running = true;
    void backupNow(target.store, now)
      .catch((e: unknown) => console.error('[backup] daily backup failed:', e))
      .finally(() => {
        running = false;
      });
  };
  const timer = setInterval(tick, options.checkEveryMs ?? 10 * 60 * 1000);
  timer.unref();
  setTimeout(tick, 5_000).unref();
  return () => clearInterval(timer);
}
