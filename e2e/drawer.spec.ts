// "Abrir cajón" with no sale, keyboard first, against the real engine in browser mode: the drawer does not open until
// the cashier says why; the opening is then counted in the X report; a register that asks for approval takes a PIN.
import { expect, test } from './fixtures';
import { signInAndOpen } from './pages/HomePage';
import { SellPage } from './pages/SellPage';
import { rpc, rpcAs, showExpectedOn } from './pages/ShiftPages';
import { approveWithPin } from './pages/approver';

async function giveDrawer(page: import('@playwright/test').Page, options: { noSaleNeedsApproval?: boolean } = {}): Promise<void> {
  const admin = (await rpcAs<{ token: string }>(page, null, 'auth.login', { username: 'admin', pin: '1111' })).data.token;
  const registers = (await rpcAs<{ registers: { id: string; code: string }[] }>(page, admin, 'registers.list', {})).data.registers;
  const pos1 = registers.find((r) => r.code === 'POS001');
  if (!pos1) throw new Error('no POS001');
  const settings = { target: { kind: 'ESCPOS_TCP', host: '127.0.0.1', port: 9100, paper: 'MM80', codepage: 'cp858' }, autoPrintReceipt: false, drawer: { pin: 2, onMs: 100, offMs: 500 } };
  expect((await rpcAs(page, admin, 'print.configure', { registerId: pos1.id, settings })).ok).toBe(true);
  if (options.noSaleNeedsApproval) expect((await rpcAs(page, admin, 'registers.update', { id: pos1.id, noSaleNeedsApproval: true })).ok).toBe(true);
}

test('a no-sale opening asks for a reason before the drawer opens, and the X report counts it', async ({ page, shot }) => {
  await page.goto('/');
  await giveDrawer(page);
  await signInAndOpen(page, 'maria', '4444', 'POS001', '200');
  const sell = new SellPage(page);
  await sell.ready();
  // The X report at the counter: on a register without blind close (a blind cashier gets none of her open shift).
  await showExpectedOn(page, 'POS001');

  await page.keyboard.press('Control+k');
  const dialog = page.getByTestId('nosale-dialog');
  await expect(dialog).toBeVisible();
  await expect(page.getByTestId('nosale-reason-CHANGE_REQUEST')).toBeFocused();
  // Enter with no reason: nothing opens, the dialog says what is missing.
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('nosale-error')).toContainText('Elija el motivo');
  await shot('reason-missing');
  expect((await rpc<{ drawer: { noSale: number } }>(page, 'reports.session', { sessionId: (await rpc<{ session: { id: string } }>(page, 'cash.current')).data.session.id })).data.drawer.noSale).toBe(0);

  // "Otro" needs a note; 5 picks it and moves to the note.
  await page.keyboard.press('5');
  await expect(page.getByTestId('nosale-reason-OTHER')).toBeChecked();
  await expect(page.getByTestId('nosale-note')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('nosale-error')).toContainText('Escriba el motivo');
  await page.keyboard.type('Cliente pidió cambio de Bs 100');
  await shot('reason-other');
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(sell.toast()).toContainText('Cajón abierto: Otro motivo');

  const sessionId = (await rpc<{ session: { id: string } }>(page, 'cash.current')).data.session.id;
  const report = await rpc<{ drawer: { openings: number; noSale: number; noSaleOpenings: { reason: string; note: string | null }[] } }>(page, 'reports.session', { sessionId });
  expect(report.data.drawer).toMatchObject({ openings: 1, noSale: 1, noSaleOpenings: [{ reason: 'OTHER', note: 'Cliente pidió cambio de Bs 100' }] });

  // The X report on screen shows the count.
  await page.keyboard.press('F10');
  await expect(page.getByTestId('report-drawer-nosale')).toHaveAttribute('data-count', '1');
  await shot('x-report-drawer', { fullPage: true });
});

test('a register that asks for approval opens the drawer only with a supervisor PIN', async ({ page }) => {
  await page.goto('/');
  await giveDrawer(page, { noSaleNeedsApproval: true });
  await signInAndOpen(page, 'maria', '4444', 'POS001', '200');
  const sell = new SellPage(page);
  await sell.ready();
  await page.getByTestId('act-nosale').click();
  await page.keyboard.press('1');
  await page.keyboard.press('Enter');
  const pin = page.getByTestId('pin-dialog');
  await expect(pin).toBeVisible();
  await approveWithPin(page, '3333');
  await expect(sell.toast()).toContainText('Cajón abierto: Cambio de billetes o monedas');
  const sessionId = (await rpc<{ session: { id: string } }>(page, 'cash.current')).data.session.id;
  const sofia = (await rpcAs<{ token: string }>(page, null, 'auth.login', { username: 'sofia', pin: '3333' })).data.token;
  const report = await rpcAs<{ drawer: { noSaleOpenings: { authorizedByName: string | null }[] } }>(page, sofia, 'reports.session', { sessionId });
  expect(report.data.drawer.noSaleOpenings).toEqual([expect.objectContaining({ authorizedByName: 'Sofía Supervisora' })]);
});

test('the pay dialog rounds the cash part: Bs 2.78 of tomatoes is paid Bs 2.80 in cash, by card exactly', async ({ page, shot }) => {
  await page.goto('/');
  await signInAndOpen(page, 'maria', '4444', 'POS001', '200');
  const sell = new SellPage(page);
  await sell.ready();
  const tomato = (await rpc<{ products: { sku: string; name: string }[] }>(page, 'products.list', { query: 'Tomate' })).data.products.find((p) => p.name === 'Tomate (kg)');
  if (!tomato) throw new Error('no tomato');
  // 0.347 kg × Bs 8.00 = Bs 2.776 → Bs 2.78 (line rule), paid Bs 2.80 in cash (BOB rounds cash to Bs 0.10).
  await sell.scan(`0,347*${tomato.sku}`);
  await sell.openPay();
  await expect(page.getByTestId('pay-total')).toHaveAttribute('data-minor', '278');
  await expect(page.getByTestId('pay-rounding')).toHaveAttribute('data-minor', '2');
  await expect(page.getByTestId('pay-cash-due')).toHaveAttribute('data-minor', '280');
  await expect(page.getByTestId('pay-rounding')).toContainText('+Bs 0,02');
  await shot('pay-rounded');
  // A card takes the exact total: no rounding line.
  await page.getByTestId('pay-method-DEBIT_CARD').click();
  await expect(page.getByTestId('pay-rounding')).toHaveCount(0);
  await page.getByTestId('pay-method-CASH').click();
  await page.getByTestId('pay-amount').fill('5');
  await page.getByTestId('pay-amount').press('Enter');
  await expect(page.getByTestId('pay-change-preview')).toHaveAttribute('data-minor', '220');
  await page.getByTestId('pay-confirm').click();
  await expect(page.getByTestId('pay-change')).toHaveAttribute('data-minor', '220');
  const sales = await rpc<{ sales: { id: string }[] }>(page, 'sales.list', {});
  const sale = await rpc<{ sale: { total: number; cashRounding: number } }>(page, 'sales.get', { saleId: sales.data.sales[0]?.id });
  expect(sale.data.sale).toMatchObject({ total: 278, cashRounding: 2 });
});
