// HQ's console in Chromium against a real HQ on loopback (SQLite): the owner signs in, creates a branch and a
// register (its one-time code shown), changes the register's settings, issues a new code, revokes the key of a
// register that enrolled with it, switches to English and signs out. An auditor sees the same screen without forms.
// Every screen is screenshotted to e2e/screens/console-*.png.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { verifyBundle } from '../src/sync/protocol';
import { makeBundle } from '../hq/fixtures';
import { createKey } from '../hq/keys';
import { addBranch, addRegister, addUser, listPriceChanges } from '../hq/master';
import { People } from '../hq/people';
import { createHqServer } from '../hq/server';
import { sha256Hex } from '../hq/sha256';
import { SqliteHqStore } from '../hq/sqlite-store';
import { summarize } from '../hq/summary';
import { SCREENS_DIR } from './fixtures';
import { CatalogPage, ConsoleShell, DeliveriesPage, ProvidersPage, StaffPage } from './pages/ConsolePages';

const PASSWORD = 'correct horse battery staple';

test('the owner signs in, creates a branch and a register, sets it up, revokes its key; an auditor only reads', async ({ page }) => {
  test.setTimeout(90_000);
  const dir = mkdtempSync(path.join(tmpdir(), 'arqueo-e2e-console-'));
  const store = SqliteHqStore.inDir(dir);
  const people = new People(store.sql);
  await people.add({ username: 'ana', name: 'Ana Pérez', role: 'OWNER', password: PASSWORD }, new Date());
  await people.add({ username: 'aldo', name: 'Aldo Ruiz', role: 'AUDITOR', password: PASSWORD }, new Date());
  const hq = createHqServer({ store, rateLimit: null, consoleDir: path.resolve('dist/console') });
  const url = await hq.listen(0);
  mkdirSync(SCREENS_DIR, { recursive: true });
  const shot = (name: string) => page.screenshot({ path: path.join(SCREENS_DIR, `console-${name}.png`), fullPage: true });
  try {
    await page.goto(`${url}/`);
    await page.getByTestId('signin-screen').waitFor();
    await expect(page.locator('html')).toHaveAttribute('lang', 'es');
    // Keyboard only: the username field has focus, Tab to the password, Enter submits.
    await page.keyboard.type('ana');
    await page.keyboard.press('Tab');
    await page.keyboard.type('wrong password, long enough');
    await page.keyboard.press('Enter');
    // A sign-in hashes with scrypt (32 MiB, ≈ 0.4 s), longer on a loaded machine.
    await expect(page.getByTestId('signin-error')).toHaveText('Usuario o contraseña incorrectos.', { timeout: 20_000 });
    await shot('signin');
    await page.getByTestId('signin-password').fill(PASSWORD);
    await page.getByTestId('signin-password').press('Enter');
    await page.getByTestId('shell').waitFor();
    await expect(page.getByTestId('who')).toContainText('Ana Pérez');
    await expect(page.getByTestId('who')).toContainText('Propietario');
    const cookies = await page.context().cookies();
    expect(cookies.find((c) => c.name === 'hq_session')).toMatchObject({ httpOnly: true, secure: true, sameSite: 'Strict' });
    await shot('empty');

    await page.getByTestId('branch-code').fill('suc001');
    await page.getByTestId('branch-name').fill('Sucursal Centro');
    await page.getByTestId('branch-create').click();
    await page.getByTestId('branch-SUC001').waitFor();
    await page.getByTestId('register-code-SUC001').fill('POS001');
    await page.getByTestId('register-name-SUC001').fill('Caja 1');
    await page.getByTestId('register-create-SUC001').press('Enter');
    const code = (await page.getByTestId('enrollment-code').textContent()) ?? '';
    expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    await expect(page.getByTestId('register-row-SUC001-POS001')).toContainText('Caja 1');
    await shot('register-created');

    // A register enrolls with that code (as the register PC would), so it holds a live key.
    const enrolled = await fetch(`${url}/v1/enroll`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code }) });
    expect(enrolled.status).toBe(201);
    const { key } = (await enrolled.json()) as { key: string };
    expect((await fetch(`${url}/v1/changes`, { headers: { authorization: `Bearer ${key}` } })).status).toBe(200);

    await page.reload();
    await page.getByTestId('shell').waitFor();
    await expect(page.getByTestId('register-keys-POS001')).toHaveText('1');
    await page.getByTestId('register-settings-POS001').click();
    await page.getByTestId('settings-tolerance').fill('10,50');
    await page.getByTestId('settings-blind').uncheck();
    await shot('register-settings');
    await page.getByTestId('settings-save').click();
    await expect(page.getByTestId('register-row-SUC001-POS001')).toContainText('Bs 10,50');
    await expect(page.getByTestId('register-row-SUC001-POS001')).toContainText('No');
    // The change reaches the register's next pull.
    const pulled = (await (await fetch(`${url}/v1/changes`, { headers: { authorization: `Bearer ${key}` } })).json()) as { changes: { entity: string; data: { differenceTolerance?: number; blindClose?: boolean } }[] };
    expect(pulled.changes.filter((c) => c.entity === 'REGISTER').at(-1)?.data).toMatchObject({ differenceTolerance: 1050, blindClose: false });

    await page.getByTestId('register-newcode-POS001').click();
    await expect(page.getByTestId('enrollment-code')).not.toHaveText(code);
    await page.getByTestId('register-revoke-POS001').click();
    await page.getByTestId('register-revoke-yes-POS001').click();
    await expect(page.getByTestId('console-notice')).toContainText('Llaves revocadas: 1');
    expect((await fetch(`${url}/v1/changes`, { headers: { authorization: `Bearer ${key}` } })).status).toBe(401);
    await expect(page.getByTestId('register-keys-POS001')).toHaveText('0');
    await shot('key-revoked');

    await page.getByTestId('lang-en').click();
    await expect(page.getByTestId('nav-branches')).toHaveText('Branches and registers');
    await expect(page.getByTestId('console-notice')).toHaveText('Keys revoked: 1');
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await shot('english');
    await page.getByTestId('lang-es').click();
    await page.getByTestId('signout').click();
    await page.getByTestId('signin-screen').waitFor();
    // After sign-out, a reload does not bring the session back.
    await page.reload();
    await page.getByTestId('signin-screen').waitFor();

    await page.getByTestId('signin-username').fill('aldo');
    await page.getByTestId('signin-password').fill(PASSWORD);
    await page.getByTestId('signin-submit').click();
    await page.getByTestId('shell').waitFor();
    await expect(page.getByTestId('branch-SUC001')).toContainText('Caja 1');
    await expect(page.getByTestId('new-branch')).toHaveCount(0);
    await expect(page.getByTestId('register-settings-POS001')).toHaveCount(0);
    await shot('auditor');
  } finally {
    await hq.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the owner manages staff, the catalog (CSV import, a scheduled price), agent providers and reviews refused deliveries; an auditor only reads', async ({ page }) => {
  test.setTimeout(120_000);
  const dir = mkdtempSync(path.join(tmpdir(), 'arqueo-e2e-console-'));
  const store = SqliteHqStore.inDir(dir);
  const people = new People(store.sql);
  let clock = new Date();
  await people.add({ username: 'ana', name: 'Ana Pérez', role: 'OWNER', password: PASSWORD }, clock);
  await people.add({ username: 'aldo', name: 'Aldo Ruiz', role: 'AUDITOR', password: PASSWORD }, clock);
  await addBranch(store, { code: 'SUC001', name: 'Centro', timeZone: 'America/La_Paz', currency: 'BOB' }, clock);
  await addBranch(store, { code: 'SUC002', name: 'Norte', timeZone: 'America/La_Paz', currency: 'BOB' }, clock);
  const { code } = await addRegister(store, { branchCode: 'SUC001', code: 'POS001', name: 'Caja 1' }, clock);
  const hq = createHqServer({ store, rateLimit: null, consoleDir: path.resolve('dist/console'), now: () => clock });
  const url = await hq.listen(0);
  mkdirSync(SCREENS_DIR, { recursive: true });
  const shot = (name: string) => page.screenshot({ path: path.join(SCREENS_DIR, `console-${name}.png`), fullPage: true });
  const shell = new ConsoleShell(page);
  const staff = new StaffPage(page);
  const catalog = new CatalogPage(page);
  const providers = new ProvidersPage(page);
  const deliveries = new DeliveriesPage(page);
  try {
    const { key } = (await (await fetch(`${url}/v1/enroll`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code }) })).json()) as { key: string };
    const pull = async (after: number) => (await (await fetch(`${url}/v1/changes?after=${after}&limit=5000`, { headers: { authorization: `Bearer ${key}` } })).json()) as { changes: { entity: string; data: Record<string, unknown> }[]; next: number; head: number };
    await page.goto(`${url}/`);
    await shell.signIn('ana', PASSWORD);

    // Staff: a PIN typed twice, trivial ones refused as at the register, then role, PIN and deactivation.
    await shell.go('staff');
    await staff.create({ branch: 'SUC001', username: 'maria', name: 'María Quispe', role: 'CASHIER', pin: '4826', again: '4862' });
    await expect(staff.pinTrouble()).toHaveText('Los dos PIN no coinciden.');
    await staff.create({ branch: 'SUC001', username: 'maria', name: 'María Quispe', role: 'CASHIER', pin: '4321' });
    await expect(staff.pinTrouble()).toHaveText('Ese PIN es demasiado fácil de adivinar (0000, 1234, 4321…).');
    await staff.create({ branch: 'SUC001', username: 'maria', name: 'María Quispe', role: 'CASHIER', pin: '4826' });
    await expect(staff.row('maria')).toContainText('Cajero');
    await staff.create({ branch: 'SUC002', username: 'pedro', name: 'Pedro Mamani', role: 'CASHIER', pin: '5937' });
    await staff.create({ branch: '*', username: 'duena', name: 'Dueña', role: 'ADMIN', pin: '7294' });
    await expect(staff.row('duena')).toContainText('Toda la cadena');
    await staff.changeRole('maria', 'SUPERVISOR');
    await expect(staff.row('maria')).toContainText('Supervisor');
    await staff.resetPin('maria', '1111');
    await expect(staff.pinTrouble('reset')).toHaveText('Ese PIN es demasiado fácil de adivinar (0000, 1234, 4321…).');
    await staff.resetPin('maria', '6183');
    await expect(shell.notice()).toHaveText('PIN cambiado: maria');
    await staff.deactivate('pedro');
    await staff.filter('SUC002');
    await expect(staff.row('maria')).toHaveCount(0);
    await staff.filter('*');
    await shot('staff');
    // The register of SUC001 receives its branch's and the chain's users, never SUC002's.
    const users = (await pull(0)).changes.filter((c) => c.entity === 'USER').map((c) => [c.data['username'], c.data['role']]);
    expect(users).toContainEqual(['maria', 'SUPERVISOR']);
    expect(users.map((u) => u[0])).not.toContain('pedro');
    await shell.go('branches');
    await page.getByTestId('lang-en').click();
    await shell.go('staff');
    await expect(staff.row('maria')).toContainText('Supervisor');
    await expect(staff.row('duena')).toContainText('Whole chain');
    await shot('staff-english');
    await page.getByTestId('lang-es').click();

    // Catalog: a product by hand, edited; a CSV with errors by line; a clean one of 1,200 rows in chunks with progress.
    await shell.go('catalog');
    await catalog.create({ sku: 'CAFE', name: 'Café', price: '12,50', barcodes: '7771000000019', category: 'Bebidas', tax: '13' });
    await expect(catalog.row('CAFE')).toContainText('Bs 12,50');
    await catalog.edit('CAFE', { category: 'Bebidas calientes', tax: '14,5', barcodes: '7771000000019, 7771000000026' });
    await expect(catalog.row('CAFE')).toContainText('Bebidas calientes');
    await expect(catalog.row('CAFE')).toContainText('14,5');
    await catalog.importCsv('malo.csv', 'sku,name,price,barcode\nA1,Arroz,8,50,x\nA2,,3,7771000000040\nA3,Azúcar,abc,7771000000033\n');
    await expect(catalog.importErrors()).toBeVisible();
    await expect(page.getByTestId('import-error-3')).toContainText('Dato obligatorio vacío.');
    await expect(page.getByTestId('import-error-4')).toContainText('Precio inválido.');
    await shot('catalog-import-errors');
    // Hold the second chunk so the progress bar is seen half way.
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    let chunks = 0;
    await page.route('**/v1/admin/products/import**', async (route) => {
      chunks++;
      if (chunks === 2) await held;
      await route.continue();
    });
    const big = ['sku,name,price,barcode,category,tax_rate', ...Array.from({ length: 1200 }, (_, i) => `G${String(i).padStart(4, '0')},Galleta ${i},${1 + (i % 9)}.${String(i % 100).padStart(2, '0')},880${String(i).padStart(10, '0')},Galletas,13`)].join('\n');
    await catalog.importCsv('galletas.csv', big);
    await expect(catalog.progress()).toContainText('Importando 500 de 1200');
    await shot('catalog-import-progress');
    release();
    await expect(shell.notice()).toHaveText('Importados: 1200 productos');
    expect(chunks).toBe(3);
    await page.unroute('**/v1/admin/products/import**');
    await expect(page.getByTestId('categories')).toContainText('Galletas 1200');
    await expect(page.getByTestId('tax-rates')).toContainText('13 % 1200');
    await page.getByTestId('product-search').fill('G1199');
    await expect(catalog.row('G1199')).toContainText('Bs 3,99');
    await page.getByTestId('product-search').fill('');
    // A price scheduled from tomorrow 00:00 (browser time) reaches the register at its first pull after that instant.
    const tomorrow = new Date(clock.getTime() + 24 * 3600_000);
    const local = `${tomorrow.getFullYear()}-${String(tomorrow.getMonth() + 1).padStart(2, '0')}-${String(tomorrow.getDate()).padStart(2, '0')}T00:00`;
    await catalog.schedulePrice('CAFE', '13,90', local);
    await expect(page.getByTestId('price-change-CAFE')).toContainText('Bs 13,90');
    await expect(catalog.row('CAFE')).toContainText('Bs 12,50');
    await page.getByTestId('product-search').fill('caf');
    await shot('catalog');
    await page.getByTestId('product-search').fill('');
    const [scheduled] = await listPriceChanges(store);
    expect(scheduled?.price).toBe(1390);
    const before = await pull(0);
    expect(before.next).toBe(before.head);
    clock = new Date(Date.parse(scheduled?.effectiveAt ?? '') - 1000);
    expect((await pull(before.next)).changes).toEqual([]);
    clock = new Date(Date.parse(scheduled?.effectiveAt ?? '') + 1000);
    const after = await pull(before.next);
    expect(after.changes.map((c) => [c.entity, c.data['sku'], c.data['price']])).toEqual([['PRODUCT', 'CAFE', 1390]]);
    clock = new Date();

    // Agent providers.
    await shell.go('providers');
    await providers.save({ code: 'TIGO_MONEY', name: 'Tigo Money', kinds: ['CASH_IN', 'CASH_OUT', 'TOP_UP'] });
    await providers.save({ code: 'SIMPLE', name: 'Simple', kinds: ['CASH_IN'] });
    await page.getByTestId('provider-edit-SIMPLE').click();
    await providers.save({ code: 'SIMPLE', name: 'Simple QR', kinds: ['CASH_IN', 'CASH_OUT'], active: false });
    await expect(providers.row('SIMPLE')).toContainText('Depósito, Retiro');
    await expect(providers.row('SIMPLE')).toHaveClass(/inactive/);
    await shot('providers');

    // Deliveries to review: a junk bundle from the register, kept with its reason and its first bytes.
    const send = (body: unknown, idem: string) =>
      fetch(`${url}/v1/sessions`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', 'idempotency-key': idem }, body: JSON.stringify(body) });
    expect((await send({ protocol: 1, junk: true }, 's-1')).status).toBe(422);
    await shell.go('deliveries');
    await expect(deliveries.rows()).toHaveCount(1);
    await expect(deliveries.rows().first()).toContainText('IDEMPOTENCY_KEY_MISMATCH');
    await expect(deliveries.rows().first()).toContainText('La clave del envío no coincide con la sesión.');
    await expect(deliveries.rows().first()).toContainText('SUC001/POS001');
    const details = await deliveries.open(1);
    await expect(details).toContainText('422');
    await expect(details).toContainText('"junk":true');
    await shot('deliveries');
    await shell.signOut();

    // The auditor sees every screen without a form or an action.
    await shell.signIn('aldo', PASSWORD);
    await shell.go('staff');
    await expect(staff.row('maria')).toBeVisible();
    await expect(page.getByTestId('new-user')).toHaveCount(0);
    await expect(page.getByTestId('user-pin-maria')).toHaveCount(0);
    await shot('staff-auditor');
    await shell.go('catalog');
    await expect(catalog.row('CAFE')).toBeVisible();
    await expect(page.getByTestId('new-product')).toHaveCount(0);
    await expect(page.getByTestId('csv-import')).toHaveCount(0);
    await expect(page.getByTestId('product-edit-CAFE')).toHaveCount(0);
    await shot('catalog-auditor');
    await shell.go('providers');
    await expect(providers.row('TIGO_MONEY')).toBeVisible();
    await expect(page.getByTestId('provider-form')).toHaveCount(0);
    await shell.go('deliveries');
    await expect(deliveries.rows()).toHaveCount(1);
    // And HQ refuses the auditor's writes whatever the page shows.
    const csrf = await page.evaluate(async () => ((await (await fetch('/v1/console/me')).json()) as { csrfToken: string }).csrfToken);
    const refused = await page.evaluate(async (token) => (await fetch('/v1/admin/users/maria', { method: 'POST', headers: { 'content-type': 'application/json', 'x-csrf-token': token }, body: '{"role":"ADMIN"}' })).status, csrf);
    expect(refused).toBe(403);
  } finally {
    await hq.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the owner reads sessions in pages with their Z report, the daily report with charts and over/short by cashier', async ({ page, context }) => {
  test.setTimeout(120_000);
  const dir = mkdtempSync(path.join(tmpdir(), 'arqueo-e2e-console-'));
  const store = SqliteHqStore.inDir(dir);
  const people = new People(store.sql);
  const now = new Date();
  await people.add({ username: 'ana', name: 'Ana Pérez', role: 'OWNER', password: PASSWORD }, now);
  await addBranch(store, { code: 'SUC001', name: 'Centro', timeZone: 'UTC', currency: 'BOB' }, now);
  await addBranch(store, { code: 'SUC002', name: 'Norte', timeZone: 'UTC', currency: 'BOB' }, now);
  const maria = await addUser(store, { branchCode: 'SUC001', username: 'maria', name: 'María Quispe', role: 'CASHIER', pin: '4826' }, now);
  const pedro = await addUser(store, { branchCode: 'SUC002', username: 'pedro', name: 'Pedro Mamani', role: 'CASHIER', pin: '5937' }, now);
  const today = now.toISOString().slice(0, 10);
  const day = (d: number) => new Date(now.getTime() - d * 86_400_000).toISOString().slice(0, 10);
  // 30 sessions over the last days: María short on every third, Pedro over once.
  for (let i = 0; i < 30; i++) {
    const who = i % 2 === 0 ? maria : pedro;
    const branchCode = who === maria ? 'SUC001' : 'SUC002';
    const date = i < 4 ? today : day(Math.floor(i / 4));
    const v = verifyBundle(sha256Hex, makeBundle({ sessionId: `e2e-${String(i).padStart(2, '0')}`, number: i + 1, branchCode, registerCode: 'POS001', businessDate: date, at: `${date}T${String(9 + (i % 8)).padStart(2, '0')}:30:00.000Z`, userId: who.id, sales: [1000 + i * 10, 2500], difference: who === maria && i % 3 === 0 ? -500 : i === 1 ? 200 : 0 }));
    if (!v.ok) throw new Error('fixture does not verify');
    await store.ingest(v.value, summarize(v.value), now.toISOString());
  }
  const hq = createHqServer({ store, rateLimit: null, consoleDir: path.resolve('dist/console') });
  const url = await hq.listen(0);
  mkdirSync(SCREENS_DIR, { recursive: true });
  const shot = (name: string) => page.screenshot({ path: path.join(SCREENS_DIR, `console-${name}.png`), fullPage: true });
  const shell = new ConsoleShell(page);
  try {
    await page.goto(`${url}/`);
    await shell.signIn('ana', PASSWORD);
    await shell.go('sessions');
    const rows = page.getByTestId('sessions-table').locator('tbody > tr');
    await expect(rows).toHaveCount(25);
    await expect(rows.first()).toContainText(today);
    await page.getByTestId('sessions-next').click();
    await expect(page.getByTestId('sessions-page')).toHaveText('Página 2');
    await expect(rows).toHaveCount(5);
    await page.getByTestId('sessions-prev').click();
    await expect(rows).toHaveCount(25);
    await page.getByTestId('sessions-difference').selectOption('SHORT');
    await page.getByTestId('sessions-apply').click();
    await expect(rows).toHaveCount(5);
    await expect(rows.first()).toContainText('María Quispe');
    await expect(rows.first()).toContainText('-Bs 5,00');
    await shot('sessions');
    const [z] = await Promise.all([context.waitForEvent('page'), rows.first().getByRole('link').click()]);
    await z.waitForLoadState();
    await expect(z.locator('body')).toContainText('María Quispe');
    await z.screenshot({ path: path.join(SCREENS_DIR, 'console-z-report.png'), fullPage: true });
    await z.close();

    await shell.go('daily');
    await expect(page.getByTestId('kpi-sales')).toContainText('Bs');
    // Today: sessions 0–3, sales 1000+i·10 and 2500 each.
    await expect(page.getByTestId('kpi-sales')).toContainText('Bs 140,60');
    await expect(page.getByTestId('chart-hours-BOB').locator('rect')).toHaveCount(24);
    await expect(page.getByTestId('chart-branches-BOB')).toContainText('SUC001');
    await shot('daily');
    await shell.go('overshort');
    // María: sessions 0, 6, 12, 18, 24 short by 5.00 each.
    await expect(page.getByTestId('os-row-maria')).toContainText('Bs 25,00');
    await expect(page.getByTestId('os-row-pedro')).toContainText('Bs 2,00');
    await shot('overshort');
  } finally {
    await hq.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('live drawers refresh by themselves as a register streams; sync health per register', async ({ page }) => {
  test.setTimeout(90_000);
  const dir = mkdtempSync(path.join(tmpdir(), 'arqueo-e2e-console-'));
  const store = SqliteHqStore.inDir(dir);
  const now = new Date();
  await new People(store.sql).add({ username: 'ana', name: 'Ana Pérez', role: 'OWNER', password: PASSWORD }, now);
  await addBranch(store, { code: 'SUC001', name: 'Centro', timeZone: 'UTC', currency: 'BOB' }, now);
  const maria = await addUser(store, { branchCode: 'SUC001', username: 'maria', name: 'María Quispe', role: 'CASHIER', pin: '4826' }, now);
  const key = await createKey(store, { role: 'REGISTER', branchCode: 'SUC001', registerCode: 'POS001' });
  const hq = createHqServer({ store, rateLimit: null, consoleDir: path.resolve('dist/console') });
  const url = await hq.listen(0);
  const open = makeBundle({ sessionId: 'live-1', number: 1, branchCode: 'SUC001', registerCode: 'POS001', businessDate: now.toISOString().slice(0, 10), at: now.toISOString(), userId: maria.id, sales: [1000, 2500, 4000] });
  const stream = async (from: number, to: number) => {
    const { status: _status, entries, ...header } = open;
    const batch = { ...header, entries: entries.filter((e) => e.seq >= from && e.seq <= to), backlog: { entries: entries.length - to, sessions: 0 } };
    const res = await fetch(`${url}/v1/entries`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: JSON.stringify(batch) });
    expect(res.status).toBeLessThan(300);
  };
  const shell = new ConsoleShell(page);
  try {
    await stream(1, 2); // the opening and the first sale
    await page.goto(`${url}/`);
    await shell.signIn('ana', PASSWORD);
    await shell.go('live');
    const row = page.getByTestId('live-SUC001-POS001');
    await expect(row).toContainText('María Quispe');
    await expect(row).toContainText('Bs 10,00');
    await expect(page.getByTestId('health-SUC001-POS001')).toBeVisible();
    // Another batch arrives: the screen shows it without a reload.
    await stream(3, 3);
    await expect(row).toContainText('Bs 35,00', { timeout: 10_000 });
    await expect(row).toContainText('(2)');
    await page.screenshot({ path: path.join(SCREENS_DIR, 'console-live.png'), fullPage: true });
  } finally {
    await hq.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
