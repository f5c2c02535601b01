// Each test gets its own data folder and its own browser-mode server on a free loopback port, serving the built
// renderer (dist/app) and the real engine.
import { test as base, expect } from '@playwright/test';
import type { Page } from '@playwright/test';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openEngine } from '../engine';
import { createRpcServer, listen } from '../electron/serve';
import { createPrintHost } from '../electron/printing/host';

export const SCREENS_DIR = path.resolve('e2e/screens');

interface Fixtures {
  /** Seed the demo store (default); `test.use({ demo: false })` starts from an empty data folder (setup). */
  demo: boolean;
  /** The test's data folder. */
  dataDir: string;
  baseURL: string;
  /** Saves a screenshot of the viewport (or of the whole page with `fullPage`) to e2e/screens/. */
  shot: (name: string, options?: { fullPage?: boolean }) => Promise<void>;
}

export const test = base.extend<Fixtures>({
  demo: [true, { option: true }],
  // eslint-disable-next-line no-empty-pattern
  dataDir: async ({}, use) => {
    const dir = mkdtempSync(path.join(tmpdir(), 'arqueo-e2e-'));
    await use(dir);
    rmSync(dir, { recursive: true, force: true });
  },
  baseURL: async ({ demo, dataDir: dir }, use) => {
    const { engine } = openEngine(dir, { demo, pinCost: { N: 1024, r: 8, p: 1 } });
    // Printing as browser mode does it (demo registers have no printer, so nothing prints unless a test sets one up);
    // a failed job is retried only when someone asks, so a test decides when "reimprimir" happens.
    const printHost = createPrintHost(engine.store.db, { backoffMs: () => 10 * 60_000, timeoutMs: 1500, statusWaitMs: 200 });
    const server = createRpcServer(engine, { port: 0, staticDir: path.resolve('dist/app'), afterReply: (name, input, reply) => printHost.afterReply(name, input, reply) });
    const port = await listen(server, 0);
    await use(`http://127.0.0.1:${port}`);
    await new Promise((r) => server.close(r));
    printHost.close();
    engine.close();
  },
  shot: async ({ page }: { page: Page }, use, info) => {
    mkdirSync(SCREENS_DIR, { recursive: true });
    await use(async (name, options) => {
      await page.screenshot({ path: path.join(SCREENS_DIR, `${info.titlePath.slice(1).join(' - ').replace(/[^\w-]+/g, '_')}-${name}.png`), fullPage: options?.fullPage ?? false });
    });
  },
});

export { expect };
