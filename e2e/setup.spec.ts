// The first start in Chromium against browser mode on an empty data folder: the setup screen shows instead of the
// sign-in, names a refused field, creates the store, and its administrator signs in and sees the registers.
import { expect, test } from './fixtures';
import { rpcAs } from './pages/ShiftPages';
import { SignInPage } from './pages/SignInPage';

test.use({ demo: false });

test('an empty store shows setup; the standalone path creates the store and its admin signs in and sees the registers', async ({ page, shot }) => {
  await page.goto('/');
  await page.getByTestId('setup-screen').waitFor();
  await expect(page.getByTestId('signin-screen')).toHaveCount(0);
  await expect(page.getByTestId('setup-demo-button')).toBeVisible();
  await expect(page.getByTestId('setup-path-join')).toBeVisible();
  // Keyboard-first: the branch code has focus.
  await expect(page.getByTestId('setup-branch-code')).toBeFocused();
  await page.keyboard.type('tienda1');
  await page.getByTestId('setup-branch-name').fill('Almacén Don Pepe');
  await page.getByTestId('setup-tax-id').fill('1023456029');
  await page.getByTestId('setup-address').fill('Av. Busch 123, Santa Cruz');
  await page.getByTestId('setup-phone').fill('3-3456789');
  await page.getByTestId('setup-time-zone').fill('America/La_Paz');
  await page.getByTestId('setup-add-register').click();
  await page.getByTestId('setup-register-name-1').fill('Caja rápida');
  await page.getByTestId('setup-register-specialty-1').selectOption('SALES_ONLY');
  await page.getByTestId('setup-admin-username').fill('pepe');
  await page.getByTestId('setup-admin-name').fill('José Pérez');
  // A trivial PIN is refused beside its field, and nothing is created.
  await page.getByTestId('setup-admin-pin').fill('1234');
  await page.getByTestId('setup-admin-pin-confirm').fill('1234');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('err-admin.pin')).toContainText('fácil');
  await expect(page.getByTestId('setup-admin-pin')).toBeFocused();
  expect((await rpcAs<{ initialized: boolean }>(page, null, 'setup.status')).data.initialized).toBe(false);
  // The engine names what the screen cannot check: an unknown time zone.
  await page.getByTestId('setup-admin-pin').fill('2580');
  await page.getByTestId('setup-admin-pin-confirm').fill('2580');
  await page.getByTestId('setup-time-zone').fill('America/Atlantida');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('err-branch.timeZone')).toContainText('Zona horaria');
  await shot('setup-field-error', { fullPage: true });
  await page.getByTestId('setup-time-zone').fill('America/La_Paz');
  await shot('setup-filled', { fullPage: true });
  await page.keyboard.press('Enter');

  await page.getByTestId('signin-screen').waitFor();
  await expect(page.getByTestId('signin-error')).toContainText('Almacén Don Pepe');
  await expect(page.getByTestId('user-admin')).toHaveCount(0);
  await new SignInPage(page).signIn('pepe', '2580');
  await page.getByTestId('current-user').waitFor();
  await page.getByTestId('nav-admin-registers').click();
  await expect(page.getByTestId('registers-table')).toContainText('CAJA1');
  await expect(page.getByTestId('registers-table')).toContainText('Caja rápida');
  // Set up once: a second setup is refused.
  expect((await rpcAs(page, null, 'setup.initialize', { branch: { code: 'X', name: 'X', timeZone: 'UTC', currency: 'BOB', defaultTaxRateBp: 0 }, registers: [{ code: 'A', name: 'A', specialty: 'MIXED' }], admin: { username: 'xx', name: 'X', pin: '2580', pinConfirm: '2580' } })).error?.code).toBe('ALREADY_INITIALIZED');
});

test('"probar la demo" creates the demo store from the first screen', async ({ page }) => {
  await page.goto('/');
  await page.getByTestId('setup-screen').waitFor();
  await page.getByTestId('setup-demo-button').click();
  await page.getByTestId('signin-screen').waitFor();
  await new SignInPage(page).signIn('maria', '4444');
  await page.getByTestId('current-user').waitFor();
});
