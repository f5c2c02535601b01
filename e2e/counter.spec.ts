// Issue 3 at the counter: weighed items, voids and refunds from the sell screen, agent operations, the X report's
// voids, refunds, agents, tax and hours, and a supervisor resuming a suspended session. Keyboard first, real engine.
import { expect, test } from './fixtures';
import { AgentsPage, SalesDialogPage } from './pages/CounterPages';
import { signInAndOpen } from './pages/HomePage';
import { SellPage } from './pages/SellPage';
import { LockPage, ReportPage, rpc, rpcAs, showExpectedOn, stubPrint } from './pages/ShiftPages';
import { cashRoundingFor, roundCash } from '../src/money';
import { approveWithPin } from './pages/approver';

interface Product {
  id: string;
  sku: string;
  name: string;
  barcode: string | null;
  price: number;
  unit: 'UNIT' | 'KG';
}

interface SessionReport {
  sales: { count: number; total: number; gross: number };
  voids: { count: number; total: number };
  refunds: { count: number; total: number };
  taxes: { taxRateBp: number; taxable: number; tax: number }[];
  salesByHour: { hour: number; count: number; total: number; refundsTotal: number }[];
  agents: { count: number; netCash: number; byKind: Record<string, number>; commission: number };
  totals: Record<string, number>;
}

const prints = (page: import('@playwright/test').Page) => page.evaluate(() => (window as unknown as { __prints: number }).__prints);

test('weighed items in the cart, a void with a supervisor PIN, refunds by line with and without a supervisor, the refund slip and the X report', async ({ page, shot }) => {
  test.setTimeout(90_000);
  await stubPrint(page);
  const sell = new SellPage(page);
  const sales = new SalesDialogPage(page);

  await signInAndOpen(page, 'maria', '4444', 'POS001', '500');
  await sell.ready();

  const search = async (q: string) => (await rpc<{ products: Product[] }>(page, 'products.search', { query: q })).data.products[0] as Product;
  const tomato = await search('Tomate');
  const cola = await search('SKU-003');
  const singani = await search('Singani');
  expect(tomato.unit).toBe('KG');

  // 0,750 kg typed before the code; then the weight corrected on the line to 1,255 kg (3 decimals, read as text).
  await sell.scan(`0,750*${tomato.sku}`);
  await expect(sell.line(0)).toHaveAttribute('data-qty', '0.750');
  await expect(sell.line(0)).toHaveAttribute('data-unit', 'KG');
  await expect(sell.line(0)).toHaveAttribute('data-minor', String((tomato.price * 750) / 1000));
  await page.getByTestId('cart-qty-0').fill('1,255');
  await page.getByTestId('cart-qty-0').press('Enter');
  await expect(sell.search()).toBeFocused();
  const tomatoTotal = Math.round((tomato.price * 1255) / 1000);
  await expect(sell.line(0)).toHaveAttribute('data-qty', '1.255');
  await expect(sell.line(0)).toHaveAttribute('data-minor', String(tomatoTotal));
  // A unit item takes whole units only.
  await sell.scan(`1,5*${cola.sku}`);
  await expect(page.getByTestId('sell-error')).toHaveAttribute('data-code', 'QUANTITY_INVALID');
  await expect(sell.lines()).toHaveCount(1);
  await sell.scan(`2*${cola.sku}`);
  await sell.scan(singani.sku);
  await expect(sell.lines()).toHaveCount(3);
  const total1 = tomatoTotal + 2 * cola.price + singani.price;
  await expect(sell.total()).toHaveAttribute('data-minor', String(total1));
  await shot('sell-kg');

  await sell.openPay();
  await sell.tender('CASH', '100');
  await sell.confirmPay();
  // The engine priced the weighed line exactly as the cart did: the change is Bs 100 minus the cart's total, paid in
  // cash rounded to Bs 0.10 (the boliviano's smallest coin).
  await expect(sell.change()).toHaveAttribute('data-minor', String(10000 - roundCash(total1, cashRoundingFor('BOB', null))));
  const sale1 = (await page.getByTestId('sale-number').textContent()) ?? '';
  expect(sale1).toMatch(/^SUC001-POS001-\d{8}-0001$/);
  // The receipt carries the sale's code: scanned in F5 it finds the sale on any register.
  await page.keyboard.press('Control+p');
  const code = ((await page.getByTestId('receipt-code').textContent()) ?? '').replace(/^.*:\s*/, '');
  expect(code).toMatch(/^[0-9a-f-]{36}$/);
  await sell.newSale();
  await sell.scan(`2*SKU-001`);
  await expect(sell.line(0)).toHaveAttribute('data-qty', '2');
  await sell.openPay();
  await page.getByTestId('pay-amount').press('Enter');
  await sell.confirmPay();
  const sale2 = (await page.getByTestId('sale-number').textContent()) ?? '';
  await sell.newSale();

  // F5: this session's sales; "2" finds the second one; F4 voids it with Sofía's PIN.
  await sales.open();
  await expect(sales.rows()).toHaveCount(2);
  await shot('sales-list');
  await sales.find('2');
  await expect(page.getByTestId('sales-dialog')).toContainText(sale2);
  await expect(sales.status()).toHaveAttribute('data-status', 'COMPLETED');
  await shot('sale');
  await sales.voidSale('Cobro duplicado', '3333');
  await expect(sales.status()).toHaveAttribute('data-status', 'VOIDED');
  await expect(page.getByTestId('sales-notice')).toContainText('Sofía Supervisora');
  await expect(page.getByTestId('sales-void')).toBeDisabled();
  await shot('sale-voided');

  // Back (Esc) to the search; the first sale by its full number; a refund of 0,5 kg of tomato and one cola: Bs 11,
  // below the register's Bs 50, so no supervisor.
  await page.keyboard.press('Escape');
  await sales.find(sale1);
  await expect(page.getByTestId('sale-total')).toHaveAttribute('data-minor', String(total1));
  await sales.startRefund();
  await sales.refundLine(1, '0,5');
  await sales.refundLine(2, '1');
  await sales.reason('Producto en mal estado');
  const share = Math.round((tomatoTotal * 500) / 1255) + cola.price;
  await expect(sales.total()).toHaveAttribute('data-minor', String(share));
  await shot('refund-form');
  await sales.confirm();
  await expect(page.getByTestId('refund-done-total')).toHaveAttribute('data-minor', String(share));
  await expect(page.getByTestId('refund-number')).toHaveText(/^R-SUC001-POS001-\d{8}-0001$/);
  await page.keyboard.press('Control+p');
  await expect(page.getByTestId('print-host')).toHaveAttribute('data-kind', 'receipt');
  await expect(page.getByTestId('refund-slip')).toContainText(sale1);
  await expect.poll(() => prints(page)).toBe(2);
  await page.emulateMedia({ media: 'print' });
  await shot('refund-slip-80mm');
  await page.emulateMedia({ media: 'screen' });
  await shot('refund-done');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('sales-dialog')).toHaveCount(0);
  await expect(sell.toast()).toContainText('R-SUC001-POS001');
  await expect(page.getByTestId('last-sale-voided')).toBeVisible(); // the last sale (the second) was voided

  // The singani (Bs 75) is above the limit: the engine asks for a supervisor, Sofía approves, damaged goods stay out.
  // This time the sale is found by the code on its receipt, as a scanner types it.
  await sales.open();
  await page.keyboard.type(code, { delay: 4 });
  await page.keyboard.press('Enter');
  await sales.status().waitFor();
  await expect(page.getByTestId('sales-dialog')).toContainText(sale1);
  await expect(page.getByTestId('sales-void')).toBeDisabled(); // a refunded sale is never voided
  await sales.startRefund();
  await page.getByTestId('refund-all-3').click();
  await sales.reason('Botella rota');
  await page.getByTestId('refund-damaged').check();
  await sales.confirm();
  await page.getByTestId('pin-dialog').waitFor();
  await expect(page.getByTestId('pin-dialog')).toContainText('50,00');
  await shot('refund-supervisor');
  await approveWithPin(page, '3333');
  await expect(page.getByTestId('refund-done-total')).toHaveAttribute('data-minor', String(singani.price));
  await page.keyboard.press('Enter');
  const stock = await rpc<{ products: (Product & { stockMilli: number })[] }>(page, 'products.search', { query: singani.sku });
  expect(stock.data.products[0]?.stockMilli).toBe(99_000); // damaged: not restocked

  // The blind close keeps the X report from the cashier; on a register without it, she reads it.
  await page.keyboard.press('F10');
  await expect(page.getByTestId('report-error')).toContainText('Cierre ciego');
  await page.getByTestId('report-back').click();
  await showExpectedOn(page, 'POS001');
  // The X report: voids, refunds, tax by rate and sales by hour, all as the engine reports them.
  await page.keyboard.press('F10');
  const report = new ReportPage(page);
  await report.ready();
  const current = await rpc<{ session: { id: string } }>(page, 'cash.current');
  const x = (await rpc<SessionReport>(page, 'reports.session', { sessionId: current.data.session.id })).data;
  expect(x.voids).toEqual({ count: 1, total: 1000 });
  expect(x.refunds).toEqual({ count: 2, total: share + singani.price });
  await expect(page.getByTestId('report-voids')).toHaveAttribute('data-minor', '1000');
  await expect(page.getByTestId('report-voids')).toHaveAttribute('data-count', '1');
  await expect(page.getByTestId('report-refunds')).toHaveAttribute('data-minor', String(x.refunds.total));
  expect(await report.minor('report-gross')).toBe(x.sales.gross);
  expect(await report.minor('report-net')).toBe(x.sales.total);
  expect(x.sales.total).toBe(total1 - x.refunds.total);
  const vat = x.taxes.find((r) => r.taxRateBp === 1300);
  expect(vat).toBeDefined();
  await expect(page.getByTestId('report-tax-1300')).toHaveAttribute('data-minor', String(vat?.tax));
  await expect(page.locator('[data-testid="chart-hours"] g[data-value]')).not.toHaveCount(0);
  const hourSum = x.salesByHour.reduce((s, h) => s + h.total - h.refundsTotal, 0);
  expect(hourSum).toBe(x.sales.total);
  await shot('x-report', { fullPage: true });

  // A MIXED register: F1 switches to the agent screen and back.
  await page.getByTestId('report-back').click();
  await sell.ready();
  await page.keyboard.press('F1');
  const agents = new AgentsPage(page);
  await agents.ready();
  await agents.operate({ kind: 'TOP_UP', provider: 'ENTEL', amount: '20', reference: 'EN-555' });
  await expect(agents.op('EN-555')).toHaveAttribute('data-minor', '2000');
  await page.keyboard.press('F1');
  await sell.ready();
});

test('a sale made by another cashier on another register of the branch is found by its number and refunded here', async ({ page, shot }) => {
  await stubPrint(page);
  const sell = new SellPage(page);
  const sales = new SalesDialogPage(page);

  // Juan sells two colas on Caja 2 (another register PC of the branch: straight to the engine).
  await page.goto('/');
  const juan = (await rpcAs<{ token: string }>(page, null, 'auth.login', { username: 'juan', pin: '5555' })).data.token;
  const registers = (await rpcAs<{ registers: { id: string; code: string }[] }>(page, juan, 'registers.list')).data.registers;
  const pos2 = registers.find((r) => r.code === 'POS002')?.id ?? '';
  expect((await rpcAs(page, juan, 'cash.open', { registerId: pos2, openingAmount: 10000 })).ok).toBe(true);
  const cola = (await rpcAs<{ products: Product[] }>(page, juan, 'products.search', { query: 'SKU-003' })).data.products[0] as Product;
  const sold = await rpcAs<{ sale: { id: string; saleNumber: string; total: number } }>(page, juan, 'sales.create', {
    lines: [{ productId: cola.id, quantity: 2 }],
    payments: [{ method: 'CASH', amount: 2 * cola.price }],
  });
  const number = sold.data.sale.saleNumber;
  expect(number).toMatch(/^SUC001-POS002-\d{8}-0001$/);

  // María on Caja 1: her session has no sales, so the last digits find nothing here; the full number finds Juan's.
  await signInAndOpen(page, 'maria', '4444', 'POS001', '500');
  await sell.ready();
  await sales.open();
  await expect(page.getByTestId('sales-empty')).toBeVisible();
  await page.getByTestId('sales-find').fill('1');
  await page.getByTestId('sales-find').press('Enter');
  await expect(page.getByTestId('sales-error')).toHaveAttribute('data-code', 'NOT_FOUND');
  await sales.find(number);
  await expect(page.getByTestId('sales-dialog')).toContainText(number);
  await expect(page.getByTestId('sale-origin')).toHaveText('POS002 · Juan Pérez');
  await expect(page.getByTestId('sale-total')).toHaveAttribute('data-minor', String(2 * cola.price));
  await expect(page.getByTestId('sales-void')).toBeDisabled(); // only the session that sold it may void it
  await shot('other-register-sale');

  // One cola back, below the register's Bs 50: no supervisor; the refund is numbered on this register.
  await sales.startRefund();
  await sales.refundLine(1, '1');
  await sales.reason('Cambio de sabor');
  await sales.confirm();
  await expect(page.getByTestId('refund-done-total')).toHaveAttribute('data-minor', String(cola.price));
  await expect(page.getByTestId('refund-number')).toHaveText(/^R-SUC001-POS001-\d{8}-0001$/);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('sales-dialog')).toHaveCount(0);
  const after = await rpcAs<{ sale: { refundedTotal: number } }>(page, juan, 'sales.get', { saleId: sold.data.sale.id });
  expect(after.data.sale.refundedTotal).toBe(cola.price);
  // María's own list is still hers alone.
  const mine = await rpc<{ sales: unknown[] }>(page, 'sales.list');
  expect(mine.data.sales).toHaveLength(0);
});

test('an agents-only register lands on the agent screen: deposit, withdrawal and top-up with commission, a refused withdrawal, the X report, suspend and a supervisor resumes', async ({ page, shot }) => {
  test.setTimeout(60_000);
  await stubPrint(page);
  const agents = new AgentsPage(page);

  await signInAndOpen(page, 'juan', '5555', 'POS003', '300');
  await agents.ready();
  await expect(page.getByTestId('nav-sell')).toHaveCount(0);
  await expect(page.getByTestId('agent-empty')).toBeVisible();

  await agents.operate({ kind: 'CASH_IN', provider: 'TIGO_MONEY', amount: '200', reference: 'TM-1001', commission: '2', customer: '70012345' });
  await expect(agents.op('TM-1001')).toHaveAttribute('data-kind', 'CASH_IN');
  await expect(page.getByTestId('toast')).toContainText('200,00');
  await agents.operate({ kind: 'CASH_OUT', provider: 'BNB', amount: '50', reference: 'BNB-77', commission: '1,50' });
  await agents.operate({ kind: 'TOP_UP', provider: 'ENTEL', amount: '20', reference: 'EN-5' });
  await expect(agents.op('EN-5')).toBeVisible();
  // ENTEL only does top-ups: it is not offered for a withdrawal.
  await page.getByTestId('agent-kind-CASH_OUT').click();
  await expect(page.getByTestId('agent-provider').locator('option[value="ENTEL"]')).toHaveCount(0);
  await expect(page.getByTestId('agent-net')).toHaveAttribute('data-minor', String(20000 - 5000 + 2000));
  await expect(page.getByTestId('agent-total-CASH_IN')).toHaveAttribute('data-minor', '20000');
  await expect(page.getByTestId('agent-commission-total')).toHaveAttribute('data-minor', '350');
  // A withdrawal beyond the drawer (Bs 300 + 170) is refused by the engine.
  await agents.operate({ kind: 'CASH_OUT', provider: 'TIGO_MONEY', amount: '1000', reference: 'TM-9' });
  await expect(agents.error()).toHaveAttribute('data-code', 'INSUFFICIENT_CASH');
  await expect(agents.error()).toContainText('No hay suficiente efectivo en caja');
  await shot('agents');
  await page.keyboard.press('Control+p');
  await expect(page.getByTestId('agent-slip')).toContainText('EN-5');
  await page.emulateMedia({ media: 'print' });
  await shot('agent-slip-80mm');
  await page.emulateMedia({ media: 'screen' });

  const listed = await rpc<{ totals: { count: number; netCash: number } }>(page, 'agents.list', {});
  expect(listed.data.totals).toMatchObject({ count: 3, netCash: 17000 });

  await showExpectedOn(page, 'POS003');
  await page.keyboard.press('F10');
  const report = new ReportPage(page);
  await report.ready();
  await expect(page.getByTestId('report-agents')).toHaveAttribute('data-count', '3');
  expect(await report.minor('report-agent-net')).toBe(17000);
  expect(await report.minor('report-agent-CASH_OUT')).toBe(5000);
  expect(await report.minor('report-agent-commission')).toBe(350);
  await expect(page.getByTestId('report-agent-TIGO_MONEY-CASH_IN')).toHaveAttribute('data-minor', '20000');
  await shot('x-report-agents', { fullPage: true });
  await page.getByTestId('report-back').click();
  await agents.ready();

  // Suspend: the lock screen says since when; Sofía resumes it with her PIN (a cash:resume grant).
  await page.keyboard.press('F7');
  const lock = new LockPage(page);
  await lock.ready();
  await expect(page.getByTestId('lock-since')).toContainText('Suspendido desde');
  const suspended = await rpc<{ session: { suspendedAt: string | null; status: string } }>(page, 'cash.current');
  expect(suspended.data.session.status).toBe('SUSPENDED');
  await expect(page.getByTestId('lock-since')).toHaveAttribute('data-at', suspended.data.session.suspendedAt ?? 'missing');
  await shot('lock-since');
  await page.getByTestId('lock-supervisor').click();
  await approveWithPin(page, '5555'); // the cashier cannot approve her own resume, even naming the supervisor
  await expect(page.getByTestId('pin-dialog-error')).toBeVisible();
  await shot('lock-supervisor');
  await approveWithPin(page, '3333');
  await agents.ready();
  const resumed = await rpc<{ session: { status: string; suspendedAt: string | null } }>(page, 'cash.current');
  expect(resumed.data.session).toMatchObject({ status: 'OPEN', suspendedAt: null });

  // The same screen in English, one switch away.
  await page.getByTestId('lang-en').click();
  await expect(page.getByTestId('agent-kind-CASH_IN')).toContainText('Account deposit');
  await expect(page.getByTestId('agent-confirm')).toContainText('Record');
  await shot('agents-en');
  await page.getByTestId('lang-es').click();
});
