// Sync commands: the register's view of its outbox and the headquarters settings. The delivery itself runs in the
// sync worker thread with its own connection; `sync.now` only makes rows due (the transport wakes the thread).
import { SETTING_HQ_URL, deleteSettings, putSetting, syncEntries, syncNow, syncStatus } from '../../db';
import { hqKeyName, registersWithKey } from '../secrets';
import { hqUrlAllowed } from '../master-sync';
import { fail, ok } from '../../src/result';
import type { Handler } from '../context';

export const status: Handler<'sync.status'> = (ctx) => ok(syncStatus(ctx.db));

export const now: Handler<'sync.now'> = (ctx) => ok({ due: syncNow(ctx.db, ctx.now) });

export const entries: Handler<'sync.entries'> = (ctx, input) => ok({ entries: syncEntries(ctx.db, input) });


export const configure: Handler<'sync.configure'> = (ctx, input) => {
  // The register's key travels in every delivery: over plain http anyone on the path could read and reuse it.
  if (input.url !== null && !hqUrlAllowed(input.url)) return fail('INSECURE_HQ_URL', { url: input.url });
  if (input.url === null) deleteSettings(ctx.db, SETTING_HQ_URL);
  else putSetting(ctx.db, SETTING_HQ_URL, input.url);
  // Keys go to the secret store (OS keychain or a 0600 file), never the database: no backup ever carries one.
  for (const [registerCode, key] of Object.entries(input.keys ?? {})) ctx.secrets.set(hqKeyName(registerCode), key);
  return ok({ configured: input.url !== null, registers: registersWithKey(ctx.secrets) });
};
