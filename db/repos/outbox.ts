// The outbox: one row per sealed session waiting for HQ. Invariant: a row leaves PENDING only on HQ's answer (the
// sync worker); these reads never write, and `syncNow` only moves due times.
import { asc, count, desc, eq, isNotNull, sql } from 'drizzle-orm';
import type { SyncEntry, SyncStatus } from '../../src/sync/protocol';
import type { SessionBundle } from '../../src/sync/protocol';
import { PROTOCOL_VERSION, ReceiptSchema, SessionBundleSchema } from '../../src/sync/protocol';
import type { Db } from '../open';
import * as schema from '../schema';
import { SETTING_HQ_URL, setting } from './settings';
import { ledgerOf } from './sessions';

/** `sync.now`: every pending row becomes due at once (attempt counts are kept, so backoff resumes where it was). */
export function syncNow(db: Db, now: Date = new Date()): number {
  return db.update(schema.outbox).set({ nextAttemptAt: now.toISOString() }).where(eq(schema.outbox.status, 'PENDING')).run().changes;
}

/** `sync.status`: counts, last success, the error holding up the queue, the next attempt. Read-only. */
export function syncStatus(db: Db): SyncStatus {
  const counts = db.select({ status: schema.outbox.status, n: count() }).from(schema.outbox).groupBy(schema.outbox.status).all();
  const n = (s: 'PENDING' | 'SENT' | 'REJECTED') => counts.find((c) => c.status === s)?.n ?? 0;
  const last = db
    .select({ at: sql<string | null>`max(${schema.outbox.sentAt})` })
    .from(schema.outbox)
    .get();
  const head = db.select().from(schema.outbox).where(eq(schema.outbox.status, 'PENDING')).orderBy(asc(schema.outbox.id)).limit(1).get();
  return {
    configured: setting(db, SETTING_HQ_URL) !== null,
    pending: n('PENDING'),
    sent: n('SENT'),
    rejected: n('REJECTED'),
    lastSuccessAt: last?.at ?? null,
    lastError: head?.lastError ? { sessionId: head.sessionId, message: head.lastError, attempts: head.attempts } : null,
    nextAttemptAt: head ? (head.nextAttemptAt ?? head.createdAt) : null,
  };
}

/** The manager's list: newest first, optionally one status. */
export function syncEntries(db: Db, filter: { status?: 'PENDING' | 'SENT' | 'REJECTED'; limit?: number } = {}): SyncEntry[] {
  const rows = db
    .select({
      outbox: schema.outbox,
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
