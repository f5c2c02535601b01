import { sql } from 'drizzle-orm';
import { check, index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { sessions } from './sessions';
import { users } from './users';
import { MOVEMENT_DIRECTIONS } from '../../src/session/ledger';

export const cashMovements = sqliteTable(
  'cash_movements',
  {
    id: text('id').primaryKey(),
    sessionId: text('session_id')
      .notNull()
      .references(() => sessions.id),
    direction: text('direction', { enum: MOVEMENT_DIRECTIONS }).notNull(),
    type: text('type').notNull(),
    amount: integer('amount').notNull(),
    reason: text('reason').notNull(),
    description: text('description'),
    reference: text('reference'),
    destinationType: text('destination_type'),
    createdBy: text('created_by')
      .notNull()
      .references(() => users.id),
    authorizedBy: text('authorized_by').references(() => users.id),
    createdAt: text('created_at').notNull(),
  },
  (t) => [index('cash_movements_session').on(t.sessionId), check('cash_movements_amount_pos', sql`${t.amount} > 0`)],
);
