// A stored session's Z report at HQ: the register's A4 page built from the bundle HQ holds, printed to PDF by the real
// Chromium as the console's browser would, read back with pdftotext and drawn to PNG with pdftoppm
// (e2e/screens/hq-z-a4.png, to look at).
import { chromium } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyBundle } from '../../src/sync/protocol';
import { makeBundle } from '../fixtures';
import { sha256Hex } from '../sha256';
import { SqliteHqStore } from '../sqlite-store';
import { summarize } from '../summary';
import { zReportHtml, zReportInputOf } from './zreport';

const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const SCREENS = path.resolve('e2e/screens');

let dir: string;
let store: SqliteHqStore;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'arqueo-hq-z-'));
  store = SqliteHqStore.inDir(dir);
  await store.masterUpdate(
    [],
    () => ({
      ok: true,
      value: null,
      writes: [
        { entity: 'BRANCH', key: 'SUC001', branch: 'SUC001', logged: true, data: JSON.stringify({ id: 'b1', code: 'SUC001', name: 'Almacén Doña Peñaranda', timeZone: 'America/La_Paz', currency: 'BOB', taxId: '1023456027', address: 'Av. Ballivián 1234, La Paz', phone: '2791234', defaultTaxRateBp: 1300 }) },
        { entity: 'REGISTER', key: 'SUC001/POS001', branch: 'SUC001', logged: true, data: JSON.stringify({ id: 'r1', branchCode: 'SUC001', code: 'POS001', name: 'Caja principal' }) },
        { entity: 'USER', key: 'ana', branch: null, logged: true, data: JSON.stringify({ id: 'u-ana', username: 'ana', name: 'Ana Mamani', role: 'CASHIER', active: true, branchCode: null }) },
      ],
    }),
    '2026-11-01T00:00:00.000Z',
  );
  const v = verifyBundle(sha256Hex, makeBundle({ sessionId: 'z-1', number: 1, businessDate: '2026-11-02', userId: 'u-ana', sales: [1000, 2500, 4000], voids: [2], refunds: [700], discounts: [0, 300], difference: -500, noSales: 2, cashOutRefused: [9000] }));
  if (!v.ok) throw new Error('fixture does not verify');
  await store.ingest(v.value, summarize(v.value), '2026-11-03T00:00:00.000Z');
});

afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('Z report at HQ', () => {
  it('carries the sealed figures: sales, voids, refunds, discounts, refused cash-outs, no-sales, expected and difference', () => {
    const bundle = makeBundle({ sessionId: 'z-2', number: 2, userId: 'u-ana', sales: [1000, 2500], discounts: [0, 300], difference: -500, noSales: 2, cashOutRefused: [9000] });
    const input = zReportInputOf(bundle, (id) => (id === 'u-ana' ? 'Ana Mamani' : id), '2026-11-03T00:00:00.000Z');
    expect(input).toMatchObject({
      salesCount: 2,
      salesTotal: 3500,
      discounts: { count: 1, total: 300 },
      cashOutRefusals: { count: 1, total: 9000 },
      expectedCash: 13500,
      drawer: { openings: 2, noSale: 2, cashRounding: 0 },
      byMethod: [{ method: 'CASH', amount: 3500 }],
    });
  });

  it('renders the register’s A4 layout to PDF in Chromium, with HQ’s names', async () => {
    const html = await zReportHtml(store, 'z-1', '2026-11-03T12:00:00.000Z');
    expect(html).not.toBeNull();
    expect(await zReportHtml(store, 'nope', '2026-11-03T12:00:00.000Z')).toBeNull();
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'] });
    try {
      const page = await browser.newPage();
      await page.setContent(html ?? '', { waitUntil: 'load' });
      const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true });
      const file = path.join(dir, 'z.pdf');
      writeFileSync(file, pdf);
      const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
      expect(info).toMatch(/Page size:\s+[\d.]+ x [\d.]+ pts \(A4\)/);
      const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
      expect(text).toContain('Almacén Doña Peñaranda');
      expect(text).toContain('REPORTE Z');
      expect(text).toMatch(/Caja\s+POS001 · Caja principal/);
      expect(text).toMatch(/Cajero\s+Ana Mamani/);
      expect(text).toMatch(/TOTAL VENTAS\s+Bs 28,00/);
      expect(text).toMatch(/Anulaciones \(1\)\s+Bs 40,00/);
      expect(text).toMatch(/Devoluciones \(1\)\s+Bs 7,00/);
      expect(text).toMatch(/Salidas rechazadas: 1\s+Bs 90,00/);
      expect(text).toMatch(/Aperturas sin venta\s+2/);
      expect(text).toMatch(/Conciliación por medio de pago/);
      mkdirSync(SCREENS, { recursive: true });
      execFileSync('pdftoppm', ['-png', '-r', '80', '-singlefile', file, path.join(SCREENS, 'hq-z-a4')]);
    } finally {
      await browser.close();
    }
  });
});
