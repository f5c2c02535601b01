// Backups in the admin screen, in Chromium against browser mode: choose a folder, "Copia ahora" shows the time and size,
// a foreign file is refused with its reason, and restoring the backup brings the store back to it (a product created
// after the backup is gone) after everyone signs in again.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from './fixtures';
import { HomePage } from './pages/HomePage';
import { rpc } from './pages/ShiftPages';
import { SignInPage } from './pages/SignInPage';

test('admin: backup now, a foreign file refused, then restore', async ({ page, shot, dataDir }) => {
  const folder = path.join(dataDir, 'usb', 'copias');
  const signIn = new SignInPage(page);
  await signIn.goto();
  await signIn.signIn('admin', '1111');
  await new HomePage(page).ready();
  await page.getByTestId('nav-admin-backups').click();
  await page.getByTestId('backups-page').waitFor();
  await expect(page.getByTestId('backup-last')).toHaveText('Todavía no hay copias');
  await expect(page.getByTestId('backup-now')).toBeDisabled();

  await page.getByTestId('backup-folder').fill(folder);
  await page.getByTestId('backup-keep').fill('7');
  await page.getByTestId('backup-save').click();
  await expect(page.getByTestId('backup-message')).toHaveText('Configuración guardada');
  await page.getByTestId('backup-now').click();
  await expect(page.getByTestId('backup-message')).toContainText(folder);
  await expect(page.getByTestId('backup-size')).toContainText('KB');
  const file = (await page.getByTestId('backup-file').textContent()) ?? '';
  expect(file.startsWith(folder)).toBe(true);
  await expect(page.getByTestId('backup-next')).not.toBeEmpty();

  // Something happens after the backup: a new product.
  const created = await rpc(page, 'products.create', { sku: 'DESPUES-1', name: 'Creado después de la copia', price: 1000 });
  expect(created.ok).toBe(true);

  // A file that is not a backup is refused with the reason; nothing changes.
  const foreign = path.join(dataDir, 'notas.db');
  writeFileSync(foreign, 'no soy una base de datos '.repeat(100));
  await page.getByTestId('backup-restore-path').fill(foreign);
  await page.keyboard.press('Enter');
  await page.getByTestId('restore-yes').click();
  await expect(page.getByTestId('restore-error')).toHaveAttribute('data-code', 'BACKUP_DAMAGED');
  await expect(page.getByTestId('restore-error')).toContainText('no es una base de datos SQLite legible');
  await shot('backups', { fullPage: true });
  expect((await rpc<{ products: { sku: string }[] }>(page, 'products.search', { query: 'DESPUES-1' })).data.products.map((p) => p.sku)).toContain('DESPUES-1');

  // The real backup restores: back to the sign-in, and the later product is gone.
  page.on('dialog', (d) => void d.accept());
  await page.getByTestId('backup-restore-path').fill(file);
  await page.getByTestId('backup-restore').click();
  await shot('restore-confirm');
  await page.getByTestId('restore-yes').click();
  await page.getByTestId('signin-screen').waitFor();
  await signIn.signIn('admin', '1111');
  await new HomePage(page).ready();
  const search = await rpc<{ products: { sku: string }[] }>(page, 'products.search', { query: 'DESPUES-1' });
  expect(search.ok).toBe(true);
  expect(search.data.products.map((p) => p.sku)).not.toContain('DESPUES-1');
  expect((await rpc<{ products: { sku: string }[] }>(page, 'products.search', { query: 'SKU-001' })).data.products.map((p) => p.sku)).toContain('SKU-001');
});
