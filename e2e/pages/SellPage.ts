import type { Page } from '@playwright/test';
import { expect } from '@playwright/test';
import { approveWithPin } from './approver';

/** The sell screen and its dialogs (payment, cash in/out, supervisor PIN, count). */
export class SellPage {
  constructor(private readonly page: Page) {}

  async ready(): Promise<void> {
    await this.page.getByTestId('sell-screen').waitFor();
    await expect(this.search()).toBeFocused();
  }

  search() {
    return this.page.getByTestId('search');
  }

  /** A barcode scanner: the keystrokes arrive a few ms apart and end with Enter, into whatever has focus. */
  async scan(code: string): Promise<void> {
    await this.page.keyboard.type(code, { delay: 4 });
    await this.page.keyboard.press('Enter');
  }

  /** A person typing a name, then choosing from the list with the arrow keys. */
  async searchByName(text: string, downPresses = 0): Promise<void> {
    await this.page.keyboard.type(text, { delay: 60 });
    await this.page.getByTestId('suggestions').waitFor();
    for (let i = 0; i < downPresses; i++) await this.page.keyboard.press('ArrowDown');
    await this.page.keyboard.press('Enter');
  }

  line(i: number) {
    return this.page.getByTestId(`cart-line-${i}`);
  }

  lines() {
    return this.page.locator('[data-testid^="cart-line-"]');
  }

  total() {
    return this.page.getByTestId('cart-total');
  }

  async totalMinor(): Promise<number> {
    return Number(await this.total().getAttribute('data-minor'));
  }

  // Payment dialog
  async openPay(): Promise<void> {
    // F2 acts once the scanned line is in the cart (the action is disabled on an empty one).
    await this.page.getByTestId('act-pay').and(this.page.locator(':enabled')).waitFor();
    await this.page.keyboard.press('F2');
    await this.page.getByTestId('pay-dialog').waitFor();
  }

  async tender(method: string, amount: string, reference?: string): Promise<void> {
    await this.page.getByTestId(`pay-method-${method}`).click();
    await this.page.getByTestId('pay-amount').fill(amount);
    if (reference !== undefined) await this.page.getByTestId('pay-reference').fill(reference);
    await this.page.getByTestId('pay-amount').press('Enter');
  }

  async confirmPay(): Promise<void> {
    await this.page.keyboard.press('F2');
    await this.page.getByTestId('pay-change').waitFor();
  }

  change() {
    return this.page.getByTestId('pay-change');
  }

  async newSale(): Promise<void> {
    await this.page.keyboard.press('Enter');
    await this.page.getByTestId('pay-dialog').waitFor({ state: 'detached' });
  }

  // Cash in / out
  async cashIn(amount: string, reason: string): Promise<void> {
    await this.page.keyboard.press('F3');
    await this.page.getByTestId('move-amount').fill(amount);
    await this.page.getByTestId('move-reason').selectOption(reason);
    await this.page.getByTestId('move-confirm').click();
  }

  async cashOut(amount: string, reason: string, description?: string): Promise<void> {
    await this.page.keyboard.press('F4');
    await this.page.getByTestId('move-amount').fill(amount);
    await this.page.getByTestId('move-reason').selectOption(reason);
    if (description !== undefined) await this.page.getByTestId('move-description').fill(description);
    await this.page.getByTestId('move-confirm').click();
    await this.page.getByTestId('pin-dialog').waitFor();
  }

  async supervisorPin(pin: string): Promise<void> {
    await approveWithPin(this.page, pin);
  }

  toast() {
    return this.page.getByTestId('toast');
  }

  // Count
  async openCount(type: 'PARTIAL' | 'AUDIT'): Promise<void> {
    await this.page.keyboard.press('F6');
    await this.page.getByTestId('count-dialog').waitFor();
    await this.page.getByTestId(`count-type-${type}`).click();
  }

  async fillGrid(counts: Readonly<Record<number, number>>): Promise<void> {
    for (const [value, qty] of Object.entries(counts)) await this.page.getByTestId(`denom-${value}`).fill(String(qty));
  }
}
