// The desktop app's smoke test through Playwright's `_electron`: first start on an empty data folder → setup → the
// administrator signs in → one sale → close → the Z report on screen printed to PDF. It needs Electron's binary and
// better-sqlite3 built for Electron (`npm start` does both); where either is missing it is skipped with one line.
import { _electron as electron } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';

const root = path.resolve(import.meta.dirname, '..');

/** Electron's binary, or why the smoke test cannot run here. */
function electronBinary(): { binary: string } | { skip: string } {
  let binary: unknown;
  try {
    binary = createRequire(import.meta.url)('electron');
  } catch {
    return { skip: 'no Electron binary installed (it could not be downloaded on this machine)' };
  }
  if (typeof binary !== 'string' || !existsSync(binary)) return { skip: 'no Electron binary installed' };
  // better-sqlite3 is compiled for Node by `npm install`; the app needs it built for Electron (`npm start` rebuilds it).
  const probe = spawnSync(binary, ['-e', "new (require('better-sqlite3'))(':memory:').close()"], { cwd: root, env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' }, stdio: 'ignore' });
  if (probe.status !== 0) return { skip: 'better-sqlite3 is built for Node, not Electron (run `npm start` once, then `npm run e2e`)' };
  return { binary };
}

const found = electronBinary();
// Said once, from the worker that runs it (Playwright also loads this file in its main process to list the tests).
if ('skip' in found && process.env['TEST_WORKER_INDEX'] !== undefined) console.log(`electron smoke spec skipped: ${found.skip}`);

test('desktop app: first start → setup → one sale → close → Z report printed to PDF', async () => {
  test.skip('skip' in found, 'skip' in found ? found.skip : '');
  if (!('binary' in found)) return;
  test.setTimeout(180_000);
  if (!existsSync(path.join(root, 'dist', 'electron', 'main.cjs'))) {
    const built = spawnSync(process.execPath, [path.join(root, 'scripts', 'build-electron.mjs')], { cwd: root, stdio: 'inherit' });
    expect(built.status).toBe(0);
  }
  const dataDir = mkdtempSync(path.join(tmpdir(), 'arqueo-electron-'));
  const app = await electron.launch({ executablePath: found.binary, args: [root], env: { ...process.env, ARQUEO_DATA_DIR: dataDir } as Record<string, string> });
  try {
    const page = await app.firstWindow();
    await page.getByTestId('setup-screen').waitFor();
    await page.getByTestId('setup-branch-code').fill('SMOKE');
    await page.getByTestId('setup-branch-name').fill('Tienda de humo');
    await page.getByTestId('setup-time-zone').fill('America/La_Paz');
    await page.getByTestId('setup-admin-username').fill('duena');
    await page.getByTestId('setup-admin-name').fill('Dueña');
    await page.getByTestId('setup-admin-pin').fill('2580');
    await page.getByTestId('setup-admin-pin-confirm').fill('2580');
    await page.keyboard.press('Enter');
    await page.getByTestId('signin-screen').waitFor();
    await page.getByTestId('user-duena').click();
    await page.getByTestId('pin-input').fill('2580');
    await page.keyboard.press('Enter');
    await page.getByTestId('current-user').waitFor();

    // Through the preload bridge, as the renderer itself calls: a product, a shift, one sale, the close.
    const closed = await page.evaluate(async () => {
      type R = { ok: boolean; data: Record<string, never>; error?: { code: string } };
      const call = async (name: string, input: unknown) => {
        const bridge = (window as unknown as { pos: { invoke(n: string, i: unknown): Promise<unknown> } }).pos;
        const r = (await bridge.invoke(name, input)) as R;
        if (!r.ok) throw new Error(`${name}: ${r.error?.code}`);
        return r.data as Record<string, unknown>;
      };
      const product = (await call('products.create', { sku: 'P-1', name: 'Agua 600 ml', price: 500 }))['product'] as { id: string };
      const registers = (await call('registers.list', {}))['registers'] as { id: string }[];
      await call('cash.open', { registerId: registers[0]!.id, openingAmount: 0 });
      await call('sales.create', { lines: [{ productId: product.id, quantity: 1 }], payments: [{ method: 'CASH', amount: 500 }] });
      const close = await call('cash.close', { count: { denominations: [{ value: 500, quantity: 1 }] } });
      return (close['session'] as { sessionNumber: string }).sessionNumber;
    });
    await page.reload();
    await page.getByTestId('nav-sessions').click();
    await page.getByTestId(`open-report-${closed}`).click();
    await expect(page.getByTestId('print-a4')).toBeEnabled();
    const pdf = await app.evaluate(async ({ BrowserWindow }) => {
      const win = BrowserWindow.getAllWindows()[0];
      return win ? (await win.webContents.printToPDF({})).toString('base64') : '';
    });
    const bytes = Buffer.from(pdf, 'base64');
    mkdirSync(path.join(root, 'e2e', 'screens'), { recursive: true });
    writeFileSync(path.join(root, 'e2e', 'screens', 'electron-z-report.pdf'), bytes);
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
  } finally {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
