// The supervisor PIN dialog asks who approves before the PIN. The demo store's users are known by their PINs in the
// specs, so a spec says "3333" and this picks Sofía first (her PIN alone would approve as nobody).
import type { Page } from '@playwright/test';

const DEMO_USER_BY_PIN: Readonly<Record<string, string>> = { '1111': 'admin', '2222': 'gerente', '3333': 'sofia', '4444': 'maria', '5555': 'juan' };

/**
 * Chooses the approver a PIN belongs to when the dialog offers her (Sofía otherwise: a wrong PIN, or the requester's
 * own, typed for the supervisor), then types the PIN and confirms.
 */
export async function approveWithPin(page: Page, pin: string): Promise<void> {
  await page.getByTestId('pin-dialog').waitFor();
  await page.getByTestId('pin-dialog-approver').waitFor();
  const list = page.getByTestId('pin-dialog-approvers');
  if ((await list.count()) > 0) {
    const owner = list.getByTestId(`pin-dialog-approver-${DEMO_USER_BY_PIN[pin] ?? 'sofia'}`);
    const target = (await owner.count()) > 0 ? owner : list.getByTestId('pin-dialog-approver-sofia');
    // Already chosen (a second try after a refused PIN): choosing again changes nothing.
    if ((await target.getAttribute('aria-selected')) !== 'true') await target.click();
  }
  await page.getByTestId('pin-dialog-input').fill(pin);
  await page.getByTestId('pin-dialog-input').press('Enter');
}
