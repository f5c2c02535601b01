// Backups of the register database a store can use: where they go, how many are kept, one now, and restoring one.
// Invariant: a backup is SQLite's online copy of the whole database, which never holds the HQ credential (it lives in
// the SecretStore); a restore refuses a damaged, foreign or newer file and then leaves the current database untouched.
import { z } from 'zod';
import { Timestamp } from '../schemas';
import type { Feature } from './define';
import { mutation, query } from './define';

/** A path on the PC the engine runs on (browser mode: the server's), absolute. */
export const HostPath = z
  .string()
  .trim()
  .min(1)
  .max(1000)
  .refine((p) => !p.includes('\0'), 'La ruta no puede contener caracteres nulos')
  .refine((p) => p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p) || p.startsWith('\\\\'), 'Use una ruta completa (p. ej. /media/usb/copias o E:\\copias)');

export const BackupFileSchema = z.object({ at: Timestamp, file: z.string(), bytes: z.int().min(0) });

export const BackupStatusSchema = z.object({
  folder: z.string().nullable(),
  /** How many backups the folder keeps; older ones of this store are deleted. */
  keep: z.int().min(1),
  last: BackupFileSchema.nullable(),
  lastError: z.object({ at: Timestamp, message: z.string() }).nullable(),
  /** When the automatic daily backup is next due (null while no folder is chosen). */
  nextDueAt: Timestamp.nullable(),
});

export const BACKUP_COMMANDS = {
  'backup.status': query({
    input: {},
    output: BackupStatusSchema,
    auth: true,
    permission: 'store:backup',
    summary: "The backup folder, how many are kept, and the last backup's time and size (or its last error).",
  }),
  'backup.configure': mutation({
    input: { folder: HostPath, keep: z.int().min(1).max(365) },
    output: BackupStatusSchema,
    auth: true,
    permission: 'store:backup',
    summary: 'Choose the backup folder (created if missing; it must be writable: BACKUP_FOLDER_INVALID) and how many daily backups to keep.',
  }),
  'backup.now': mutation({
    input: {},
    output: BackupFileSchema,
    auth: true,
    permission: 'store:backup',
    summary: '"Copia ahora": an online copy of the database into the backup folder (BACKUP_NOT_CONFIGURED without one), then the oldest beyond `keep` are deleted.',
  }),
  'backup.restore': mutation({
    input: { path: HostPath },
    output: z.object({ restoredFrom: z.string(), replacedKeptAs: z.string().nullable(), sessions: z.int().min(0) }),
    auth: false,
    permission: null,
    summary:
      'Replace the database with a backup file after verifying it (integrity check, every session chain, schema not newer, same store): BACKUP_DAMAGED, BACKUP_FOREIGN, BACKUP_TOO_NEW, BACKUP_FILE_INVALID. The replaced database is kept beside it. Without sign-in only while the store is not set up; after that an administrator, with no shift active (RESTORE_SESSION_ACTIVE). Everyone signs in again after.',
  }),
} as const satisfies Feature<'backup'>;
