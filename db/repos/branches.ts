// Branches (stores). Invariant: reads only here; a branch's time zone and codes are master data.
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../open';
import * as schema from '../schema';
import { prepared } from './prepared';
import type { BranchRow } from './registers';

/** One branch by id, or undefined. */
export function getBranch(db: Db, id: string): BranchRow | undefined {
  return prepared(db, 'branch.byId', () => db.select().from(schema.branches).where(eq(schema.branches.id, sql.placeholder('id'))).prepare()).get({ id });
}

/** The store's first branch (a standalone register has one), or undefined before setup. */
export function firstBranch(db: Db): BranchRow | undefined {
  return db.select().from(schema.branches).limit(1).get();
}
