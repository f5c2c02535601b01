// Issue 10 at the counter, in Chromium against browser mode with the real print host and a fake ESC/POS printer on
// 127.0.0.1: a sale's receipt prints by itself (bytes decoded: text, code page, cut, pulse, QR), the quick-cash
// buttons, the weight prompt, "impresora sin conexión — reimprimir", Enter closing from the count grid (and the Z
// printing by itself), the cart at 1024 × 640, the register form's printer section, reprints and refund slip copies
// through the print host (REIMPRESIÓN / COPIA on the ESC/POS printer, not the browser's dialog), the daily report
// printed on a register, and "Abrir cajón" disabled with its reason on a register without a drawer.
import type { Page } from '@playwright/test';
import { decodeEscPos, FakePrinter } from '../electron/printing/fake-printer';
import { expect, test } from './fixtures';
import { signInAndOpen } from './pages/HomePage';
import { SellPage } from './pages/SellPage';
import { SignInPage } from './pages/SignInPage';
import { HandoverPage, rpc, rpcAs } from './pages/ShiftPages';

interface Product {
  id: string;
  sku: string;
  name: string;
  price: number;
  unit: 'UNIT' | 'KG';
}

// Each test signs in, opens a shift and waits for a TCP printer: 90 s, like the other long specs, for a loaded machine.
test.describe.configure({ timeout: 90_000 });

let printer: FakePrinter;
test.beforeEach(async () => {
  printer = new FakePrinter();
  await printer.start();
});
test.afterEach(async () => {
  await printer.stop();
});

/** As the administrator (another PC's sign-in): POS001 prints to the fake printer, receipts by themselves. */
async function setUpPrinter(page: Page, autoPrintReceipt = true): Promise<void> {
  const admin = await rpcAs<{ token: string }>(page, null, 'auth.login', { username: 'admin', pin: '1111' });
  const registers = await rpcAs<{ registers: { id: string; code: string }[] }>(page, admin.data.token, 'registers.list', {});
  const registerId = registers.data.registers.find((r) => r.code === 'POS001')?.id;
  const set = await rpcAs(page, admin.data.token, 'registers.update', {
    id: registerId,
    printer: { target: { kind: 'ESCPOS_TCP', host: '127.0.0.1', port: printer.port, paper: 'MM80' }, autoPrintReceipt, drawer: { pin: 2, onMs: 100, offMs: 500 } },
    receipt: { taxId: '1023456027', address: 'Av. Ballivián 1234', phone: '2791234', footer: '¡Gracias por su compra!' },
  });
  expect(set.ok).toBe(true);
}

const product = async (page: Page, q: string): Promise<Product> => (await rpc<{ products: Product[] }>(page, 'products.search', { query: q })).data.products[0] as Product;

test('a sale prints its receipt by itself; the weight prompt; the quick-cash buttons', async ({ page, shot }) => {
  await page.goto('/');
  await setUpPrinter(page);
  const sell = new SellPage(page);
  await signInAndOpen(page, 'maria', '4444', 'POS001', '500');
  await sell.ready();
  const tomato = await product(page, 'Tomate');
  const cola = await product(page, 'SKU-003');
  expect(tomato.unit).toBe('KG');

  // A weighed item scanned without a weight: the weight is asked, not 1 kg.
  await sell.scan(tomato.sku);
  await expect(page.getByTestId('weight-dialog')).toBeVisible();
  await shot('weight-prompt');
  await page.getByTestId('weight-input').fill('0,500');
  await page.getByTestId('weight-input').press('Enter');
  await expect(sell.line(0)).toHaveAttribute('data-qty', '0.500');
  await expect(sell.search()).toBeFocused();
  await sell.scan(cola.sku);
  await expect(sell.lines()).toHaveCount(2);
  const total = await sell.totalMinor();

  await sell.openPay();
  const quick = page.getByTestId('quick-cash');
  await expect(quick).toBeVisible();
  await expect(page.getByTestId('quick-cash-0')).toHaveAttribute('data-minor', String(total));
  const next = Number(await page.getByTestId('quick-cash-1').getAttribute('data-minor'));
  expect(next).toBeGreaterThan(total);
  expect(next % 1000).toBe(0); // a whole note of Bs 10 or more
  await shot('quick-cash');
  await page.getByTestId('quick-cash-1').click();
  await expect(page.getByTestId('tender-0')).toHaveAttribute('data-minor', String(next));
  await expect(page.getByTestId('pay-change-preview')).toHaveAttribute('data-minor', String(next - total));
  await expect(quick).toHaveCount(0); // covered: no more quick cash
  await page.getByTestId('pay-confirm').click();
  const saleNumber = (await page.getByTestId('sale-number').textContent())?.trim() ?? '';
  expect(saleNumber).toMatch(/^SUC001-POS001-\d{8}-0001$/);

  // Nobody pressed print: the receipt came out of the printer.
  const [bytes] = await printer.waitForJobs(1);
  const job = decodeEscPos(bytes!);
  const text = job.lines.map((l) => l.text).join('\n');
  expect(text).toContain('Sucursal Centro');
  expect(text).toContain('NIT: 1023456027');
  expect(text).toMatch(new RegExp(`Venta\\s+${saleNumber}`));
  expect(text).toMatch(/Cajero\s+María/);
  expect(text).toContain('Tomate');
  expect(text).toContain('0,500 kg');
  expect(text).toMatch(/IVA incluido 13%/);
  expect(text).toContain('¡Gracias por su compra!');
  expect(job.codepages).toEqual([19]); // cp858: ñ, á, ¡ print as themselves
  expect(job.cuts).toBe(1);
  expect(job.pulses).toEqual([{ pin: 2, onMs: 100, offMs: 500 }]); // a cash sale opens the drawer
  expect(job.firstPulseAt).toBeLessThan(job.lastCutAt);
  expect(job.qrCodes).toEqual([saleNumber]);
  await page.getByTestId('pay-new-sale').click();
  await expect(page.getByTestId('printer-offline')).toHaveCount(0);
  await shot('sell-after-printed-sale');
});

test('printer offline: the sale commits, the badge says so, the queue shows the attempt, "Reimprimir" prints it', async ({ page, shot }) => {
  await page.goto('/');
  await setUpPrinter(page);
  await printer.stop(); // the printer is off: nothing listens on its port
  const sell = new SellPage(page);
  await signInAndOpen(page, 'maria', '4444', 'POS001', '500');
  await sell.ready();
  const cola = await product(page, 'SKU-003');
  await sell.scan(cola.sku);
  await sell.openPay();
  await page.getByTestId('quick-cash-0').click();
  await page.getByTestId('pay-confirm').click();
  const saleNumber = (await page.getByTestId('sale-number').textContent())?.trim() ?? '';
  await page.getByTestId('pay-new-sale').click();

  const badge = page.getByTestId('printer-offline');
  await expect(badge).toBeVisible({ timeout: 10_000 });
  await expect(badge).toContainText('Impresora sin conexión — reimprimir');
  await expect(badge).toContainText(saleNumber);
  await shot('printer-offline');
  await page.getByTestId('printer-queue').click();
  const queue = page.getByTestId('print-queue');
  await expect(queue.locator('[data-status="PENDING"]')).toHaveAttribute('data-attempts', '1');
  await expect(queue).toContainText('Impresora sin conexión');
  await shot('print-queue');
  await page.keyboard.press('Escape');

  await printer.start(); // back on, same port
  await page.getByTestId('printer-reprint').click();
  const [bytes] = await printer.waitForJobs(1);
  const job = decodeEscPos(bytes!);
  expect(job.lines.map((l) => l.text).join('\n')).toMatch(new RegExp(`Venta\\s+${saleNumber}`));
  expect(job.pulses).toHaveLength(0); // a late retry never pops the drawer
  await expect(badge).toHaveCount(0, { timeout: 10_000 });
  await page.getByTestId('printer-queue').click();
  await expect(page.getByTestId('print-queue').locator('[data-status="DONE"]')).toHaveAttribute('data-attempts', '2');
  await shot('print-queue-done');
});

test('Enter closes from the count grid, the Z prints by itself, and "Imprimir" prints it again on the register', async ({ page, shot }) => {
  await page.goto('/');
  await setUpPrinter(page);
  const sell = new SellPage(page);
  await signInAndOpen(page, 'maria', '4444', 'POS001', '500');
  await sell.ready();
  await page.keyboard.press('F9');
  await page.getByTestId('close-screen').waitFor();
  await expect(page.getByTestId('close-keys')).toContainText('Enter cierra');
  await page.getByTestId('denom-20000').fill('2');
  await page.getByTestId('denom-10000').fill('1');
  await shot('close-count');
  await page.getByTestId('denom-10000').press('Enter'); // not the last row: Enter closes anyway
  await page.getByTestId('report-screen').waitFor();
  // The closing count opened the drawer (the pulse alone, recorded as CLOSE_COUNT), then the Z printed.
  const [pulse, z] = await printer.waitForJobs(2);
  expect(decodeEscPos(pulse!).pulses).toEqual([{ pin: 2, onMs: 100, offMs: 500 }]);
  const text = decodeEscPos(z!).lines.map((l) => l.text).join('\n');
  expect(text).toContain('REPORTE Z · CIERRE');
  expect(text).toMatch(/Total efectivo\s+Bs 500,00/);
  expect(text).toContain('Conciliación por medio de pago');
  await page.getByTestId('print-report').click();
  await expect(page.getByTestId('report-printed')).toContainText('Enviado a la impresora');
  await printer.waitForJobs(3);
  await shot('z-printed');
});

test('at 1024 × 640 the newest scanned line is in view and its remove button is not clipped; "−" on one unit asks', async ({ page, shot }) => {
  await page.setViewportSize({ width: 1024, height: 640 });
  const sell = new SellPage(page);
  await signInAndOpen(page, 'maria', '4444', 'POS001', '500');
  await sell.ready();
  const products: Product[] = [];
  for (let i = 1; products.length < 12 && i <= 60; i++) {
    const p = await product(page, `SKU-${String(i).padStart(3, '0')}`);
    if (p.unit === 'UNIT') products.push(p);
  }
  for (const p of products) await sell.scan(p.sku);
  await expect(sell.lines()).toHaveCount(products.length);
  const last = products.length - 1;
  await expect(sell.line(last)).toBeInViewport();
  await expect(page.getByTestId(`cart-remove-${last}`)).toBeInViewport({ ratio: 1 });
  await shot('cart-1024x640');

  // "−" on a quantity of 1 asks before the line goes; dismissing keeps it.
  let asked = '';
  page.once('dialog', (d) => {
    asked = d.message();
    void d.dismiss();
  });
  await sell.line(last).getByRole('button', { name: '−' }).click();
  expect(asked).toContain(products[last]!.name);
  await expect(sell.lines()).toHaveCount(products.length);
  page.once('dialog', (d) => void d.accept());
  await sell.line(last).getByRole('button', { name: '−' }).click();
  await expect(sell.lines()).toHaveCount(products.length - 1);
});

test('the register form: printer section, a device path outside the allow-list refused, an empty form names its fields', async ({ page, shot }) => {
  await page.goto('/');
  const admin = await rpcAs<{ token: string }>(page, null, 'auth.login', { username: 'admin', pin: '1111' });
  expect(admin.ok).toBe(true);
  const signIn = new SignInPage(page);
  await signIn.goto();
  await signIn.signIn('admin', '1111');
  await page.getByTestId('nav-admin-registers').click();
  await page.getByTestId('registers-table').waitFor();
  await page.getByTestId('reg-new').click();
  await page.getByTestId('reg-save').click();
  await expect(page.getByTestId('reg-error')).toContainText('Revise:');
  await expect(page.getByTestId('reg-error')).toContainText('Código');
  await expect(page.getByTestId('reg-error')).toContainText('Nombre');
  await shot('register-form-invalid');
  await page.keyboard.press('Escape');
  await page.getByTestId('reg-edit-POS001').click();
  await page.getByTestId('reg-printer-kind').selectOption('ESCPOS_DEVICE');
  await page.getByTestId('reg-printer-path').fill('/etc/passwd');
  await page.getByTestId('reg-header-footer').fill('¡Vuelva pronto!');
  await page.getByTestId('reg-save').click();
  await expect(page.getByTestId('reg-error')).toHaveAttribute('data-code', 'PRINTER_DEVICE_NOT_ALLOWED');
  await page.getByTestId('reg-printer-path').fill('/dev/usb/lp0');
  await shot('register-form-printer', { fullPage: true });
  await page.getByTestId('reg-save').click();
  await expect(page.getByTestId('register-form')).toHaveCount(0);
  const settings = await rpcAs<{ settings: { target: { kind: string; path?: string } }; header: { footer: string } }>(page, admin.data.token, 'print.settings', {
    registerId: (await rpcAs<{ registers: { id: string; code: string }[] }>(page, admin.data.token, 'registers.list', {})).data.registers.find((r) => r.code === 'POS001')?.id,
  });
  expect(settings.data.settings.target).toMatchObject({ kind: 'ESCPOS_DEVICE', path: '/dev/usb/lp0' });
  expect(settings.data.header.footer).toBe('¡Vuelva pronto!');
});

test('reprints reach the register printer: the last sale and the sales list (REIMPRESIÓN), a refund slip copy (COPIA)', async ({ page, shot }) => {
  await page.goto('/');
  await setUpPrinter(page);
  const sell = new SellPage(page);
  await signInAndOpen(page, 'maria', '4444', 'POS001', '500');
  await sell.ready();
  const cola = await product(page, 'SKU-003');
  await sell.scan(cola.sku);
  await sell.openPay();
  await page.getByTestId('quick-cash-0').click();
  await page.getByTestId('pay-confirm').click();
  const saleNumber = (await page.getByTestId('sale-number').textContent())?.trim() ?? '';
  await page.getByTestId('pay-new-sale').click();
  await printer.waitForJobs(1);
  // No browser print dialog: window.print would leave the print host on the page.
  await page.evaluate(() => {
    (window as unknown as { printed: number }).printed = 0;
    window.print = () => {
      (window as unknown as { printed: number }).printed += 1;
    };
  });

  await page.getByTestId('reprint').click();
  await expect(page.getByTestId('toast')).toContainText(`Copia de ${saleNumber}`);
  const copy = decodeEscPos((await printer.waitForJobs(2))[1]!);
  const text = copy.lines.map((l) => l.text).join('\n');
  expect(text).toContain('*** REIMPRESIÓN ***');
  expect(text).toMatch(new RegExp(`Venta\\s+${saleNumber}`));
  expect(copy.qrCodes).toEqual([saleNumber]);
  expect(copy.pulses).toEqual([]); // a copy never opens the drawer
  await shot('last-sale-reprinted');

  await page.keyboard.press('F5');
  await page.getByTestId(`sales-row-${saleNumber}`).click();
  await page.getByTestId('sales-reprint').click();
  const fromList = decodeEscPos((await printer.waitForJobs(3))[2]!);
  expect(fromList.lines.map((l) => l.text).join('\n')).toContain('*** REIMPRESIÓN ***');

  // A refund prints its slip by itself (the cash going back opens the drawer); "Imprimir" then prints a COPIA.
  await page.getByTestId('sales-refund').click();
  await page.getByTestId('refund-qty-1').fill('1');
  await page.getByTestId('refund-reason').fill('Producto dañado');
  await page.getByTestId('refund-confirm').click();
  const refundNumber = (await page.getByTestId('refund-number').textContent())?.trim() ?? '';
  const slip = decodeEscPos((await printer.waitForJobs(4))[3]!);
  expect(slip.lines.map((l) => l.text).join('\n')).toContain('DEVOLUCIÓN');
  expect(slip.pulses).toHaveLength(1);
  await page.getByTestId('refund-print').click();
  const slipCopy = decodeEscPos((await printer.waitForJobs(5))[4]!);
  const slipText = slipCopy.lines.map((l) => l.text).join('\n');
  expect(slipText).toContain('*** COPIA ***');
  expect(slipText).toContain(refundNumber);
  expect(slipCopy.pulses).toEqual([]);
  await shot('refund-slip-copy');
  // None of it went through the browser's print dialog.
  expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(0);
});

test('the daily report prints on a register through the print host; "Abrir cajón" is disabled with its reason without a drawer', async ({ page, shot }) => {
  await page.goto('/');
  await setUpPrinter(page);
  const signIn = new SignInPage(page);
  await signIn.signIn('gerente', '2222');
  await page.getByTestId('nav-daily').click();
  await page.getByTestId('daily-report').waitFor();
  await page.getByTestId('daily-print').click();
  await expect(page.getByTestId('daily-printed')).toContainText('Enviado a la impresora');
  const daily = decodeEscPos((await printer.waitForJobs(1))[0]!);
  const text = daily.lines.map((l) => l.text).join('\n');
  expect(text).toContain('REPORTE DIARIO');
  expect(text).toMatch(/Fecha contable\s+\d{4}-\d{2}-\d{2}/);
  expect(text).toMatch(/_{20,}\n\s*Gerente/);
  expect(daily.pulses).toEqual([]);
  await shot('daily-printed');
  await page.getByTestId('signout').click();

  // POS002 has no printer, so no drawer: the action says why, and Ctrl+K says it too instead of opening the dialog.
  const sell = new SellPage(page);
  await signInAndOpen(page, 'maria', '4444', 'POS002', '500');
  await sell.ready();
  const action = page.getByTestId('act-nosale');
  await expect(action).toBeDisabled();
  await expect(action).toContainText('Sin cajón en esta caja');
  await expect(action).toHaveAttribute('title', /no tiene cajón/);
  await page.keyboard.press('Control+k');
  await expect(page.getByTestId('nosale-dialog')).toHaveCount(0);
  await expect(page.getByTestId('sell-error')).toContainText('no tiene cajón');
  await shot('nosale-without-drawer');
});

test('a handover opens the drawer and the incoming cashier sees no last sale of the previous one; "Enviar ahora" without HQ says there is nowhere to send', async ({ page, shot }) => {
  await page.goto('/');
  await setUpPrinter(page, false);
  const sell = new SellPage(page);
  await signInAndOpen(page, 'maria', '4444', 'POS001', '500');
  await sell.ready();
  const cola = await product(page, 'SKU-003');
  await sell.scan(cola.sku);
  await sell.openPay();
  await page.getByTestId('quick-cash-0').click();
  await page.getByTestId('pay-confirm').click();
  await page.getByTestId('pay-new-sale').click();
  await expect(page.getByTestId('last-sale')).toBeVisible();
  await printer.waitForJobs(1); // the cash sale's pulse alone (receipts do not print by themselves here)

  await page.keyboard.press('F8');
  const handover = new HandoverPage(page);
  await handover.ready();
  await page.getByTestId('denom-20000').fill('2');
  await page.getByTestId('denom-10000').fill('1');
  await page.getByTestId(`handover-user-juan`).click();
  await page.getByTestId('handover-confirm').click();
  await page.getByTestId('pin-dialog-input').fill('5555');
  await page.getByTestId('pin-dialog-input').press('Enter');
  await sell.ready();
  await expect(page.getByTestId('current-user')).toContainText('Juan Pérez');
  await expect(page.getByTestId('last-sale')).toHaveCount(0);
  // The handover count opened the drawer: the pulse alone, then the handover slip.
  const jobs = await printer.waitForJobs(3);
  expect(decodeEscPos(jobs[1]!).pulses).toEqual([{ pin: 2, onMs: 100, offMs: 500 }]);
  expect(decodeEscPos(jobs[2]!).lines.map((l) => l.text).join('\n')).toContain('ENTREGA DE CAJA');
  await shot('incoming-cashier-no-last-sale');
  await page.getByTestId('signout').click();
  await page.getByTestId('signout-suspend').click(); // the drawer is Juan's now: suspend it and leave

  await new SignInPage(page).signIn('gerente', '2222');
  await page.getByTestId('nav-sync').click();
  await page.getByTestId('sync-now').click();
  await expect(page.getByTestId('sync-nowhere')).toContainText('No hay central configurada');
  await shot('send-now-nowhere');
});
