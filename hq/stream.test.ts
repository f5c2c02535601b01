// Live streaming at HQ over real HTTP on loopback, once per storage backend (a SQLite file; PostgreSQL when
// DATABASE_URL_TEST names a server, each test in its own schema): batches stored once per (session, seq), repeats and
// overlaps answered with the same head, gaps named, rewrites of acknowledged entries refused with both versions kept
// (in a batch and at close), rewrites HQ never saw accepted, one session id per (branch, register, number), a key
// streams only its own register, and the backlog each register reports.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { LedgerEntry } from '../src/sync/chain';
import { entryHash } from '../src/sync/chain';
import type { SessionBundle } from '../src/sync/protocol';
import { canonicalEntries } from '../src/sync/protocol';
import type { EntryBatch, StreamAck } from '../src/sync/stream';
import { canonicalEntry } from './anchor';
import { makeBundle, sealChain } from './fixtures';
import { createKey } from './keys';
import { PgHqStore } from './pg-store';
import { pgScratch, pgTestUrl } from './pg-testing';
import type { HqServer } from './server';
import { createHqServer } from './server';
import { sha256Hex } from './sha256';
import { SqliteHqStore } from './sqlite-store';
import type { HqStore, TamperRecord } from './store';
import type { RegisterStreamView } from './stream';

interface Backend {
  readonly name: string;
  fresh(): Promise<{ store: HqStore; drop(): Promise<void> }>;
}
const backends: Backend[] = [
  {
    name: 'sqlite',
    fresh: () => {
      const dir = mkdtempSync(path.join(tmpdir(), 'arqueo-hq-stream-'));
      return Promise.resolve({ store: SqliteHqStore.inDir(dir), drop: () => Promise.resolve(rmSync(dir, { recursive: true, force: true })) });
    },
  },
];
const pgUrl = pgTestUrl();
if (pgUrl) {
  backends.push({
    name: 'postgres',
    fresh: async () => {
      const scratch = await pgScratch(pgUrl, 'hq_stream');
      return { store: await PgHqStore.open(scratch.url, { max: 4 }), drop: () => scratch.drop() };
    },
  });
} else {
  console.log('hq/stream.test.ts: PostgreSQL cases skipped (no DATABASE_URL_TEST; run under scripts/pg-test.sh)');
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

interface Hq {
  url: string;
  store: HqStore;
  keys: { POS001: string; POS002: string; admin: string };
}
async function startHq(backend: Backend): Promise<Hq> {
  const { store, drop } = await backend.fresh();
  const server: HqServer = createHqServer({ store, rateLimit: null });
  const url = await server.listen(0);
  cleanups.push(async () => {
    await server.close();
    await store.close();
    await drop();
  });
  const keys = {
    POS001: await createKey(store, { role: 'REGISTER', branchCode: 'SUC001', registerCode: 'POS001' }),
    POS002: await createKey(store, { role: 'REGISTER', branchCode: 'SUC001', registerCode: 'POS002' }),
    admin: await createKey(store, { role: 'ADMIN' }),
  };
  return { url, store, keys };
}

async function post(hq: Hq, p: string, body: unknown, key: string): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(`${hq.url}${p}`, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` } });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}
async function get<T>(hq: Hq, p: string): Promise<T> {
  const res = await fetch(`${hq.url}${p}`, { headers: { authorization: `Bearer ${hq.keys.admin}` } });
  expect(res.status).toBe(200);
  return (await res.json()) as T;
}

/** A batch of `bundle`'s entries with seq in [from, to]. */
function batchOf(bundle: SessionBundle, from: number, to: number, entries: readonly LedgerEntry[] = bundle.entries): EntryBatch {
  const { status: _status, entries: _all, ...header } = bundle;
  return { ...header, entries: entries.filter((e) => e.seq >= from && e.seq <= to) as EntryBatch['entries'], backlog: { entries: entries.length - to, sessions: 0 } };
}
const send = (hq: Hq, batch: EntryBatch, key = hq.keys.POS001) => post(hq, '/v1/entries', batch, key);
const deliver = (hq: Hq, bundle: SessionBundle, key = hq.keys.POS001) => post(hq, '/v1/sessions', bundle, key);

/** `entries` with entry `seq` given another time, and every hash from there on recomputed (a consistent forgery). */
function rewritten(entries: readonly LedgerEntry[], seq: number): LedgerEntry[] {
  const out: LedgerEntry[] = [];
  let prev: string | null = null;
  for (const e of entries) {
    if (e.seq < seq) {
      out.push(e);
      prev = e.hash;
      continue;
    }
    const unsealed = { ...e, at: e.seq === seq ? '2026-11-22T14:00:00.001Z' : e.at, prevHash: prev ?? e.prevHash };
    const hash = entryHash(sha256Hex, unsealed);
    out.push({ ...unsealed, hash });
    prev = hash;
  }
  return out;
}

const streamed = async (hq: Hq, id: string) => (await hq.store.streamEntries(id)).map((e) => e.entry);

for (const backend of backends) {
  describe(`live streaming at HQ (${backend.name})`, () => {
    it('stores each entry once per (session, seq); repeats and overlaps get the same head; the close verifies against it', async () => {
      const hq = await startHq(backend);
      const bundle = makeBundle({ sessionId: `st-${backend.name}-1`, sales: [1000, 2000, 3000, 4000] });
      const n = bundle.entries.length; // open, 4 sales, close
      const a = await send(hq, batchOf(bundle, 1, 2));
      expect(a).toMatchObject({ status: 200, json: { seq: 2, stored: 2, sealed: false } });
      expect((await send(hq, batchOf(bundle, 1, 2))).json).toMatchObject({ seq: 2, stored: 0 });
      expect((await send(hq, batchOf(bundle, 2, 4))).json).toMatchObject({ seq: 4, stored: 2, hash: bundle.entries[3]?.hash });
      expect((await send(hq, batchOf(bundle, 5, 5))).json).toMatchObject({ seq: 5, stored: 1 });
      expect(await streamed(hq, bundle.sessionId)).toEqual(bundle.entries.slice(0, 5).map(canonicalEntry));
      // The close: the whole ledger, its acknowledged prefix unchanged.
      expect((await deliver(hq, bundle)).status).toBe(201);
      expect((await deliver(hq, bundle)).status).toBe(200);
      // A late batch of a sealed session is compared with the sealed ledger and answered with its head.
      expect((await send(hq, batchOf(bundle, 3, n))).json).toMatchObject({ seq: n, stored: 0, sealed: true });
      expect(await streamed(hq, bundle.sessionId)).toEqual(bundle.entries.slice(0, 5).map(canonicalEntry));
      const stored = await hq.store.getSession(bundle.sessionId);
      expect(canonicalEntries((JSON.parse(stored?.canonical ?? '{}') as SessionBundle).entries)).toBe(canonicalEntries(bundle.entries));
    });

    it('a batch past HQ\'s head is refused STREAM_GAP naming the head; a session delivered only at close verifies as today', async () => {
      const hq = await startHq(backend);
      const bundle = makeBundle({ sessionId: `st-${backend.name}-gap`, sales: [1000, 2000, 3000] });
      expect((await send(hq, batchOf(bundle, 2, 3))).json).toMatchObject({ error: { reason: 'STREAM_GAP', details: { headSeq: 0 } } });
      await send(hq, batchOf(bundle, 1, 2));
      const gap = await send(hq, batchOf(bundle, 4, 4));
      expect(gap).toMatchObject({ status: 409, json: { error: { reason: 'STREAM_GAP', details: { headSeq: 2 } } } });
      const offline = makeBundle({ sessionId: `st-${backend.name}-offline`, sales: [500] });
      expect((await deliver(hq, offline)).status).toBe(201);
      expect(await streamed(hq, offline.sessionId)).toEqual([]);
    });

    it('rewriting an acknowledged entry is refused as tampering, in the next batch and at close, with both versions kept', async () => {
      const hq = await startHq(backend);
      const bundle = makeBundle({ sessionId: `st-${backend.name}-rw`, sales: [1000, 2000, 3000, 4000] });
      await send(hq, batchOf(bundle, 1, 4));
      const forged = rewritten(bundle.entries, 2); // seq 2 acknowledged; 2.. rehashed
      // The next batch links to a head HQ never acknowledged.
      const next = await send(hq, batchOf(bundle, 5, 5, forged));
      expect(next).toMatchObject({ status: 409, json: { error: { reason: 'CHAIN_REWRITTEN', details: { seq: 4 } } } });
      // A batch carrying the rewritten entry itself.
      const again = await send(hq, batchOf(bundle, 2, 3, forged));
      expect(again).toMatchObject({ status: 409, json: { error: { reason: 'CHAIN_REWRITTEN', details: { seq: 2 } } } });
      // The close of the forged ledger: it verifies on its own, but contradicts what HQ acknowledged.
      const close = await deliver(hq, { ...bundle, entries: forged as SessionBundle['entries'] });
      expect(close).toMatchObject({ status: 409, json: { error: { reason: 'CHAIN_REWRITTEN', details: { seq: 2 } } } });
      expect(await hq.store.getSession(bundle.sessionId)).toBeNull();
      const { tampering } = await get<{ tampering: TamperRecord[] }>(hq, '/v1/stream/tampering');
      expect(tampering.map((t) => [t.via, t.seq])).toEqual([
        ['BATCH', 4],
        ['BATCH', 2],
        ['SEAL', 2],
      ]);
      const seal = tampering[2];
      expect(seal?.storedEntry).toBe(canonicalEntry(bundle.entries[1] as LedgerEntry));
      expect(seal?.receivedEntry).toBe(canonicalEntry(forged[1] as LedgerEntry));
      const rejected = (await get<{ rejected: { reason: string; sessionId: string }[] }>(hq, '/v1/rejected')).rejected;
      expect(rejected.filter((r) => r.sessionId === bundle.sessionId).map((r) => r.reason)).toEqual(['CHAIN_REWRITTEN', 'CHAIN_REWRITTEN', 'CHAIN_REWRITTEN']);
      // HQ's record is untouched: the genuine ledger still closes.
      expect(await streamed(hq, bundle.sessionId)).toEqual(bundle.entries.slice(0, 4).map(canonicalEntry));
      expect((await deliver(hq, bundle)).status).toBe(201);
    });

    it('a rewrite of entries HQ never saw is accepted (anchors protect only what was acknowledged)', async () => {
      const hq = await startHq(backend);
      const bundle = makeBundle({ sessionId: `st-${backend.name}-unseen`, sales: [1000, 2000, 3000, 4000] });
      await send(hq, batchOf(bundle, 1, 3));
      const forged = rewritten(bundle.entries, 4);
      expect((await send(hq, batchOf(bundle, 4, 5, forged))).json).toMatchObject({ seq: 5, stored: 2 });
      expect((await deliver(hq, { ...bundle, entries: forged as SessionBundle['entries'] })).status).toBe(201);
    });

    it('one identity: another session id for a taken (branch, register, number) and another register\'s key are refused', async () => {
      const hq = await startHq(backend);
      const bundle = makeBundle({ sessionId: `st-${backend.name}-id`, sales: [1000, 2000], number: 41 });
      await send(hq, batchOf(bundle, 1, 2));
      // The same number under a new session id, rehashed throughout: streamed, then sealed.
      const copyId = `${bundle.sessionId}-copy`;
      const copyEntries = sealChain(
        copyId,
        bundle.entries.map((e) => ({ kind: e.kind, payload: e.payload }) as Parameters<typeof sealChain>[1][number]),
        '2026-11-22T14:00:00.000Z',
      );
      const copy: SessionBundle = { ...bundle, sessionId: copyId, entries: copyEntries as SessionBundle['entries'] };
      const taken = await send(hq, batchOf(copy, 1, 2));
      expect(taken).toMatchObject({ status: 409, json: { error: { reason: 'SESSION_NUMBER_TAKEN', details: { storedSessionId: bundle.sessionId } } } });
      expect((await deliver(hq, copy)).json).toMatchObject({ error: { reason: 'SESSION_NUMBER_TAKEN' } });
      expect(await streamed(hq, copyId)).toEqual([]);
      // Another register's key: refused whatever the body says.
      expect(await send(hq, batchOf(bundle, 3, 3), hq.keys.POS002)).toMatchObject({ status: 403, json: { error: { reason: 'WRONG_REGISTER' } } });
      // ... and a body rewritten to name that register, for a session streamed by POS001.
      const posing = { ...batchOf(bundle, 3, 3), registerCode: 'POS002' };
      expect(await send(hq, posing, hq.keys.POS002)).toMatchObject({ status: 403, json: { error: { reason: 'WRONG_REGISTER' } } });
      expect(await streamed(hq, bundle.sessionId)).toHaveLength(2);
      // The genuine session goes on.
      expect((await send(hq, batchOf(bundle, 3, 3))).json).toMatchObject({ seq: 3 });
      expect((await deliver(hq, bundle)).status).toBe(201);
    });

    it('a batch that does not verify on its own is refused with its reason and kept', async () => {
      const hq = await startHq(backend);
      const bundle = makeBundle({ sessionId: `st-${backend.name}-bad`, sales: [1000, 2000] });
      const badHash = batchOf(bundle, 1, 2);
      const second = badHash.entries[1];
      if (second?.kind === 'SALE') badHash.entries[1] = { ...second, payload: { ...second.payload, total: second.payload.total + 1 } };
      expect((await send(hq, badHash)).json).toMatchObject({ error: { reason: 'BAD_HASH', details: { seq: 2 } } });
      const gap = { ...batchOf(bundle, 1, 3), entries: [bundle.entries[0], bundle.entries[2]] as EntryBatch['entries'] };
      expect((await send(hq, gap)).json).toMatchObject({ error: { reason: 'SEQUENCE_GAP' } });
      expect((await send(hq, { ...batchOf(bundle, 1, 1), sessionNumber: 'T-POS001-20261122-999' })).json).toMatchObject({ error: { reason: 'HEADER_MISMATCH' } });
      expect((await send(hq, { ...batchOf(bundle, 1, 1), extra: 1 } as EntryBatch)).json).toMatchObject({ error: { reason: 'MALFORMED' } });
      expect(await streamed(hq, bundle.sessionId)).toEqual([]);
      expect((await get<{ rejected: unknown[] }>(hq, '/v1/rejected')).rejected).toHaveLength(4);
    });

    it('live views: open drawers folded from their streamed entries, and a branch\'s day with sealed and provisional sessions', async () => {
      const hq = await startHq(backend);
      const open = makeBundle({ sessionId: `st-${backend.name}-live-open`, sales: [1000, 2500, 4000], number: 61 });
      const closed = makeBundle({ sessionId: `st-${backend.name}-live-closed`, sales: [700], number: 62 });
      await send(hq, batchOf(open, 1, 3)); // opening and two sales so far
      expect((await deliver(hq, closed)).status).toBe(201);
      const { drawers } = await get<{ drawers: Record<string, unknown>[] }>(hq, '/v1/live/drawers');
      expect(drawers).toHaveLength(1);
      expect(drawers[0]).toMatchObject({
        sessionId: open.sessionId,
        registerCode: 'POS001',
        status: 'OPEN',
        cashier: { userId: 'user-1' },
        openingAmount: 10_000,
        salesCount: 2,
        salesTotal: 3500,
        byMethod: { CASH: 3500 },
        expectedCash: 13_500,
        lastEntry: { seq: 3, kind: 'SALE' },
        provisional: true,
      });
      const day = await get<{ provisional: boolean; registers: { registerCode: string; sessions: { sessionId: string; provisional: boolean }[] }[]; totals: { currency: string; salesCount: number; salesTotal: number; provisional: boolean }[] }>(
        hq,
        '/v1/live/day?branch=SUC001&date=2026-11-22',
      );
      expect(day.provisional).toBe(true);
      expect(day.registers[0]?.sessions.map((x) => [x.sessionId, x.provisional]).sort()).toEqual(
        [
          [closed.sessionId, false],
          [open.sessionId, true],
        ].sort(),
      );
      expect(day.totals).toEqual([expect.objectContaining({ currency: 'BOB', salesCount: 3, salesTotal: 4200, provisional: true })]);
      // Sealed: the drawer leaves the live list and the day is final.
      await send(hq, batchOf(open, 4, 4));
      expect((await deliver(hq, open)).status).toBe(201);
      expect((await get<{ drawers: unknown[] }>(hq, '/v1/live/drawers')).drawers).toEqual([]);
      const final = await get<{ provisional: boolean; totals: { salesCount: number; provisional: boolean }[] }>(hq, '/v1/live/day?branch=SUC001&date=2026-11-22');
      expect(final).toMatchObject({ provisional: false, totals: [{ salesCount: 4, provisional: false }] });
    });

    it('shows each register\'s reported backlog and open streams, with the lag of its newest entry', async () => {
      const hq = await startHq(backend);
      const a = makeBundle({ sessionId: `st-${backend.name}-lag`, sales: [1000, 2000, 3000] });
      const ack = (await send(hq, { ...batchOf(a, 1, 2), backlog: { entries: 3, sessions: 1 } })).json as unknown as StreamAck;
      expect(ack.seq).toBe(2);
      const { registers } = await get<{ registers: RegisterStreamView[] }>(hq, '/v1/stream/registers');
      expect(registers).toHaveLength(1);
      expect(registers[0]).toMatchObject({ branchCode: 'SUC001', registerCode: 'POS001', backlog: { entries: 3, sessions: 1 }, open: [{ sessionId: a.sessionId, headSeq: 2 }] });
      expect(registers[0]?.lagSeconds).toBeGreaterThan(0);
      await deliver(hq, a);
      expect((await get<{ registers: RegisterStreamView[] }>(hq, '/v1/stream/registers')).registers[0]?.open).toEqual([]);
    });
  });
}
