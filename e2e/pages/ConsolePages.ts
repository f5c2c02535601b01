// Page models of the HQ console (hq/console): one class per screen, named for what a person does there, so the
// console's specs read as the owner's steps and a changed test id is fixed in one place.
import type { Page } from '@playwright/test';
import { expect } from '@playwright/test';

export type ConsoleScreen = 'branches' | 'staff' | 'catalog' | 'providers' | 'live' | 'sessions' | 'daily' | 'overshort' | 'deliveries';

/** The signed-in shell: navigation, language, sign-out, and the notice or refusal of the last action. */
export class ConsoleShell {
  constructor(readonly page: Page) {}

  async signIn(username: string, password: string): Promise<void> {
    await this.page.getByTestId('signin-username').fill(username);
    await this.page.getByTestId('signin-password').fill(password);
    await this.page.getByTestId('signin-submit').click();
    await this.page.getByTestId('shell').waitFor({ timeout: 20_000 });
  }

  /** Opens a screen from the menu with the keyboard (focus, Enter). */
  async go(screen: ConsoleScreen): Promise<void> {
    await this.page.getByTestId(`nav-${screen}`).focus();
    await this.page.keyboard.press('Enter');
    await expect(this.page.getByTestId(`nav-${screen}`)).toHaveAttribute('aria-current', 'page');
  }

  notice() {
    return this.page.getByTestId('console-notice');
  }

  error() {
    return this.page.getByTestId('console-error');
  }

  async signOut(): Promise<void> {
    await this.page.getByTestId('signout').click();
    await this.page.getByTestId('signin-screen').waitFor();
  }
}

export class StaffPage {
  constructor(readonly page: Page) {}

  row(username: string) {
    return this.page.getByTestId(`user-row-${username}`);
  }

  async create(user: { branch: string; username: string; name: string; role: string; pin: string; again?: string }): Promise<void> {
    await this.page.getByTestId('user-branch').selectOption(user.branch);
    await this.page.getByTestId('user-username').fill(user.username);
    await this.page.getByTestId('user-name').fill(user.name);
    await this.page.getByTestId('user-role').selectOption(user.role);
    await this.page.getByTestId('user-pin').fill(user.pin);
    await this.page.getByTestId('user-pin-again').fill(user.again ?? user.pin);
    await this.page.getByTestId('user-pin-again').press('Enter');
  }

  pinTrouble(prefix: 'user' | 'reset' = 'user') {
    return this.page.getByTestId(`${prefix}-pin-trouble`);
  }

  async changeRole(username: string, role: string): Promise<void> {
    await this.page.getByTestId(`user-role-${username}`).click();
    await this.page.getByTestId('role-select').selectOption(role);
    await this.page.getByTestId('role-save').click();
  }

  async resetPin(username: string, pin: string, again = pin): Promise<void> {
    if ((await this.page.getByTestId(`pin-form-${username}`).count()) === 0) await this.page.getByTestId(`user-pin-${username}`).click();
    await this.page.getByTestId('reset-pin').fill(pin);
    await this.page.getByTestId('reset-pin-again').fill(again);
    await this.page.getByTestId('reset-pin-save').click();
  }

  async deactivate(username: string): Promise<void> {
    await this.page.getByTestId(`user-deactivate-${username}`).click();
    await expect(this.row(username)).toHaveClass(/inactive/);
  }

  async filter(branch: string): Promise<void> {
    await this.page.getByTestId('staff-filter').selectOption(branch);
  }
}

export class CatalogPage {
  constructor(readonly page: Page) {}

  row(sku: string) {
    return this.page.getByTestId(`product-row-${sku}`);
  }

  async create(p: { sku: string; name: string; price: string; barcodes?: string; category?: string; tax?: string }): Promise<void> {
    await this.page.getByTestId('product-sku').fill(p.sku);
    await this.page.getByTestId('product-name').fill(p.name);
    await this.page.getByTestId('product-price').fill(p.price);
    await this.page.getByTestId('product-barcodes').fill(p.barcodes ?? '');
    await this.page.getByTestId('product-category').fill(p.category ?? '');
    await this.page.getByTestId('product-tax').fill(p.tax ?? '0');
    await this.page.getByTestId('product-create').click();
    await this.row(p.sku).waitFor();
  }

  async edit(sku: string, change: { category?: string; tax?: string; barcodes?: string; price?: string }): Promise<void> {
    await this.page.getByTestId(`product-edit-${sku}`).click();
    const form = this.page.getByTestId(`edit-${sku}`);
    if (change.category !== undefined) await form.getByTestId('edit-category').fill(change.category);
    if (change.tax !== undefined) await form.getByTestId('edit-tax').fill(change.tax);
    if (change.barcodes !== undefined) await form.getByTestId('edit-barcodes').fill(change.barcodes);
    if (change.price !== undefined) await form.getByTestId('edit-price').fill(change.price);
    await form.getByTestId('edit-save').click();
    await form.waitFor({ state: 'detached' });
  }

  /** Schedules a price from a local date and time (`YYYY-MM-DDTHH:mm`, the browser's time zone). */
  async schedulePrice(sku: string, price: string, from: string): Promise<void> {
    await this.page.getByTestId(`product-schedule-${sku}`).click();
    await this.page.getByTestId('schedule-price').fill(price);
    await this.page.getByTestId('schedule-from').fill(from);
    await this.page.getByTestId('schedule-save').click();
    await this.page.getByTestId(`price-change-${sku}`).waitFor();
  }

  async importCsv(name: string, text: string): Promise<void> {
    await this.page.getByTestId('import-file').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(text, 'utf8') });
  }

  importErrors() {
    return this.page.getByTestId('import-errors');
  }

  progress() {
    return this.page.getByTestId('import-progress');
  }
}

export class ProvidersPage {
  constructor(readonly page: Page) {}

  row(code: string) {
    return this.page.getByTestId(`provider-row-${code}`);
  }

  /** Creates or replaces a provider with exactly these operations. */
  async save(p: { code: string; name: string; kinds: readonly ('CASH_IN' | 'CASH_OUT' | 'TOP_UP')[]; active?: boolean }): Promise<void> {
    await this.page.getByTestId('provider-code').fill(p.code);
    await this.page.getByTestId('provider-name').fill(p.name);
    for (const k of ['CASH_IN', 'CASH_OUT', 'TOP_UP'] as const) await this.page.getByTestId(`provider-kind-${k}`).setChecked(p.kinds.includes(k));
    await this.page.getByTestId('provider-active').setChecked(p.active ?? true);
    await this.page.getByTestId('provider-save').click();
    await this.row(p.code).waitFor();
  }
}

export class DeliveriesPage {
  constructor(readonly page: Page) {}

  rows() {
    return this.page.getByTestId('deliveries-table').locator('tbody > tr');
  }

  async open(id: number) {
    await this.page.getByTestId(`delivery-open-${id}`).click();
    return this.page.getByTestId(`delivery-details-${id}`);
  }
}
