// Supervisor grants. Invariant: a grant row is written once and changes once, when it is consumed; `consumeGrantRow`
// only touches an unconsumed grant, so a grant can never approve twice.
import { and, eq, isNull } from 'drizzle-orm';
import type { Permission } from '../../src/auth/permissions';
import type { Db } from '../open';
import * as schema from '../schema';

export type GrantRow = typeof schema.grants.$inferSelect;

/** One grant by id (permission typed as the contract's), or undefined. */
export function grantById(db: Db, id: string): (GrantRow & { permission: Permission }) | undefined {
  const row = db.select().from(schema.grants).where(eq(schema.grants.id, id)).get();
  return row && { ...row, permission: row.permission as Permission };
}

/** Records a new, unconsumed grant. `expiresAt` and `createdAt` are ISO timestamps. */
export function insertGrant(db: Db, grant: { id: string; permission: Permission; grantorId: string; requestedBy: string; createdAt: string; expiresAt: string }): void {
  db.insert(schema.grants).values(grant).run();
}

/** Marks an unconsumed grant used by `command`; false when it was already consumed (or does not exist). */
export function consumeGrantRow(db: Db, id: string, command: string, at: string): boolean {
  const res = db
    .update(schema.grants)
    .set({ consumedAt: at, consumedFor: command })
    .where(and(eq(schema.grants.id, id), isNull(schema.grants.consumedAt)))
    .returning({ id: schema.grants.id })
    .get();
  return res !== undefined;
}

/** Marks every unconsumed grant a user gave or asked for as spent by `reason`, so none approves anything any more. */
export function revokeGrantsOfUser(db: Db, userId: string, reason: string, at: string): void {
  // Two statements, each an index search (grants_open_grantor, grants_open_requester), rather than one OR that walks them.
  for (const column of [schema.grants.grantorId, schema.grants.requestedBy]) {
    db.update(schema.grants)
      .set({ consumedAt: at, consumedFor: reason })
      .where(and(isNull(schema.grants.consumedAt), eq(column, userId)))
      .run();
  }
}
