import { sql } from 'drizzle-orm';
import { blob, index, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * First reply of each (user, requestId): a retried or double-clicked command returns it instead of acting twice.
 * Bounded (docs/decisions.md, "Idempotency retention"): `reply` (raw-deflated JSON; TEXT in rows written before it
 * was compressed) is dropped after 7 days and the row, then only a digest of the request, after 90; both in small
 * steps off the hot path (db/repos/idempotency.ts `pruneIdempotency`).
 */
export const idempotency = sqliteTable(
  'idempotency',
  {
    userId: text('user_id').notNull(),
    requestId: text('request_id').notNull(),
    command: text('command').notNull(),
    /** Null once the reply was pruned: a repeat of the request is then refused (IDEMPOTENCY_EXPIRED), never re-run. */
    reply: blob('reply', { mode: 'buffer' }),
    /** SHA-256 of the command and its parsed input without the requestId; null for rows stored before it existed. */
    bodyDigest: text('body_digest'),
    createdAt: text('created_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.requestId] }),
    // The pruner's two walks, oldest first: replies still kept, and rows.
    index('idempotency_replies_age').on(t.createdAt).where(sql`reply IS NOT NULL`),
    index('idempotency_age').on(t.createdAt),
  ],
);
