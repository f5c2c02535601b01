import { sql } from 'drizzle-orm';
import { index, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { users } from './users';

/** Supervisor approvals: single use (consumed_at), one permission, short expiry. */
export const grants = sqliteTable(
  'grants',
  {
    id: text('id').primaryKey(),
    permission: text('permission').notNull(),
    grantorId: text('grantor_id')
      .notNull()
      .references(() => users.id),
    requestedBy: text('requested_by')
      .notNull()
      .references(() => users.id),
    createdAt: text('created_at').notNull(),
    expiresAt: text('expires_at').notNull(),
    consumedAt: text('consumed_at'),
    consumedFor: text('consumed_for'),
  },
  (t) => [
    // A user's open grants (voided when their PIN or role changes): partial, so they hold only unconsumed grants.
    index('grants_open_grantor').on(t.grantorId).where(sql`consumed_at IS NULL`),
    index('grants_open_requester').on(t.requestedBy).where(sql`consumed_at IS NULL`),
  ],
);
