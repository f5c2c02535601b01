// The report routes over real HTTP on loopback, once per backend (real SQLite; real PostgreSQL under
// scripts/pg-test.sh): sessions by filter in keyset pages, the daily report, over/short by cashier, the CSV exports and
// a session's Z page, from sessions ingested as real hash-chained bundles; bad queries are 400 VALIDATION_FAILED.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyBundle } from '../../src/sync/protocol';
import { makeBundle } from '../fixtures';
import { createKey } from '../keys';
import { addBranch, addUser } from '../master';
import { pgTestUrl } from '../pg-testing';
import type { Opened } from '../store-testing';
import { storeBackends } from '../store-testing';
import type { HqServer } from '../server';
import { createHqServer } from '../server';
import { sha256Hex } from '../sha256';
import { summarize } from '../summary';

const backends = storeBackends('arqueo-hq-report-routes-');
if (!pgTestUrl()) {
  it.skip('report routes on PostgreSQL (no DATABASE_URL_TEST: run under scripts/pg-test.sh)', () => undefined);
}

for (const backend of backends) {
  describe(`report routes (${backend.name})`, () => {
    let opened: Opened;
    let hq: HqServer;
    let url: string;
    let key: string;
    let ana = '';
    beforeEach(async () => {
      opened = await backend.open();
      const at = new Date('2026-11-01T00:00:00.000Z');
      await addBranch(opened.store, { code: 'SUC001', name: 'Centro', timeZone: 'America/La_Paz', currency: 'BOB' }, at);
      ana = (await addUser(opened.store, { branchCode: 'SUC001', username: 'ana', name: 'Ana Mamani', role: 'CASHIER', pin: '4826' }, at)).id;
      const specs = [
        { sessionId: 'rr-1', businessDate: '2026-11-01', sales: [1000, 2500], difference: -500 },
        { sessionId: 'rr-2', businessDate: '2026-11-02', sales: [4000], difference: 200 },
        { sessionId: 'rr-3', businessDate: '2026-11-03', sales: [700], difference: -100 },
      ];
      for (const [i, spec] of specs.entries()) {
        const v = verifyBundle(sha256Hex, makeBundle({ branchCode: 'SUC001', registerCode: 'POS001', userId: ana, number: i + 1, at: `${spec.businessDate}T14:00:00.000Z`, ...spec }));
        if (!v.ok) throw new Error(`fixture ${spec.sessionId} does not verify`);
        expect((await opened.store.ingest(v.value, summarize(v.value), '2026-11-04T00:00:00.000Z')).kind).toBe('stored');
      }
      key = await createKey(opened.store, { role: 'ADMIN' });
      hq = createHqServer({ store: opened.store, rateLimit: null, now: () => new Date('2026-11-04T12:00:00.000Z') });
      url = await hq.listen(0);
    });
    afterEach(async () => {
      await hq.close();
      await opened.drop();
    });
    const get = async (p: string) => {
      const res = await fetch(`${url}${p}`, { headers: { authorization: `Bearer ${key}` } });
      return { status: res.status, type: res.headers.get('content-type') ?? '', csp: res.headers.get('content-security-policy'), text: await res.text() };
    };

    it('pages sessions newest first by cursor, filtered; daily and over/short add up to the sessions', async () => {
      const first = await get('/v1/reports/sessions?from=2026-11-01&to=2026-11-30&limit=2');
      expect(first.status).toBe(200);
      const p1 = JSON.parse(first.text) as { items: { sessionId: string; cashier: { name: string } | null }[]; next: string | null };
      expect(p1.items.map((s) => s.sessionId)).toEqual(['rr-3', 'rr-2']);
      expect(p1.items[0]?.cashier?.name).toBe('Ana Mamani');
      const p2 = JSON.parse((await get(`/v1/reports/sessions?from=2026-11-01&to=2026-11-30&limit=2&cursor=${p1.next ?? ''}`)).text) as { items: { sessionId: string }[]; next: string | null };
      expect([p2.items.map((s) => s.sessionId), p2.next]).toEqual([['rr-1'], null]);
      const short = JSON.parse((await get('/v1/reports/sessions?difference=SHORT')).text) as { items: { sessionId: string }[] };
      expect(short.items.map((s) => s.sessionId)).toEqual(['rr-3', 'rr-1']);

      const daily = JSON.parse((await get('/v1/reports/daily-range?from=2026-11-01&to=2026-11-03')).text) as { overall: { currency: string; totals: { sessions: number; salesTotal: number; difference: number } }[] };
      expect(daily.overall).toEqual([{ currency: 'BOB', totals: expect.objectContaining({ sessions: 3, salesTotal: 8200, difference: -400 }) }]);
      const os = JSON.parse((await get('/v1/reports/over-short?from=2026-11-01&to=2026-11-30')).text) as { cashiers: { cashier: { username: string } | null; shortCount: number; shortTotal: number; overCount: number; overTotal: number }[] };
      expect(os.cashiers).toEqual([expect.objectContaining({ cashier: { username: 'ana', name: 'Ana Mamani' }, shortCount: 2, shortTotal: 600, overCount: 1, overTotal: 200 })]);
    });

    it('exports CSV, serves the Z page with its own CSP, and refuses bad queries and unknown sessions', async () => {
      const sessions = await get('/v1/reports/sessions.csv?from=2026-11-01&to=2026-11-30');
      expect([sessions.status, sessions.type]).toEqual([200, 'text/csv; charset=utf-8']);
      expect(sessions.text.split('\r\n').filter((l) => l.includes('Ana Mamani'))).toHaveLength(3);
      expect((await get('/v1/reports/sales.csv?from=2026-11-01&to=2026-11-30')).status).toBe(200);
      const daily = await get('/v1/reports/daily-range.csv?from=2026-11-01&to=2026-11-30');
      expect(daily.text).toContain('SUC001');
      const z = await get('/v1/reports/z/rr-1');
      expect([z.status, z.type]).toEqual([200, 'text/html; charset=utf-8']);
      expect(z.csp).toContain("default-src 'none'");
      expect(z.text).toContain('Ana Mamani');
      expect((await get('/v1/reports/z/nope')).status).toBe(404);
      for (const bad of ['/v1/reports/sessions?limit=0', '/v1/reports/sessions?cursor=zzz', '/v1/reports/daily-range?from=2026-11-02', '/v1/reports/over-short?from=2026-11-05&to=2026-11-01', '/v1/reports/sessions.csv?from=2026-11-01', '/v1/reports/sessions?branch=SUC001&evil=1']) {
        const r = await get(bad);
        expect([bad, r.status, (JSON.parse(r.text) as { error: { code: string } }).error.code]).toEqual([bad, 400, 'VALIDATION_FAILED']);
      }
    });
  });
}
