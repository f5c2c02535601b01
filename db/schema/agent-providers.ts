import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/** Banking-agent providers the store works with (configurable). `kinds` is a JSON array of allowed operation kinds. */
export const agentProviders = sqliteTable('agent_providers', {
  code: text('code').primaryKey(),
  name: text('name').notNull(),
  kinds: text('kinds').notNull(),
  active: integer('active', { mode: 'boolean' }).notNull().default(true),
  updatedAt: text('updated_at').notNull(),
});
