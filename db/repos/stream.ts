// The register's side of live streaming: which open sessions have entries HQ has not acknowledged, the next batch of
// one of them, and the anchors (HQ's acknowledged head per session). Invariants: only the sync worker writes
// stream_anchors; an anchor moves only to a seq whose local hash HQ named (or HQ's head after a gap), never back by
// itself; closed sessions are not streamed (their close goes whole through the outbox and HQ checks it against the anchor).
import type { Backlog, EntryBatch } from '../../src/sync/stream';
import { EntryBatchSchema } from '../../src/sync/stream';
import { PROTOCOL_VERSION } from '../../src/sync/protocol';
import { ACTIVE_STATUSES } from '../../src/session/state';
import type { Db } from '../open';

const ACTIVE_SQL = `(${ACTIVE_STATUSES.map((s) => `'${s}'`).join(', ')})`;

/** An open session with entries beyond its anchor. */
export interface StreamCandidate {
  readonly sessionId: string;
  readonly registerCode: string;
  readonly ledgerSeq: number;
  readonly ackedSeq: number;
  readonly attempts: number;
  readonly nextAttemptAt: string | null;
}

/** Open sessions (OPEN, SUSPENDED, COUNTING) with unacknowledged entries and a stream not refused, oldest first. */
export function streamCandidates(db: Db): StreamCandidate[] {
  return db.$client
    .prepare<[], StreamCandidate>(
      `SELECT s.id AS sessionId, r.code AS registerCode, s.ledger_seq AS ledgerSeq, coalesce(a.acked_seq, 0) AS ackedSeq,
              coalesce(a.attempts, 0) AS attempts, a.next_attempt_at AS nextAttemptAt
       FROM sessions s JOIN registers r ON r.id = s.register_id LEFT JOIN stream_anchors a ON a.session_id = s.id
       WHERE s.status IN ${ACTIVE_SQL} AND s.ledger_seq > coalesce(a.acked_seq, 0) AND coalesce(a.status, 'STREAMING') = 'STREAMING'
       ORDER BY s.opened_at, s.id`,
    )
    .all();
}

/** What this register has not had acknowledged: entries of open sessions beyond their anchors, and pending closes. */
export function streamBacklog(db: Db): Backlog {
  const row = db.$client
    .prepare<[], { entries: number; sessions: number }>(
      `SELECT
         (SELECT coalesce(sum(s.ledger_seq - coalesce(a.acked_seq, 0)), 0) FROM sessions s LEFT JOIN stream_anchors a ON a.session_id = s.id WHERE s.status IN ${ACTIVE_SQL}) AS entries,
         (SELECT count(*) FROM outbox WHERE status = 'PENDING') AS sessions`,
    )
    .get();
  return { entries: Math.max(0, row?.entries ?? 0), sessions: row?.sessions ?? 0 };
}

/**
 * The next batch of a session: its entries after `afterSeq`, at most `limit`, with the header from its SESSION_OPENED
 * identity. Parsed with the wire schema: a ledger that does not fit is a local bug to surface, not to send.
 */
export function nextBatch(db: Db, sessionId: string, afterSeq: number, limit: number): EntryBatch {
  const head = db.$client
    .prepare<[string], { sessionNumber: string; businessDate: string; currency: string; registerCode: string; branchCode: string }>(
      `SELECT s.session_number AS sessionNumber, s.business_date AS businessDate, s.currency, r.code AS registerCode, b.code AS branchCode
       FROM sessions s JOIN registers r ON r.id = s.register_id JOIN branches b ON b.id = s.branch_id WHERE s.id = ?`,
    )
    .get(sessionId);
  if (!head) throw new Error(`session ${sessionId} not found`);
  const entries = db.$client
    .prepare<[string, number, number], { sessionId: string; seq: number; kind: string; at: string; payload: string; prevHash: string; hash: string }>(
      'SELECT session_id AS sessionId, seq, kind, at, payload, prev_hash AS prevHash, hash FROM ledger_entries WHERE session_id = ? AND seq > ? ORDER BY seq LIMIT ?',
    )
    .all(sessionId, afterSeq, limit)
    .map((e) => ({ ...e, payload: JSON.parse(e.payload) as unknown }));
  // What will still be unacknowledged once HQ takes this batch.
  const backlog = streamBacklog(db);
  return EntryBatchSchema.parse({ protocol: PROTOCOL_VERSION, ...head, sessionId, entries, backlog: { ...backlog, entries: Math.max(0, backlog.entries - entries.length) } });
}

/** The local hash of entry `seq` of a session, or null. */
export function localHash(db: Db, sessionId: string, seq: number): string | null {
  return db.$client.prepare<[string, number], { hash: string }>('SELECT hash FROM ledger_entries WHERE session_id = ? AND seq = ?').get(sessionId, seq)?.hash ?? null;
}

/**
 * Runs an anchor write without waiting for the disk (synchronous=NORMAL for this one statement, on the worker's own
 * connection): the anchor only caches HQ's answer, so losing the last one to a power cut just resends entries HQ
 * already holds and answers with its head. Skipping the fsync keeps the worker from competing with the counter's
 * durable commits for the disk.
 */
function relaxed(db: Db, write: () => void): void {
  const before = db.$client.pragma('synchronous', { simple: true }) as number;
  db.$client.pragma('synchronous = NORMAL');
  try {
    write();
  } finally {
    db.$client.pragma(`synchronous = ${before}`);
  }
}

/** Moves the anchor to HQ's acknowledged head and clears the retry state. */
export function setAnchor(db: Db, sessionId: string, seq: number, hash: string | null, at: string): void {
  relaxed(db, () => setAnchorNow(db, sessionId, seq, hash, at));
}

function setAnchorNow(db: Db, sessionId: string, seq: number, hash: string | null, at: string): void {
  db.$client
    .prepare(
      `INSERT INTO stream_anchors (session_id, acked_seq, acked_hash, acked_at, attempts, next_attempt_at, last_error) VALUES (?, ?, ?, ?, 0, NULL, NULL)
       ON CONFLICT (session_id) DO UPDATE SET acked_seq = excluded.acked_seq, acked_hash = excluded.acked_hash, acked_at = excluded.acked_at,
         attempts = 0, next_attempt_at = NULL, last_error = NULL`,
    )
    .run(sessionId, seq, hash, at);
}

/** A failed attempt: backs the stream off until `next` (kept across restarts). */
export function streamFailed(db: Db, sessionId: string, attempts: number, next: string, error: string): void {
  db.$client
    .prepare(
      `INSERT INTO stream_anchors (session_id, attempts, next_attempt_at, last_error) VALUES (?, ?, ?, ?)
       ON CONFLICT (session_id) DO UPDATE SET attempts = excluded.attempts, next_attempt_at = excluded.next_attempt_at, last_error = excluded.last_error`,
    )
    .run(sessionId, attempts, next, error);
}

/** HQ refused the stream for good (rewritten chain, identity): it is not retried automatically. */
export function streamRefused(db: Db, sessionId: string, error: string): void {
  db.$client
    .prepare(
      `INSERT INTO stream_anchors (session_id, status, last_error) VALUES (?, 'REFUSED', ?)
       ON CONFLICT (session_id) DO UPDATE SET status = 'REFUSED', last_error = excluded.last_error, next_attempt_at = NULL`,
    )
    .run(sessionId, error);
}

/** The anchor of a session (null: never acknowledged). */
export function anchorOf(db: Db, sessionId: string): { readonly ackedSeq: number; readonly ackedHash: string | null; readonly status: string; readonly lastError: string | null } | null {
  return (
    db.$client
      .prepare<[string], { ackedSeq: number; ackedHash: string | null; status: string; lastError: string | null }>(
        'SELECT acked_seq AS ackedSeq, acked_hash AS ackedHash, status, last_error AS lastError FROM stream_anchors WHERE session_id = ?',
      )
      .get(sessionId) ?? null
  );
}
