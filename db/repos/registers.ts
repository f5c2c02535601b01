// Registers (counters) and their branches. Invariant: reads only; writes belong to the admin commands' repository.
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../open';
import * as schema from '../schema';
import { prepared } from './prepared';

export type RegisterRow = typeof schema.registers.$inferSelect;
export type BranchRow = typeof schema.branches.$inferSelect;

/** One register by id, or undefined. */
export function getRegister(db: Db, id: string): RegisterRow | undefined {
  return prepared(db, 'register.byId', () => db.select().from(schema.registers).where(eq(schema.registers.id, sql.placeholder('id'))).prepare()).get({ id });
}
