// Users (cashiers, supervisors, managers, admins). Invariant: PIN hashes never leave this
// layer in a view; `username` is unique (a clash on insert throws UNIQUE, which the engine turns into CONFLICT).
import { asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../open';
import * as schema from '../schema';
import { prepared } from './prepared';

export type UserRow = typeof schema.users.$inferSelect;
export type NewUser = typeof schema.users.$inferInsert;

/** One user by id, or undefined. */
export function getUser(db: Db, id: string): UserRow | undefined {
  return prepared(db, 'user.byId', () => db.select().from(schema.users).where(eq(schema.users.id, sql.placeholder('id'))).prepare()).get({ id });
}

/** One user by username (stored lowercase), or undefined. */
export function userByUsername(db: Db, username: string): UserRow | undefined {
  return db.select().from(schema.users).where(eq(schema.users.username, username)).get();
}

/** Every user, by name. */
export function listUsers(db: Db): UserRow[] {
  return db.select().from(schema.users).orderBy(asc(schema.users.name)).all();
}

/** The active users, by name. */
export function activeUsersByName(db: Db): UserRow[] {
  return db.select().from(schema.users).where(eq(schema.users.active, true)).orderBy(schema.users.name).all();
}

/** The active users in stored order. */
export function activeUsers(db: Db): UserRow[] {
  return db.select().from(schema.users).where(eq(schema.users.active, true)).all();
}

/** Inserts a user and returns the row as written. */
export function insertUser(db: Db, user: NewUser): UserRow {
  return db.insert(schema.users).values(user).returning().get();
}

/** Applies changes to a user and returns the row as written; undefined when there is no such user. */
export function updateUser(db: Db, id: string, changes: Partial<Omit<UserRow, 'id'>>): UserRow | undefined {
  return db.update(schema.users).set(changes).where(eq(schema.users.id, id)).returning().get();
}
