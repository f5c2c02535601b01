import { sql } from 'drizzle-orm';
import { check, index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { sales } from './sales';
import { sessions } from './sessions';
import { users } from './users';

/** A refund belongs to the session that paid it out (`session_id`), which may be later than the sale's. Append-only. */
export const refunds = sqliteTable(
  'refunds',
  {
    id: text('id').primaryKey(),
    refundNumber: text('refund_number').notNull().unique(),
    saleId: text('sale_id')
      .notNull()
      .references(() => sales.id),
    sessionId: text('session_id')
      .notNull()
      .references(() => sessions.id),
    method: text('method').notNull(),
    total: integer('total').notNull(),
    tax: integer('tax').notNull(),
    /** Signed: a cash refund paid out total + cash_rounding. */
    cashRounding: integer('cash_rounding').notNull().default(0),
    reason: text('reason').notNull(),
    damaged: integer('damaged', { mode: 'boolean' }).notNull(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id),
    authorizedBy: text('authorized_by').references(() => users.id),
    createdAt: text('created_at').notNull(),
  },
  (t) => [index('refunds_sale').on(t.saleId), index('refunds_session').on(t.sessionId), check('refunds_total_pos', sql`${t.total} > 0`)],
);
