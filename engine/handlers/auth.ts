// Sign-in and supervisor grants. Invariants: PINs are only compared through scrypt; five wrong PINs lock for five
// minutes (per user, or per requester when no user is named); a grant is bound to who asked and who granted.
import type { PinLockState, UserRow } from '../../db';
import {
  activeUsers,
  activeUsersByName,
  insertGrant,
  insertToken,
  requesterLockState,
  revokeToken,
  saveRequesterLockState,
  setUserLockState,
  userByUsername,
} from '../../db';
import { GRANT_TTL_MS, PIN_LOCK_MS, PIN_MAX_FAILURES } from '../../src/auth/grants';
import { can, isGrantable, permissionsOf } from '../../src/auth/permissions';
import type { Permission } from '../../src/auth/permissions';
import { fail, ok } from '../../src/result';
import type { AuthedCtx, Ctx, Handler, Outcome, PublicHandler } from '../context';
import { keep } from '../context';
import { tokenHash } from '../tokens';
import { recordGrantIssued } from '../grants';
import { hashPin, verifyPin } from '../pin';
import { storeTimeZone } from '../store-zone';

/** Compared against when the username is unknown, so timing does not reveal which usernames exist. */
let dummyHash: string | null = null;

function lockedFor(state: PinLockState, now: Date): number {
  if (!state.lockedUntil) return 0;
  const left = Date.parse(state.lockedUntil) - now.getTime();
  return left > 0 ? left : 0;
}

function lockedError(lockedUntil: string, now: Date) {
  return { code: 'PIN_LOCKED' as const, details: { lockedUntil, retryInSeconds: Math.ceil((Date.parse(lockedUntil) - now.getTime()) / 1000) } };
}

/** The lock state after one more wrong PIN. */
function afterFailure(state: PinLockState, ctx: Ctx): PinLockState {
  const attempts = state.failedAttempts + 1;
  return attempts >= PIN_MAX_FAILURES
    ? { failedAttempts: 0, lockedUntil: new Date(ctx.now.getTime() + PIN_LOCK_MS).toISOString() }
    : { failedAttempts: attempts, lockedUntil: null };
}

function recordUserFailure(ctx: Ctx, user: UserRow): Outcome<never> {
  const next = afterFailure(user, ctx);
  setUserLockState(ctx.db, user.id, next);
  return keep(next.lockedUntil ? lockedError(next.lockedUntil, ctx.now) : { code: 'INVALID_CREDENTIALS', details: { attemptsLeft: PIN_MAX_FAILURES - next.failedAttempts } });
}

function clearUserFailures(ctx: Ctx, user: UserRow): void {
  if (user.failedAttempts !== 0 || user.lockedUntil !== null) {
    setUserLockState(ctx.db, user.id, { failedAttempts: 0, lockedUntil: null });
  }
}

export const login: PublicHandler<'auth.login'> = (ctx, input) => {
  const user = userByUsername(ctx.db, input.username.toLowerCase());
  if (!user || !user.active) {
    dummyHash ??= hashPin('0000', ctx.pinCost);
    verifyPin(input.pin, dummyHash);
    return fail('INVALID_CREDENTIALS');
  }
  if (lockedFor(user, ctx.now) > 0 && user.lockedUntil) return { ok: false, error: lockedError(user.lockedUntil, ctx.now) };
  if (!verifyPin(input.pin, user.pinHash)) return recordUserFailure(ctx, user);
  clearUserFailures(ctx, user);
  const token = ctx.newToken();
  insertToken(ctx.db, { hash: tokenHash(token), userId: user.id, at: ctx.at });
  return ok({ token, user: { id: user.id, username: user.username, name: user.name, role: user.role, permissions: permissionsOf(user.role), timeZone: storeTimeZone(ctx.db, user.branchId) } });
};

export const logout: Handler<'auth.logout'> = (ctx) => {
  revokeToken(ctx.db, ctx.actor.tokenHash, ctx.at);
  return ok({});
};

export const me: Handler<'auth.me'> = (ctx) => {
  const a = ctx.actor;
  return ok({ user: { id: a.id, username: a.username, name: a.name, role: a.role, permissions: [...a.permissions], timeZone: storeTimeZone(ctx.db, a.branchId) } });
};

export const publicUsers: PublicHandler<'auth.users'> = (ctx) => {
  const rows = activeUsersByName(ctx.db);
  return ok({ users: rows.map((u) => ({ username: u.username, name: u.name, role: u.role })) });
};

function issueGrant(ctx: AuthedCtx, grantor: UserRow, permission: Permission) {
  const id = ctx.newId();
  const expiresAt = new Date(ctx.now.getTime() + GRANT_TTL_MS).toISOString();
  insertGrant(ctx.db, { id, permission, grantorId: grantor.id, requestedBy: ctx.actor.id, createdAt: ctx.at, expiresAt });
  recordGrantIssued(ctx, id);
  return ok({ grantId: id, supervisor: { id: grantor.id, name: grantor.name }, expiresAt });
}

export const verifySupervisor: Handler<'auth.verifySupervisor'> = (ctx, input) => {
  // Before any PIN is checked: a grant nothing consumes approves nothing, and a refusal here must not count a failure.
  if (!isGrantable(input.permission)) return fail('NOT_GRANTABLE', { permission: input.permission });
  if (input.username !== undefined) {
    const user = userByUsername(ctx.db, input.username.toLowerCase());
    if (!user || !user.active) return fail('INVALID_CREDENTIALS');
    if (user.id === ctx.actor.id) return fail('SELF_APPROVAL');
    if (lockedFor(user, ctx.now) > 0 && user.lockedUntil) return { ok: false, error: lockedError(user.lockedUntil, ctx.now) };
    if (!verifyPin(input.pin, user.pinHash)) return recordUserFailure(ctx, user);
    clearUserFailures(ctx, user);
    if (!can(user.role, input.permission)) return fail('FORBIDDEN', { permission: input.permission });
    return issueGrant(ctx, user, input.permission);
  }

  // No username: any other active user holding the permission whose PIN matches. Failures count against the requester.
  const attempts: PinLockState = requesterLockState(ctx.db, ctx.actor.id) ?? { failedAttempts: 0, lockedUntil: null };
  if (lockedFor(attempts, ctx.now) > 0 && attempts.lockedUntil) return { ok: false, error: lockedError(attempts.lockedUntil, ctx.now) };
  const candidates = activeUsers(ctx.db).filter((u) => u.id !== ctx.actor.id && can(u.role, input.permission));
  const grantor = candidates.find((u) => lockedFor(u, ctx.now) === 0 && verifyPin(input.pin, u.pinHash));
  const save = (state: PinLockState) => saveRequesterLockState(ctx.db, ctx.actor.id, state);
  if (!grantor) {
    const next = afterFailure(attempts, ctx);
    save(next);
    return keep(next.lockedUntil ? lockedError(next.lockedUntil, ctx.now) : { code: 'INVALID_CREDENTIALS', details: { attemptsLeft: PIN_MAX_FAILURES - next.failedAttempts } });
  }
  if (attempts.failedAttempts !== 0) save({ failedAttempts: 0, lockedUntil: null });
  return issueGrant(ctx, grantor, input.permission);
};
