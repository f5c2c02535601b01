// Session rows and their running totals. Invariant: totals change only through `appendLedger`, in the transaction
// of the command that wrote the entry, with an optimistic check on the ledger sequence; an entry that moves money never
// leaves a total past its ceiling (src/money/ceilings.ts), and totals read back are saturated at it, so a row an older
// version let overflow still reads, counts and closes.
import { and, asc, eq, getTableColumns, inArray, sql } from 'drizzle-orm';
import { boundedCount, pageOf } from './paging';
import type { KeysetPage, KeyValue } from './paging';
import { prepared } from './prepared';
import type { MethodTotals, PaymentMethod } from '../../src/sale/methods';
import type { DrawerOpenedPayload, SessionTotals, LedgerBody } from '../../src/session/ledger';
import { applyEntry, drawerOf, operationsOf } from '../../src/session/ledger';
import { saturate } from '../../src/money/ceilings';
import { overCeiling } from '../../src/session/ceilings';
import type { CurrencyCode } from '../../src/money';
import type { SessionStatus } from '../../src/session/state';
import { ACTIVE_STATUSES } from '../../src/session/state';
import { canonicalJson } from '../../src/sync/canonical';
import type { Canonical } from '../../src/sync/canonical';
import { sealEntry } from '../../src/sync/chain';
import type { LedgerEntry } from '../../src/sync/chain';
import type { Db } from '../open';
import { sha256Hex } from '../sha256';
import { sessions, ledgerEntries, outbox } from '../schema';

export type SessionRow = typeof sessions.$inferSelect;

export const METHOD_COLUMN = {
  CASH: 'totalCash',
  DEBIT_CARD: 'totalDebitCard',
  CREDIT_CARD: 'totalCreditCard',
  QR: 'totalQr',
  CARD_TERMINAL: 'totalCardTerminal',
  TRANSFER: 'totalTransfer',
  CHECK: 'totalCheck',
  VOUCHER: 'totalVoucher',
  OTHER: 'totalOther',
} as const satisfies Record<PaymentMethod, keyof SessionRow>;

export function methodTotalsOf(row: SessionRow): MethodTotals {
  const out = {} as MethodTotals;
  for (const [m, col] of Object.entries(METHOD_COLUMN) as [PaymentMethod, (typeof METHOD_COLUMN)[PaymentMethod]][]) out[m] = saturate(row[col]);
  return out;
}

/**
 * The running totals of a session row (minor units; counts as integers), each saturated at the total ceiling: within
 * the ceilings they are the row's own figures; past them (written by an older version) they read as the ceiling, so
 * every sum formed from them (expected cash, a day's report) stays a safe integer.
 */
export function totalsOf(row: SessionRow): SessionTotals {
  const count = (n: number) => saturate(n, Number.MAX_SAFE_INTEGER);
  return {
    status: row.status,
    openingAmount: saturate(row.openingAmount),
    salesCount: count(row.salesCount),
    salesTotal: saturate(row.salesTotal),
    byMethod: methodTotalsOf(row),
    depositsTotal: saturate(row.depositsTotal),
    withdrawalsTotal: saturate(row.withdrawalsTotal),
    voidsCount: count(row.voidsCount),
    voidsTotal: saturate(row.voidsTotal),
    refundsCount: count(row.refundsCount),
    refundsTotal: saturate(row.refundsTotal),
    agentCount: count(row.agentCount),
    agentCashIn: saturate(row.agentCashIn),
    agentCashOut: saturate(row.agentCashOut),
    agentTopUp: saturate(row.agentTopUp),
    agentCommission: saturate(row.agentCommission),
    drawerOpenings: count(row.drawerOpenings),
    noSaleOpenings: count(row.noSaleOpenings),
    cashRounding: saturate(row.cashRounding),
  };
}

/** Ledger kinds that move a running money total (the others change the status only). */
const MOVES_MONEY: ReadonlySet<LedgerBody['kind']> = new Set(['SESSION_OPENED', 'SALE', 'SALE_VOIDED', 'REFUND', 'AGENT_OPERATION', 'MOVEMENT']);

function totalsColumns(t: SessionTotals): Partial<SessionRow> {
  const cols: Partial<Record<keyof SessionRow, unknown>> = {
    status: t.status,
    salesCount: t.salesCount,
    salesTotal: t.salesTotal,
    depositsTotal: t.depositsTotal,
    withdrawalsTotal: t.withdrawalsTotal,
    ...operationsOf(t),
    ...drawerOf(t),
  };
  for (const [m, col] of Object.entries(METHOD_COLUMN) as [PaymentMethod, keyof SessionRow][]) cols[col] = t.byMethod[m];
  return cols as Partial<SessionRow>;
}

const ACTIVE = sql`${sessions.status} IN ('OPEN','SUSPENDED','COUNTING')`;

export function getSession(db: Db, id: string): SessionRow | undefined {
  return prepared(db, 'session.byId', () => db.select().from(sessions).where(eq(sessions.id, sql.placeholder('id'))).prepare()).get({ id });
}

export function activeSessionOfUser(db: Db, userId: string): SessionRow | undefined {
  return prepared(db, 'session.activeOfUser', () =>
    db.select().from(sessions).where(and(eq(sessions.userId, sql.placeholder('userId')), ACTIVE)).prepare(),
  ).get({ userId });
}

export function activeSessionOfRegister(db: Db, registerId: string): SessionRow | undefined {
  return prepared(db, 'session.activeOfRegister', () =>
    db.select().from(sessions).where(and(eq(sessions.registerId, sql.placeholder('registerId')), ACTIVE)).prepare(),
  ).get({ registerId });
}

/**
 * Appends one entry to the session's chain and moves the running totals by the same reducer verification uses.
 * `extra` are row fields that change with this entry (closing figures). Returns the updated row.
 */
export function appendLedger(db: Db, row: SessionRow, at: string, body: LedgerBody, extra: Partial<SessionRow> = {}): { row: SessionRow; entry: LedgerEntry } {
  const totals = applyEntry(totalsOf(row), body);
  // The commands check first (engine/ceiling.ts) and refuse with TOTAL_CEILING; reaching this is a bug.
  const over = MOVES_MONEY.has(body.kind) ? overCeiling(totals, row.currency as CurrencyCode) : null;
  if (over) throw new Error(`ledger entry ${body.kind} would carry ${over.field} of session ${row.id} past its ceiling`);
  const seq = row.ledgerSeq + 1;
  const payloadJson = canonicalJson(body.payload as unknown as Canonical);
  const entry = sealEntry(sha256Hex, row.id, seq, row.chainHead, at, body, payloadJson);
  const p = (name: string) => sql.placeholder(name);
  prepared(db, 'ledger.insert', () =>
    db
      .insert(ledgerEntries)
      .values({ sessionId: p('sessionId'), seq: p('seq'), kind: p('kind'), at: p('at'), payload: p('payload'), prevHash: p('prevHash'), hash: p('hash') })
      .prepare(),
  ).run({ sessionId: row.id, seq, kind: entry.kind, at, payload: payloadJson, prevHash: entry.prevHash, hash: entry.hash });
  const { status, ...counted } = totalsColumns(totals);
  const changes: Partial<SessionRow> = { ...counted, ledgerSeq: seq, chainHead: entry.hash };
  const guard = { id: row.id, prevSeq: row.ledgerSeq };
  // The common case (a sale or a movement: no state change, no closing figures) runs one prepared statement that
  // leaves `status` out of its SET: with it, SQLite rewrites both partial one-active-session indexes on every sale.
  const updated =
    Object.keys(extra).length === 0 && status === row.status
      ? prepared(db, 'session.applyTotals', () =>
          db
            .update(sessions)
            .set(Object.fromEntries(Object.keys(changes).map((k) => [k, p(k)])) as Partial<SessionRow>)
            .where(and(eq(sessions.id, p('id')), eq(sessions.ledgerSeq, p('prevSeq'))))
            .returning()
            .prepare(),
        ).get({ ...changes, ...guard })
      : db
          .update(sessions)
          .set({ ...changes, status, ...extra })
          .where(and(eq(sessions.id, row.id), eq(sessions.ledgerSeq, row.ledgerSeq)))
          .returning()
          .get();
  if (!updated) throw new Error(`session ${row.id} changed under an append (seq ${row.ledgerSeq})`);
  return { row: updated, entry };
}

/** The CLOSING counts of a session whose close was refused (its CLOSE_REFUSED ledger entries' `countId`), in ledger order. */
export function refusedCloseCountIds(db: Db, sessionId: string): string[] {
  return prepared(db, 'ledger.refusedCloses', () =>
    db.$client.prepare<[string], { countId: string }>(
      "SELECT json_extract(payload, '$.countId') AS countId FROM ledger_entries WHERE session_id = ? AND kind = 'CLOSE_REFUSED' ORDER BY seq",
    ),
  )
    .all(sessionId)
    .map((r) => r.countId);
}

export function ledgerOf(db: Db, sessionId: string): LedgerEntry[] {
  return db
    .select()
    .from(ledgerEntries)
    .where(eq(ledgerEntries.sessionId, sessionId))
    .orderBy(ledgerEntries.seq)
    .all()
    .map((r) => ({ sessionId: r.sessionId, seq: r.seq, kind: r.kind as LedgerEntry['kind'], at: r.at, payload: JSON.parse(r.payload) as unknown, prevHash: r.prevHash, hash: r.hash }));
}

/** The session's DRAWER_OPENED entries with no sale, in order (the X/Z report lists them for the manager). */
export function noSaleOpeningsOf(db: Db, sessionId: string): { at: string; payload: DrawerOpenedPayload }[] {
  return db.$client
    .prepare<[string], { at: string; payload: string }>(
      "SELECT at, payload FROM ledger_entries WHERE session_id = ? AND kind = 'DRAWER_OPENED' AND json_extract(payload, '$.cause') = 'NO_SALE' ORDER BY seq",
    )
    .all(sessionId)
    .map((r) => ({ at: r.at, payload: JSON.parse(r.payload) as DrawerOpenedPayload }));
}

export type NewSessionRow = typeof sessions.$inferInsert;

/** Inserts a new session row and returns it as stored (defaults filled). Unique-index clashes throw (see errors.ts). */
export function insertSession(db: Db, values: NewSessionRow): SessionRow {
  return db.insert(sessions).values(values).returning().get();
}

/** The last session sealed (CLOSED or TRANSFERRED) on a register, with its counted closing cash. */
export function lastSealedOfRegister(db: Db, registerId: string): { id: string; closingAmount: number | null } | undefined {
  const row = prepared(db, 'session.lastSealedOfRegister', () =>
    db.$client.prepare<[string], { id: string; closing_amount: number | null }>(
      "SELECT id, closing_amount FROM sessions WHERE register_id = ? AND status IN ('CLOSED', 'TRANSFERRED') ORDER BY closed_at DESC, rowid DESC LIMIT 1",
    ),
  ).get(registerId);
  return row ? { id: row.id, closingAmount: row.closing_amount } : undefined;
}

/** A session's number, or undefined. */
export function sessionNumberOf(db: Db, id: string): string | undefined {
  return prepared(db, 'session.numberById', () =>
    db.select({ n: sessions.sessionNumber }).from(sessions).where(eq(sessions.id, sql.placeholder('id'))).prepare(),
  ).get({ id })?.n;
}

/** When the session's last SUSPENDED ledger entry was written, or null. */
export function lastSuspendedAt(db: Db, sessionId: string): string | null {
  const row = prepared(db, 'ledger.lastSuspended', () =>
    db.$client.prepare<[string], { at: string }>("SELECT at FROM ledger_entries WHERE session_id = ? AND kind = 'SUSPENDED' ORDER BY seq DESC LIMIT 1"),
  ).get(sessionId);
  return row?.at ?? null;
}

export interface SessionFilter {
  readonly userId?: string | undefined;
  readonly branchId?: string | undefined;
  readonly registerId?: string | undefined;
  readonly status?: SessionRow['status'] | undefined;
  /** Business dates, inclusive (YYYY-MM-DD). */
  readonly dateFrom?: string | undefined;
  readonly dateTo?: string | undefined;
}

/**
 * A page of the sessions matching `filter`, newest first by business date (then opened time, then number), read in
 * the order of the index that leads with the filter's equality column (`sessions_*_date_order`), from the `after` key
 * (a cursor's: business date, opened at, session number); the count is bounded (paging.ts).
 */
export function listSessions(db: Db, filter: SessionFilter, after: readonly KeyValue[] | null, pageSize: number): KeysetPage<SessionRow> {
  const where: string[] = [];
  const params: KeyValue[] = [];
  const add = (clause: string, value: KeyValue | undefined) => {
    if (value === undefined) return;
    where.push(clause);
    params.push(value);
  };
  add('user_id = ?', filter.userId);
  add('branch_id = ?', filter.branchId);
  add('register_id = ?', filter.registerId);
  add('status = ?', filter.status);
  add('business_date >= ?', filter.dateFrom);
  add('business_date <= ?', filter.dateTo);
  const fromWhere = (extra: string[]) => `FROM sessions ${[...where, ...extra].length ? `WHERE ${[...where, ...extra].join(' AND ')}` : ''}`;
  const count = boundedCount(db, fromWhere([]), params);
  const keyed = after ? ['(business_date, opened_at, session_number) < (?, ?, ?)'] : [];
  const rows = db.$client
    .prepare<KeyValue[], Record<string, unknown>>(`SELECT * ${fromWhere(keyed)} ORDER BY business_date DESC, opened_at DESC, session_number DESC LIMIT ?`)
    .all(...params, ...(after ?? []), pageSize + 1)
    .map((r) => sessionRowOf(r));
  return pageOf(rows, pageSize, (r) => [r.businessDate, r.openedAt, r.sessionNumber], count);
}

/** A `SELECT *` row of sessions (snake_case) as drizzle's row type. */
function sessionRowOf(raw: Record<string, unknown>): SessionRow {
  const out: Record<string, unknown> = {};
  for (const [key, column] of Object.entries(getTableColumns(sessions))) out[key] = raw[column.name];
  return out as SessionRow;
}

/** The sessions of a branch's business date, in the order they opened. */
export function sessionsOfDay(db: Db, branchId: string, businessDate: string): SessionRow[] {
  return db
    .select()
    .from(sessions)
    .where(and(eq(sessions.businessDate, businessDate), eq(sessions.branchId, branchId)))
    .orderBy(asc(sessions.openedAt))
    .all();
}

/**
 * Queues a sealed session for headquarters: its outbox row is written in the sealing transaction (the sync worker and
 * outbox.ts take it from there), so a seal never exists without its delivery.
 */
export function enqueueSealed(db: Db, sessionId: string, at: string): void {
  db.insert(outbox).values({ sessionId, idempotencyKey: sessionId, createdAt: at, nextAttemptAt: at }).run();
}

/** The statuses of every active session (OPEN, SUSPENDED, COUNTING) in this database. */
export function activeSessionStatuses(db: Db): SessionStatus[] {
  return db.select({ status: sessions.status }).from(sessions).where(inArray(sessions.status, [...ACTIVE_STATUSES])).all().map((r) => r.status);
}
