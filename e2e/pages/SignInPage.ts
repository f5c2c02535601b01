import type { Page } from '@playwright/test';

export class SignInPage {
  constructor(private readonly page: Page) {}

  async goto(): Promise<void> {
    await this.page.goto('/');
    await this.page.getByTestId('signin-screen').waitFor();
  }

  async signIn(username: string, pin: string): Promise<void> {
    await this.page.getByTestId(`user-${username}`).click();
    await this.page.getByTestId('pin-input').fill(pin);
    await this.page.keyboard.press('Enter');
  }

  /** Types the PIN on the on-screen keypad, as on a touch screen. */
  async signInWithKeypad(username: string, pin: string): Promise<void> {
    await this.page.getByTestId(`user-${username}`).click();
    for (const d of pin) await this.page.getByTestId(`key-${d}`).click();
    await this.page.getByTestId('signin-submit').click();
  }

  error() {
    return this.page.getByTestId('signin-error');
  }
}
