import type { Page } from '@playwright/test';
import { approveWithPin } from './approver';

export class LockPage {
  constructor(private readonly page: Page) {}

  async ready(): Promise<void> {
    await this.page.getByTestId('lock-screen').waitFor();
  }

  async resume(pin: string): Promise<void> {
    await this.page.getByTestId('lock-pin').fill(pin);
    await this.page.getByTestId('lock-pin').press('Enter');
  }

  error() {
    return this.page.getByTestId('lock-error');
  }
}

export class HandoverPage {
  constructor(private readonly page: Page) {}

  async ready(): Promise<void> {
    await this.page.getByTestId('handover-screen').waitFor();
  }

  async handTo(username: string, counts: Readonly<Record<number, number>>, pin: string): Promise<void> {
    for (const [value, qty] of Object.entries(counts)) await this.page.getByTestId(`denom-${value}`).fill(String(qty));
    await this.page.getByTestId(`handover-user-${username}`).click();
    await this.page.getByTestId('handover-confirm').click();
    await this.page.getByTestId('pin-dialog-input').fill(pin);
    await this.page.getByTestId('pin-dialog-input').press('Enter');
  }
}

export class ClosePage {
  constructor(private readonly page: Page) {}

  async ready(): Promise<void> {
    await this.page.getByTestId('close-screen').waitFor();
  }

  async count(counts: Readonly<Record<number, number>>): Promise<void> {
    for (const [value, qty] of Object.entries(counts)) await this.page.getByTestId(`denom-${value}`).fill(String(qty));
  }

  async confirm(): Promise<void> {
    await this.page.getByTestId('close-confirm').click();
  }

  refused() {
    return this.page.getByTestId('close-refused');
  }

  async approveWith(pin: string): Promise<void> {
    await this.page.getByTestId('close-approve').click();
    await approveWithPin(this.page, pin);
  }
}

export class ReportPage {
  constructor(private readonly page: Page) {}

  async ready(): Promise<void> {
    await this.page.getByTestId('report').waitFor();
  }

  async minor(testid: string): Promise<number | null> {
    const v = await this.page.getByTestId(testid).getAttribute('data-minor');
    return v === null || v === '' ? null : Number(v);
  }
}

/** Calls the engine directly with the page's own bearer token. */
export async function rpc<T = unknown>(page: Page, name: string, input: unknown = {}): Promise<{ ok: boolean; data: T; error?: { code: string } }> {
  const token = await page.evaluate(() => sessionStorage.getItem('arqueo.token') ?? '');
  return rpcAs<T>(page, token, name, input);
}

/** A command with another sign-in's token (another register PC of the branch), or none for public commands. */
export async function rpcAs<T = unknown>(page: Page, token: string | null, name: string, input: unknown = {}): Promise<{ ok: boolean; data: T; error?: { code: string } }> {
  const headers: Record<string, string> = token === null ? {} : { authorization: `Bearer ${token}` };
  const reply = await page.request.post(`/rpc/${name}`, { data: input, headers });
  return (await reply.json()) as { ok: boolean; data: T; error?: { code: string } };
}

/** Replaces window.print with a counter, so printing never opens a dialog in the test browser. */
export async function stubPrint(page: Page): Promise<void> {
  await page.addInitScript(() => {
    (window as unknown as { __prints: number }).__prints = 0;
    window.print = () => {
      (window as unknown as { __prints: number }).__prints++;
    };
  });
}

/**
 * Turns blind close off on a register as the demo admin (another sign-in): a blind cashier gets no X report of her open
 * shift (BLIND_X_REPORT), so a spec that reads the X report at the counter runs on a register that shows it.
 */
export async function showExpectedOn(page: Page, registerCode: string): Promise<void> {
  const admin = await rpcAs<{ token: string }>(page, null, 'auth.login', { username: 'admin', pin: '1111' });
  const registers = await rpcAs<{ registers: { id: string; code: string }[] }>(page, admin.data.token, 'registers.list', {});
  const id = registers.data.registers.find((r) => r.code === registerCode)?.id;
  if (!id) throw new Error(`no register ${registerCode}`);
  const updated = await rpcAs(page, admin.data.token, 'registers.update', { id, blindClose: false });
  if (!updated.ok) throw new Error(`registers.update: ${updated.error?.code}`);
}
