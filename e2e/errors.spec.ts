// Error paths: every refusal is shown by its code, in Spanish, and the engine agrees.
import { expect, test } from './fixtures';
import { HomePage, signInAndOpen } from './pages/HomePage';
import { SellPage } from './pages/SellPage';
import { LockPage, rpc, rpcAs } from './pages/ShiftPages';

test('a second register is refused while the session is open, and the engine refuses it too', async ({ page, shot }) => {
  const home = new HomePage(page);
  await signInAndOpen(page, 'maria', '4444', 'POS001', '200');
  await new SellPage(page).ready();
  await home.goto();
  await page.getByTestId('switch-POS002').click();
  await expect(home.error()).toHaveAttribute('data-code', 'USER_HAS_OPEN_SESSION');
  await expect(home.error()).toContainText('Debe cerrar la sesión de caja antes de cambiar de punto de venta');
  await shot('switch-refused');
  const registers = await rpc<{ registers: { id: string; code: string }[] }>(page, 'registers.list');
  const pos2 = registers.data.registers.find((r) => r.code === 'POS002');
  const reply = await rpc(page, 'cash.open', { registerId: pos2?.id, openingAmount: 100 });
  expect(reply.error?.code).toBe('USER_HAS_OPEN_SESSION');
});

test('a withdrawal over the cash in the drawer is refused after the supervisor approves; a wrong supervisor PIN is refused first', async ({ page, shot }) => {
  const sell = new SellPage(page);
  await signInAndOpen(page, 'maria', '4444', 'POS001', '100');
  await sell.ready();
  await sell.cashOut('500', 'SAFE_DEPOSIT');
  await sell.supervisorPin('9999');
  await expect(page.getByTestId('pin-dialog-error')).toHaveAttribute('data-code', 'INVALID_CREDENTIALS');
  // The dialog names who approves (chosen before the PIN): a PIN alone approves as nobody.
  await expect(page.getByTestId('pin-dialog-approver')).toHaveAttribute('data-username', 'sofia');
  await expect(page.getByTestId('pin-dialog-approvers')).not.toContainText('María');
  await shot('supervisor-pin-wrong');
  await sell.supervisorPin('4444'); // the cashier's own PIN never approves her own withdrawal
  await expect(page.getByTestId('pin-dialog-error')).toBeVisible();
  await sell.supervisorPin('3333');
  await expect(page.getByTestId('move-error')).toHaveAttribute('data-code', 'INSUFFICIENT_CASH');
  await expect(page.getByTestId('move-error')).toContainText('No hay suficiente efectivo en caja');
  await shot('withdraw-refused');
  // Nothing left the drawer: read as the supervisor (the blind cashier's own view hides the running totals).
  const sofia = (await rpcAs<{ token: string }>(page, null, 'auth.login', { username: 'sofia', pin: '3333' })).data.token;
  const sessionId = (await rpc<{ session: { id: string } }>(page, 'cash.current')).data.session.id;
  const x = await rpcAs<{ session: { withdrawalsTotal: number }; movements: unknown[] }>(page, sofia, 'reports.session', { sessionId });
  expect(x.data.session.withdrawalsTotal).toBe(0);
  expect(x.data.movements).toEqual([]);
});

test('wrong PINs on the lock screen lock the user out and show the time left', async ({ page, shot }) => {
  const sell = new SellPage(page);
  await signInAndOpen(page, 'juan', '5555', 'POS002', '100');
  await sell.ready();
  await page.keyboard.press('F7');
  const lock = new LockPage(page);
  await lock.ready();
  // Her own five wrong PINs (she is signed in: charged to her as the requester, REQUESTER_RULE) lock her out for five
  // minutes: four plain refusals, and the fifth already answers with the time left.
  for (let i = 0; i < 4; i++) {
    await lock.resume('0000');
    await expect(lock.error()).toHaveAttribute('data-code', 'INVALID_CREDENTIALS');
  }
  await lock.resume('0000');
  await expect(lock.error()).toHaveAttribute('data-code', 'PIN_LOCKED');
  await expect(lock.error()).toContainText(/\d:\d\d/);
  await lock.resume('5555');
  await expect(lock.error()).toHaveAttribute('data-code', 'PIN_LOCKED');
  await shot('lock-locked');
  // Still suspended after a reload: the lock screen comes back.
  await page.reload();
  await lock.ready();
});

test('an unknown code on the scanner is reported, in English when switched', async ({ page, shot }) => {
  const sell = new SellPage(page);
  await signInAndOpen(page, 'maria', '4444', 'POS001', '100');
  await sell.ready();
  await page.getByTestId('lang-en').click();
  await sell.search().focus();
  await sell.scan('0000000000000');
  await expect(page.getByTestId('sell-error')).toHaveAttribute('data-code', 'NOT_FOUND');
  await expect(page.getByTestId('sell-error')).toContainText('not found');
  await expect(page.getByTestId('act-pay')).toContainText('Pay');
  await shot('sell-en-not-found');
});

test('a product picked from the name suggestions with the mouse adds one unit, not a whole-units error', async ({ page }) => {
  const sell = new SellPage(page);
  await signInAndOpen(page, 'maria', '4444', 'POS001', '100');
  await sell.ready();
  await page.keyboard.type('Pringles', { delay: 60 });
  await page.getByTestId('suggestion-0').click();
  await expect(sell.line(0)).toHaveAttribute('data-qty', '1');
  await expect(page.getByTestId('sell-error')).toHaveCount(0);
  await expect(sell.search()).toBeFocused();
});
