// The synchronous backup commands (settings and status). "Copia ahora" and restore are asynchronous (SQLite's backup
// API yields between steps) and run through Engine.invoke (engine/backup.ts).
import { ok } from '../../src/result';
import type { Handler } from '../context';
import { backupStatus, configure as configureBackups } from '../backup';

export const status: Handler<'backup.status'> = (ctx) => ok(backupStatus(ctx.db, ctx.now));

export const configure: Handler<'backup.configure'> = (ctx, input) => configureBackups(ctx.db, input.folder, input.keep, ctx.now);
