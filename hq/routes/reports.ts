// The console's reports over HTTP (`read` access: an admin key or any console session), on hq/reports: the sessions
// list with filters and keyset pages, the daily report over a range, over/short by cashier, CSV exports of sessions,
// sales and the daily report, and a session's Z report as the register's A4 page (HTML the browser prints or saves as
// PDF). Query strings are parsed by hq/reports/schemas.ts; a refusal is 400 VALIDATION_FAILED with the first issue.
import { Readable } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { HqRoutes } from '../http';
import { HttpError, queryOf, sendJson } from '../http';
import { dailyCsv, salesCsv, sessionsCsv } from '../reports/csv';
import { DailyQuerySchema, ExportQuerySchema, OverShortQuerySchema, SessionIdSchema, SessionsQuerySchema, encodeCursor } from '../reports/schemas';
import { zReportHtml } from '../reports/zreport';

/** The report paths (the console's api.ts spells the same). */
export const REPORT_PATHS = {
  sessions: '/v1/reports/sessions',
  sessionsCsv: '/v1/reports/sessions.csv',
  salesCsv: '/v1/reports/sales.csv',
  daily: '/v1/reports/daily-range',
  dailyCsv: '/v1/reports/daily-range.csv',
  overShort: '/v1/reports/over-short',
  zReport: '/v1/reports/z/:sessionId',
} as const;

// The Z page is ours and self-contained: its own inline styles only, no script, framed by the console at most.
const Z_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'; base-uri 'none'; form-action 'none'";

function parsed<S extends z.ZodType>(schema: S, request: FastifyRequest): z.output<S> {
  const r = schema.safeParse(Object.fromEntries(queryOf(request)));
  if (!r.success) {
    const first = r.error.issues[0];
    throw new HttpError(400, 'VALIDATION_FAILED', first ? `${first.path.join('.') || 'query'}: ${first.message}` : 'invalid query');
  }
  return r.data;
}

const csv = (reply: FastifyReply, name: string, body: string | AsyncIterable<string>) =>
  reply
    .code(200)
    .header('content-type', 'text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="${name}"`)
    .header('cache-control', 'no-store')
    .send(typeof body === 'string' ? body : Readable.from(body));

export const reportRoutes: HqRoutes = (app, ctx) => {
  const { store } = ctx;
  const read = { config: { access: 'read' as const } };

  app.get(REPORT_PATHS.sessions, read, async (request, reply) => {
    const page = await store.reportSessions(parsed(SessionsQuerySchema, request));
    return sendJson(reply, 200, { items: page.items, next: page.next ? encodeCursor(page.next) : null });
  });
  app.get(REPORT_PATHS.daily, read, async (request, reply) => sendJson(reply, 200, await store.reportDaily(parsed(DailyQuerySchema, request))));
  app.get(REPORT_PATHS.overShort, read, async (request, reply) => sendJson(reply, 200, await store.reportOverShort(parsed(OverShortQuerySchema, request))));
  app.get(REPORT_PATHS.sessionsCsv, read, async (request, reply) => {
    const q = parsed(ExportQuerySchema, request);
    return csv(reply, `sesiones_${q.from}_${q.to}.csv`, sessionsCsv(store, q));
  });
  app.get(REPORT_PATHS.salesCsv, read, async (request, reply) => {
    const q = parsed(ExportQuerySchema, request);
    return csv(reply, `ventas_${q.from}_${q.to}.csv`, salesCsv(store, q));
  });
  app.get(REPORT_PATHS.dailyCsv, read, async (request, reply) => {
    const q = parsed(DailyQuerySchema, request);
    return csv(reply, `diario_${q.from}_${q.to}.csv`, dailyCsv(await store.reportDaily(q)));
  });
  app.get(REPORT_PATHS.zReport, read, async (request, reply) => {
    const id = SessionIdSchema.safeParse((request.params as { sessionId?: string }).sessionId);
    if (!id.success) throw new HttpError(400, 'VALIDATION_FAILED', 'sessionId: invalid');
    const html = await zReportHtml(store, id.data, ctx.now().toISOString());
    if (html === null) throw new HttpError(404, 'NOT_FOUND', 'no such session');
    return reply
      .code(200)
      .header('content-type', 'text/html; charset=utf-8')
      .header('content-security-policy', Z_CSP)
      .header('x-content-type-options', 'nosniff')
      .header('referrer-policy', 'no-referrer')
      .header('cache-control', 'no-store')
      .send(html);
  });
};
