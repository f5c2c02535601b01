// Sale arithmetic: line totals, tender coverage and change. Invariants: the net amounts of the payments add up to the
// sale total exactly; change comes only out of cash; only cash may be over-tendered.
import type { CurrencyCode, Minor } from '../money';
import { sumMinor, timesMinor } from '../money';
import type { Result } from '../result';
import { fail, ok } from '../result';
import type { PaymentMethod } from './methods';

export interface PricedLine {
  readonly productId: string;
  readonly quantity: number;
  readonly unitPrice: Minor;
}

export interface PaymentInput {
  readonly method: PaymentMethod;
  /** Amount received in this tender. For CASH, `tendered` (the notes handed over) takes precedence when given. */
  readonly amount: Minor;
  readonly tendered?: Minor | undefined;
  readonly reference?: string | undefined;
}

export interface SettledPayment {
  readonly method: PaymentMethod;
  /** Net amount applied to the sale (for cash: received minus the change given back from it). */
  readonly amount: Minor;
  readonly tendered: Minor;
  readonly change: Minor;
  readonly reference: string | null;
}

export interface SettledSale {
  readonly lines: readonly (PricedLine & { readonly total: Minor })[];
  readonly total: Minor;
  readonly change: Minor;
  readonly payments: readonly SettledPayment[];
}

export function settleSale(currency: CurrencyCode, lines: readonly PricedLine[], payments: readonly PaymentInput[]): Result<SettledSale> {
  const pricedLines = lines.map((l) => ({ ...l, total: timesMinor(l.unitPrice, l.quantity, currency) }));
  const total = sumMinor(pricedLines.map((l) => l.total), currency);

  for (const [i, p] of payments.entries()) {
    if (p.tendered !== undefined && p.method !== 'CASH') {
      return fail('VALIDATION_FAILED', { field: `payments.${i}.tendered`, reason: 'only CASH has tendered' });
    }
    if (p.tendered !== undefined && p.tendered < p.amount) {
      return fail('VALIDATION_FAILED', { field: `payments.${i}.tendered`, reason: 'tendered below amount' });
    }
  }
  const received = payments.map((p) => (p.method === 'CASH' ? (p.tendered ?? p.amount) : p.amount));
  const totalReceived = sumMinor(received, currency);
  if (totalReceived < total) return fail('PAYMENT_INSUFFICIENT', { total, received: totalReceived });

  const nonCash = sumMinor(received.filter((_, i) => payments[i]?.method !== 'CASH'), currency);
  if (nonCash > total) return fail('NON_CASH_OVERPAYMENT', { total, nonCash });

  // Change comes back out of the cash tenders, last one first (the note the customer handed over last).
  let change = totalReceived - total;
  const changeByIndex = received.map(() => 0);
  for (let i = payments.length - 1; i >= 0 && change > 0; i--) {
    if (payments[i]?.method !== 'CASH') continue;
    const take = Math.min(change, received[i] ?? 0);
    changeByIndex[i] = take;
    change -= take;
  }
  const settled: SettledPayment[] = payments.map((p, i) => ({
    method: p.method,
    amount: (received[i] ?? 0) - (changeByIndex[i] ?? 0),
    tendered: received[i] ?? 0,
    change: changeByIndex[i] ?? 0,
    reference: p.reference ?? null,
  }));
  const idle = settled.findIndex((p) => p.amount === 0);
  if (idle >= 0) return fail('PAYMENT_EXCEEDS_TOTAL', { index: idle });
  return ok({ lines: pricedLines, total, change: totalReceived - total, payments: settled });
}
