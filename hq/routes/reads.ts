// Reading what HQ holds (admin key or a console session): sessions by filter and page, one session with its bundle,
// the daily report across branches, and the refused deliveries kept for review.
import { z } from 'zod';
import type { SealedStatus } from '../../src/sync/protocol';
import { HQ_PATHS, SEALED_STATUSES } from '../../src/sync/protocol';
import type { HqRoutes } from '../http';
import { HttpError, dateParam, intParam, parseOr400, queryOf, sendJson } from '../http';
import { dailyReport } from '../summary';

/** A page of `/v1/rejected`: at most this many rows (each body at most REJECTED_BODY_PREFIX). */
const REJECTED_PAGE_MAX = 100;
const Status = z.enum(SEALED_STATUSES, 'status must be CLOSED or TRANSFERRED');

export const readRoutes: HqRoutes = (app, ctx) => {
  const { store } = ctx;
  app.get(HQ_PATHS.sessions, { config: { access: 'read' } }, async (request, reply) => {
    const q = queryOf(request);
    const status = q.get('status');
    const parsedStatus: SealedStatus | undefined = status === null ? undefined : parseOr400(Status, status);
    const limit = intParam(q, 'limit', 100, 1000);
    const sessions = await store.listSessions({
      branchCode: q.get('branch') ?? undefined,
      registerCode: q.get('register') ?? undefined,
      businessDate: dateParam(q, 'date'),
      fromDate: dateParam(q, 'from'),
      toDate: dateParam(q, 'to'),
      status: parsedStatus,
      afterSequence: intParam(q, 'after', 0, Number.MAX_SAFE_INTEGER),
      limit,
    });
    const last = sessions[sessions.length - 1];
    return sendJson(reply, 200, { sessions, next: sessions.length === limit && last ? last.hqSequence : null });
  });

  app.get(`${HQ_PATHS.sessions}/*`, { config: { access: 'read' } }, async (request, reply) => {
    const found = await store.getSession((request.params as { '*': string })['*']);
    if (!found) throw new HttpError(404, 'NOT_FOUND', 'no such session');
    return sendJson(reply, 200, { session: found.summary, bundle: JSON.parse(found.canonical) as unknown });
  });

  app.get(HQ_PATHS.dailyReport, { config: { access: 'read' } }, async (request, reply) => {
    const date = dateParam(queryOf(request), 'date');
    if (!date) throw new HttpError(400, 'BAD_REQUEST', 'date=YYYY-MM-DD is required');
    const sessions = [];
    // Read the whole day in pages: the report covers every register of every branch.
    for (let after = 0; ; ) {
      const page = await store.listSessions({ businessDate: date, afterSequence: after, limit: 1000 });
      sessions.push(...page);
      const last = page[page.length - 1];
      if (page.length < 1000 || !last) break;
      after = last.hqSequence;
    }
    return sendJson(reply, 200, dailyReport(date, sessions));
  });

  app.get(HQ_PATHS.rejected, { config: { access: 'read' } }, async (request, reply) => {
    const q = queryOf(request);
    const pageSize = intParam(q, 'limit', 50, REJECTED_PAGE_MAX);
    const rejected = await store.listRejected(pageSize, intParam(q, 'after', 0, Number.MAX_SAFE_INTEGER));
    const last = rejected[rejected.length - 1];
    return sendJson(reply, 200, { rejected, next: rejected.length === pageSize && last ? last.id : null });
  });
};
