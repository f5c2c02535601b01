import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { sessions } from './sessions';
import { OUTBOX_STATUSES } from '../../src/vocabulary';

/** Closed and transferred sessions waiting to reach headquarters; written in the closing transaction. */
export const outbox = sqliteTable(
  'outbox',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    sessionId: text('session_id')
      .notNull()
      .unique()
      .references(() => sessions.id),
    idempotencyKey: text('idempotency_key').notNull().unique(),
    createdAt: text('created_at').notNull(),
    status: text('status', { enum: OUTBOX_STATUSES })
      .notNull()
      .default('PENDING'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: text('next_attempt_at'),
    lastError: text('last_error'),
    sentAt: text('sent_at'),
    receipt: text('receipt'),
    /**
     * The request body sent to HQ (the session's bundle as JSON), stored by the first attempt so a retry sends the same
     * bytes without rebuilding it: a sealed session never changes. Null before the first attempt and once SENT.
     */
    bundle: text('bundle'),
    /** Hash of the bundle's last entry (what HQ's receipt must name); set with `bundle`, kept once SENT. */
    chainHead: text('chain_head'),
  },
  (t) => [
    // The worker's head of queue (oldest PENDING) and the manager's list by status, newest first, both in index order.
    index('outbox_status_order').on(t.status, t.id),
    // sync.status's last success: max(sent_at) from the index's end.
    index('outbox_sent_at').on(t.sentAt),
  ],
);

/**
 * How many outbox rows are in each status, kept by triggers on outbox (custom SQL in the migration), so sync.status
 * reads three rows instead of counting a history of sessions.
 */
export const outboxCounts = sqliteTable('outbox_counts', {
  status: text('status', { enum: OUTBOX_STATUSES }).primaryKey(),
  n: integer('n').notNull(),
});
