// Register settings (key/value): the HQ address and per-register HQ keys. Invariant: a blank value reads as unset.
import { eq, like } from 'drizzle-orm';
import type { Db } from '../open';
import * as schema from '../schema';

export const SETTING_HQ_URL = 'hq.url';
/** The store's default tax rate in basis points (src/catalog/tax.ts reads it), e.g. "1300"; setup writes it. */
export const SETTING_DEFAULT_TAX_RATE = 'catalog.defaultTaxRateBp';
/** 'standalone' or 'enrolled': how the store was set up (absent before setup). */
export const SETTING_STORE_MODE = 'store.mode';
/** Backup folder, how many to keep, and the last backup / last error as JSON (see engine/backup.ts). */
export const SETTING_BACKUP_FOLDER = 'backup.folder';
export const SETTING_BACKUP_KEEP = 'backup.keep';
export const SETTING_BACKUP_LAST = 'backup.last';
export const SETTING_BACKUP_ERROR = 'backup.error';
export const settingKeyFor = (registerCode: string) => `hq.key.${registerCode}`;

/** A setting's trimmed value, or null when absent or blank. */
export function setting(db: Db, key: string): string | null {
  const v = db.select().from(schema.settings).where(eq(schema.settings.key, key)).get()?.value?.trim();
  return v ? v : null;
}

/** Inserts or replaces one setting. */
export function putSetting(db: Db, key: string, value: string): void {
  db.insert(schema.settings).values({ key, value }).onConflictDoUpdate({ target: schema.settings.key, set: { value } }).run();
}

/** Removes every setting whose key matches a SQL LIKE pattern. */
export function deleteSettings(db: Db, pattern: string): void {
  db.delete(schema.settings).where(like(schema.settings.key, pattern)).run();
}

/** The register codes that have an HQ key configured. */
export function registersWithHqKey(db: Db): string[] {
  const prefix = settingKeyFor('');
  return db
    .select({ key: schema.settings.key })
    .from(schema.settings)
    .where(like(schema.settings.key, settingKeyFor('%')))
    .all()
    .map((r) => r.key.slice(prefix.length));
}

/** Every setting whose key matches a SQL LIKE pattern (key and value). */
export function settingsLike(db: Db, pattern: string): { key: string; value: string }[] {
  return db.select().from(schema.settings).where(like(schema.settings.key, pattern)).all();
}

