// Registers (counters) and their branches. Invariant: a register is never deleted (removal is `active = false`), and
// (branch, code) is unique: a clash on insert throws UNIQUE, which the engine turns into CONFLICT.
import { asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../open';
import * as schema from '../schema';
import { prepared } from './prepared';

export type RegisterRow = typeof schema.registers.$inferSelect;
export type NewRegister = typeof schema.registers.$inferInsert;

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

