// The catalog and register settings behind the counter: product edit, CSV import with errors by line and then the good
// rows only (errors translated by code), a register's refund limit and negative-stock rule, agent providers (managers).
import { expect, test } from './fixtures';
import { HomePage } from './pages/HomePage';
import { rpc } from './pages/ShiftPages';
import { SignInPage } from './pages/SignInPage';

interface Product {
  sku: string;
  name: string;
  price: number;
  unit: string;
  category: string | null;
  taxRateBp: number;
  barcodes: string[];
  stockMilli: number;
}

const CSV = [
  'sku;nombre;precio;unidad;categoria;iva;existencia',
  'SKU-800;Queso Menonita (kg);45,00;KG;Lácteos;13;10,5',
  'SKU-801;Pan Marraqueta;0,50;UNIT;Panadería;13;100',
  'SKU-802;Leche PIL 1 L;abc;UNIT;Lácteos;13;20',
  'SKU-803;Yogurt PIL 1 L;14,00;UNIT;Lácteos;13;12',
].join('\n');

test('a manager edits a product and imports a CSV: the bad line is shown by number, then only the good rows are imported', async ({ page, shot }) => {
  const signIn = new SignInPage(page);
  const home = new HomePage(page);
  await signIn.goto();
  await signIn.signIn('gerente', '2222');
  await home.ready();
  await page.getByTestId('nav-admin-products').click();
  await page.getByTestId('products-table').waitFor();

  // Edit: price, a second barcode, category; the stock is shown, not edited.
  await page.getByTestId('prod-edit-SKU-001').click();
  await page.getByTestId('product-form').waitFor();
  await expect(page.getByTestId('prod-name')).toBeFocused();
  await expect(page.getByTestId('prod-stock-now')).toHaveText('100');
  await page.getByTestId('prod-price').fill('5,50');
  const first = await page.getByTestId('prod-barcode').inputValue();
  await page.getByTestId('prod-barcode').fill(`${first} INT-0001`);
  await page.getByTestId('prod-category').fill('Bebidas sin alcohol');
  await shot('product-edit');
  await page.getByTestId('prod-name').press('Enter');
  await expect(page.getByTestId('prod-saved')).toContainText('SKU-001');
  await expect(page.getByTestId('prod-row-SKU-001')).toContainText('5,50');
  const edited = (await rpc<{ products: Product[] }>(page, 'products.search', { query: 'INT-0001' })).data.products[0];
  expect(edited).toMatchObject({ sku: 'SKU-001', price: 550, category: 'Bebidas sin alcohol', barcodes: [first, 'INT-0001'], stockMilli: 100_000 });

  // Import: line 4 has a bad price; nothing is written and the line is named.
  await page.getByTestId('prod-import').setInputFiles({ name: 'productos.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV, 'utf8') });
  await expect(page.getByTestId('import-errors')).toBeVisible();
  await expect(page.getByTestId('import-error-4')).toContainText('Línea 4');
  await expect(page.getByTestId('import-error-4')).toContainText('precio');
  // The reason is translated from the engine's code, in either language.
  await expect(page.getByTestId('import-error-4').locator('[data-code="BAD_PRICE"]')).toHaveText('monto no válido');
  await page.getByTestId('lang-en').click();
  await expect(page.getByTestId('import-error-4').locator('[data-code="BAD_PRICE"]')).toHaveText('not a valid amount');
  await page.getByTestId('lang-es').click();
  await expect(page.getByTestId('import-errors')).toHaveAttribute('data-count', '1');
  const none = await rpc<{ products: Product[] }>(page, 'products.search', { query: 'SKU-800' });
  expect(none.data.products).toHaveLength(0);
  await shot('import-errors');

  // The good rows only: three created, one skipped (still listed by line).
  await page.getByTestId('import-good-only').click();
  await expect(page.getByTestId('import-result')).toHaveAttribute('data-created', '3');
  await expect(page.getByTestId('import-result')).toHaveAttribute('data-skipped', '1');
  await expect(page.getByTestId('import-error-4')).toBeVisible();
  await page.getByTestId('prod-search').fill('PIL');
  await expect(page.getByTestId('prod-row-SKU-803')).toContainText('14,00');
  await expect(page.getByTestId('prod-row-SKU-802')).toHaveCount(0);
  await shot('import-good-rows');
  const cheese = (await rpc<{ products: Product[] }>(page, 'products.search', { query: 'SKU-800' })).data.products[0];
  expect(cheese).toMatchObject({ unit: 'KG', price: 4500, stockMilli: 10_500, category: 'Lácteos', taxRateBp: 1300 });
});

test('an admin sets a register refund limit and forbids selling without stock; a manager adds an agent provider', async ({ page, shot }) => {
  const signIn = new SignInPage(page);
  const home = new HomePage(page);
  await signIn.goto();
  await signIn.signIn('admin', '1111');
  await home.ready();
  await page.getByTestId('nav-admin-registers').click();
  await page.getByTestId('registers-table').waitFor();
  await expect(page.getByTestId('reg-refund-above-POS002')).toHaveAttribute('data-minor', '5000');
  await page.getByTestId('reg-edit-POS002').click();
  await page.getByTestId('reg-refund-above').fill('100');
  await page.getByTestId('reg-negative-stock').uncheck();
  await shot('register-form');
  await page.getByTestId('reg-save').click();
  await expect(page.getByTestId('reg-refund-above-POS002')).toHaveAttribute('data-minor', '10000');
  await expect(page.getByTestId('reg-negative-POS002')).toHaveAttribute('data-value', 'false');
  const registers = await rpc<{ registers: { code: string; allowNegativeStock: boolean; refundApprovalAbove: number }[] }>(page, 'registers.list');
  expect(registers.data.registers.find((r) => r.code === 'POS002')).toMatchObject({ allowNegativeStock: false, refundApprovalAbove: 10000 });

  // Agent providers are a manager's (agents:manage): their own screen, which the admin has too.
  await expect(page.getByTestId('nav-admin-providers')).toBeVisible();
  await page.getByTestId('signout').click();
  await signIn.signIn('gerente', '2222');
  await home.ready();
  await expect(page.getByTestId('nav-admin-registers')).toHaveCount(0);
  await page.getByTestId('nav-admin-providers').click();
  await page.getByTestId('providers-table').waitFor();
  await page.getByTestId('prov-new').click();
  await page.getByTestId('prov-code').fill('SIMPLE');
  await page.getByTestId('prov-name').fill('Simple QR Pagos');
  await page.getByTestId('prov-kind-CASH_OUT').uncheck();
  await page.getByTestId('prov-kind-TOP_UP').check();
  await shot('provider-form');
  await page.getByTestId('prov-save').click();
  await expect(page.getByTestId('prov-row-SIMPLE')).toContainText('Depósito a cuenta · Recarga');
  await shot('providers', { fullPage: true });
  const providers = await rpc<{ providers: { code: string; kinds: string[] }[] }>(page, 'agents.providers');
  expect(providers.data.providers.find((p) => p.code === 'SIMPLE')?.kinds).toEqual(['CASH_IN', 'TOP_UP']);
});
