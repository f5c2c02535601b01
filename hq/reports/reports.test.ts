// HQ's report layer on both stores: sessions seeded as real hash-chained bundles (hq/fixtures.ts), verified and
// ingested like a delivery, then read back through the store's report methods, the CSV exports and the backfill.
// Every expected figure below is worked out by hand from the seeded sessions.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyBundle } from '../../src/sync/protocol';
import type { BundleSpec } from '../fixtures';
import { makeBundle } from '../fixtures';
import { PgHqStore } from '../pg-store';
import { pgScratch, pgTestUrl } from '../pg-testing';
import { sha256Hex } from '../sha256';
import { SqliteHqStore } from '../sqlite-store';
import type { HqStore } from '../store';
import { summarize } from '../summary';
import { dailyCsv, safeCell, salesCsv, sessionsCsv } from './csv';
import { DailyQuerySchema, ExportQuerySchema, OverShortQuerySchema, SessionsQuerySchema, decodeCursor, encodeCursor } from './schemas';

interface Opened {
  store: HqStore;
  exec(sql: string): Promise<void>;
  drop(): Promise<void>;
}
const backends: { name: string; open(): Promise<Opened> }[] = [
  {
    name: 'sqlite',
    open: () => {
      const dir = mkdtempSync(path.join(tmpdir(), 'arqueo-hq-reports-'));
      const store = SqliteHqStore.inDir(dir);
      return Promise.resolve({
        store,
        exec: (sql) => Promise.resolve(void store.sqlite.exec(sql)),
        drop: () => store.close().then(() => rmSync(dir, { recursive: true, force: true })),
      });
    },
  },
];
const pgBase = pgTestUrl();
if (pgBase) {
  backends.push({
    name: 'postgres',
    open: async () => {
      const scratch = await pgScratch(pgBase);
      const store = await PgHqStore.open(scratch.url, { max: 3 });
      return { store, exec: async (sql) => void (await store.pool.query(sql)), drop: () => store.close().then(() => scratch.drop()) };
    },
  });
} else {
  it.skip('PostgreSQL reports (no DATABASE_URL_TEST: run under scripts/pg-test.sh)', () => undefined);
}

/** A formula a spreadsheet would run if the cell were written as is. */
const EVIL_NAME = "=cmd|' /C calc'!A0";

const SESSIONS: (BundleSpec & { sessionId: string })[] = [
  // Ana, La Paz (UTC−4): sales at 09:15 and 10:30 local, the second discounted 3.00; 5.00 short; two no-sales; a refused withdrawal of 90.00.
  { sessionId: 'r-s1', branchCode: 'SUC001', registerCode: 'POS001', businessDate: '2026-11-02', userId: 'u-ana', sales: [1000, 2500], saleTimes: ['2026-11-02T13:15:00.000Z', '2026-11-02T14:30:00.000Z'], discounts: [0, 300], difference: -500, noSales: 2, cashOutRefused: [9000] },
  // Ana, another register: a 40.00 sale voided, a 12.00 sale, a 7.00 refund; 12.00 short.
  { sessionId: 'r-s2', branchCode: 'SUC001', registerCode: 'POS002', businessDate: '2026-11-02', userId: 'u-ana', sales: [4000, 1200], voids: [0], refunds: [700], difference: -1200 },
  // Beto: 50.00, 3.00 over.
  { sessionId: 'r-s3', branchCode: 'SUC001', registerCode: 'POS001', businessDate: '2026-11-03', userId: 'u-beto', sales: [5000], difference: 300 },
  // Beto at a branch HQ has no record of (hours in UTC): 8.00, even.
  { sessionId: 'r-s4', branchCode: 'SUC002', registerCode: 'POS001', businessDate: '2026-11-03', userId: 'u-beto', sales: [800] },
  // Ana, before the range: 99.99 short.
  { sessionId: 'r-s5', branchCode: 'SUC001', registerCode: 'POS001', businessDate: '2026-10-31', userId: 'u-ana', sales: [100], difference: -9999 },
  // Carla, in pesos: 1.00 short; never added to bolivianos.
  { sessionId: 'r-s6', branchCode: 'SUC003', registerCode: 'POS001', businessDate: '2026-11-02', currency: 'ARS', userId: 'u-carla', sales: [150000], difference: -100 },
];

const NOVEMBER = { from: '2026-11-01', to: '2026-11-30' };

for (const backend of backends) {
  describe(`HQ reports (${backend.name})`, () => {
    let opened: Opened;
    let store: HqStore;
    beforeEach(async () => {
      opened = await backend.open();
      store = opened.store;
      const user = (id: string, username: string, name: string) => ({
        entity: 'USER',
        key: username,
        branch: null,
        logged: true,
        data: JSON.stringify({ id, username, name, role: 'CASHIER', pinHash: `scrypt$16384$8$1$${'0'.repeat(32)}$${'0'.repeat(64)}`, active: true, branchCode: null }),
      });
      await store.masterUpdate(
        [],
        () => ({
          ok: true,
          value: null,
          writes: [
            { entity: 'BRANCH', key: 'SUC001', branch: 'SUC001', logged: true, data: JSON.stringify({ id: 'b1', code: 'SUC001', name: 'Centro', timeZone: 'America/La_Paz', currency: 'BOB', taxId: null, address: null, phone: null, defaultTaxRateBp: 1300 }) },
            user('u-ana', 'ana', 'Ana Mamani'),
            user('u-beto', 'beto', 'Beto Quispe'),
            user('u-carla', 'carla', EVIL_NAME),
          ],
        }),
        '2026-11-01T00:00:00.000Z',
      );
      for (const spec of SESSIONS) {
        const v = verifyBundle(sha256Hex, makeBundle({ number: 1, ...spec }));
        if (!v.ok) throw new Error(`fixture ${spec.sessionId} does not verify: ${JSON.stringify(v.error)}`);
        const out = await store.ingest(v.value, summarize(v.value), '2026-11-04T00:00:00.000Z');
        expect(out.kind).toBe('stored');
      }
    });
    afterEach(async () => {
      await opened.drop();
    });

    it('over/short by cashier: sessions, how often and how much short or over, no-sales, refused cash-outs, voids, refunds, discounts', async () => {
      const r = await store.reportOverShort(OverShortQuerySchema.parse(NOVEMBER));
      expect(r.cashiers.map((c) => [c.cashierId, c.currency])).toEqual([
        ['u-ana', 'BOB'],
        ['u-carla', 'ARS'],
        ['u-beto', 'BOB'],
      ]);
      const [ana, carla, beto] = r.cashiers;
      expect(ana).toEqual({
        cashierId: 'u-ana',
        cashier: { username: 'ana', name: 'Ana Mamani' },
        currency: 'BOB',
        sessions: 2,
        shortCount: 2,
        shortTotal: 1700,
        shortMax: 1200,
        overCount: 0,
        overTotal: 0,
        overMax: 0,
        difference: -1700,
        noSaleCount: 2,
        cashOutRefusedCount: 1,
        cashOutRefusedTotal: 9000,
        voidsCount: 1,
        voidsTotal: 4000,
        refundsCount: 1,
        refundsTotal: 700,
        discountsCount: 1,
        discountsTotal: 300,
        // s1: 2 sales, 35.00; s2: 2 sales − 1 voided, 52.00 − 40.00 − 7.00 refunded.
        salesCount: 3,
        salesTotal: 4000,
      });
      expect(beto).toMatchObject({ sessions: 2, shortCount: 0, shortTotal: 0, overCount: 1, overTotal: 300, overMax: 300, difference: 300, noSaleCount: 0, salesTotal: 5800 });
      expect(carla).toMatchObject({ currency: 'ARS', sessions: 1, shortCount: 1, shortTotal: 100, shortMax: 100, cashier: { username: 'carla', name: EVIL_NAME } });
      expect(r.byDate).toEqual([
        { businessDate: '2026-11-02', currency: 'ARS', sessions: 1, shortCount: 1, shortTotal: 100, overCount: 0, overTotal: 0 },
        { businessDate: '2026-11-02', currency: 'BOB', sessions: 2, shortCount: 2, shortTotal: 1700, overCount: 0, overTotal: 0 },
        { businessDate: '2026-11-03', currency: 'BOB', sessions: 2, shortCount: 0, shortTotal: 0, overCount: 1, overTotal: 300 },
      ]);
      // One cashier over a wider range takes in October's 99.99 too; one branch leaves SUC002 out.
      const ana2 = await store.reportOverShort(OverShortQuerySchema.parse({ from: '2026-10-01', to: '2026-11-30', cashier: 'u-ana' }));
      expect(ana2.cashiers).toHaveLength(1);
      expect(ana2.cashiers[0]).toMatchObject({ sessions: 3, shortCount: 3, shortTotal: 11699, shortMax: 9999 });
      const suc1 = await store.reportOverShort(OverShortQuerySchema.parse({ ...NOVEMBER, branch: 'SUC001' }));
      expect(suc1.cashiers.find((c) => c.cashierId === 'u-beto')).toMatchObject({ sessions: 1, salesTotal: 5000 });
    });

    it('the daily report over a range: totals, by branch, by date, by store-local hour, tender mix; per currency', async () => {
      const r = await store.reportDaily(DailyQuerySchema.parse(NOVEMBER));
      expect(r.overall.map((o) => o.currency)).toEqual(['ARS', 'BOB']);
      const bob = r.overall.find((o) => o.currency === 'BOB')?.totals;
      expect(bob).toMatchObject({ sessions: 4, salesCount: 5, salesTotal: 9800, difference: -1400, shortCount: 2, shortTotal: 1700, overCount: 1, overTotal: 300, voidsCount: 1, refundsTotal: 700, discountsTotal: 300, noSaleCount: 2, cashOutRefusedTotal: 9000 });
      expect(bob?.byMethod.CASH).toBe(9800);
      expect(r.byBranch.map((b) => [b.branchCode, b.currency, b.totals.sessions, b.totals.salesTotal])).toEqual([
        ['SUC001', 'BOB', 3, 9000],
        ['SUC002', 'BOB', 1, 800],
        ['SUC003', 'ARS', 1, 150000],
      ]);
      expect(r.byDate.filter((d) => d.currency === 'BOB')).toEqual([
        { businessDate: '2026-11-02', currency: 'BOB', sessions: 2, salesCount: 3, salesTotal: 4000 },
        { businessDate: '2026-11-03', currency: 'BOB', sessions: 2, salesCount: 2, salesTotal: 5800 },
      ]);
      // La Paz is UTC−4: 13:15Z is 09 h, 14:00Z and 14:30Z are 10 h; SUC002 has no zone at HQ, so UTC: 14 h.
      expect(r.byHour.filter((h) => h.currency === 'BOB')).toEqual([
        { currency: 'BOB', hour: 9, salesCount: 1, salesTotal: 1000, refundsCount: 0, refundsTotal: 0, net: 1000 },
        { currency: 'BOB', hour: 10, salesCount: 3, salesTotal: 8700, refundsCount: 1, refundsTotal: 700, net: 8000 },
        { currency: 'BOB', hour: 14, salesCount: 1, salesTotal: 800, refundsCount: 0, refundsTotal: 0, net: 800 },
      ]);
      expect(r.byHour.filter((h) => h.currency === 'BOB').reduce((a, h) => a + h.net, 0)).toBe(bob?.salesTotal);
      expect(r.tenders).toEqual([
        { currency: 'ARS', method: 'CASH', amount: 150000 },
        { currency: 'BOB', method: 'CASH', amount: 9800 },
      ]);
      const one = await store.reportDaily(DailyQuerySchema.parse({ from: '2026-11-03', to: '2026-11-03', branch: 'SUC001' }));
      expect(one.overall).toEqual([{ currency: 'BOB', totals: expect.objectContaining({ sessions: 1, salesTotal: 5000, overTotal: 300 }) }]);
      expect(one.byHour).toEqual([{ currency: 'BOB', hour: 10, salesCount: 1, salesTotal: 5000, refundsCount: 0, refundsTotal: 0, net: 5000 }]);
    });

    it('sessions pages: newest first, filters, an opaque keyset cursor that walks every session once', async () => {
      const seen: string[] = [];
      let cursor: string | undefined;
      for (let i = 0; i < 10; i++) {
        const page = await store.reportSessions(SessionsQuerySchema.parse({ limit: '2', ...(cursor ? { cursor } : {}) }));
        seen.push(...page.items.map((s) => s.sessionId));
        if (!page.next) break;
        cursor = encodeCursor(page.next);
      }
      expect(seen).toEqual(['r-s4', 'r-s3', 'r-s6', 'r-s2', 'r-s1', 'r-s5']);
      const ana = await store.reportSessions(SessionsQuerySchema.parse({ cashier: 'u-ana' }));
      expect(ana.items.map((s) => s.sessionId)).toEqual(['r-s2', 'r-s1', 'r-s5']);
      expect(ana.next).toBeNull();
      expect(ana.items[1]).toMatchObject({ sessionNumber: 'T-POS001-20261102-001', timeZone: 'America/La_Paz', difference: -500, noSaleCount: 2, discountsTotal: 300, cashier: { username: 'ana' }, closeRefusedCount: 0 });
      const short = await store.reportSessions(SessionsQuerySchema.parse({ difference: 'SHORT', from: '2026-11-01' }));
      expect(short.items.map((s) => s.sessionId)).toEqual(['r-s6', 'r-s2', 'r-s1']);
      const reg = await store.reportSessions(SessionsQuerySchema.parse({ branch: 'SUC001', register: 'POS001', to: '2026-11-02', status: 'CLOSED' }));
      expect(reg.items.map((s) => s.sessionId)).toEqual(['r-s1', 'r-s5']);
    });

    it('a store whose rollups are missing (sessions stored before migration 6) is filled by the backfill, to the same figures', async () => {
      const before = [await store.reportDaily(DailyQuerySchema.parse(NOVEMBER)), await store.reportOverShort(OverShortQuerySchema.parse(NOVEMBER))];
      for (const t of ['report_hours', 'report_hours_all', 'report_days']) await opened.exec(`DELETE FROM ${t}`);
      await opened.exec('DELETE FROM report_sessions');
      expect((await store.reportSessions(SessionsQuerySchema.parse({}))).items).toEqual([]);
      expect(await store.backfillReports(4)).toBe(SESSIONS.length);
      expect(await store.backfillReports()).toBe(0);
      expect([await store.reportDaily(DailyQuerySchema.parse(NOVEMBER)), await store.reportOverShort(OverShortQuerySchema.parse(NOVEMBER))]).toEqual(before);
    });

    it('CSV: sessions, sales and the daily report with decimal amounts and formula cells defused', async () => {
      const text = async (it: AsyncIterable<string>) => {
        let s = '';
        for await (const chunk of it) s += chunk;
        return s;
      };
      const sessions = await text(sessionsCsv(store, ExportQuerySchema.parse(NOVEMBER)));
      expect(sessions.startsWith('\uFEFFsucursal,caja,turno,')).toBe(true);
      const lines = sessions.slice(1).trimEnd().split('\r\n');
      expect(lines).toHaveLength(1 + 5);
      const s1 = lines.find((l) => l.includes('T-POS001-20261102-001') && l.startsWith('SUC001'));
      expect(s1).toContain(',-5.00,');
      expect(s1).toContain(',35.00,');
      expect(s1).toContain('Ana Mamani');
      expect(s1).toContain(',2026-11-02T14:00:00.000Z,02/11/2026 10:00,');
      // The evil name is text, not a formula: a leading apostrophe.
      const carla = lines.find((l) => l.startsWith('SUC003'));
      expect(carla).toContain(`,carla,'=cmd|' /C calc'!A0,`);
      expect(carla).toContain(',1500.00,');

      const sales = await text(salesCsv(store, ExportQuerySchema.parse({ ...NOVEMBER, branch: 'SUC001' })));
      const saleLines = sales.slice(1).trimEnd().split('\r\n');
      // s1: 2 sales; s2: 2 sales (one voided) and a refund; s3: 1 sale.
      expect(saleLines).toHaveLength(1 + 6);
      expect(saleLines.filter((l) => l.startsWith('DEVOLUCION'))[0]).toContain(',-7.00,');
      expect(saleLines.filter((l) => l.includes(',sí,'))).toHaveLength(1);

      const daily = dailyCsv(await store.reportDaily(DailyQuerySchema.parse(NOVEMBER)));
      const dl = daily.slice(1).trimEnd().split('\r\n');
      expect(dl).toHaveLength(1 + 3 + 2);
      expect(dl.find((l) => l.includes(',TOTAL,BOB,'))).toMatch(/^2026-11-01,2026-11-30,TOTAL,BOB,4,5,98\.00,98\.00,/);
    });
  });
}

describe('report query schemas and CSV cells', () => {
  it('cursors round-trip, and a forged or malformed one is a validation error', () => {
    const c = { businessDate: '2026-11-02', hqSequence: 42 };
    expect(decodeCursor(encodeCursor(c))).toEqual(c);
    expect(decodeCursor('not a cursor!')).toBeNull();
    expect(decodeCursor(Buffer.from('["2026-11-02",-1]').toString('base64url'))).toBeNull();
    expect(decodeCursor(Buffer.from('{"a":1}').toString('base64url'))).toBeNull();
    expect(SessionsQuerySchema.safeParse({ cursor: 'eyJ9' }).success).toBe(false);
    expect(SessionsQuerySchema.parse({ cursor: encodeCursor(c) }).after).toEqual(c);
  });

  it('refuses backwards, overlong and malformed ranges, unknown keys and out-of-bounds limits', () => {
    expect(DailyQuerySchema.safeParse({ from: '2026-11-30', to: '2026-11-01' }).success).toBe(false);
    expect(DailyQuerySchema.safeParse({ from: '2025-01-01', to: '2026-01-02' }).success).toBe(false);
    expect(DailyQuerySchema.safeParse({ from: '2025-01-01', to: '2025-12-31' }).success).toBe(true);
    expect(DailyQuerySchema.safeParse({ from: '2026-02-30', to: '2026-03-01' }).success).toBe(false);
    expect(OverShortQuerySchema.safeParse({ from: '2026-11-01', to: '2026-11-02', branch: "x' OR 1=1" }).success).toBe(false);
    expect(SessionsQuerySchema.safeParse({ limit: '501' }).success).toBe(false);
    expect(SessionsQuerySchema.safeParse({ limit: '0' }).success).toBe(false);
    expect(SessionsQuerySchema.safeParse({ page: '2' }).success).toBe(false);
    expect(SessionsQuerySchema.parse({}).limit).toBe(50);
    expect(ExportQuerySchema.safeParse({ from: '2026-11-01' }).success).toBe(false);
  });

  it('defuses every formula lead (= + - @ tab CR) in text, never our own numbers', () => {
    for (const lead of ['=', '+', '-', '@', '\t', '\r']) expect(safeCell(`${lead}SUM(A1)`)).toBe(`'${lead}SUM(A1)`);
    expect(safeCell('-12.50')).toBe('-12.50');
    expect(safeCell('-3')).toBe('-3');
    expect(safeCell('-')).toBe("'-");
    expect(safeCell('Ana')).toBe('Ana');
    expect(safeCell(-7)).toBe('-7');
    expect(safeCell(null)).toBe('');
  });
});
