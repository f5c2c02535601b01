import { sql } from 'drizzle-orm';
import { check, index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { sales } from './sales';
import { sessions } from './sessions';

/** `amount` is net of change: what the sale keeps in this tender. */
export const payments = sqliteTable(
  'payments',
  {
    id: text('id').primaryKey(),
    saleId: text('sale_id')
      .notNull()
      .references(() => sales.id),
    sessionId: text('session_id')
      .notNull()
      .references(() => sessions.id),
    method: text('method').notNull(),
    amount: integer('amount').notNull(),
    tendered: integer('tendered').notNull(),
    change: integer('change').notNull(),
    reference: text('reference'),
    cardLast4: text('card_last4'),
    authCode: text('auth_code'),
    createdAt: text('created_at').notNull(),
  },
  (t) => [
    index('payments_sale').on(t.saleId),
    index('payments_session').on(t.sessionId),
    check('payments_amount_pos', sql`${t.amount} > 0`),
    check('payments_change_consistent', sql`${t.change} >= 0 AND ${t.tendered} = ${t.amount} + ${t.change}`),
  ],
);
