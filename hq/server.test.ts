// HQ against a real server on loopback, once per storage backend: a real SQLite file, and a real PostgreSQL server when
// DATABASE_URL_TEST names one (scripts/pg-test.sh starts a throwaway cluster and exports it; each test gets its own
// schema). Exactly-once storage, original receipts on repeats, conflicts and forgeries kept for review and never stored
// as good, per-register keys, migrations, and the read endpoints.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Receipt, SessionBundle } from '../src/sync/protocol';
import { canonicalBundle, canonicalEntries, verifyBundle } from '../src/sync/protocol';
import { makeBundle, sealChain } from './fixtures';
import { createKey } from './keys';
import { sha256Hex } from './sha256';
import { HQ_MIGRATIONS, migrationSql } from './migrations';
import { PgHqStore } from './pg-store';
import { PG_TEST_ENV, pgScratch, pgTestUrl } from './pg-testing';
import type { HqServer } from './server';
import { DEFAULT_MAX_BODY_BYTES, createHqServer } from './server';
import { HQ_DB_FILE, SqliteHqStore } from './sqlite-store';
import type { DailyReport } from './summary';
import { summarize } from './summary';
import type { HqStore, RejectedRecord, SessionSummary } from './store';
import { REJECTED_BODY_PREFIX } from './store';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..');

// ---------------------------------------------------------------------------------------------------------------
// Backends: one empty storage per test, a way to open HQ stores on it, raw SQL on it (`?` placeholders), the CLI's
// arguments and environment for it, and the recorded schema version.

interface Storage {
  open(): Promise<HqStore>;
  query<T>(sql: string, params?: readonly (string | number)[]): Promise<T[]>;
  readonly cli: { readonly args: readonly string[]; readonly env: NodeJS.ProcessEnv };
  schemaVersion(): Promise<number>;
  setSchemaVersion(v: number): Promise<void>;
  /** Applies the first `version` migrations only, as an older HQ left the database. */
  migrateTo(version: number): Promise<void>;
  drop(): Promise<void>;
}
interface Backend {
  readonly name: string;
  fresh(): Promise<Storage>;
}

/** The environment for a child HQ: ours, minus any storage configuration of the developer's shell. */
function childEnv(extra: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env['DATABASE_URL'];
  delete env['HQ_DATA_DIR'];
  return { ...env, ...extra };
}

const sqliteBackend: Backend = {
  name: 'sqlite',
  fresh: () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'arqueo-hq-'));
    const file = path.join(dir, HQ_DB_FILE);
    const withDb = <T>(f: (db: Database.Database) => T): T => {
      const db = new Database(file);
      try {
        return f(db);
      } finally {
        db.close();
      }
    };
    return Promise.resolve({
      open: () => Promise.resolve().then(() => SqliteHqStore.inDir(dir)),
      query: <T>(sql: string, params: readonly (string | number)[] = []) =>
        Promise.resolve().then(() =>
          withDb((db) => {
            const st = db.prepare(sql);
            if (st.reader) return st.all(...params) as T[];
            st.run(...params);
            return [] as T[];
          }),
        ),
      cli: { args: ['--data-dir', dir], env: childEnv({}) },
      schemaVersion: () => Promise.resolve(withDb((db) => db.pragma('user_version', { simple: true }) as number)),
      setSchemaVersion: (v) => Promise.resolve(withDb((db) => void db.pragma(`user_version = ${v}`))),
      migrateTo: (version) =>
        Promise.resolve(
          withDb((db) => {
            for (const m of HQ_MIGRATIONS.slice(0, version)) {
              db.exec(migrationSql(m, 'sqlite'));
              db.pragma(`user_version = ${m.version}`);
            }
          }),
        ),
      drop: () => Promise.resolve(rmSync(dir, { recursive: true, force: true })),
    });
  },
};

function pgBackend(base: string): Backend {
  return {
    name: 'postgres',
    fresh: async () => {
      const scratch = await pgScratch(base);
      const pool = new pg.Pool({ connectionString: scratch.url, max: 2 });
      const query = async <T>(sql: string, params: readonly (string | number)[] = []): Promise<T[]> => {
        let n = 0;
        const text = sql.replace(/\?/g, () => `$${++n}`);
        const res = await pool.query(text, [...params]);
        // count(*) and BIGINT columns come back as text from a plain pool: compare numbers with numbers.
        return res.rows.map((r: Record<string, unknown>) =>
          Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === 'string' && res.fields.find((f) => f.name === k)?.dataTypeID === 20 ? Number(v) : v])),
        ) as T[];
      };
      return {
        open: () => PgHqStore.open(scratch.url, { max: 5 }),
        query,
        cli: { args: [], env: childEnv({ DATABASE_URL: scratch.url }) },
        schemaVersion: async () => (await query<{ v: number | null }>('SELECT max(version) AS v FROM hq_schema_migrations'))[0]?.v ?? 0,
        setSchemaVersion: async (v) => {
          await query("INSERT INTO hq_schema_migrations (version, name, applied_at) VALUES (?, 'from-the-future', '2099-01-01T00:00:00.000Z')", [v]);
        },
        migrateTo: async (version) => {
          await pool.query('CREATE TABLE IF NOT EXISTS hq_schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
          for (const m of HQ_MIGRATIONS.slice(0, version)) {
            await pool.query(migrationSql(m, 'postgres'));
            await query("INSERT INTO hq_schema_migrations (version, name, applied_at) VALUES (?, ?, '2026-01-01T00:00:00.000Z')", [m.version, m.name]);
          }
        },
        drop: async () => {
          await pool.end();
          await scratch.drop();
        },
      };
    },
  };
}

const PG_URL = pgTestUrl();
const BACKENDS: Backend[] = [sqliteBackend, ...(PG_URL ? [pgBackend(PG_URL)] : [])];
if (!PG_URL) {
  console.log(`[hq] PostgreSQL tests SKIPPED: ${PG_TEST_ENV} is not set (run through scripts/pg-test.sh, which starts a throwaway PostgreSQL where one is installed)`);
  describe.skip(`HQ on postgres (skipped: ${PG_TEST_ENV} not set)`, () => {
    it('every HQ test against a real PostgreSQL server', () => undefined);
  });
}

describe.each(BACKENDS)('HQ on $name', (backend) => {
let storage: Storage;
let store: HqStore;
let hq: HqServer;
let url: string;
let pos1: string;
let pos2: string;
let other: string;
let admin: string;

async function start(): Promise<void> {
  store = await storage.open();
  hq = createHqServer({ store });
  url = await hq.listen(0);
}
async function stop(): Promise<void> {
  await hq.close();
  await store.close();
}

beforeEach(async () => {
  storage = await backend.fresh();
  await start();
  pos1 = await createKey(store, { role: 'REGISTER', branchCode: 'SUC001', registerCode: 'POS001' });
  pos2 = await createKey(store, { role: 'REGISTER', branchCode: 'SUC001', registerCode: 'POS002' });
  other = await createKey(store, { role: 'REGISTER', branchCode: 'SUC002', registerCode: 'POS001' });
  admin = await createKey(store, { role: 'ADMIN' });
});
afterEach(async () => {
  await stop();
  await storage.drop();
});

async function post(body: unknown, key: string | null, headers: Record<string, string> = {}): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(`${url}/v1/sessions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}), ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}
async function get<T>(p: string, key = admin): Promise<{ status: number; json: T }> {
  const res = await fetch(`${url}${p}`, { headers: { authorization: `Bearer ${key}` } });
  return { status: res.status, json: (await res.json()) as T };
}
const count = async (sessionId?: string): Promise<number> =>
  (
    await (sessionId
      ? storage.query<{ n: number }>('SELECT count(*) AS n FROM sessions WHERE session_id = ?', [sessionId])
      : storage.query<{ n: number }>('SELECT count(*) AS n FROM sessions'))
  )[0]?.n ?? -1;
const rejected = () =>
  storage.query<{ reason: string; status: number; sessionId: string | null }>('SELECT reason, http_status AS status, session_id AS "sessionId" FROM rejected_bundles ORDER BY id');

describe('POST /v1/sessions', () => {
  it('stores a verified session once and answers a repeat with the original receipt', async () => {
    const b = makeBundle({ sessionId: 's-1', sales: [1500, 2500] });
    const first = await post(b, pos1, { 'idempotency-key': 's-1' });
    expect(first.status).toBe(201);
    const receipt = first.json as unknown as Receipt;
    expect(receipt).toMatchObject({ sessionId: 's-1', hqSequence: 1, duplicate: false, chainHead: b.entries[b.entries.length - 1]?.hash });
    const again = await post(b, pos1, { 'idempotency-key': 's-1' });
    expect(again.status).toBe(200);
    expect(again.json).toEqual({ ...receipt, duplicate: true });
    expect(await count('s-1')).toBe(1);
    const stored = await get<{ session: SessionSummary; bundle: SessionBundle }>('/v1/sessions/s-1');
    expect(canonicalBundle(stored.json.bundle)).toBe(canonicalBundle(b));
    expect(canonicalEntries(stored.json.bundle.entries)).toBe(canonicalEntries(b.entries));
    expect(stored.json.session).toMatchObject({ salesCount: 2, salesTotal: 4000, expectedAmount: 14_000, difference: 0 });
  });

  it('concurrent identical deliveries leave exactly one row and one original receipt', async () => {
    const b = makeBundle({ sessionId: 's-conc', sales: [100, 200, 300] });
    const replies = await Promise.all(Array.from({ length: 25 }, () => post(b, pos1)));
    expect(await count('s-conc')).toBe(1);
    expect(replies.filter((r) => r.status === 201)).toHaveLength(1);
    expect(replies.filter((r) => r.status === 200)).toHaveLength(24);
    expect(new Set(replies.map((r) => (r.json as unknown as Receipt).hqSequence)).size).toBe(1);
  });

  it('the same session id with a different chain is a 409, kept as rejected, the stored one untouched', async () => {
    const b = makeBundle({ sessionId: 's-2', sales: [1000] });
    expect((await post(b, pos1)).status).toBe(201);
    const forged = makeBundle({ sessionId: 's-2', sales: [900] });
    const r = await post(forged, pos1);
    expect(r.status).toBe(409);
    expect(r.json).toMatchObject({ error: { code: 'CONFLICT', reason: 'CHAIN_HEAD_CONFLICT' } });
    expect(await count('s-2')).toBe(1);
    const stored = await get<{ bundle: SessionBundle }>('/v1/sessions/s-2');
    expect(canonicalBundle(stored.json.bundle)).toBe(canonicalBundle(b));
    expect((await rejected())).toEqual([{ reason: 'CHAIN_HEAD_CONFLICT', status: 409, sessionId: 's-2' }]);
  });

  it('a changed amount or a removed entry is a 422 with the reason, kept for review, never stored', async () => {
    const changed = JSON.parse(JSON.stringify(makeBundle({ sessionId: 's-3', sales: [1000, 2000] }))) as { entries: { payload: { total: number } }[] };
    const sale = changed.entries[1];
    if (sale) sale.payload.total = 100;
    const r1 = await post(changed, pos1);
    expect(r1.status).toBe(422);
    expect(r1.json).toMatchObject({ error: { code: 'REJECTED', reason: 'BAD_HASH', details: { seq: 2 } } });

    const b = makeBundle({ sessionId: 's-4', sales: [1000, 2000] });
    const r2 = await post({ ...b, entries: b.entries.filter((e) => e.seq !== 2) }, pos1);
    expect(r2.json).toMatchObject({ error: { reason: 'SEQUENCE_GAP', details: { seq: 3 } } });

    // Re-hashing a forged ledger does not help: the declared totals no longer match the entries.
    const bodies = b.entries.map((e) => ({ kind: e.kind, payload: e.payload })).filter((_, i) => i !== 1);
    const rehashed = { ...b, entries: sealChain('s-4', bodies as Parameters<typeof sealChain>[1], b.entries[0]?.at ?? '') };
    const r3 = await post(rehashed, pos1);
    expect(r3.json).toMatchObject({ error: { reason: 'TOTALS_MISMATCH' } });

    const r4 = await post('{not json', pos1);
    expect(r4.status).toBe(422);
    expect(r4.json).toMatchObject({ error: { reason: 'MALFORMED' } });
    expect(await count()).toBe(0);
    expect((await rejected()).map((x) => x.reason)).toEqual(['BAD_HASH', 'SEQUENCE_GAP', 'TOTALS_MISMATCH', 'MALFORMED']);
    const listed = await get<{ rejected: RejectedRecord[] }>('/v1/rejected');
    expect(listed.json.rejected[0]).toMatchObject({ reason: 'BAD_HASH', sessionId: 's-3', senderRegisterCode: 'POS001' });
    expect(JSON.parse(listed.json.rejected[0]?.body ?? '{}')).toEqual(changed);
  });

  it('keys: none or unknown is 401; another register or branch is 403 (kept); an admin key cannot deliver', async () => {
    const b = makeBundle({ sessionId: 's-5' });
    expect((await post(b, null)).status).toBe(401);
    expect((await post(b, 'hq_reg_guess')).status).toBe(401);
    const wrong = await post(b, pos2);
    expect(wrong.status).toBe(403);
    expect(wrong.json).toMatchObject({ error: { code: 'FORBIDDEN', reason: 'WRONG_REGISTER' } });
    expect((await post(b, other)).status).toBe(403); // same register code, other branch
    expect((await post(b, admin)).status).toBe(403);
    // Lying in the header to match the key does not help: the header must agree with the ledger.
    expect((await post({ ...b, registerCode: 'POS002' }, pos2)).json).toMatchObject({ error: { reason: 'HEADER_MISMATCH' } });
    expect(await count()).toBe(0);
    expect((await rejected()).map((r) => r.reason)).toEqual(['WRONG_REGISTER', 'WRONG_REGISTER', 'HEADER_MISMATCH']);
    expect((await post(b, pos1, { 'idempotency-key': 'not-it' })).json).toMatchObject({ error: { reason: 'IDEMPOTENCY_KEY_MISMATCH' } });
    expect((await post(b, pos1)).status).toBe(201);
  });

  it('only digests of keys are stored, and stored sessions cannot be updated or deleted', async () => {
    const hashes = await storage.query<{ key_hash: string }>('SELECT key_hash FROM api_keys');
    expect(hashes).toHaveLength(4);
    expect(hashes.every((h) => /^[0-9a-f]{64}$/.test(h.key_hash) && h.key_hash !== pos1)).toBe(true);
    await post(makeBundle({ sessionId: 's-6' }), pos1);
    await post('{not json', pos1);
    await expect(storage.query("UPDATE sessions SET sales_total = 0 WHERE session_id = 's-6'")).rejects.toThrow(/append-only/);
    await expect(storage.query("DELETE FROM sessions WHERE session_id = 's-6'")).rejects.toThrow(/append-only/);
    await expect(storage.query("UPDATE rejected_bundles SET reason = 'OK'")).rejects.toThrow(/append-only/);
    expect(await count('s-6')).toBe(1);
  });

  it('survives a restart: the stored session is still there and a repeat is still a duplicate', async () => {
    const b = makeBundle({ sessionId: 's-7' });
    const first = (await post(b, pos1)).json;
    await stop();
    await start();
    const again = await post(b, pos1);
    expect(again.status).toBe(200);
    expect(again.json).toEqual({ ...first, duplicate: true });
  });
});

describe('a stolen key and junk bodies', () => {
  it('one session per (branch, register, session number): a copy under a new sessionId is a 409 kept for review', async () => {
    const original = makeBundle({ sessionId: 'n-1', sales: [1000], number: 1 });
    expect((await post(original, pos1)).status).toBe(201);
    // The same session re-sent under a new id with rebuilt hashes, and a copy with a bigger sale and a fresh seal.
    for (const [id, sales] of [['n-copy', [1000]], ['n-raised', [6000]]] as const) {
      const copy = makeBundle({ sessionId: id, sales: [...sales], number: 1 });
      expect(verifyBundle(sha256Hex, JSON.parse(JSON.stringify(copy))).ok).toBe(true);
      const r = await post(copy, pos1);
      expect([r.status, r.json]).toMatchObject([409, { error: { code: 'CONFLICT', reason: 'SESSION_NUMBER_TAKEN', details: { storedSessionId: 'n-1' } } }]);
    }
    expect(await count()).toBe(1);
    expect((await rejected()).map((x) => [x.reason, x.sessionId])).toEqual([
      ['SESSION_NUMBER_TAKEN', 'n-copy'],
      ['SESSION_NUMBER_TAKEN', 'n-raised'],
    ]);
    const day = (await get<DailyReport>('/v1/reports/daily?date=2026-11-22')).json;
    expect(JSON.stringify(day)).not.toContain('n-copy');
    // The same number on another register, or the next number, is a different session.
    expect((await post(makeBundle({ sessionId: 'n-2', registerCode: 'POS002', number: 1 }), pos2)).status).toBe(201);
    expect((await post(makeBundle({ sessionId: 'n-3', number: 2 }), pos1)).status).toBe(201);
  });

  it('copies of one session number racing in are stored once; the rest are refused', async () => {
    const copies = Array.from({ length: 8 }, (_, i) => makeBundle({ sessionId: `race-${i}`, sales: [100 + i], number: 7 }));
    const replies = await Promise.all(copies.map((b) => post(b, pos1)));
    expect(replies.filter((r) => r.status === 201)).toHaveLength(1);
    expect(replies.filter((r) => r.status === 409)).toHaveLength(7);
    expect(await count()).toBe(1);
  });

  it('a refused body is kept as a capped prefix with its size and digest; /v1/rejected pages', async () => {
    const junk = `{"sessionId":"j",${'"x":1,'.repeat(400_000)}`; // 2.4 MB, not JSON
    const r = await post(junk, pos1);
    expect(r.status).toBe(422);
    const rows = await storage.query<{ n: number; bytes: number; sha: string }>('SELECT length(body) AS n, body_bytes AS bytes, body_sha256 AS sha FROM rejected_bundles');
    expect(rows).toEqual([{ n: REJECTED_BODY_PREFIX, bytes: Buffer.byteLength(junk), sha: createHash('sha256').update(junk).digest('hex') }]);
    for (let i = 0; i < 4; i++) await post('{not json', pos1);
    const first = await get<{ rejected: RejectedRecord[]; next: number | null }>('/v1/rejected?limit=2');
    expect(first.json.rejected.map((x) => x.bodyBytes)).toEqual([Buffer.byteLength(junk), 9]);
    expect(first.json.rejected[0]?.body).toBe(junk.slice(0, REJECTED_BODY_PREFIX));
    const pages = [first.json.rejected.length];
    for (let next = first.json.next; next !== null; ) {
      const page = await get<{ rejected: RejectedRecord[]; next: number | null }>(`/v1/rejected?limit=2&after=${next}`);
      pages.push(page.json.rejected.length);
      next = page.json.next;
    }
    expect(pages).toEqual([2, 2, 1]);
    expect((await get<{ rejected: RejectedRecord[] }>('/v1/rejected?limit=100000')).json.rejected).toHaveLength(5);
  });

  it('a body over the limit gets the 413 answer (not a reset), is not kept, and HQ goes on', async () => {
    const big = Buffer.alloc(DEFAULT_MAX_BODY_BYTES + 1024 * 1024, 0x20);
    const res = await fetch(`${url}/v1/sessions`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${pos1}` }, body: big });
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ error: { code: 'TOO_LARGE' } });
    expect(await rejected()).toEqual([]);
    expect((await post(makeBundle({ sessionId: 'after-big' }), pos1)).status).toBe(201);
  });

  it('a malformed percent-escape in a session id is a 400, not a 500', async () => {
    const r = await get<{ error: { code: string } }>('/v1/sessions/%zz');
    expect([r.status, r.json.error.code]).toEqual([400, 'BAD_REQUEST']);
  });

  it('deliveries are rate-limited per key (429 with Retry-After); other keys are not affected', async () => {
    await hq.close();
    let clock = 0;
    hq = createHqServer({ store, rateLimit: { burst: 3, perSecond: 1 }, monotonic: () => clock });
    url = await hq.listen(0);
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await post(makeBundle({ sessionId: `rl-${i}` }), pos1)).status);
    expect(statuses).toEqual([201, 201, 201, 429]);
    const res = await fetch(`${url}/v1/sessions`, { method: 'POST', headers: { authorization: `Bearer ${pos1}` }, body: '{}' });
    expect([res.status, res.headers.get('retry-after')]).toEqual([429, '1']);
    expect((await post(makeBundle({ sessionId: 'rl-other', registerCode: 'POS002' }), pos2)).status).toBe(201);
    expect(await count('rl-3')).toBe(0);
    clock += 1000;
    expect((await post(makeBundle({ sessionId: 'rl-3' }), pos1)).status).toBe(201);
  });
});

describe('exactly once across HQ instances', () => {
  it('identical deliveries racing through two HQ instances on the same storage leave one row and one receipt', async () => {
    const store2 = await storage.open();
    const hq2 = createHqServer({ store: store2 });
    const url2 = await hq2.listen(0);
    try {
      const bundles = ['r-1', 'r-2', 'r-3'].map((sessionId, i) => makeBundle({ sessionId, sales: [100 * (i + 1), 250] }));
      const send = (base: string, b: SessionBundle) =>
        fetch(`${base}/v1/sessions`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${pos1}`, 'idempotency-key': b.sessionId },
          body: JSON.stringify(b),
        }).then(async (r) => ({ status: r.status, receipt: (await r.json()) as Receipt }));
      const replies = await Promise.all(bundles.flatMap((b) => Array.from({ length: 12 }, (_, i) => send(i % 2 ? url2 : url, b))));
      for (const b of bundles) {
        const mine = replies.filter((r) => r.receipt.sessionId === b.sessionId);
        expect(mine).toHaveLength(12);
        expect(mine.filter((r) => r.status === 201)).toHaveLength(1);
        expect(mine.filter((r) => r.status === 200 && r.receipt.duplicate)).toHaveLength(11);
        expect(new Set(mine.map((r) => `${r.receipt.hqSequence}|${r.receipt.receivedAt}`)).size).toBe(1);
        expect(await count(b.sessionId)).toBe(1);
      }
      expect(await count()).toBe(3);
      expect(await rejected()).toEqual([]);
    } finally {
      await hq2.close();
      await store2.close();
    }
  });

  it('many different sessions delivered at once are all stored, each with its own increasing hqSequence', async () => {
    const bundles = Array.from({ length: 30 }, (_, i) => makeBundle({ sessionId: `m-${i}`, sales: [1000 + i] }));
    const replies = await Promise.all(bundles.map((b) => post(b, pos1)));
    expect(replies.every((r) => r.status === 201)).toBe(true);
    const seqs = replies.map((r) => (r.json as unknown as Receipt).hqSequence);
    expect(new Set(seqs).size).toBe(30);
    const listed = (await get<{ sessions: SessionSummary[] }>('/v1/sessions?limit=1000')).json.sessions;
    expect(listed.map((x) => x.hqSequence)).toEqual([...seqs].sort((a, b) => a - b));
    expect(listed.reduce((a, x) => a + x.salesTotal, 0)).toBe(bundles.length * 1000 + (29 * 30) / 2);
  });
});

describe('migrations', () => {
  it('are recorded, applied once, and a reopen (several at once) changes nothing', async () => {
    expect(await storage.schemaVersion()).toBe(HQ_MIGRATIONS.length);
    await post(makeBundle({ sessionId: 'keep' }), pos1);
    await stop();
    const again = await Promise.all([storage.open(), storage.open(), storage.open()]);
    await Promise.all(again.map((st) => st.close()));
    expect(await storage.schemaVersion()).toBe(HQ_MIGRATIONS.length);
    await start();
    expect((await get<{ session: SessionSummary }>('/v1/sessions/keep')).status).toBe(200);
  });

  it('migration 2 fills the operations of sessions stored before it from their own sealed bundle', async () => {
    await stop();
    await storage.drop();
    storage = await backend.fresh();
    await storage.migrateTo(1);
    // Rows as HQ 1 stored them: one whose seal carries operations, one from a register that wrote none.
    const withOps = makeBundle({ sessionId: 'old-ops', sales: [1000, 2000], voids: [0], refunds: [300], agents: [{ kind: 'CASH_IN', amount: 5000, commission: 50 }] });
    const plain = makeBundle({ sessionId: 'old-plain', sales: [700] });
    for (const b of [withOps, plain]) {
      const verified = verifyBundle(sha256Hex, b);
      if (!verified.ok) throw new Error('fixture did not verify');
      const s = summarize(verified.value);
      await storage.query(
        `INSERT INTO sessions (session_id, branch_code, register_code, session_number, business_date, currency, status, chain_head, entry_count,
           opened_at, closed_at, opening_amount, closing_amount, expected_amount, difference, sales_count, sales_total, deposits_total,
           withdrawals_total, by_method, bundle, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [s.sessionId, s.branchCode, s.registerCode, s.sessionNumber, s.businessDate, s.currency, s.status, s.chainHead, s.entryCount, s.openedAt, s.closedAt,
          s.openingAmount, s.closingAmount, s.expectedAmount, s.difference, s.salesCount, s.salesTotal, s.depositsTotal, s.withdrawalsTotal,
          JSON.stringify(s.byMethod), verified.value.canonical, '2026-11-22T20:00:00.000Z'],
      );
    }
    await start();
    expect(await storage.schemaVersion()).toBe(HQ_MIGRATIONS.length);
    admin = await createKey(store, { role: 'ADMIN' });
    const old = (await get<{ session: SessionSummary }>('/v1/sessions/old-ops')).json.session;
    expect(old.operations).toEqual({ voidsCount: 1, voidsTotal: 1000, refundsCount: 1, refundsTotal: 300, agentCount: 1, agentCashIn: 5000, agentCashOut: 0, agentTopUp: 0, agentCommission: 50 });
    expect((await get<{ session: SessionSummary }>('/v1/sessions/old-plain')).json.session.operations).toMatchObject({ voidsCount: 0, refundsTotal: 0, agentCount: 0 });
    // Still append-only afterwards.
    await expect(storage.query("UPDATE sessions SET operations = '{}' WHERE session_id = 'old-ops'")).rejects.toThrow(/append-only/);
  });

  it('migration 3 gives each session number to the first session stored with it; later copies stay, new ones are refused', async () => {
    await stop();
    await storage.drop();
    storage = await backend.fresh();
    await storage.migrateTo(2);
    // Two copies of one session number stored by an HQ before the check (the stolen-key case), in this order.
    for (const id of ['dup-first', 'dup-second']) {
      const verified = verifyBundle(sha256Hex, makeBundle({ sessionId: id, sales: [500], number: 9 }));
      if (!verified.ok) throw new Error('fixture did not verify');
      const s = summarize(verified.value);
      await storage.query(
        `INSERT INTO sessions (session_id, branch_code, register_code, session_number, business_date, currency, status, chain_head, entry_count,
           opened_at, closed_at, opening_amount, closing_amount, expected_amount, difference, sales_count, sales_total, deposits_total,
           withdrawals_total, by_method, bundle, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [s.sessionId, s.branchCode, s.registerCode, s.sessionNumber, s.businessDate, s.currency, s.status, s.chainHead, s.entryCount, s.openedAt, s.closedAt,
          s.openingAmount, s.closingAmount, s.expectedAmount, s.difference, s.salesCount, s.salesTotal, s.depositsTotal, s.withdrawalsTotal,
          JSON.stringify(s.byMethod), verified.value.canonical, '2026-11-22T20:00:00.000Z'],
      );
    }
    await start();
    expect(await storage.schemaVersion()).toBe(HQ_MIGRATIONS.length);
    expect(await count()).toBe(2);
    pos1 = await createKey(store, { role: 'REGISTER', branchCode: 'SUC001', registerCode: 'POS001' });
    const third = await post(makeBundle({ sessionId: 'dup-third', sales: [500], number: 9 }), pos1);
    expect([third.status, third.json]).toMatchObject([409, { error: { reason: 'SESSION_NUMBER_TAKEN', details: { storedSessionId: 'dup-first' } } }]);
    await expect(storage.query("DELETE FROM session_numbers WHERE session_id = 'dup-first'")).rejects.toThrow(/append-only/);
  });

  it('a database from a newer HQ is refused and left untouched', async () => {
    await post(makeBundle({ sessionId: 'old' }), pos1);
    await stop();
    const future = HQ_MIGRATIONS.length + 1;
    await storage.setSchemaVersion(future);
    try {
      await expect(storage.open()).rejects.toMatchObject({ code: 'HQ_DB_FROM_FUTURE' });
      expect(await storage.schemaVersion()).toBe(future);
      expect(await count('old')).toBe(1);
    } finally {
      if (backend.name === 'postgres') await storage.query('DELETE FROM hq_schema_migrations WHERE version = ?', [future]);
      else await storage.setSchemaVersion(HQ_MIGRATIONS.length);
      await start();
    }
  });
});

describe('read endpoints', () => {
  it('filter by branch, register, date and status; a register key cannot read', async () => {
    await post(makeBundle({ sessionId: 'a', registerCode: 'POS001', businessDate: '2026-11-22' }), pos1);
    await post(makeBundle({ sessionId: 'b', registerCode: 'POS001', businessDate: '2026-11-23' }), pos1);
    await post(makeBundle({ sessionId: 'c', registerCode: 'POS002', businessDate: '2026-11-22' }), pos2);
    await post(makeBundle({ sessionId: 'd', branchCode: 'SUC002', registerCode: 'POS001', businessDate: '2026-11-22' }), other);
    const ids = async (q: string) => (await get<{ sessions: SessionSummary[] }>(`/v1/sessions${q}`)).json.sessions.map((s) => s.sessionId);
    expect(await ids('')).toEqual(['a', 'b', 'c', 'd']);
    expect(await ids('?branch=SUC001')).toEqual(['a', 'b', 'c']);
    expect(await ids('?branch=SUC001&register=POS001')).toEqual(['a', 'b']);
    expect(await ids('?date=2026-11-22')).toEqual(['a', 'c', 'd']);
    expect(await ids('?from=2026-11-23&to=2026-11-30')).toEqual(['b']);
    expect(await ids('?status=TRANSFERRED')).toEqual([]);
    expect(await ids('?limit=2&after=1')).toEqual(['b', 'c']);
    expect((await get('/v1/sessions', pos1)).status).toBe(403);
    expect((await get('/v1/sessions?date=22-11-2026')).status).toBe(400);
    expect((await get('/v1/sessions/nope')).status).toBe(404);
  });

  it('the daily report covers every register of every branch, per currency, from HQ data', async () => {
    await post(makeBundle({ sessionId: 'a', registerCode: 'POS001', sales: [1000, 2000], difference: -500 }), pos1);
    await post(makeBundle({ sessionId: 'b', registerCode: 'POS002', sales: [3000], difference: 200 }), pos2);
    await post(makeBundle({ sessionId: 'c', branchCode: 'SUC002', registerCode: 'POS001', currency: 'ARS', openingAmount: 0, sales: [700] }), other);
    await post(makeBundle({ sessionId: 'x', registerCode: 'POS001', businessDate: '2026-11-23', sales: [99_999] }), pos1);
    const { json: r } = await get<DailyReport>('/v1/reports/daily?date=2026-11-22');
    expect(r.registers.map((x) => `${x.branchCode}/${x.registerCode}:${x.totals.salesTotal}`)).toEqual(['SUC001/POS001:3000', 'SUC001/POS002:3000', 'SUC002/POS001:700']);
    expect(r.branches.map((x) => [x.branchCode, x.currency, x.totals.sessions])).toEqual([
      ['SUC001', 'BOB', 2],
      ['SUC002', 'ARS', 1],
    ]);
    const bob = r.overall.find((o) => o.currency === 'BOB')?.totals;
    expect(bob).toMatchObject({ sessions: 2, salesCount: 3, salesTotal: 6000, difference: -300, surplusSessions: 1, shortageSessions: 1, openingTotal: 20_000 });
    expect(bob?.byMethod.CASH).toBe(6000);
    expect(r.overall.find((o) => o.currency === 'ARS')?.totals.salesTotal).toBe(700);
    expect((await get('/v1/reports/daily')).status).toBe(400);
  });

  it('the daily report adds up voids, refunds and agent operations from the sealed sessions, per register, branch and currency', async () => {
    await post(
      makeBundle({
        sessionId: 'a',
        registerCode: 'POS001',
        sales: [1000, 2000, 500],
        voids: [1],
        refunds: [400],
        agents: [
          { kind: 'CASH_IN', amount: 15_000, commission: 150 },
          { kind: 'TOP_UP', amount: 3000, provider: 'ENTEL' },
        ],
      }),
      pos1,
    );
    await post(makeBundle({ sessionId: 'b', registerCode: 'POS002', sales: [3000], refunds: [1000, 250], agents: [{ kind: 'CASH_OUT', amount: 4000, commission: 40, provider: 'BNB' }] }), pos2);
    // A session sealed without operation totals (nothing to report) counts as zeros.
    await post(makeBundle({ sessionId: 'c', registerCode: 'POS001', sales: [100] }), pos1);
    await post(makeBundle({ sessionId: 'd', branchCode: 'SUC002', registerCode: 'POS001', currency: 'ARS', sales: [900], voids: [0] }), other);

    const stored = (await get<{ session: SessionSummary }>('/v1/sessions/a')).json.session;
    expect(stored).toMatchObject({ salesCount: 2, salesTotal: 1000 + 500 - 400 });
    expect(stored.operations).toEqual({ voidsCount: 1, voidsTotal: 2000, refundsCount: 1, refundsTotal: 400, agentCount: 2, agentCashIn: 15_000, agentCashOut: 0, agentTopUp: 3000, agentCommission: 150 });
    expect((await get<{ sessions: SessionSummary[] }>('/v1/sessions?register=POS001&branch=SUC001')).json.sessions.map((x) => x.operations.voidsCount)).toEqual([1, 0]);

    const { json: r } = await get<DailyReport>('/v1/reports/daily?date=2026-11-22');
    const pos1Ops = r.registers.find((x) => x.branchCode === 'SUC001' && x.registerCode === 'POS001')?.totals.operations;
    expect(pos1Ops).toEqual(stored.operations);
    const bob = r.overall.find((o) => o.currency === 'BOB')?.totals;
    expect(bob?.operations).toEqual({ voidsCount: 1, voidsTotal: 2000, refundsCount: 3, refundsTotal: 1650, agentCount: 3, agentCashIn: 15_000, agentCashOut: 4000, agentTopUp: 3000, agentCommission: 190 });
    expect(r.branches.find((b) => b.branchCode === 'SUC001')?.totals.operations).toEqual(bob?.operations);
    expect(bob).toMatchObject({ sessions: 3, salesCount: 4, salesTotal: 1500 - 400 + 3000 - 1250 + 100 });
    // Never added across currencies.
    expect(r.overall.find((o) => o.currency === 'ARS')?.totals.operations).toMatchObject({ voidsCount: 1, voidsTotal: 900, refundsCount: 0, agentCount: 0 });
  });

  it('the daily report counts drawer openings and no-sale openings from the sealed sessions (verified on receipt)', async () => {
    await post(makeBundle({ sessionId: 'a', registerCode: 'POS001', sales: [1000], drawer: ['SALE_CASH', 'NO_SALE', 'NO_SALE', 'CLOSE_COUNT'] }), pos1);
    await post(makeBundle({ sessionId: 'b', registerCode: 'POS002', sales: [500], drawer: ['NO_SALE', 'HANDOVER', 'AGENT_CASH'] }), pos2);
    // A register without a drawer declares nothing: zeros.
    await post(makeBundle({ sessionId: 'c', registerCode: 'POS001', sales: [100] }), pos1);
    expect((await get<{ session: SessionSummary }>('/v1/sessions/a')).json.session.drawer).toEqual({ drawerOpenings: 4, noSaleOpenings: 2, cashRounding: 0 });
    expect((await get<{ session: SessionSummary }>('/v1/sessions/c')).json.session.drawer).toEqual({ drawerOpenings: 0, noSaleOpenings: 0, cashRounding: 0 });
    const { json: r } = await get<DailyReport>('/v1/reports/daily?date=2026-11-22');
    expect(r.registers.map((x) => [x.registerCode, x.totals.drawer.noSaleOpenings, x.totals.drawer.drawerOpenings])).toEqual([
      ['POS001', 2, 4],
      ['POS002', 1, 3],
    ]);
    expect(r.overall.find((o) => o.currency === 'BOB')?.totals.drawer).toEqual({ drawerOpenings: 7, noSaleOpenings: 3, cashRounding: 0 });
    // A seal that understates its no-sale openings is refused, not summed.
    const forged = makeBundle({ sessionId: 'd', registerCode: 'POS001', sales: [100], drawer: ['NO_SALE'] });
    const seal = forged.entries.at(-1)!;
    const lied = { ...forged, entries: [...forged.entries.slice(0, -1), { ...seal, payload: { ...seal.payload, drawer: { drawerOpenings: 1, noSaleOpenings: 0, cashRounding: 0 } } }] };
    expect((await post(lied as typeof forged, pos1)).status).toBeGreaterThanOrEqual(400);
  });

  it('migration 7 fills the drawer figures of sessions stored before it from their own sealed bundle', async () => {
    await stop();
    await storage.drop();
    storage = await backend.fresh();
    await storage.migrateTo(6);
    const b = makeBundle({ sessionId: 'old-drawer', sales: [1000], drawer: ['NO_SALE', 'SALE_CASH'] });
    const verified = verifyBundle(sha256Hex, b);
    if (!verified.ok) throw new Error('fixture did not verify');
    const s = summarize(verified.value);
    await storage.query(
      `INSERT INTO sessions (session_id, branch_code, register_code, session_number, business_date, currency, status, chain_head, entry_count,
         opened_at, closed_at, opening_amount, closing_amount, expected_amount, difference, sales_count, sales_total, deposits_total,
         withdrawals_total, by_method, operations, bundle, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [s.sessionId, s.branchCode, s.registerCode, s.sessionNumber, s.businessDate, s.currency, s.status, s.chainHead, s.entryCount, s.openedAt, s.closedAt,
        s.openingAmount, s.closingAmount, s.expectedAmount, s.difference, s.salesCount, s.salesTotal, s.depositsTotal, s.withdrawalsTotal,
        JSON.stringify(s.byMethod), JSON.stringify(s.operations), verified.value.canonical, '2026-11-22T20:00:00.000Z'],
    );
    await start();
    expect(await storage.schemaVersion()).toBe(HQ_MIGRATIONS.length);
    admin = await createKey(store, { role: 'ADMIN' });
    expect((await get<{ session: SessionSummary }>('/v1/sessions/old-drawer')).json.session.drawer).toEqual({ drawerOpenings: 2, noSaleOpenings: 1, cashRounding: 0 });
    await expect(storage.query("UPDATE sessions SET drawer = '{}' WHERE session_id = 'old-drawer'")).rejects.toThrow(/append-only/);
  });
});

describe('cli', () => {
  const run = (args: readonly string[], env: NodeJS.ProcessEnv) =>
    new Promise<{ code: number | null; out: string; err: string }>((resolve) => {
      const child = spawn(process.execPath, ['--import', 'tsx', path.join(HERE, 'cli.ts'), ...args], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      let err = '';
      child.stdout.on('data', (d: Buffer) => (out += d.toString()));
      child.stderr.on('data', (d: Buffer) => (err += d.toString()));
      child.on('exit', (code) => resolve({ code, out, err }));
    });

  it('keys add prints a key once that the served HQ accepts for that register only', async () => {
    await stop();
    const cliStorage = await backend.fresh();
    const { args, env } = cliStorage.cli;
    try {
      const added = await run(['keys', 'add', '--branch', 'SUC001', '--register', 'POS009', ...args], env);
      expect(added.code).toBe(0);
      const key = added.out.trim();
      expect(key).toMatch(/^hq_reg_[A-Za-z0-9_-]{43}$/);
      expect((await run(['keys', 'add', '--branch', 'bad code', '--register', 'X', ...args], env)).code).toBe(2);
      const child = spawn(process.execPath, ['--import', 'tsx', path.join(HERE, 'cli.ts'), '--port', '0', ...args], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'inherit'] });
      try {
        let storageLine = '';
        url = await new Promise<string>((resolve, reject) => {
          let buf = '';
          child.stdout.on('data', (d: Buffer) => {
            buf += d.toString();
            storageLine = /HQ storage: (.*)/.exec(buf)?.[1] ?? storageLine;
            const m = /HQ listening on (\S+)/.exec(buf);
            if (m?.[1]) resolve(m[1]);
          });
          child.on('exit', (code) => reject(new Error(`hq exited ${code}`)));
        });
        expect(storageLine).toMatch(backend.name === 'postgres' ? /^postgresql:\/\/[^@]*$/ : /^sqlite /);
        expect((await post(makeBundle({ sessionId: 'cli-1', registerCode: 'POS009' }), key)).status).toBe(201);
        expect((await post(makeBundle({ sessionId: 'cli-2', registerCode: 'POS001' }), key)).status).toBe(403);
      } finally {
        child.kill('SIGTERM');
        await new Promise((r) => child.once('exit', r));
      }
    } finally {
      await cliStorage.drop();
      await start();
    }
  });
});
});
