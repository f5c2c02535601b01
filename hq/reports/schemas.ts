// Query parameters of the console's report routes, as zod schemas the routes parse (query strings arrive as text).
// Invariants: parsing never trusts the caller: codes, dates and limits are bounded; a cursor is opaque to the caller
// (base64url of the keyset position) and a malformed one is a validation error, never a page from somewhere else;
// a range is at most MAX_RANGE_DAYS long and never backwards.
import { z } from 'zod';
import { SEALED_STATUSES } from '../../src/sync/protocol';
import type { DailyRangeQuery, OverShortQuery, SessionCursor, SessionPageQuery } from './queries';

/** Most days a report or export range may span (a year, leap day included). */
export const MAX_RANGE_DAYS = 366;
/** Sessions per page: default and ceiling. */
export const DEFAULT_PAGE = 50;
export const MAX_PAGE = 500;

const Code = z.string().regex(/^[A-Z0-9_-]{1,16}$/);
const UserId = z.string().min(1).max(64);
const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), 'not a calendar date');

const daysBetween = (from: string, to: string): number => (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000;

/** The opaque cursor of a keyset position. */
export function encodeCursor(c: SessionCursor): string {
  return Buffer.from(JSON.stringify([c.businessDate, c.hqSequence]), 'utf8').toString('base64url');
}

const CursorContent = z.tuple([IsoDate, z.int().min(1).max(Number.MAX_SAFE_INTEGER)]);

/** The position a cursor names, or null when it is not one this HQ issued the shape of. */
export function decodeCursor(text: string): SessionCursor | null {
  if (!/^[A-Za-z0-9_-]{1,200}$/.test(text)) return null;
  try {
    const parsed = CursorContent.safeParse(JSON.parse(Buffer.from(text, 'base64url').toString('utf8')));
    return parsed.success ? { businessDate: parsed.data[0], hqSequence: parsed.data[1] } : null;
  } catch {
    return null;
  }
}

const Cursor = z.string().transform((text, ctx) => {
  const c = decodeCursor(text);
  if (c === null) {
    ctx.addIssue({ code: 'custom', message: 'cursor inválido' });
    return z.NEVER;
  }
  return c;
});

const range = <T extends { from: string; to: string }>(s: T, ctx: z.RefinementCtx) => {
  const days = daysBetween(s.from, s.to);
  if (days < 0) ctx.addIssue({ code: 'custom', path: ['to'], message: 'la fecha final es anterior a la inicial' });
  else if (days + 1 > MAX_RANGE_DAYS) ctx.addIssue({ code: 'custom', path: ['to'], message: `el rango supera ${MAX_RANGE_DAYS} días` });
};

/**
 * `GET` sessions list: `?branch=&register=&cashier=<user id>&status=CLOSED|TRANSFERRED&difference=SHORT|OVER|EVEN
 * &from=YYYY-MM-DD&to=YYYY-MM-DD&limit=1..500&cursor=<next of the previous page>` → SessionPageQuery.
 */
export const SessionsQuerySchema = z
  .strictObject({
    branch: Code.optional(),
    register: Code.optional(),
    cashier: UserId.optional(),
    status: z.enum(SEALED_STATUSES).optional(),
    difference: z.enum(['SHORT', 'OVER', 'EVEN']).optional(),
    from: IsoDate.optional(),
    to: IsoDate.optional(),
    limit: z.coerce.number().int().min(1).max(MAX_PAGE).default(DEFAULT_PAGE),
    cursor: Cursor.optional(),
  })
  .superRefine((s, ctx) => {
    if (s.from !== undefined && s.to !== undefined && daysBetween(s.from, s.to) < 0) ctx.addIssue({ code: 'custom', path: ['to'], message: 'la fecha final es anterior a la inicial' });
  })
  .transform(
    (s): SessionPageQuery => ({
      branchCode: s.branch,
      registerCode: s.register,
      cashierId: s.cashier,
      status: s.status,
      difference: s.difference,
      from: s.from,
      to: s.to,
      limit: s.limit,
      after: s.cursor,
    }),
  );

/** `GET` daily report: `?from=&to=&branch=` (business dates, inclusive, at most MAX_RANGE_DAYS) → DailyRangeQuery. */
export const DailyQuerySchema = z
  .strictObject({ from: IsoDate, to: IsoDate, branch: Code.optional() })
  .superRefine(range)
  .transform((s): DailyRangeQuery => ({ from: s.from, to: s.to, branchCode: s.branch }));

/** `GET` over/short by cashier: `?from=&to=&branch=&cashier=<user id>` → OverShortQuery. */
export const OverShortQuerySchema = z
  .strictObject({ from: IsoDate, to: IsoDate, branch: Code.optional(), cashier: UserId.optional() })
  .superRefine(range)
  .transform((s): OverShortQuery => ({ from: s.from, to: s.to, branchCode: s.branch, cashierId: s.cashier }));

/** CSV exports of sessions or sales: the sessions filters without paging, over a bounded range (from and to required). */
export const ExportQuerySchema = z
  .strictObject({
    from: IsoDate,
    to: IsoDate,
    branch: Code.optional(),
    register: Code.optional(),
    cashier: UserId.optional(),
    status: z.enum(SEALED_STATUSES).optional(),
    difference: z.enum(['SHORT', 'OVER', 'EVEN']).optional(),
  })
  .superRefine(range)
  .transform(
    (s): Omit<SessionPageQuery, 'limit' | 'after'> => ({
      branchCode: s.branch,
      registerCode: s.register,
      cashierId: s.cashier,
      status: s.status,
      difference: s.difference,
      from: s.from,
      to: s.to,
    }),
  );

/** The Z report of one session: `/…/<sessionId>` path parameter. */
export const SessionIdSchema = z.string().min(1).max(64);
