// People at HQ: who signs in to the console, with which role, and their console sessions.
// Invariants: a password exists only as a memory-hard scrypt hash (`hashPassword`); a session token exists only in the
// person's cookie, HQ keeps its SHA-256; a session ends at the first of idle expiry (30 min without a request) and
// absolute expiry (12 h after sign-in), on sign-out, or when its person is deactivated or changes role or password;
// a sign-in is refused while the name is locked by the failures recorded against it (src/auth/lockout.ts rule, derived
// from failure times and the clock, never from a counter a success resets), before the password is even checked, and
// an unknown name costs the same hash and is locked the same way (no name is revealed by timing or by answer).
import { createHash, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { LockRule } from '../src/auth/lockout';
import { lockedUntil, lookbackMs } from '../src/auth/lockout';
import type { HqSql } from './store';

export const HQ_ROLES = ['OWNER', 'HQ_MANAGER', 'AUDITOR'] as const;
export type HqRole = (typeof HQ_ROLES)[number];

/**
 * scrypt cost for console passwords: N = 2^15, r = 8, p = 3, one of OWASP's equivalent minimums for scrypt (Password
 * Storage Cheat Sheet). Memory 128·N·r = 32 MiB per hash; p runs sequentially in Node, so it costs time, not memory.
 * The hash records its cost, so raising it later affects new hashes only. node:crypto's scrypt needs no native build
 * (argon2 would: its maintained packages ship or compile native code) and runs on libuv's pool, off the event loop.
 */
export const PASSWORD_COST = { N: 32768, r: 8, p: 3 } as const;
const KEY_BYTES = 32;
const SALT_BYTES = 16;
/** scrypt refuses past `maxmem`; 128·N·r plus headroom for the largest cost we read. */
const maxmemFor = (N: number, r: number): number => 128 * N * r * 2;

/** Five wrong passwords for one name within 15 minutes lock that name's sign-in for 15 minutes. */
export const HQ_SIGN_IN_LOCK: LockRule = { failures: 5, windowMs: 15 * 60_000, lockMs: 15 * 60_000 };
/** A console session ends after this long without a request ... */
export const SESSION_IDLE_MS = 30 * 60_000;
/** ... and this long after sign-in, whatever. */
export const SESSION_ABSOLUTE_MS = 12 * 60 * 60_000;
/** last_seen is written at most this often per session (a page of requests is one write, not one each). */
const TOUCH_EVERY_MS = 60_000;

export const UsernameSchema = z.string().trim().toLowerCase().regex(/^[a-z0-9._-]{2,40}$/, 'usuario: 2 a 40 letras minúsculas, dígitos, punto, guion');
/** 12–200 characters: length is what makes a password strong; no composition rules (NIST SP 800-63B). */
export const PasswordSchema = z.string().min(12, 'la contraseña debe tener al menos 12 caracteres').max(200);
export const HqUserInputSchema = z.strictObject({
  username: UsernameSchema,
  name: z.string().trim().min(1).max(120),
  role: z.enum(HQ_ROLES),
  password: PasswordSchema,
});
export const HqUserChangeSchema = z.strictObject({
  name: z.string().trim().min(1).max(120).optional(),
  role: z.enum(HQ_ROLES).optional(),
  active: z.boolean().optional(),
  password: PasswordSchema.optional(),
});

export interface HqPerson {
  readonly username: string;
  readonly name: string;
  readonly role: HqRole;
  readonly active: boolean;
}

function scryptAsync(password: string, salt: Buffer, N: number, r: number, p: number): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFC'), salt, KEY_BYTES, { N, r, p, maxmem: maxmemFor(N, r) }, (e, key) => (e ? reject(e) : resolve(key))),
  );
}

/** `scrypt$N$r$p$salt$hash` (hex), the register's PIN format, at PASSWORD_COST. */
export async function hashPassword(password: string, cost: { readonly N: number; readonly r: number; readonly p: number } = PASSWORD_COST): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await scryptAsync(password, salt, cost.N, cost.r, cost.p);
  return `scrypt$${cost.N}$${cost.r}$${cost.p}$${salt.toString('hex')}$${key.toString('hex')}`;
}

/** True when `password` matches `stored` (its own cost is used); a malformed hash is false. Constant time compare. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const m = /^scrypt\$(\d+)\$(\d+)\$(\d+)\$([0-9a-f]+)\$([0-9a-f]{64})$/.exec(stored);
  if (!m) return false;
  const [N, r, p] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (N > 1 << 20 || r > 32 || p > 16) return false;
  const key = await scryptAsync(password, Buffer.from(m[4] ?? '', 'hex'), N, r, p);
  return timingSafeEqual(key, Buffer.from(m[5] ?? '', 'hex'));
}

const sha256 = (s: string): string => createHash('sha256').update(s, 'utf8').digest('hex');
/** The CSRF token of a session: derived from its secret token, so it is never stored and dies with the session. */
export const csrfTokenOf = (sessionToken: string): string => createHash('sha256').update(`csrf\u0000${sessionToken}`, 'utf8').digest('base64url');

/** Compares two strings in constant time for equal lengths. */
export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

interface UserRow {
  username: string;
  name: string;
  role: HqRole;
  password_hash: string;
  active: number;
}
const toPerson = (r: UserRow): HqPerson => ({ username: r.username, name: r.name, role: r.role, active: r.active === 1 });

export class PeopleError extends Error {
  constructor(
    readonly status: 400 | 401 | 404 | 409 | 429,
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}

/** A hash to check against when the name is unknown, so the answer takes as long as for a known one. */
let decoy: Promise<string> | null = null;

/** HQ people and console sessions over a store's HqSql. Times are epoch milliseconds from the caller's clock. */
export class People {
  /** Sign-in checks in progress per name (this process). */
  private readonly checking = new Map<string, number>();

  constructor(private readonly sql: HqSql) {}

  /** Adds a person; refuses a taken username (409 HQ_USER_EXISTS). `raw` is validated with HqUserInputSchema. */
  async add(raw: unknown, now: Date): Promise<HqPerson> {
    const r = HqUserInputSchema.safeParse(raw);
    if (!r.success) throw new PeopleError(400, 'VALIDATION_FAILED', r.error.issues[0]?.message ?? 'invalid input');
    const input = r.data;
    const hash = await hashPassword(input.password);
    const at = now.toISOString();
    const taken = await this.sql.all<{ n: number }>('SELECT 1 AS n FROM hq_users WHERE username = ?', [input.username]);
    if (taken.length) throw new PeopleError(409, 'HQ_USER_EXISTS', `ya existe el usuario ${input.username}`);
    try {
      await this.sql.run('INSERT INTO hq_users (username, name, role, password_hash, active, created_at, updated_at) VALUES (?, ?, ?, ?, 1, ?, ?)', [input.username, input.name, input.role, hash, at, at]);
    } catch (e) {
      // Two adds racing for one name: the primary key decides.
      if ((await this.sql.all('SELECT 1 AS n FROM hq_users WHERE username = ?', [input.username])).length) throw new PeopleError(409, 'HQ_USER_EXISTS', `ya existe el usuario ${input.username}`);
      throw e;
    }
    return { username: input.username, name: input.name, role: input.role, active: true };
  }

  async list(): Promise<HqPerson[]> {
    return (await this.sql.all<UserRow>('SELECT username, name, role, password_hash, active FROM hq_users ORDER BY username')).map(toPerson);
  }

  async count(): Promise<number> {
    return (await this.sql.all<{ n: number }>('SELECT count(*) AS n FROM hq_users'))[0]?.n ?? 0;
  }

  /**
   * Changes a person's name, role, password or active flag (HqUserChangeSchema). A change of role, password or
   * active ends every console session of theirs. Refuses leaving no active OWNER (409 LAST_OWNER).
   */
  async change(username: string, raw: unknown, now: Date): Promise<HqPerson> {
    const r = HqUserChangeSchema.safeParse(raw);
    if (!r.success) throw new PeopleError(400, 'VALIDATION_FAILED', r.error.issues[0]?.message ?? 'invalid input');
    const c = r.data;
    const name = username.trim().toLowerCase();
    const [row] = await this.sql.all<UserRow>('SELECT username, name, role, password_hash, active FROM hq_users WHERE username = ?', [name]);
    if (!row) throw new PeopleError(404, 'HQ_USER_NOT_FOUND', `no existe el usuario ${name}`);
    const next = { name: c.name ?? row.name, role: c.role ?? row.role, active: c.active ?? row.active === 1 };
    if (row.role === 'OWNER' && row.active === 1 && (next.role !== 'OWNER' || !next.active)) {
      const owners = await this.sql.all<{ n: number }>("SELECT count(*) AS n FROM hq_users WHERE role = 'OWNER' AND active = 1");
      if ((owners[0]?.n ?? 0) <= 1) throw new PeopleError(409, 'LAST_OWNER', 'debe quedar al menos un propietario activo');
    }
    const hash = c.password === undefined ? row.password_hash : await hashPassword(c.password);
    await this.sql.run('UPDATE hq_users SET name = ?, role = ?, active = ?, password_hash = ?, updated_at = ? WHERE username = ?', [next.name, next.role, next.active ? 1 : 0, hash, now.toISOString(), name]);
    if (c.role !== undefined || c.active !== undefined || c.password !== undefined) await this.sql.run('DELETE FROM hq_console_sessions WHERE username = ?', [name]);
    return { username: name, ...next };
  }

  /**
   * Signs in: the person and a new session token (for the cookie), or a refusal: 429 HQ_LOCKED_OUT (with `retryAt`)
   * while the name is locked, else 401 INVALID_CREDENTIALS for an unknown name, a wrong password or an inactive person
   * (the same answer for all three).
   */
  async signIn(rawUsername: string, password: string, now: Date): Promise<{ person: HqPerson; token: string }> {
    const username = rawUsername.trim().toLowerCase().slice(0, 80);
    // Checks of this name still running count as failures until they end: guesses sent at once must not all pass the
    // lock check before the first failure is recorded (the password check takes a while).
    const running = this.checking.get(username) ?? 0;
    this.checking.set(username, running + 1);
    try {
      return await this.checkSignIn(username, password, now, running);
    } finally {
      const left = (this.checking.get(username) ?? 1) - 1;
      if (left > 0) this.checking.set(username, left);
      else this.checking.delete(username);
    }
  }

  private async checkSignIn(username: string, password: string, now: Date, running: number): Promise<{ person: HqPerson; token: string }> {
    const nowMs = now.getTime();
    const failures = await this.sql.all<{ at_ms: number }>('SELECT at_ms FROM hq_login_failures WHERE username = ? AND at_ms > ?', [username, nowMs - lookbackMs(HQ_SIGN_IN_LOCK)]);
    const until = lockedUntil(HQ_SIGN_IN_LOCK, [...failures.map((f) => Number(f.at_ms)), ...Array.from({ length: running }, () => nowMs)], nowMs);
    if (until !== null) throw new PeopleError(429, 'HQ_LOCKED_OUT', 'demasiados intentos fallidos; espere e intente de nuevo', { retryAt: new Date(until).toISOString(), retryInSeconds: Math.ceil((until - nowMs) / 1000) });
    const [row] = await this.sql.all<UserRow>('SELECT username, name, role, password_hash, active FROM hq_users WHERE username = ?', [username]);
    decoy ??= hashPassword('decoy password, never valid');
    const ok = await verifyPassword(password, row?.password_hash ?? (await decoy));
    if (!row || !ok || row.active !== 1) {
      await this.sql.run('INSERT INTO hq_login_failures (username, at_ms) VALUES (?, ?)', [username, nowMs]);
      await this.sql.run('DELETE FROM hq_login_failures WHERE at_ms < ?', [nowMs - lookbackMs(HQ_SIGN_IN_LOCK)]);
      throw new PeopleError(401, 'INVALID_CREDENTIALS', 'usuario o contraseña incorrectos');
    }
    const token = randomBytes(32).toString('base64url');
    await this.sql.run('INSERT INTO hq_console_sessions (token_hash, username, created_at_ms, last_seen_ms, expires_ms) VALUES (?, ?, ?, ?, ?)', [sha256(token), username, nowMs, nowMs, nowMs + SESSION_ABSOLUTE_MS]);
    return { person: toPerson(row), token };
  }

  /** The person of a live session token, or null (unknown, idle past SESSION_IDLE_MS, past its absolute expiry, or its person inactive). */
  async session(token: string, now: Date): Promise<HqPerson | null> {
    const nowMs = now.getTime();
    const [row] = await this.sql.all<UserRow & { last_seen_ms: number; expires_ms: number }>(
      'SELECT u.username, u.name, u.role, u.password_hash, u.active, s.last_seen_ms, s.expires_ms FROM hq_console_sessions s JOIN hq_users u ON u.username = s.username WHERE s.token_hash = ?',
      [sha256(token)],
    );
    if (!row) return null;
    const lastSeen = Number(row.last_seen_ms);
    if (row.active !== 1 || nowMs >= Number(row.expires_ms) || nowMs - lastSeen >= SESSION_IDLE_MS) {
      await this.sql.run('DELETE FROM hq_console_sessions WHERE token_hash = ?', [sha256(token)]);
      return null;
    }
    if (nowMs - lastSeen >= TOUCH_EVERY_MS) await this.sql.run('UPDATE hq_console_sessions SET last_seen_ms = ? WHERE token_hash = ?', [nowMs, sha256(token)]);
    return toPerson(row);
  }

  async signOut(token: string): Promise<void> {
    await this.sql.run('DELETE FROM hq_console_sessions WHERE token_hash = ?', [sha256(token)]);
  }
}
