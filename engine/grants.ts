// Supervisor grants as commands consume them. Invariant: a grant approves one command of the user who asked for it,
// once; it is checked before any write and consumed in the same transaction as the write it approves.
// Expiry is by elapsed time, not wall time: the engine remembers, in memory, the monotonic reading (ctx.elapsedMs) at
// which each grant was issued, and a grant is valid only while less than GRANT_TTL_MS has elapsed on that clock, on top
// of the stored wall-clock expiry. Setting the PC's clock back therefore never revives an expired grant; a grant this
// process did not issue (issued before a restart) is refused, which costs a supervisor one more PIN at worst.
import { consumeGrantRow, grantById } from '../db';
import type { GrantRecord } from '../src/auth/grants';
import { GRANT_TTL_MS, checkGrant } from '../src/auth/grants';
import type { Permission } from '../src/auth/permissions';
import type { Result } from '../src/result';
import type { AuthedCtx } from './context';
import { fail } from '../src/result';

/** Grant id → ctx.elapsedMs when it was issued. Ids are UUIDv7, unique across engines in one process. */
const issuedAt = new Map<string, number>();

/** Remembers when (on the monotonic clock) a grant was issued; forgets grants that can no longer be valid. */
export function recordGrantIssued(ctx: AuthedCtx, grantId: string): void {
  for (const [id, at] of issuedAt) if (ctx.elapsedMs - at >= GRANT_TTL_MS) issuedAt.delete(id);
  issuedAt.set(grantId, ctx.elapsedMs);
}

/** Checks a grant for `permission` asked by the signed-in user (and, for a handover, given by `grantor`). */
export function checkGrantId(ctx: AuthedCtx, grantId: string, permission: Permission, grantor?: string): Result<GrantRecord> {
  const row = grantById(ctx.db, grantId);
  const checked = checkGrant(row, permission, ctx.actor.id, ctx.now, grantor);
  if (!checked.ok || !row) return checked;
  const at = issuedAt.get(grantId);
  const elapsed = at === undefined ? Number.POSITIVE_INFINITY : ctx.elapsedMs - at;
  // The wall clock behind the grant's own issue time also means the clock was set back.
  if (!(elapsed >= 0 && elapsed < GRANT_TTL_MS) || Date.parse(row.createdAt) > ctx.now.getTime()) return fail('GRANT_INVALID', { reason: 'expired' });
  return checked;
}

/** Marks a grant used, in the transaction of the command it approved; a used grant never approves again. */
export function consumeGrant(ctx: AuthedCtx, grantId: string, command: string): void {
  if (!consumeGrantRow(ctx.db, grantId, command, ctx.at)) throw new Error(`grant ${grantId} was consumed twice`);
}
