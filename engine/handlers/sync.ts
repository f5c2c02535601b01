// Sync commands: the register's view of its outbox and the headquarters settings. The delivery itself runs in the
// sync worker thread with its own connection; `sync.now` only makes rows due (the transport wakes the thread).
import { SETTING_HQ_URL, deleteSettings, putSetting, registersWithHqKey, settingKeyFor, syncEntries, syncNow, syncStatus } from '../../db';
import { ok } from '../../src/result';
import type { Handler } from '../context';

export const status: Handler<'sync.status'> = (ctx) => ok(syncStatus(ctx.db));

export const now: Handler<'sync.now'> = (ctx) => ok({ due: syncNow(ctx.db, ctx.now) });

export const entries: Handler<'sync.entries'> = (ctx, input) => ok({ entries: syncEntries(ctx.db, input) });

export const configure: Handler<'sync.configure'> = (ctx, input) => {
  if (input.url === null) deleteSettings(ctx.db, SETTING_HQ_URL);
  else putSetting(ctx.db, SETTING_HQ_URL, input.url);
  for (const [registerCode, key] of Object.entries(input.keys ?? {})) putSetting(ctx.db, settingKeyFor(registerCode), key);
  return ok({ configured: input.url !== null, registers: registersWithHqKey(ctx.db) });
};
