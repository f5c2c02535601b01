import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { sessions } from './sessions';

/**
 * HQ's acknowledged head per streamed session (the anchor) and the stream's retry state; written only by the sync
 * worker. `ackedSeq` 0: nothing acknowledged yet. A REFUSED stream (HQ found it rewritten, or refused its identity) is
 * never retried automatically; the session's close still goes through the outbox and HQ judges it.
 */
export const streamAnchors = sqliteTable('stream_anchors', {
  sessionId: text('session_id')
    .primaryKey()
    .references(() => sessions.id),
  ackedSeq: integer('acked_seq').notNull().default(0),
  ackedHash: text('acked_hash'),
  ackedAt: text('acked_at'),
  status: text('status', { enum: ['STREAMING', 'REFUSED'] })
    .notNull()
    .default('STREAMING'),
  attempts: integer('attempts').notNull().default(0),
  nextAttemptAt: text('next_attempt_at'),
  lastError: text('last_error'),
});
