// An enrolled register's admin screens in Chromium: an HQ on loopback (SQLite), a register with an empty data folder
// that joins it by code, then the chain's admin signs in at the register: products, registers, users and providers
// are shown from HQ, read-only, with "Gestionado en la central" and no create/edit buttons.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { MemorySecretStore, openEngine } from '../engine';
import { createRpcServer, listen } from '../electron/serve';
import { addBranch, addProduct, addRegister, addUser, putProvider } from '../hq/master';
import { createHqServer } from '../hq/server';
import { SqliteHqStore } from '../hq/sqlite-store';
import { HomePage } from './pages/HomePage';
import { SignInPage } from './pages/SignInPage';
import { SCREENS_DIR } from './fixtures';

test('an enrolled register shows HQ master data read-only: "gestionado en la central", no edit buttons', async ({ page }) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'arqueo-e2e-enrolled-'));
  const store = SqliteHqStore.inDir(path.join(dir, 'hq'));
  const hq = createHqServer({ store, rateLimit: null });
  const hqUrl = await hq.listen(0);
  await addBranch(store, { code: 'SUC001', name: 'Sucursal Centro', timeZone: 'America/La_Paz', currency: 'BOB', defaultTaxRateBp: 1300 });
  const { code } = await addRegister(store, { branchCode: 'SUC001', code: 'POS001', name: 'Caja 1' });
  await addUser(store, { branchCode: null, username: 'duena', name: 'Dueña', role: 'ADMIN', pin: '7294' });
  await addProduct(store, { sku: 'CAFE', name: 'Café molido 250 g', price: 2450, barcodes: ['7771000000019'], taxRateBp: 1300, category: 'Abarrotes' });
  await putProvider(store, { code: 'TIGO_MONEY', name: 'Tigo Money', kinds: ['CASH_IN', 'CASH_OUT'] });

  const { engine } = openEngine(path.join(dir, 'reg'), { secrets: new MemorySecretStore(), pinCost: { N: 1024, r: 8, p: 1 } });
  const server = createRpcServer(engine, { port: 0, staticDir: path.resolve('dist/app') });
  const port = await listen(server, 0);
  try {
    const enrolled = await engine.invoke('setup.enroll', { hqUrl, code }, null);
    expect(enrolled.ok).toBe(true);
    await page.context().setDefaultNavigationTimeout(15_000);
    const base = `http://127.0.0.1:${port}`;
    const signIn = new SignInPage(page);
    await page.goto(`${base}/`);
    await page.getByTestId('signin-screen').waitFor();
    await signIn.signIn('duena', '7294');
    await new HomePage(page).ready();

    await page.getByTestId('nav-admin-products').click();
    await page.getByTestId('products-table').waitFor();
    await expect(page.getByTestId('managed-by-hq')).toContainText('Gestionado en la central');
    await expect(page.getByTestId('products-table')).toContainText('Café molido 250 g');
    await expect(page.getByTestId('prod-new')).toHaveCount(0);
    await expect(page.getByTestId('prod-import')).toHaveCount(0);
    await expect(page.getByTestId('prod-edit-CAFE')).toHaveCount(0);
    mkdirSync(SCREENS_DIR, { recursive: true });
    await page.screenshot({ path: path.join(SCREENS_DIR, 'enrolled-products-read-only.png') });

    await page.getByTestId('nav-admin-registers').click();
    await expect(page.getByTestId('managed-by-hq')).toBeVisible();
    await expect(page.getByTestId('reg-new')).toHaveCount(0);
    await expect(page.getByTestId('reg-edit-POS001')).toHaveCount(0);
  } finally {
    await new Promise((r) => server.close(r));
    engine.close();
    await hq.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
