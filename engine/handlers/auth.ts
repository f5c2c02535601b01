// Sign-in and supervisor grants. Invariants: PINs are only compared through scrypt (ctx.pins, off the engine's thread in
// the transports); every PIN check passes the machine's rate limit first; a wrong PIN is recorded against who made it
// (the signed-in requester) or, when nobody is signed in, against the user it named (src/auth/lockout.ts), so nobody
// is locked out of signing in by guesses made from another session; an approval names its approver before the PIN, so
// a PIN two users share can never approve as the other; a grant is bound to who asked and who granted.
import type { UserRow } from '../../db';
import {
  activeUsersByName,
  failuresAgainst,
  failuresByRequester,
  forgetOwnFailures,
  getUser,
  insertGrant,
  insertPinFailure,
  insertToken,
  prunePinFailures,
  revokeToken,
  setSignInLock,
  userByUsername,
} from '../../db';
import { GRANT_TTL_MS } from '../../src/auth/grants';
import type { LockRule, PinFailureKind } from '../../src/auth/lockout';
import { APPROVAL_NOTICE_MS, APPROVER_DELAY, REQUESTER_RULE, SIGN_IN_LOCK, SIGN_IN_THROTTLE, approverDelayUntil, attemptsLeft, lockedUntil, lookbackMs } from '../../src/auth/lockout';
import { can, isGrantable, permissionsOf } from '../../src/auth/permissions';
import type { Permission } from '../../src/auth/permissions';
import type { DomainError } from '../../src/result';
import { fail, ok } from '../../src/result';
import type { Actor, AuthedCtx, Ctx, Handler, Outcome, PublicHandler } from '../context';
import { keep } from '../context';
import { tokenHash } from '../tokens';
import { recordGrantIssued } from '../grants';
import { storeTimeZone } from '../store-zone';

/** Which rule refused: the requester's own guesses, an anonymous sign-in's guesses of a user, or approvals naming one. */
type LockScope = 'requester' | 'sign-in' | 'approver';

/**
 * Failures are kept as long as the longest rule looks back, and a day for the manager's notice of wrong approval PINs;
 * older ones are pruned when a new one is written.
 */
const KEEP_FAILURES_MS = Math.max(APPROVAL_NOTICE_MS, ...[REQUESTER_RULE, SIGN_IN_THROTTLE, SIGN_IN_LOCK].map(lookbackMs));

const since = (ctx: Ctx, rule: LockRule): string => new Date(ctx.now.getTime() - lookbackMs(rule)).toISOString();

function lockedError(until: number, scope: LockScope, ctx: Ctx): DomainError {
  return { code: 'PIN_LOCKED', details: { lockedUntil: new Date(until).toISOString(), retryInSeconds: Math.ceil((until - ctx.now.getTime()) / 1000), scope } };
}

function rateLimited(waitMs: number): Outcome<never> {
  return fail('PIN_RATE_LIMITED', { retryInSeconds: Math.max(1, Math.ceil(waitMs / 1000)) });
}

const requesterFailures = (ctx: Ctx, requesterId: string): number[] => failuresByRequester(ctx.db, requesterId, since(ctx, REQUESTER_RULE));

/** The lock the requester's own wrong PINs put on every PIN check she asks for, in every mode; null when none. */
function requesterLock(ctx: Ctx, requesterId: string): number | null {
  return lockedUntil(REQUESTER_RULE, requesterFailures(ctx, requesterId), ctx.now.getTime());
}

/** The throttle or lock that anonymous wrong PINs naming `user` put on her anonymous sign-in; null when none. */
function signInLock(ctx: Ctx, user: UserRow): number | null {
  const times = failuresAgainst(ctx.db, user.id, 'SIGN_IN', since(ctx, SIGN_IN_LOCK));
  const now = ctx.now.getTime();
  const ends = [lockedUntil(SIGN_IN_LOCK, times, now), lockedUntil(SIGN_IN_THROTTLE, times, now)].filter((t): t is number => t !== null);
  return ends.length === 0 ? null : Math.max(...ends);
}

/** Records one wrong PIN and answers it: PIN_LOCKED when it completed a lock, INVALID_CREDENTIALS with what is left. */
function recordFailure(ctx: Ctx, requester: Actor | null, target: UserRow | null, kind: PinFailureKind): Outcome<never> {
  prunePinFailures(ctx.db, new Date(ctx.now.getTime() - KEEP_FAILURES_MS).toISOString());
  insertPinFailure(ctx.db, { id: ctx.newId(), at: ctx.at, requesterId: requester?.id ?? null, targetId: target?.id ?? null, kind });
  const now = ctx.now.getTime();
  if (requester) {
    const times = requesterFailures(ctx, requester.id);
    const until = lockedUntil(REQUESTER_RULE, times, now);
    return keep(until !== null ? lockedError(until, 'requester', ctx) : { code: 'INVALID_CREDENTIALS', details: { attemptsLeft: attemptsLeft(REQUESTER_RULE, times, now) } });
  }
  if (!target) return keep({ code: 'INVALID_CREDENTIALS' });
  const times = failuresAgainst(ctx.db, target.id, 'SIGN_IN', since(ctx, SIGN_IN_LOCK));
  const locked = lockedUntil(SIGN_IN_LOCK, times, now);
  // The long lock is cached on the user row, so the administrator's list shows who is locked out of signing in.
  if (locked !== null) setSignInLock(ctx.db, target.id, new Date(locked).toISOString());
  const until = locked ?? lockedUntil(SIGN_IN_THROTTLE, times, now);
  return keep(until !== null ? lockedError(until, 'sign-in', ctx) : { code: 'INVALID_CREDENTIALS', details: { attemptsLeft: attemptsLeft(SIGN_IN_LOCK, times, now) } });
}

const requesterKey = (id: string): string => `requester:${id}`;
const userKey = (id: string): string => `user:${id}`;

/**
 * Sign-in. Sent with the token of someone already signed in on this window (the lock screen of her suspended session),
 * the attempt is charged to that requester; with no token it is anonymous and charged to the user it names.
 */
export const login: PublicHandler<'auth.login'> = (ctx, input) => {
  const requester = ctx.actor;
  const named = userByUsername(ctx.db, input.username.toLowerCase());
  const target = named && named.active ? named : null;
  const now = ctx.now.getTime();
  if (requester) {
    const until = requesterLock(ctx, requester.id);
    if (until !== null) return fail('PIN_LOCKED', lockedError(until, 'requester', ctx).details);
  } else if (target) {
    const until = signInLock(ctx, target);
    if (until !== null && until > now) return fail('PIN_LOCKED', lockedError(until, 'sign-in', ctx).details);
  }
  const keys = [...(requester ? [requesterKey(requester.id)] : []), ...(target ? [userKey(target.id)] : [])];
  const wait = ctx.pins.admit(keys);
  if (wait > 0) return rateLimited(wait);
  // An unknown or inactive name costs one scrypt like a real one, so timing does not tell which names exist.
  const right = ctx.pins.verify(input.pin, target ? target.pinHash : ctx.pins.dummyHash) && target !== null;
  if (!right || !target) return recordFailure(ctx, requester, target, 'SIGN_IN');
  // She proved her PIN: her own earlier slips (made signed in as herself) are forgiven; what others caused stays.
  forgetOwnFailures(ctx.db, target.id);
  const token = ctx.newToken();
  insertToken(ctx.db, { hash: tokenHash(token), userId: target.id, at: ctx.at });
  return ok({ token, user: { id: target.id, username: target.username, name: target.name, role: target.role, permissions: permissionsOf(target.role), timeZone: storeTimeZone(ctx.db, target.branchId) } });
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
  return ok({ grantId: id, supervisor: { id: grantor.id, username: grantor.username, name: grantor.name }, expiresAt });
}

/**
 * A grant from the named approver. Order matters: refusals that need no PIN (not grantable, the requester locked,
 * approving oneself, a user who may not approve this, the approver locked) come before any PIN is checked and count
 * nothing, so NOT_PERMITTED_TO_APPROVE never tells whether a PIN was right; then the requester's own PIN is refused;
 * only then is the approver's PIN checked. Costs two scrypt checks per approval.
 */
export const verifySupervisor: Handler<'auth.verifySupervisor'> = (ctx, input) => {
  if (!isGrantable(input.permission)) return fail('NOT_GRANTABLE', { permission: input.permission });
  const requesterUntil = requesterLock(ctx, ctx.actor.id);
  if (requesterUntil !== null) return fail('PIN_LOCKED', lockedError(requesterUntil, 'requester', ctx).details);
  const named = userByUsername(ctx.db, input.username.toLowerCase());
  const approver = named && named.active ? named : null;
  if (approver?.id === ctx.actor.id) return fail('SELF_APPROVAL');
  if (approver && !can(approver.role, input.permission)) return fail('NOT_PERMITTED_TO_APPROVE', { username: approver.username, permission: input.permission });
  if (approver) {
    const from = new Date(ctx.now.getTime() - APPROVER_DELAY.windowMs).toISOString();
    const until = approverDelayUntil(APPROVER_DELAY, failuresAgainst(ctx.db, approver.id, 'APPROVAL', from), ctx.now.getTime());
    if (until !== null) return fail('PIN_LOCKED', lockedError(until, 'approver', ctx).details);
  }
  const wait = ctx.pins.admit([requesterKey(ctx.actor.id), ...(approver ? [userKey(approver.id)] : [])]);
  if (wait > 0) return rateLimited(wait);
  // The requester's own PIN never approves, even when the approver happens to share it: checked first, so the answer
  // tells the requester nothing she did not know (her own PIN), and counts nothing.
  const own = getUser(ctx.db, ctx.actor.id);
  if (own && ctx.pins.verify(input.pin, own.pinHash)) return fail('OWN_PIN_NOT_APPROVAL');
  const right = ctx.pins.verify(input.pin, approver ? approver.pinHash : ctx.pins.dummyHash) && approver !== null;
  if (!right || !approver) return recordFailure(ctx, ctx.actor, approver, 'APPROVAL');
  return issueGrant(ctx, approver, input.permission);
};
