import { primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/** First reply of each (user, requestId): a retried or double-clicked command returns it instead of acting twice. */
export const idempotency = sqliteTable(
  'idempotency',
  {
    userId: text('user_id').notNull(),
    requestId: text('request_id').notNull(),
    command: text('command').notNull(),
    reply: text('reply').notNull(),
    /** SHA-256 of the command and its parsed input without the requestId; null for rows stored before it existed. */
    bodyDigest: text('body_digest'),
    createdAt: text('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.requestId] })],
);
