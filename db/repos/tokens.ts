// Sign-in tokens, stored by hash only (the engine hashes; this layer never sees a usable token). Invariant: a token
// is never deleted, only revoked, so a revoked token can never become valid again.
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../open';
import * as schema from '../schema';
import { prepared } from './prepared';
import type { UserRow } from './users';

/** The user an unrevoked token hash belongs to (active or not: the caller decides), or undefined. */
export function userByTokenHash(db: Db, hash: string): UserRow | undefined {
  return prepared(db, 'actor.byToken', () =>
    db
      .select({ user: schema.users })
      .from(schema.authTokens)
      .innerJoin(schema.users, eq(schema.users.id, schema.authTokens.userId))
      .where(and(eq(schema.authTokens.tokenHash, sql.placeholder('hash')), isNull(schema.authTokens.revokedAt)))
      .prepare(),
  ).get({ hash })?.user;
}

/** Records a new sign-in. */
export function insertToken(db: Db, token: { hash: string; userId: string; at: string }): void {
  db.insert(schema.authTokens).values({ tokenHash: token.hash, userId: token.userId, createdAt: token.at }).run();
}

/** Revokes one sign-in (sign-out). */
export function revokeToken(db: Db, hash: string, at: string): void {
  db.update(schema.authTokens).set({ revokedAt: at }).where(eq(schema.authTokens.tokenHash, hash)).run();
}

/** Revokes every live sign-in of a user (PIN changed, deactivated or re-roled: she signs in again under what is now true). */
export function revokeTokensOfUser(db: Db, userId: string, at: string): void {
  db.update(schema.authTokens)
    .set({ revokedAt: at })
    .where(and(eq(schema.authTokens.userId, userId), isNull(schema.authTokens.revokedAt)))
    .run();
}

/** Whether a token hash was issued and later revoked (signed out, PIN or role changed, deactivated). */
export function isRevokedToken(db: Db, hash: string): boolean {
  const row = db.select({ revokedAt: schema.authTokens.revokedAt }).from(schema.authTokens).where(eq(schema.authTokens.tokenHash, hash)).get();
  return row !== undefined && row.revokedAt !== null;
}

/** Revokes every sign-in (after a restore, everyone signs in again against the restored users). */
export function revokeAllTokens(db: Db, at: string): void {
  db.update(schema.authTokens).set({ revokedAt: at }).where(isNull(schema.authTokens.revokedAt)).run();
}
