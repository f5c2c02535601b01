import { sql } from 'drizzle-orm';
import { check, index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { sessions } from './sessions';
import { users } from './users';
import { STORED_SALE_STATUSES } from '../../src/vocabulary';

/** Append-only (triggers refuse UPDATE and DELETE): a correction is a new, reversing document. */
export const sales = sqliteTable(
  'sales',
  {
    id: text('id').primaryKey(),
    sessionId: text('session_id')
      .notNull()
      .references(() => sessions.id),
    saleNumber: text('sale_number').notNull().unique(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id),
    total: integer('total').notNull(),
    change: integer('change').notNull(),
    discount: integer('discount').notNull().default(0),
    tax: integer('tax').notNull().default(0),
    /** Signed minor units the cash part was rounded by: the payments add up to total + cash_rounding. */
    cashRounding: integer('cash_rounding').notNull().default(0),
    status: text('status', { enum: STORED_SALE_STATUSES }).notNull(),
    createdAt: text('created_at').notNull(),
  },
  (t) => [
    // A session's sales newest first (sales.list pages through it in index order); also every lookup by session.
    index('sales_session_order').on(t.sessionId, t.createdAt, t.saleNumber),
    check('sales_total_nonneg', sql`${t.total} >= 0`),
    check('sales_change_nonneg', sql`${t.change} >= 0`),
  ],
);
