// Wrong PINs (pin_failures). Invariant: rows are only added, read by who they are charged to, deleted when a user's
// own failures are forgiven by her own success or her PIN is reset, and pruned once no rule can look back that far.
import { and, eq, gte, isNull, lt } from 'drizzle-orm';
import type { PinFailureKind } from '../../src/auth/lockout';
import type { Db } from '../open';
import * as schema from '../schema';

/** Records one wrong PIN. `requesterId` null: nobody was signed in to ask; `targetId` null: the username is unknown. */
export function insertPinFailure(db: Db, f: { id: string; at: string; requesterId: string | null; targetId: string | null; kind: PinFailureKind }): void {
  db.insert(schema.pinFailures).values(f).run();
}

/** Times (epoch ms) of the wrong PINs the signed-in `requesterId` made since `since` (ISO), whoever they named. */
export function failuresByRequester(db: Db, requesterId: string, since: string): number[] {
  return db
    .select({ at: schema.pinFailures.at })
    .from(schema.pinFailures)
    .where(and(eq(schema.pinFailures.requesterId, requesterId), gte(schema.pinFailures.at, since)))
    .all()
    .map((r) => Date.parse(r.at));
}

/**
 * Times (epoch ms) of the wrong PINs naming `targetId` since `since` (ISO), through `kind`: for SIGN_IN only the
 * anonymous ones (nobody signed in to charge them to), for APPROVAL those of every requester.
 */
export function failuresAgainst(db: Db, targetId: string, kind: PinFailureKind, since: string): number[] {
  const anonymous = kind === 'SIGN_IN' ? isNull(schema.pinFailures.requesterId) : undefined;
  return db
    .select({ at: schema.pinFailures.at })
    .from(schema.pinFailures)
    .where(and(eq(schema.pinFailures.targetId, targetId), eq(schema.pinFailures.kind, kind), gte(schema.pinFailures.at, since), anonymous))
    .all()
    .map((r) => Date.parse(r.at));
}

/** Forgets a user's own wrong PINs (made while signed in as herself, naming herself): she has just proven her PIN. */
export function forgetOwnFailures(db: Db, userId: string): void {
  db.delete(schema.pinFailures)
    .where(and(eq(schema.pinFailures.requesterId, userId), eq(schema.pinFailures.targetId, userId)))
    .run();
}

/** Forgets every wrong PIN naming a user, and her sign-in lock: her PIN was just reset by an administrator. */
export function forgetFailuresAgainst(db: Db, userId: string): void {
  db.delete(schema.pinFailures).where(eq(schema.pinFailures.targetId, userId)).run();
  db.update(schema.users).set({ lockedUntil: null }).where(eq(schema.users.id, userId)).run();
}

/** Deletes failures older than `before` (ISO); none of them can affect a lock any more. */
export function prunePinFailures(db: Db, before: string): void {
  db.delete(schema.pinFailures).where(lt(schema.pinFailures.at, before)).run();
}

/** Sets until when an anonymous sign-in as the user is refused (ISO, or null). */
export function setSignInLock(db: Db, userId: string, lockedUntil: string | null): void {
  db.update(schema.users).set({ lockedUntil }).where(eq(schema.users.id, userId)).run();
}


/** Wrong approval PINs naming each user since `since` (ISO): how many, the latest (ISO), and who asked (usernames). */
export interface ApprovalFailureNotice {
  readonly count: number;
  readonly lastAt: string;
  readonly requesters: string[];
}

export function approvalFailuresSince(db: Db, since: string): ReadonlyMap<string, ApprovalFailureNotice> {
  const rows = db.$client
    .prepare<[string], { target_id: string; n: number; last_at: string; requesters: string | null }>(
      `SELECT f.target_id, count(*) AS n, max(f.at) AS last_at, group_concat(DISTINCT u.username) AS requesters
       FROM pin_failures f LEFT JOIN users u ON u.id = f.requester_id
       WHERE f.kind = 'APPROVAL' AND f.target_id IS NOT NULL AND f.at >= ?
       GROUP BY f.target_id`,
    )
    .all(since);
  return new Map(rows.map((r) => [r.target_id, { count: r.n, lastAt: r.last_at, requesters: (r.requesters ?? '').split(',').filter(Boolean).sort() }]));
}
