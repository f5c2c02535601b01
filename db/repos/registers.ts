// Registers (counters) and their branches. Invariant: a register is never deleted (removal is `active = false`), and
// (branch, code) is unique: a clash on insert throws UNIQUE, which the engine turns into CONFLICT.
import { asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../open';
import * as schema from '../schema';
import { prepared } from './prepared';

export type RegisterRow = typeof schema.registers.$inferSelect;
export type NewRegister = typeof schema.registers.$inferInsert;
export type BranchRow = typeof schema.branches.$inferSelect;

/** One register by id, or undefined. */
export function getRegister(db: Db, id: string): RegisterRow | undefined {
  return prepared(db, 'register.byId', () => db.select().from(schema.registers).where(eq(schema.registers.id, sql.placeholder('id'))).prepare()).get({ id });
}

/** Registers by code; the inactive (removed) ones only when asked for. */
export function listRegisters(db: Db, includeInactive: boolean): RegisterRow[] {
  return db
    .select()
    .from(schema.registers)
    .where(includeInactive ? undefined : eq(schema.registers.active, true))
    .orderBy(asc(schema.registers.code))
    .all();
}

/** Inserts a register and returns the row as written. */
export function insertRegister(db: Db, register: NewRegister): RegisterRow {
  return db.insert(schema.registers).values(register).returning().get();
}

/** Applies changes to a register and returns the row as written; undefined when there is no such register. */
export function updateRegister(db: Db, id: string, changes: Partial<Omit<RegisterRow, 'id' | 'branchId' | 'currency' | 'createdAt'>>): RegisterRow | undefined {
  return db.update(schema.registers).set(changes).where(eq(schema.registers.id, id)).returning().get();
}

/** One branch by id, or undefined. */
export function getBranch(db: Db, id: string): BranchRow | undefined {
  return db.select().from(schema.branches).where(eq(schema.branches.id, id)).get();
}

/** The store's branch when it has exactly one; undefined when it has none or several. */
export function soleBranch(db: Db): BranchRow | undefined {
  const all = db.select().from(schema.branches).limit(2).all();
  return all.length === 1 ? all[0] : undefined;
}

/** Any one branch (the first stored), or undefined on an empty database. */
export function firstBranch(db: Db): BranchRow | undefined {
  return db.select().from(schema.branches).limit(1).get();
}

/** Inserts a branch. */
export function insertBranch(db: Db, branch: typeof schema.branches.$inferInsert): void {
  db.insert(schema.branches).values(branch).run();
}

/** Whether the database holds no branch yet (a fresh store, before setup or seeding). */
export function hasNoBranch(db: Db): boolean {
  return db.select({ id: schema.branches.id }).from(schema.branches).limit(1).get() === undefined;
}
