import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { branches } from './branches';
import { ROLES } from '../../src/auth/permissions';

export const users = sqliteTable('users', {
  id: text('id').primaryKey(),
  branchId: text('branch_id').references(() => branches.id),
  username: text('username').notNull().unique(),
  name: text('name').notNull(),
  role: text('role', { enum: ROLES }).notNull(),
  /** scrypt$N$r$p$salt$hash */
  pinHash: text('pin_hash').notNull(),
  active: integer('active', { mode: 'boolean' }).notNull().default(true),
  /** Until when an anonymous sign-in as this user is refused (src/auth/lockout.ts SIGN_IN_LOCK); a cache of pin_failures. */
  lockedUntil: text('locked_until'),
  createdAt: text('created_at').notNull(),
  updatedAt: text('updated_at').notNull(),
});
