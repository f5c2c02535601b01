// Branches (stores). Invariant: a branch's time zone and codes are master data; written only by setup, seeding and admin.
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../open';
import * as schema from '../schema';
import { prepared } from './prepared';

export type BranchRow = typeof schema.branches.$inferSelect;

/** One branch by id, or undefined. */
export function getBranch(db: Db, id: string): BranchRow | undefined {
  return prepared(db, 'branch.byId', () => db.select().from(schema.branches).where(eq(schema.branches.id, sql.placeholder('id'))).prepare()).get({ id });
}

/** The store's first branch (a standalone register has one), or undefined before setup. */
export function firstBranch(db: Db): BranchRow | undefined {
  return db.select().from(schema.branches).limit(1).get();
}

/** The store's branch when it has exactly one; undefined when it has none or several. */
export function soleBranch(db: Db): BranchRow | undefined {
  const all = db.select().from(schema.branches).limit(2).all();
  return all.length === 1 ? all[0] : undefined;
}

/** Inserts a branch. */
export function insertBranch(db: Db, branch: typeof schema.branches.$inferInsert): void {
  db.insert(schema.branches).values(branch).run();
}
