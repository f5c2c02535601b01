import { sql } from 'drizzle-orm';
import { check, index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { sessions } from './sessions';
import { users } from './users';
import { COUNT_TYPES, DIFFERENCE_TYPES } from '../../src/session/count';

/** Every count is kept, including refused close attempts. `denominations` is canonical JSON [{value, quantity}]. */
export const cashCounts = sqliteTable(
  'cash_counts',
  {
    id: text('id').primaryKey(),
    sessionId: text('session_id')
      .notNull()
      .references(() => sessions.id),
    type: text('type', { enum: COUNT_TYPES }).notNull(),
    denominations: text('denominations').notNull(),
    totalBills: integer('total_bills').notNull(),
    totalCoins: integer('total_coins').notNull(),
    totalCash: integer('total_cash').notNull(),
    vouchers: integer('vouchers').notNull(),
    checks: integer('checks').notNull(),
    otherValues: integer('other_values').notNull(),
    otherValuesNote: text('other_values_note'),
    totalWithOthers: integer('total_with_others').notNull(),
    expectedAmount: integer('expected_amount').notNull(),
    difference: integer('difference').notNull(),
    differenceType: text('difference_type', { enum: DIFFERENCE_TYPES }),
    notes: text('notes'),
    /** JSON [{method, amount}]: declared totals of non-cash tenders (card batch, QR, transfers). */
    tenders: text('tenders'),
    countedBy: text('counted_by')
      .notNull()
      .references(() => users.id),
    countedAt: text('counted_at').notNull(),
  },
  (t) => [
    index('cash_counts_session').on(t.sessionId),
    check('cash_counts_cash_sum', sql`${t.totalCash} = ${t.totalBills} + ${t.totalCoins}`),
    check('cash_counts_difference', sql`${t.difference} = ${t.totalCash} - ${t.expectedAmount}`),
  ],
);
