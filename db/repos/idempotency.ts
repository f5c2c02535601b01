// First replies of mutating commands, by (user, requestId). Invariants: a row is written only in the transaction of the
// command whose reply it stores, so a stored reply always describes writes that were committed; rows are bounded in
// time (REPLY_KEEP_MS for the reply, ROW_KEEP_MS for the row) and pruned by `pruneIdempotency` in small steps, from a
// background loop, never by a command.
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { Db } from '../open';
import { prepared } from './prepared';

/** How long a reply is kept: far past any retry (a double click, a transport retry, a cart confirmed after a restart). */
export const REPLY_KEEP_MS = 7 * 24 * 3600_000;
/** How long the row (command and body digest) is kept, so a late repeat is refused instead of acting twice. */
export const ROW_KEEP_MS = 90 * 24 * 3600_000;
/** Rows a pruning step touches at most: a few milliseconds of write lock. */
export const PRUNE_STEP = 200;

export interface StoredReply {
  /** The command that first used this requestId. */
  readonly command: string;
  /** Its reply as JSON text, or null once pruned (older than REPLY_KEEP_MS). */
  readonly reply: string | null;
  /** Digest of the first request's body (`engine/request-digest.ts`); null when stored before digests were kept. */
  readonly bodyDigest: string | null;
}

/** A stored reply's JSON: raw deflate since migration 0011, plain text in rows written before it. */
function replyText(stored: Buffer | string | null): string | null {
  if (stored === null) return null;
  return typeof stored === 'string' ? stored : inflateRawSync(stored).toString('utf8');
}

/** The reply stored for this user's requestId, or undefined the first time it is seen (or after ROW_KEEP_MS). */
export function storedReply(db: Db, userId: string, requestId: string): StoredReply | undefined {
  const row = prepared(db, 'idempotency.get', () =>
    db.$client.prepare<[string, string], { command: string; reply: Buffer | string | null; body_digest: string | null }>(
      'SELECT command, reply, body_digest FROM idempotency WHERE user_id = ? AND request_id = ?',
    ),
  ).get(userId, requestId);
  return row ? { command: row.command, reply: replyText(row.reply), bodyDigest: row.body_digest } : undefined;
}

/**
 * Stores a command's first reply (JSON text, kept deflated: a sale's reply is about 2.5 kB of JSON, a third of that
 * compressed) and its request body's digest for this user's requestId; a second store of the same key throws UNIQUE.
 */
export function storeReply(db: Db, entry: { userId: string; requestId: string; command: string; reply: string; bodyDigest: string; at: string }): void {
  prepared(db, 'idempotency.put', () =>
    db.$client.prepare<[string, string, string, Buffer, string, string]>(
      'INSERT INTO idempotency (user_id, request_id, command, reply, body_digest, created_at) VALUES (?, ?, ?, ?, ?, ?)',
    ),
  ).run(entry.userId, entry.requestId, entry.command, deflateRawSync(Buffer.from(entry.reply, 'utf8')), entry.bodyDigest, entry.at);
}

/**
 * One pruning step at `now`: drops the replies of at most `limit` rows older than REPLY_KEEP_MS and deletes at most
 * `limit` rows older than ROW_KEEP_MS, oldest first, each walk in its index (`idempotency_replies_age`,
 * `idempotency_age`). Returns how many rows it changed; 0 means nothing is due. Runs in the caller's transaction (or as
 * two autocommit statements).
 */
export function pruneIdempotency(db: Db, now: Date, limit = PRUNE_STEP): number {
  const replyCutoff = new Date(now.getTime() - REPLY_KEEP_MS).toISOString();
  const rowCutoff = new Date(now.getTime() - ROW_KEEP_MS).toISOString();
  const dropReplies = prepared(db, 'idempotency.dropReplies', () =>
    db.$client.prepare<[string, number]>(
      'UPDATE idempotency SET reply = NULL WHERE rowid IN (SELECT rowid FROM idempotency WHERE reply IS NOT NULL AND created_at < ? ORDER BY created_at LIMIT ?)',
    ),
  );
  const deleteRows = prepared(db, 'idempotency.deleteRows', () =>
    db.$client.prepare<[string, number]>('DELETE FROM idempotency WHERE rowid IN (SELECT rowid FROM idempotency WHERE created_at < ? ORDER BY created_at LIMIT ?)'),
  );
  return dropReplies.run(replyCutoff, limit).changes + deleteRows.run(rowCutoff, limit).changes;
}
