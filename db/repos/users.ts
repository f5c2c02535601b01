// Users (cashiers, supervisors, managers, admins). Invariant: PIN hashes never leave this layer in a view.
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../open';
import * as schema from '../schema';
import { prepared } from './prepared';

export type UserRow = typeof schema.users.$inferSelect;

/** One user by id, or undefined. */
export function getUser(db: Db, id: string): UserRow | undefined {
  return prepared(db, 'user.byId', () => db.select().from(schema.users).where(eq(schema.users.id, sql.placeholder('id'))).prepare()).get({ id });
}
