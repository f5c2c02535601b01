// UI figures (`npx tsx e2e/bench.ts`, after `vite build`): renderer JS size gzipped, page load to a sell-ready screen,
// and scan-to-cart-line latency, in Debian's Chromium against browser mode on a fresh demo store. Prints a table with
// PASS/MISS per target and writes bench/out/ui.json. Figures, not tests: nothing here fails the build.
import { chromium } from '@playwright/test';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { openEngine } from '../engine';
import { createRpcServer, listen } from '../electron/serve';

const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const LOADS = 7;
const SCANS = 120;

interface Figure {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  readonly target: number;
}

const pct = (xs: readonly number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? NaN;
};
const round = (v: number, d = 1) => Math.round(v * 10 ** d) / 10 ** d;

async function main(): Promise<void> {
  const assets = path.resolve('dist/app/assets');
  const js = readdirSync(assets).filter((f) => f.endsWith('.js'));
  if (js.length === 0) throw new Error('dist/app has no JS: run `npx vite build` first');
  const gzBytes = js.reduce((sum, f) => sum + gzipSync(readFileSync(path.join(assets, f)), { level: 9 }).length, 0);

  const dir = mkdtempSync(path.join(tmpdir(), 'arqueo-uibench-'));
  const { engine } = openEngine(dir, { demo: true, pinCost: { N: 1024, r: 8, p: 1 } });
  const server = createRpcServer(engine, { port: 0, staticDir: path.resolve('dist/app') });
  const port = await listen(server, 0);
  const base = `http://127.0.0.1:${port}`;
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'] });
  try {
    const rpc = async <T>(name: string, input: unknown, token?: string): Promise<T> => {
      const res = await fetch(`${base}/rpc/${name}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify(input),
      });
      const reply = (await res.json()) as { ok: boolean; data: T; error?: unknown };
      if (!reply.ok) throw new Error(`${name}: ${JSON.stringify(reply.error)}`);
      return reply.data;
    };
    const { token } = await rpc<{ token: string }>('auth.login', { username: 'maria', pin: '4444' });
    const { registers } = await rpc<{ registers: { id: string; code: string }[] }>('registers.list', {}, token);
    const pos1 = registers.find((r) => r.code === 'POS001');
    await rpc('cash.open', { registerId: pos1?.id, openingAmount: 50000 }, token);
    const { products } = await rpc<{ products: { barcode: string | null }[] }>('products.list', { pageSize: 100 }, token);
    const codes = products.map((p) => p.barcode).filter((b): b is string => b !== null);

    // Load to sell-ready: a signed-in cashier with an open session reloads the app; ready = the search box has focus.
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'es-BO' });
    await context.addInitScript((t) => sessionStorage.setItem('arqueo.token', t), token);
    const page = await context.newPage();
    const loads: number[] = [];
    for (let i = 0; i < LOADS; i++) {
      await page.goto(base);
      await page.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'search');
      loads.push(await page.evaluate(() => performance.now()));
    }

    // Scan latency: from the scanner's Enter (keydown) to the cart total changing on screen.
    await page.evaluate(() => {
      const w = window as unknown as { __lat: number[]; __t0: number };
      w.__lat = [];
      window.addEventListener('keydown', (e) => e.key === 'Enter' && (w.__t0 = performance.now()), true);
      new MutationObserver(() => w.__lat.push(performance.now() - w.__t0)).observe(document.body, {
        subtree: true,
        attributes: true,
        attributeFilter: ['data-minor'],
      });
    });
    const scan: number[] = [];
    for (let i = 0; i < SCANS; i++) {
      const code = codes[i % codes.length] ?? '';
      const before = await page.evaluate(() => (window as unknown as { __lat: number[] }).__lat.length);
      await page.keyboard.type(code, { delay: 3 });
      await page.keyboard.press('Enter');
      await page.waitForFunction((n) => (window as unknown as { __lat: number[] }).__lat.length > n, before);
      // The first change on screen after this Enter: the new line (or its quantity) and the total, in one commit.
      scan.push(await page.evaluate((n) => (window as unknown as { __lat: number[] }).__lat[n] ?? NaN, before));
    }

    const figures: Figure[] = [
      { name: 'renderer JS gzipped', value: round(gzBytes / 1024), unit: 'KB', target: 300 },
      { name: 'load to sell-ready (median)', value: round(pct(loads, 50)), unit: 'ms', target: 1000 },
      { name: 'load to sell-ready (worst)', value: round(Math.max(...loads)), unit: 'ms', target: 1000 },
      { name: 'scan to cart line p95', value: round(pct(scan, 95)), unit: 'ms', target: 50 },
    ];
    const rows = figures.map((f) => ({ ...f, status: f.value <= f.target ? 'PASS' : 'MISS' }));
    console.log('\nArqueo UI bench (Chromium, browser mode, 1366×768)\n');
    console.log(`${'figure'.padEnd(30)} ${'value'.padStart(10)} ${'target'.padStart(10)}  status`);
    for (const r of rows) console.log(`${r.name.padEnd(30)} ${`${r.value} ${r.unit}`.padStart(10)} ${`≤ ${r.target} ${r.unit}`.padStart(10)}  ${r.status}`);
    console.log(`\nload samples (ms): ${loads.map((v) => round(v)).join(', ')}`);
    console.log(`scan p50 ${round(pct(scan, 50))} ms, p95 ${round(pct(scan, 95))} ms, max ${round(Math.max(...scan))} ms over ${scan.length} scans`);
    mkdirSync('bench/out', { recursive: true });
    writeFileSync(
      'bench/out/ui.json',
      `${JSON.stringify({ at: new Date().toISOString(), chromium: CHROMIUM, figures: rows, loadsMs: loads, scanMs: { p50: pct(scan, 50), p95: pct(scan, 95), max: Math.max(...scan), n: scan.length } }, null, 2)}\n`,
    );
    console.log('written bench/out/ui.json');
  } finally {
    await browser.close();
    await new Promise((r) => server.close(r));
    engine.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

void main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
