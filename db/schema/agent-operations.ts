import { sql } from 'drizzle-orm';
import { check, index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { agentProviders } from './agent-providers';
import { sessions } from './sessions';
import { users } from './users';
import { AGENT_KINDS } from '../../src/session/ledger';

/** Agent operations of a session. Append-only. */
export const agentOperations = sqliteTable(
  'agent_operations',
  {
    id: text('id').primaryKey(),
    sessionId: text('session_id')
      .notNull()
      .references(() => sessions.id),
    provider: text('provider')
      .notNull()
      .references(() => agentProviders.code),
    kind: text('kind', { enum: AGENT_KINDS }).notNull(),
    amount: integer('amount').notNull(),
    commission: integer('commission').notNull(),
    reference: text('reference').notNull(),
    customerRef: text('customer_ref'),
    userId: text('user_id')
      .notNull()
      .references(() => users.id),
    createdAt: text('created_at').notNull(),
  },
  (t) => [
    index('agent_operations_session').on(t.sessionId),
    check('agent_operations_amount_pos', sql`${t.amount} > 0`),
    check('agent_operations_commission_nonneg', sql`${t.commission} >= 0`),
  ],
);
