import { expect, test } from './fixtures';
import { HomePage, signInAndOpen } from './pages/HomePage';
import { SignInPage } from './pages/SignInPage';

test('a cashier signs in with the keypad, opens a session with a typed float and keeps it across a reload', async ({ page, shot }) => {
  const signIn = new SignInPage(page);
  const home = new HomePage(page);
  await signIn.goto();
  await shot('signin');
  await signIn.signInWithKeypad('maria', '4444');
  await home.ready();
  await home.openSession('POS001', '500,00');
  // A freshly opened session lands on the sell screen; home shows it with its float.
  await page.getByTestId('sell-screen').waitFor();
  await expect(home.sessionNumber()).toHaveText(/^T-POS001-\d{8}-001$/);
  await home.goto();
  await expect(home.sessionOpening()).toContainText('500,00');
  await shot('session-open');
  await page.reload();
  await page.getByTestId('sell-screen').waitFor();
  await expect(home.sessionNumber()).toHaveText(/^T-POS001-\d{8}-001$/);
  // The engine agrees with the screen.
  const token = await page.evaluate(() => sessionStorage.getItem('arqueo.token') ?? '');
  const reply = await page.request.post('/rpc/cash.current', { data: {}, headers: { authorization: `Bearer ${token}` } });
  expect(await reply.json()).toMatchObject({ ok: true, data: { session: { openingAmount: 50000, status: 'OPEN' }, expectedCash: null } });
});

test('wrong PINs at the sign-in throttle the user and the screen shows the time left', async ({ page, shot }) => {
  const signIn = new SignInPage(page);
  await signIn.goto();
  // Three wrong PINs within a minute make that user's sign-in wait the minute out (SIGN_IN_THROTTLE, src/auth/lockout.ts):
  // the first two are plain refusals, the third already answers with the wait.
  for (let i = 0; i < 2; i++) {
    await signIn.signIn('juan', '0000');
    await expect(signIn.error()).toHaveAttribute('data-code', 'INVALID_CREDENTIALS');
  }
  await signIn.signIn('juan', '0000');
  await expect(signIn.error()).toHaveAttribute('data-code', 'PIN_LOCKED');
  await expect(signIn.error()).toContainText(/\d:\d\d/);
  await signIn.signIn('juan', '5555');
  await expect(signIn.error()).toHaveAttribute('data-code', 'PIN_LOCKED');
  await shot('locked');
});

test('a register held by another cashier is shown as taken and cannot be opened twice', async ({ page }) => {
  const signIn = new SignInPage(page);
  const home = new HomePage(page);
  await signInAndOpen(page, 'maria', '4444', 'POS001', '100');
  await expect(home.sessionNumber()).toBeVisible();
  await page.getByTestId('sell-screen').waitFor();
  await home.signOut();
  // The drawer is open: signing out warns first; leaving anyway keeps the register held.
  await page.getByTestId('signout-anyway').click();
  await signIn.signIn('juan', '5555');
  await home.ready();
  await expect(home.registerStatus('POS001')).toContainText('María González');
  await expect(page.getByTestId('open-session-POS001')).toHaveCount(0);
  await expect(page.getByTestId('open-session-POS002')).toBeVisible();
});
