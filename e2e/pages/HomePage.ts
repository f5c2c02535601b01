import type { Page } from '@playwright/test';
import { SignInPage } from './SignInPage';

export class HomePage {
  constructor(private readonly page: Page) {}

  async ready(): Promise<void> {
    await this.page.getByTestId('home-screen').waitFor();
  }

  async goto(): Promise<void> {
    await this.page.getByTestId('nav-home').click();
    await this.ready();
  }

  /** Opens a session with a typed float; the app then shows the sell screen. */
  async openSession(registerCode: string, typedAmount: string): Promise<void> {
    await this.page.getByTestId(`open-session-${registerCode}`).click();
    await this.page.getByTestId('opening-amount').fill(typedAmount);
    await this.page.getByTestId('open-confirm').click();
  }

  /** Opens a session counting bills and coins on the grid: { 10000: 2, 500: 4 } = 2 × Bs 100 + 4 × Bs 5. */
  async openSessionCounted(registerCode: string, counts: Readonly<Record<number, number>>, beforeConfirm?: () => Promise<void>): Promise<void> {
    await this.page.getByTestId(`open-session-${registerCode}`).click();
    await this.page.getByTestId('open-mode-count').click();
    for (const [value, qty] of Object.entries(counts)) await this.page.getByTestId(`denom-${value}`).fill(String(qty));
    if (beforeConfirm) await beforeConfirm();
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

  error() {
    return this.page.getByTestId('home-error');
  }

  async signOut(): Promise<void> {
    await this.page.getByTestId('signout').click();
  }
}

/** From a fresh page: signs in with the PIN typed and opens `registerCode` with a typed float. */
export async function signInAndOpen(page: Page, username: string, pin: string, registerCode: string, typedAmount: string): Promise<void> {
  const signIn = new SignInPage(page);
  await signIn.goto();
  await signIn.signIn(username, pin);
  const home = new HomePage(page);
  await home.ready();
  await home.openSession(registerCode, typedAmount);
}
