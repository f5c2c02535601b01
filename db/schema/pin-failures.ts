import { index, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { PIN_FAILURE_KINDS } from '../../src/auth/lockout';

/**
 * Wrong PINs, one row each: who asked (the signed-in requester; null for a sign-in with nobody signed in), whom they
 * named (null for an unknown username) and through which command. Locks are derived from these rows
 * (src/auth/lockout.ts), so a success never resets what someone else's guesses counted. Rows older than any rule's
 * look-back are pruned.
 */
export const pinFailures = sqliteTable(
  'pin_failures',
  {
    id: text('id').primaryKey(),
    at: text('at').notNull(),
    requesterId: text('requester_id'),
    targetId: text('target_id'),
    kind: text('kind', { enum: PIN_FAILURE_KINDS }).notNull(),
  },
  (t) => [
    index('pin_failures_requester').on(t.requesterId, t.at),
    index('pin_failures_target').on(t.targetId, t.at),
    // The sign-in's pruning of failures past the lock-out window, oldest first.
    index('pin_failures_at').on(t.at),
  ],
);
