import type { Page } from '@playwright/test';
import { expect } from '@playwright/test';
import { approveWithPin } from './approver';

/** The sell screen's "void or refund" dialog (F5). */
export class SalesDialogPage {
  constructor(private readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.keyboard.press('F5');
    await this.page.getByTestId('sales-find').waitFor();
    await expect(this.page.getByTestId('sales-find')).toBeFocused();
  }

  rows() {
    return this.page.locator('[data-testid^="sales-row-"]');
  }

  /** Types a sale number (or its last digits, or a receipt code) and opens the sale. */
  async find(text: string): Promise<void> {
    await this.page.getByTestId('sales-find').fill(text);
    await this.page.getByTestId('sales-find').press('Enter');
    await this.page.getByTestId('sale-status').waitFor();
  }

  status() {
    return this.page.getByTestId('sale-status');
  }

  /** F4, a reason, Enter, then the supervisor's PIN. */
  async voidSale(reason: string, pin: string): Promise<void> {
    await this.page.keyboard.press('F4');
    await this.page.getByTestId('void-reason').fill(reason);
    await this.page.getByTestId('void-reason').press('Enter');
    await this.page.getByTestId('pin-dialog').waitFor();
    await approveWithPin(this.page, pin);
  }

  async startRefund(): Promise<void> {
    await this.page.keyboard.press('F3');
    await this.page.getByTestId('refund-lines').waitFor();
  }

  async refundLine(lineNo: number, quantity: string): Promise<void> {
    await this.page.getByTestId(`refund-qty-${lineNo}`).fill(quantity);
  }

  async reason(text: string): Promise<void> {
    await this.page.getByTestId('refund-reason').fill(text);
  }

  total() {
    return this.page.getByTestId('refund-total');
  }

  async confirm(): Promise<void> {
    await this.page.keyboard.press('F2');
  }
}

/** The banking-agent screen. */
export class AgentsPage {
  constructor(private readonly page: Page) {}

  async ready(): Promise<void> {
    await this.page.getByTestId('agents-screen').waitFor();
    await expect(this.page.getByTestId('agent-amount')).toBeFocused();
  }

  /** One operation, keyboard first: ↑ ↓ on the amount field pick the kind, Enter records. */
  async operate(op: { kind: 'CASH_IN' | 'CASH_OUT' | 'TOP_UP'; provider: string; amount: string; reference: string; commission?: string; customer?: string }): Promise<void> {
    const amount = this.page.getByTestId('agent-amount');
    await amount.focus();
    for (let i = 0; i < 3 && (await this.page.getByTestId(`agent-kind-${op.kind}`).getAttribute('aria-checked')) !== 'true'; i++) await amount.press('ArrowDown');
    await expect(this.page.getByTestId(`agent-kind-${op.kind}`)).toHaveAttribute('aria-checked', 'true');
    await this.page.getByTestId('agent-provider').selectOption(op.provider);
    await amount.fill(op.amount);
    await this.page.getByTestId('agent-reference').fill(op.reference);
    if (op.commission !== undefined) await this.page.getByTestId('agent-commission').fill(op.commission);
    if (op.customer !== undefined) await this.page.getByTestId('agent-customer').fill(op.customer);
    await amount.press('Enter');
  }

  op(reference: string) {
    return this.page.getByTestId(`agent-op-${reference}`);
  }

  error() {
    return this.page.getByTestId('agent-error');
  }
}
