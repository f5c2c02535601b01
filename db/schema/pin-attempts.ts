import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * Failed PIN attempts that name no user (a supervisor PIN typed without a username): counted against the signed-in
 * user asking, so guessing supervisor PINs is locked out like guessing one's own.
 */
export const pinAttempts = sqliteTable('pin_attempts', {
  requesterId: text('requester_id').primaryKey(),
  failedAttempts: integer('failed_attempts').notNull().default(0),
  lockedUntil: text('locked_until'),
});
