// Supervisor grants as commands consume them. Invariant: a grant approves one command of the user who asked for it,
// once; it is checked before any write and consumed in the same transaction as the write it approves.
import { consumeGrantRow, grantById } from '../db';
import type { GrantRecord } from '../src/auth/grants';
import { checkGrant } from '../src/auth/grants';
import type { Permission } from '../src/auth/permissions';
import type { Result } from '../src/result';
import type { AuthedCtx } from './context';

/** Checks a grant for `permission` asked by the signed-in user (and, for a handover, given by `grantor`). */
export function checkGrantId(ctx: AuthedCtx, grantId: string, permission: Permission, grantor?: string): Result<GrantRecord> {
  return checkGrant(grantById(ctx.db, grantId), permission, ctx.actor.id, ctx.now, grantor);
}

/** Marks a grant used, in the transaction of the command it approved; a used grant never approves again. */
export function consumeGrant(ctx: AuthedCtx, grantId: string, command: string): void {
  if (!consumeGrantRow(ctx.db, grantId, command, ctx.at)) throw new Error(`grant ${grantId} was consumed twice`);
}
