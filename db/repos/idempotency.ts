// First replies of mutating commands, by (user, requestId). Invariant: a row is written only in the transaction of the
// command whose reply it stores, so a stored reply always describes writes that were committed.
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../open';
import * as schema from '../schema';
import { prepared } from './prepared';

export interface StoredReply {
  /** The command that first used this requestId. */
  readonly command: string;
  /** Its reply, as the JSON text it was stored as. */
  readonly reply: string;
  /** Digest of the first request's body (`engine/request-digest.ts`); null when stored before digests were kept. */
  readonly bodyDigest: string | null;
}

/** The reply stored for this user's requestId, or undefined the first time it is seen. */
export function storedReply(db: Db, userId: string, requestId: string): StoredReply | undefined {
  return prepared(db, 'idempotency.get', () =>
    db
      .select({ command: schema.idempotency.command, reply: schema.idempotency.reply, bodyDigest: schema.idempotency.bodyDigest })
      .from(schema.idempotency)
      .where(and(eq(schema.idempotency.userId, sql.placeholder('userId')), eq(schema.idempotency.requestId, sql.placeholder('requestId'))))
      .prepare(),
  ).get({ userId, requestId });
}

/**
 * Stores a command's first reply (JSON text) and its request body's digest for this user's requestId; a second store of
 * the same key throws UNIQUE.
 */
export function storeReply(db: Db, entry: { userId: string; requestId: string; command: string; reply: string; bodyDigest: string; at: string }): void {
  prepared(db, 'idempotency.put', () =>
    db.$client.prepare<[string, string, string, string, string, string]>(
      'INSERT INTO idempotency (user_id, request_id, command, reply, body_digest, created_at) VALUES (?, ?, ?, ?, ?, ?)',
    ),
  ).run(entry.userId, entry.requestId, entry.command, entry.reply, entry.bodyDigest, entry.at);
}
