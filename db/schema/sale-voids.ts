import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { sales } from './sales';
import { sessions } from './sessions';
import { users } from './users';

/** A void reverses a whole sale of a still-active session; at most one per sale. Append-only. */
export const saleVoids = sqliteTable(
  'sale_voids',
  {
    id: text('id').primaryKey(),
    saleId: text('sale_id')
      .notNull()
      .unique()
      .references(() => sales.id),
    sessionId: text('session_id')
      .notNull()
      .references(() => sessions.id),
    total: integer('total').notNull(),
    reason: text('reason').notNull(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id),
    authorizedBy: text('authorized_by')
      .notNull()
      .references(() => users.id),
    createdAt: text('created_at').notNull(),
  },
  (t) => [index('sale_voids_session').on(t.sessionId)],
);
