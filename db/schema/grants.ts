import { sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { users } from './users';

/** Supervisor approvals: single use (consumed_at), one permission, short expiry. */
export const grants = sqliteTable('grants', {
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
});
