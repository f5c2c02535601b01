// HQ's console in Chromium against a real HQ on loopback (SQLite): the owner signs in, creates a branch and a
// register (its one-time code shown), changes the register's settings, issues a new code, revokes the key of a
// register that enrolled with it, switches to English and signs out. An auditor sees the same screen without forms.
// Every screen is screenshotted to e2e/screens/console-*.png.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { People } from '../hq/people';
import { createHqServer } from '../hq/server';
import { SqliteHqStore } from '../hq/sqlite-store';
import { SCREENS_DIR } from './fixtures';

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
    await expect(page.getByTestId('signin-error')).toHaveText('Usuario o contraseña incorrectos.');
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
