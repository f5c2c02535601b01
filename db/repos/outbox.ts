// The outbox: one row per sealed session waiting for HQ. Invariants: a row leaves PENDING only on HQ's answer (the
// sync worker); these reads never write, and `syncNow` only moves due times; a row's bundle is built once, by its
// first delivery attempt, and every retry sends those stored bytes (a sealed session never changes).
import { and, asc, desc, eq, getTableColumns, isNotNull, isNull, sql } from 'drizzle-orm';
import type { SyncEntry, SyncStatus } from '../../src/sync/protocol';
import type { SessionBundle } from '../../src/sync/protocol';
import { PROTOCOL_VERSION, ReceiptSchema, SessionBundleSchema } from '../../src/sync/protocol';
import type { Db } from '../open';
import * as schema from '../schema';
import { SETTING_HQ_URL, setting } from './settings';
import { hqEnrollment, masterProgress } from './master';
import { ledgerOf } from './sessions';

/** Every outbox column but the stored bundle (megabytes for a long shift), which only a delivery attempt reads. */
export const OUTBOX_COLUMNS = (() => {
  const { bundle: _bundle, ...columns } = getTableColumns(schema.outbox);
  return columns;
})();

/** `sync.now`: every pending row becomes due at once (attempt counts are kept, so backoff resumes where it was). */
export function syncNow(db: Db, now: Date = new Date()): number {
  return db.update(schema.outbox).set({ nextAttemptAt: now.toISOString() }).where(eq(schema.outbox.status, 'PENDING')).run().changes;
}

/** `sync.status`: counts, last success, the error holding up the queue, the next attempt. Read-only. */
export function syncStatus(db: Db): SyncStatus {
  // Kept by triggers (migration 0011): three rows, whatever the history.
  const counts = db.select({ status: schema.outboxCounts.status, n: schema.outboxCounts.n }).from(schema.outboxCounts).all();
  const n = (s: 'PENDING' | 'SENT' | 'REJECTED') => counts.find((c) => c.status === s)?.n ?? 0;
  const last = db
    .select({ at: sql<string | null>`max(${schema.outbox.sentAt})` })
    .from(schema.outbox)
    .get();
  const head = db.select(OUTBOX_COLUMNS).from(schema.outbox).where(eq(schema.outbox.status, 'PENDING')).orderBy(asc(schema.outbox.id)).limit(1).get();
  const enrolled = hqEnrollment(db);
  return {
    configured: setting(db, SETTING_HQ_URL) !== null,
    pending: n('PENDING'),
    sent: n('SENT'),
    rejected: n('REJECTED'),
    lastSuccessAt: last?.at ?? null,
    lastError: head?.lastError ? { sessionId: head.sessionId, message: head.lastError, attempts: head.attempts } : null,
    nextAttemptAt: head ? (head.nextAttemptAt ?? head.createdAt) : null,
    master: enrolled ? { branchCode: enrolled.branchCode, registerCode: enrolled.registerCode, ...masterProgress(db) } : null,
  };
}

/** The manager's list: newest first, optionally one status. */
export function syncEntries(db: Db, filter: { status?: 'PENDING' | 'SENT' | 'REJECTED'; limit?: number } = {}): SyncEntry[] {
  const rows = db
    .select({
      outbox: OUTBOX_COLUMNS,
      sessionNumber: schema.sessions.sessionNumber,
      businessDate: schema.sessions.businessDate,
      registerCode: schema.registers.code,
    })
    .from(schema.outbox)
    .leftJoin(schema.sessions, eq(schema.sessions.id, schema.outbox.sessionId))
    .leftJoin(schema.registers, eq(schema.registers.id, schema.sessions.registerId))
    .where(filter.status ? eq(schema.outbox.status, filter.status) : isNotNull(schema.outbox.id))
    .orderBy(desc(schema.outbox.id))
    .limit(filter.limit ?? 100)
    .all();
  return rows.map(({ outbox: o, sessionNumber, businessDate, registerCode }) => {
    const receipt = o.receipt ? ReceiptSchema.safeParse(JSON.parse(o.receipt)) : null;
    return {
      sessionId: o.sessionId,
      sessionNumber,
      registerCode,
      businessDate,
      status: o.status,
      attempts: o.attempts,
      createdAt: o.createdAt,
      nextAttemptAt: o.status === 'PENDING' ? o.nextAttemptAt : null,
      lastError: o.lastError,
      sentAt: o.sentAt,
      hqSequence: receipt?.success ? receipt.data.hqSequence : null,
    };
  });
}

/** Builds the wire bundle of a sealed session from the register's own rows and ledger. */
export function buildBundle(db: Db, sessionId: string): SessionBundle {
  const row = db
    .select({ session: schema.sessions, registerCode: schema.registers.code, branchCode: schema.branches.code })
    .from(schema.sessions)
    .innerJoin(schema.registers, eq(schema.registers.id, schema.sessions.registerId))
    .innerJoin(schema.branches, eq(schema.branches.id, schema.sessions.branchId))
    .where(eq(schema.sessions.id, sessionId))
    .get();
  if (!row) throw new Error(`session ${sessionId} not found`);
  const { session } = row;
  if (session.status !== 'CLOSED' && session.status !== 'TRANSFERRED') throw new Error(`session ${sessionId} is ${session.status}, not sealed`);
  // Parse rather than cast: a ledger that does not fit the wire format is a local bug to surface, not to send.
  return SessionBundleSchema.parse({
    protocol: PROTOCOL_VERSION,
    branchCode: row.branchCode,
    registerCode: row.registerCode,
    sessionId,
    sessionNumber: session.sessionNumber,
    businessDate: session.businessDate,
    currency: session.currency,
    status: session.status,
    entries: ledgerOf(db, sessionId),
  });
}

/** What one delivery attempt posts: the JSON body, and the head HQ's receipt must name. */
export interface Outbound {
  readonly body: string;
  readonly head: string;
}

/** The code of the register a session belongs to; throws when the session is unknown (a bug: rows reference it). */
export function registerCodeOfSession(db: Db, sessionId: string): string {
  const row = db
    .select({ code: schema.registers.code })
    .from(schema.sessions)
    .innerJoin(schema.registers, eq(schema.registers.id, schema.sessions.registerId))
    .where(eq(schema.sessions.id, sessionId))
    .get();
  if (!row) throw new Error(`session ${sessionId} not found`);
  return row.code;
}

/**
 * The body to post for an outbox row. The first attempt builds the bundle (reading and schema-checking the whole
 * ledger), serializes it and stores text and head in the row; every later attempt, after a restart too, sends the
 * stored text as it is. Throws what `buildBundle` throws.
 */
export function outboundOf(db: Db, row: { readonly id: number; readonly sessionId: string }): Outbound {
  const stored = db.select({ bundle: schema.outbox.bundle, chainHead: schema.outbox.chainHead }).from(schema.outbox).where(eq(schema.outbox.id, row.id)).get();
  if (stored?.bundle != null && stored.chainHead != null) return { body: stored.bundle, head: stored.chainHead };
  const bundle = buildBundle(db, row.sessionId);
  const head = bundle.entries[bundle.entries.length - 1]?.hash;
  if (head === undefined) throw new Error(`session ${row.sessionId} has an empty ledger`);
  const body = JSON.stringify(bundle);
  // Two workers may race to the first attempt: both build the same bytes, the first to write keeps them.
  db.update(schema.outbox)
    .set({ bundle: body, chainHead: head })
    .where(and(eq(schema.outbox.id, row.id), isNull(schema.outbox.bundle)))
    .run();
  return { body, head };
}
