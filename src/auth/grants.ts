// A supervisor grant is single-use, bound to one permission, short-lived, and never usable by the user who granted it.
import type { Result } from '../result';
import { fail, ok } from '../result';
import type { Permission } from './permissions';

export const GRANT_TTL_MS = 2 * 60 * 1000;
export const PIN_MAX_FAILURES = 5;
export const PIN_LOCK_MS = 5 * 60 * 1000;

export interface GrantRecord {
  readonly id: string;
  readonly permission: Permission;
  readonly grantorId: string;
  readonly requestedBy: string;
  readonly expiresAt: string;
  readonly consumedAt: string | null;
}

/**
 * Whether `grant` may approve `permission` for `actorId` at `now`. The grant must have been asked for by the actor
 * (a grant cannot be passed around) and granted by someone else (nobody approves themselves).
 */
export function checkGrant(
  grant: GrantRecord | undefined,
  permission: Permission,
  actorId: string,
  now: Date,
  expectedGrantor?: string,
): Result<GrantRecord> {
  if (!grant) return fail('GRANT_INVALID', { reason: 'unknown' });
  if (grant.consumedAt !== null) return fail('GRANT_INVALID', { reason: 'used' });
  if (grant.permission !== permission) return fail('GRANT_INVALID', { reason: 'permission' });
  if (Date.parse(grant.expiresAt) <= now.getTime()) return fail('GRANT_INVALID', { reason: 'expired' });
  if (grant.requestedBy !== actorId) return fail('GRANT_INVALID', { reason: 'requester' });
  if (grant.grantorId === actorId) return fail('SELF_APPROVAL');
  if (expectedGrantor !== undefined && grant.grantorId !== expectedGrantor) return fail('GRANT_INVALID', { reason: 'grantor' });
  return ok(grant);
}
