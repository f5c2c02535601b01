import type { Page } from '@playwright/test';

export class HomePage {
  constructor(private readonly page: Page) {}

  async ready(): Promise<void> {
    await this.page.getByTestId('home-screen').waitFor();
  }

  async openSession(registerCode: string, typedAmount: string): Promise<void> {
    await this.page.getByTestId(`open-session-${registerCode}`).click();
    await this.page.getByTestId('opening-amount').fill(typedAmount);
    await this.page.getByTestId('open-confirm').click();
  }

  sessionNumber() {
    return this.page.getByTestId('session-number');
  }

  sessionOpening() {
    return this.page.getByTestId('session-opening');
  }

  registerStatus(code: string) {
    return this.page.getByTestId(`register-status-${code}`);
  }

  async signOut(): Promise<void> {
    await this.page.getByTestId('signout').click();
  }
}
