// Sync commands: the register's view of its outbox and the headquarters settings. The delivery itself runs in the
// sync worker thread with its own connection; `sync.now` only makes rows due (the transport wakes the thread).
import { like } from 'drizzle-orm';
import { schema } from '../../../db';
import { ok } from '../../../src/result';
import type { Handler } from '../context';
import { SETTING_HQ_URL, settingKeyFor, syncEntries, syncNow, syncStatus } from '../../sync/worker';

export const status: Handler<'sync.status'> = (ctx) => ok(syncStatus(ctx.db));

export const now: Handler<'sync.now'> = (ctx) => ok({ due: syncNow(ctx.db, ctx.now) });

export const entries: Handler<'sync.entries'> = (ctx, input) => ok({ entries: syncEntries(ctx.db, input) });

export const configure: Handler<'sync.configure'> = (ctx, input) => {
  const put = (key: string, value: string) =>
    ctx.db.insert(schema.settings).values({ key, value }).onConflictDoUpdate({ target: schema.settings.key, set: { value } }).run();
  if (input.url === null) ctx.db.delete(schema.settings).where(like(schema.settings.key, SETTING_HQ_URL)).run();
  else put(SETTING_HQ_URL, input.url);
  for (const [registerCode, key] of Object.entries(input.keys ?? {})) put(settingKeyFor(registerCode), key);
  const registers = ctx.db
    .select({ key: schema.settings.key })
    .from(schema.settings)
    .where(like(schema.settings.key, settingKeyFor('%')))
    .all()
    .map((r) => r.key.slice(settingKeyFor('').length));
  return ok({ configured: input.url !== null, registers });
};
