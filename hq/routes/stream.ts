// Live streaming (hq/stream.ts holds the logic): registers post batches of their open sessions' entries; managers read
// each register's backlog and open streams, the tampering records, and a session's streamed entries. Invariant: the
// key, its role and its rate are checked before a batch's body is read (batches have their own bucket, four times the
// delivery rate, so a register streaming every few hundred ms never starves its session deliveries).
import type { FastifyRequest } from 'fastify';
import { STREAM_PATHS } from '../../src/sync/stream';
import type { HqRoutes } from '../http';
import { HttpError, bodyText, dateParam, intParam, keyOwnerOf, queryOf, sendJson } from '../http';
import { branchDay, liveDrawers } from '../live';
import { KeyRateLimiter } from '../rate-limit';
import { DEFAULT_RATE_LIMIT } from '../rate-limit';
import type { Sender } from '../stream';
import { MAX_BATCH_BYTES, postEntries, streamRegistersView, streamedEntriesView } from '../stream';

/** A page of `/v1/stream/tampering`. */
const TAMPERING_PAGE_MAX = 100;

const senders = new WeakMap<FastifyRequest, Sender>();

export const streamRoutes: HqRoutes = (app, ctx) => {
  const { store } = ctx;
  // The delivery limiter is off (tests, benchmarks) exactly when this one is.
  const limiter = ctx.limiter === null ? null : new KeyRateLimiter({ burst: DEFAULT_RATE_LIMIT.burst, perSecond: DEFAULT_RATE_LIMIT.perSecond * 4 });
  app.post(STREAM_PATHS.entries, {
    config: { access: 'register' },
    bodyLimit: Math.min(ctx.maxBodyBytes, MAX_BATCH_BYTES),
    onRequest: async (request) => {
      const owner = keyOwnerOf(request);
      if (owner.role !== 'REGISTER') throw new HttpError(403, 'FORBIDDEN', 'only a register key can stream entries');
      const wait = limiter?.take(owner.digest) ?? 0;
      if (wait > 0) throw new HttpError(429, 'RATE_LIMITED', `too many batches for this key; retry in ${wait} s`, undefined, { retryInSeconds: wait });
      senders.set(request, owner);
    },
  }, async (request, reply) => {
    const sender = senders.get(request);
    if (!sender) throw new Error('batch without its checked key');
    const answer = await postEntries(store, sender, bodyText(request), ctx.now().toISOString());
    return sendJson(reply, answer.status, answer.body);
  });
  app.get(STREAM_PATHS.entries, { config: { access: 'read' } }, async (request, reply) => sendJson(reply, 200, await streamedEntriesView(store, queryOf(request).get('session') ?? '')));
  app.get(STREAM_PATHS.registers, { config: { access: 'read' } }, async (_request, reply) => sendJson(reply, 200, await streamRegistersView(store, ctx.now())));
  app.get(STREAM_PATHS.liveDrawers, { config: { access: 'read' } }, async (request, reply) =>
    sendJson(reply, 200, await liveDrawers(store, ctx.now(), queryOf(request).get('branch') ?? undefined)),
  );
  app.get(STREAM_PATHS.liveDay, { config: { access: 'read' } }, async (request, reply) => {
    const q = queryOf(request);
    const branch = q.get('branch');
    const date = dateParam(q, 'date');
    if (!branch || !date) throw new HttpError(400, 'BAD_REQUEST', 'branch= and date=YYYY-MM-DD are required');
    return sendJson(reply, 200, await branchDay(store, branch.slice(0, 40), date, ctx.now()));
  });
  app.get(STREAM_PATHS.tampering, { config: { access: 'read' } }, async (request, reply) => {
    const q = queryOf(request);
    const pageSize = intParam(q, 'limit', 50, TAMPERING_PAGE_MAX);
    const tampering = await store.listTampering(pageSize, intParam(q, 'after', 0, Number.MAX_SAFE_INTEGER));
    const last = tampering[tampering.length - 1];
    return sendJson(reply, 200, { tampering, next: tampering.length === pageSize && last ? last.id : null });
  });
};
