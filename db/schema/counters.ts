import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/** Document sequences, one row per scope ("session:<registerId>:<date>", "sale:<registerId>:<date>"). */
export const counters = sqliteTable('counters', {
  scope: text('scope').primaryKey(),
  value: integer('value').notNull(),
});
