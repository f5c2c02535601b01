// The console's security over real HTTP on loopback, once per backend (a real SQLite file; real PostgreSQL when
// DATABASE_URL_TEST names one): every route the server registered is enumerated, so a route added without protection
// fails here. No API without credentials; CSRF refused on every mutating route; an AUDITOR changes nothing; a
// HQ_MANAGER cannot touch people or keys; lock-out; idle and absolute session expiry; cookie flags.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKey } from './keys';
import { HQ_SIGN_IN_LOCK, People, SESSION_ABSOLUTE_MS, SESSION_IDLE_MS } from './people';
import { pgTestUrl } from './pg-testing';
import type { Opened } from './store-testing';
import { storeBackends } from './store-testing';
import type { HqServer } from './server';
import { createHqServer } from './server';
import { SqliteHqStore } from './sqlite-store';

const backends = storeBackends('arqueo-hq-sec-');
if (!pgTestUrl()) {
  it.skip('console security on PostgreSQL (no DATABASE_URL_TEST: run under scripts/pg-test.sh)', () => undefined);
}

/**
 * The only routes anyone may call without a key or a session. Adding a public route means adding it here, on purpose.
 * PUT/DELETE/PATCH /v1/sessions only answer 405; the console's files (index.html and its assets) carry no data.
 */
const PUBLIC = new Set(['GET /v1/health', 'POST /v1/enroll', 'POST /v1/console/login', 'PUT /v1/sessions', 'DELETE /v1/sessions', 'PATCH /v1/sessions', 'GET /', 'GET /assets/*']);
const SAFE = new Set(['GET', 'HEAD']);
const PASSWORD = 'correct horse battery staple';

/** A concrete path for a route pattern (parameters and wildcards filled in). */
const concrete = (url: string): string => url.replace(/:[A-Za-z]+/g, 'X1').replace(/\*$/, 'x');

for (const backend of backends) {
  describe(`console security (${backend.name})`, () => {
    let opened: Opened;
    let hq: HqServer;
    let url: string;
    let clock = new Date('2026-11-29T12:00:00.000Z');
    let adminKey: string;

    beforeAll(async () => {
      opened = await backend.open();
      const people = new People(opened.store.sql);
      for (const [username, role] of [['olga', 'OWNER'], ['manu', 'HQ_MANAGER'], ['aida', 'AUDITOR'], ['otto', 'OWNER']] as const) {
        await people.add({ username, name: username, role, password: PASSWORD }, clock);
      }
      adminKey = await createKey(opened.store, { role: 'ADMIN' });
      hq = createHqServer({ store: opened.store, now: () => clock, rateLimit: null, signInRateLimit: null });
      url = await hq.listen(0);
    });
    afterAll(async () => {
      await hq.close();
      await opened.drop();
    });

    interface Answer {
      status: number;
      json: Record<string, unknown>;
      setCookie: string | null;
    }
    const call = async (method: string, p: string, opts: { cookie?: string; csrf?: string; body?: unknown; headers?: Record<string, string> } = {}): Promise<Answer> => {
      const res = await fetch(`${url}${p}`, {
        method,
        headers: {
          ...(opts.body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(opts.cookie ? { cookie: `hq_session=${opts.cookie}` } : {}),
          ...(opts.csrf ? { 'x-csrf-token': opts.csrf } : {}),
          ...opts.headers,
        },
        ...(opts.body === undefined ? {} : { body: JSON.stringify(opts.body) }),
      });
      const text = await res.text();
      return { status: res.status, json: text ? (JSON.parse(text) as Record<string, unknown>) : {}, setCookie: res.headers.get('set-cookie') };
    };
    const signIn = async (username: string, password = PASSWORD): Promise<{ cookie: string; csrf: string; answer: Answer }> => {
      const answer = await call('POST', '/v1/console/login', { body: { username, password } });
      const cookie = /hq_session=([^;]+)/.exec(answer.setCookie ?? '')?.[1] ?? '';
      return { cookie, csrf: String(answer.json['csrfToken'] ?? ''), answer };
    };
    const routes = () => hq.routes().filter((r) => r.method !== 'HEAD');
    const mutating = () => routes().filter((r) => !SAFE.has(r.method) && r.access !== 'public' && r.access !== 'register');
    /** Everything a refused request might have written. */
    const footprint = async () => {
      const q = async (sql: string) => JSON.stringify(await opened.store.sql.all(sql));
      return [
        await q('SELECT count(*) AS n FROM master_changes'),
        await q('SELECT count(*) AS n FROM master_records'),
        await q('SELECT username, role, active, password_hash FROM hq_users ORDER BY username'),
        await q('SELECT key_hash, revoked_at FROM api_keys ORDER BY key_hash'),
        await q('SELECT count(*) AS n FROM enrollment_codes'),
      ].join('\n');
    };

    it('every route is public only by name; all others answer 401 without a key or a session', async () => {
      const all = routes();
      expect(all.length).toBeGreaterThan(20);
      const publicOnes = all.filter((r) => r.access === 'public').map((r) => `${r.method} ${r.url}`);
      for (const r of publicOnes) expect(PUBLIC, `${r} is public but not in the allowlist`).toContain(r);
      for (const r of all.filter((x) => x.access !== 'public')) {
        const a = await call(r.method, concrete(r.url), r.method === 'GET' ? {} : { body: {} });
        expect([`${r.method} ${r.url}`, a.status, a.json['error']]).toEqual([`${r.method} ${r.url}`, 401, expect.objectContaining({ code: 'UNAUTHENTICATED' })]);
        const forged = await call(r.method, concrete(r.url), r.method === 'GET' ? { cookie: 'forged-token' } : { cookie: 'forged-token', body: {} });
        expect([`${r.method} ${r.url}`, forged.status]).toEqual([`${r.method} ${r.url}`, 401]);
      }
    });

    it('the session cookie is http-only, Secure, SameSite=Strict, for the whole site, and dies at sign-out', async () => {
      const { cookie, csrf, answer } = await signIn('olga');
      expect(answer.status).toBe(200);
      const flags = (answer.setCookie ?? '').split(';').map((s) => s.trim().toLowerCase());
      expect(flags).toEqual(expect.arrayContaining(['httponly', 'secure', 'samesite=strict', 'path=/', `max-age=${SESSION_ABSOLUTE_MS / 1000}`]));
      expect(JSON.stringify(answer.json)).not.toContain(cookie);
      expect(csrf).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect((await call('GET', '/v1/console/me', { cookie })).json['person']).toMatchObject({ username: 'olga', role: 'OWNER' });
      const out = await call('POST', '/v1/console/logout', { cookie, csrf });
      expect(out.status).toBe(200);
      expect(out.setCookie).toMatch(/hq_session=;.*(Max-Age=0|Expires=Thu, 01 Jan 1970)/i);
      expect((await call('GET', '/v1/console/me', { cookie })).status).toBe(401);
      const stored = await opened.store.sql.all<{ password_hash: string }>("SELECT password_hash FROM hq_users WHERE username = 'olga'");
      expect(stored[0]?.password_hash).toMatch(/^scrypt\$32768\$8\$3\$[0-9a-f]{32}\$[0-9a-f]{64}$/);
    });

    it('every mutating route refuses a session without its CSRF token, with a wrong one, or from a foreign origin, and writes nothing', async () => {
      const { cookie, csrf } = await signIn('olga');
      const before = await footprint();
      const list = mutating();
      expect(list.length).toBeGreaterThan(10);
      for (const r of list) {
        const p = concrete(r.url);
        const tries = [
          await call(r.method, p, { cookie, body: {} }),
          await call(r.method, p, { cookie, csrf: `${csrf.slice(0, -1)}${csrf.endsWith('A') ? 'B' : 'A'}`, body: {} }),
          await call(r.method, p, { cookie, csrf, body: {}, headers: { origin: 'https://evil.example' } }),
        ];
        for (const a of tries) expect([`${r.method} ${r.url}`, a.status, (a.json['error'] as { code?: string } | undefined)?.code]).toEqual([`${r.method} ${r.url}`, 403, 'CSRF_REFUSED']);
      }
      expect(await footprint()).toBe(before);
      // The same session with its token does write (the refusals above were the token's doing).
      expect((await call('POST', '/v1/admin/branches', { cookie, csrf, body: { code: 'SUC001', name: 'Centro', timeZone: 'America/La_Paz', currency: 'BOB' } })).status).toBe(201);
    });

    it('an AUDITOR reads but every mutating route answers 403 and writes nothing; a HQ_MANAGER cannot touch people or keys', async () => {
      const auditor = await signIn('aida');
      const before = await footprint();
      for (const r of mutating().filter((x) => x.access !== 'session')) {
        const a = await call(r.method, concrete(r.url), { cookie: auditor.cookie, csrf: auditor.csrf, body: {} });
        expect([`${r.method} ${r.url}`, a.status, (a.json['error'] as { code?: string } | undefined)?.code]).toEqual([`${r.method} ${r.url}`, 403, 'FORBIDDEN']);
      }
      expect(await footprint()).toBe(before);
      expect((await call('GET', '/v1/sessions', { cookie: auditor.cookie })).status).toBe(200);
      expect((await call('GET', '/v1/admin/branches', { cookie: auditor.cookie })).status).toBe(200);
      expect((await call('GET', '/v1/console/users', { cookie: auditor.cookie })).status).toBe(403);

      const manager = await signIn('manu');
      for (const r of routes().filter((x) => x.access === 'owner')) {
        const a = await call(r.method, concrete(r.url), { cookie: manager.cookie, csrf: manager.csrf, ...(r.method === 'GET' ? {} : { body: {} }) });
        expect([`${r.method} ${r.url}`, a.status]).toEqual([`${r.method} ${r.url}`, 403]);
      }
      expect(await footprint()).toBe(before);
      expect((await call('POST', '/v1/admin/branches', { cookie: manager.cookie, csrf: manager.csrf, body: { code: 'SUC002', name: 'Norte', timeZone: 'America/La_Paz', currency: 'BOB' } })).status).toBe(201);
      // The automation key opens read and write routes, never people or keys.
      for (const r of routes().filter((x) => x.access === 'owner' || x.access === 'session')) {
        const res = await fetch(`${url}${concrete(r.url)}`, { method: r.method, headers: { authorization: `Bearer ${adminKey}` } });
        expect([`${r.method} ${r.url}`, res.status]).toEqual([`${r.method} ${r.url}`, 403]);
      }
    });

    it('five wrong passwords lock the name for 15 minutes, the right one included; an unknown name gets the same answers', async () => {
      for (const name of ['otto', 'nobody']) {
        for (let i = 0; i < HQ_SIGN_IN_LOCK.failures; i++) {
          const a = await signIn(name, 'wrong password, long enough');
          expect([a.answer.status, (a.answer.json['error'] as { code: string }).code, a.answer.setCookie]).toEqual([401, 'INVALID_CREDENTIALS', null]);
        }
        const locked = await signIn(name);
        expect([locked.answer.status, (locked.answer.json['error'] as { code: string }).code, locked.answer.setCookie]).toEqual([429, 'HQ_LOCKED_OUT', null]);
      }
      // Another name is not affected.
      expect((await signIn('olga')).answer.status).toBe(200);
      clock = new Date(clock.getTime() + HQ_SIGN_IN_LOCK.lockMs);
      expect((await signIn('otto')).answer.status).toBe(200);
    });

    it('guesses sent at once are checked no more than the lock allows: the rest are refused as locked', async () => {
      await new People(opened.store.sql).add({ username: 'rita', name: 'rita', role: 'AUDITOR', password: PASSWORD }, clock);
      const answers = await Promise.all(Array.from({ length: 3 * HQ_SIGN_IN_LOCK.failures }, (_, i) => signIn('rita', `wrong password number ${i}`)));
      const codes = answers.map((a) => (a.answer.json['error'] as { code: string }).code);
      expect(codes.filter((c) => c === 'INVALID_CREDENTIALS')).toHaveLength(HQ_SIGN_IN_LOCK.failures);
      expect(codes.filter((c) => c === 'HQ_LOCKED_OUT')).toHaveLength(2 * HQ_SIGN_IN_LOCK.failures);
    });

    it('a session ends after 30 idle minutes and 12 hours after sign-in, whatever; deactivating a person ends theirs', async () => {
      let s = await signIn('olga');
      clock = new Date(clock.getTime() + SESSION_IDLE_MS - 60_000);
      expect((await call('GET', '/v1/console/me', { cookie: s.cookie })).status).toBe(200);
      clock = new Date(clock.getTime() + SESSION_IDLE_MS);
      const idle = await call('GET', '/v1/console/me', { cookie: s.cookie });
      expect(idle.status).toBe(401);
      expect(idle.setCookie).toMatch(/hq_session=;/);

      s = await signIn('olga');
      const end = clock.getTime() + SESSION_ABSOLUTE_MS;
      while (clock.getTime() + 20 * 60_000 < end) {
        clock = new Date(clock.getTime() + 20 * 60_000);
        expect((await call('GET', '/v1/console/me', { cookie: s.cookie })).status).toBe(200);
      }
      clock = new Date(end);
      expect((await call('GET', '/v1/console/me', { cookie: s.cookie })).status).toBe(401);

      const owner = await signIn('olga');
      const manager = await signIn('manu');
      expect((await call('POST', '/v1/console/users/manu', { cookie: owner.cookie, csrf: owner.csrf, body: { active: false } })).status).toBe(200);
      expect((await call('GET', '/v1/console/me', { cookie: manager.cookie })).status).toBe(401);
      expect((await signIn('manu')).answer.status).toBe(401);
      // The last active owner cannot be demoted or deactivated away.
      expect((await call('POST', '/v1/console/users/otto', { cookie: owner.cookie, csrf: owner.csrf, body: { active: false } })).status).toBe(200);
      const last = await call('POST', '/v1/console/users/olga', { cookie: owner.cookie, csrf: owner.csrf, body: { role: 'AUDITOR' } });
      expect([last.status, (last.json['error'] as { code: string }).code]).toEqual([409, 'LAST_OWNER']);
    });
  });
}

describe('console sign-in throttle', () => {
  it('past its burst, sign-ins from one address answer 429 before any password is checked', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'arqueo-hq-sec-'));
    const store = SqliteHqStore.inDir(dir);
    const hq = createHqServer({ store, signInRateLimit: { burst: 2, perSecond: 0.001 }, monotonic: () => 0 });
    const url = await hq.listen(0);
    try {
      const statuses = [];
      for (let i = 0; i < 3; i++) {
        const res = await fetch(`${url}/v1/console/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'x', password: 'y' }) });
        statuses.push(res.status);
      }
      expect(statuses).toEqual([401, 401, 429]);
      expect(await store.sql.all('SELECT username FROM hq_login_failures')).toHaveLength(2);
    } finally {
      await hq.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
