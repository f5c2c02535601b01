// Attacker-pass fixes of going live, on screen: a sale whose cash due rounds to nothing is confirmed with no tender,
// and wrong approval PINs naming a supervisor show on the manager's users list instead of locking her out.
import { expect, test } from './fixtures';
import { HomePage, signInAndOpen } from './pages/HomePage';
import { SellPage } from './pages/SellPage';
import { rpc, rpcAs } from './pages/ShiftPages';
import { SignInPage } from './pages/SignInPage';

test('Bs 0.04 in cash rounds to Bs 0.00: the sale is confirmed with nothing to hand over', async ({ page, shot }) => {
  await signInAndOpen(page, 'maria', '4444', 'POS001', '100');
  const sell = new SellPage(page);
  await sell.ready();
  const tomato = (await rpc<{ products: { sku: string; name: string }[] }>(page, 'products.list', { query: 'Tomate' })).data.products.find((p) => p.name === 'Tomate (kg)');
  if (!tomato) throw new Error('no tomato');
  // 0.005 kg × Bs 8.00 = Bs 0.04, rounded down to Bs 0.00 in cash (BOB rounds cash to Bs 0.10).
  await sell.scan(`0,005*${tomato.sku}`);
  await sell.openPay();
  await expect(page.getByTestId('pay-total')).toHaveAttribute('data-minor', '4');
  await expect(page.getByTestId('pay-cash-due')).toHaveAttribute('data-minor', '0');
  await expect(page.getByTestId('pay-confirm')).toBeEnabled();
  await shot('pay-nothing-due');
  await sell.confirmPay();
  await expect(page.getByTestId('pay-change')).toHaveAttribute('data-minor', '0');
  const current = await rpc<{ session: { id: string } }>(page, 'cash.current', {});
  const sales = await rpc<{ sales: { id: string; total: number }[] }>(page, 'sales.list', { sessionId: current.data.session.id });
  expect(sales.data.sales).toHaveLength(1);
  const sale = await rpc<{ sale: { total: number; cashRounding: number; payments: unknown[] } }>(page, 'sales.get', { saleId: sales.data.sales[0]?.id });
  expect(sale.data.sale).toMatchObject({ total: 4, cashRounding: -4, payments: [] });
});

test("wrong approval PINs naming the supervisor show on the manager's users list", async ({ page, shot }) => {
  await page.goto('/');
  const maria = (await rpcAs<{ token: string }>(page, null, 'auth.login', { username: 'maria', pin: '4444' })).data.token;
  for (const pin of ['0000', '9999']) {
    expect((await rpcAs(page, maria, 'auth.verifySupervisor', { username: 'sofia', pin, permission: 'cash:movements' })).error?.code).toBe('INVALID_CREDENTIALS');
  }
  const signIn = new SignInPage(page);
  await signIn.goto();
  await signIn.signIn('gerente', '2222');
  await new HomePage(page).ready();
  await page.getByTestId('nav-admin-users').click();
  await page.getByTestId('users-table').waitFor();
  await expect(page.getByTestId('user-approval-failures-sofia')).toContainText('2 PIN erróneos al autorizar');
  await expect(page.getByTestId('user-approval-failures-sofia')).toContainText('maria');
  await shot('users-approval-notice');
});
