// Sale arithmetic: line totals, discounts, included tax, tender coverage and change. Invariants: the net amounts of the
// payments add up to the sale total plus its cash rounding exactly; the sale total is the sum of its line totals;
// change comes only out of cash; only cash may be over-tendered; only the cash part is ever rounded (money/rounding.ts).
// One rounding rule for lines: see quantity.ts (per line, half up, once).
import type { CashRounding, CurrencyCode, Minor } from '../money';
import { NO_CASH_ROUNDING, roundCash, sumMinor } from '../money';
import type { Result } from '../result';
import { fail, ok } from '../result';
import type { PaymentMethod } from './methods';
import { allocate, includedTax, lineGross } from './quantity';

const CARD_METHODS: readonly PaymentMethod[] = ['DEBIT_CARD', 'CREDIT_CARD', 'CARD_TERMINAL'];

export interface PricedLine {
  readonly productId: string;
  /** Thousandths of the product's unit. */
  readonly quantityMilli: number;
  readonly unitPrice: Minor;
  /** Line discount in minor units, at most the line's gross. */
  readonly discount?: Minor | undefined;
  /** Tax rate included in the price, in basis points. */
  readonly taxRateBp?: number | undefined;
}

export interface SettledLine extends PricedLine {
  readonly gross: Minor;
  /** Line discount plus this line's share of the sale discount. */
  readonly discount: Minor;
  readonly total: Minor;
  readonly tax: Minor;
  readonly taxRateBp: number;
}

export interface PaymentInput {
  readonly method: PaymentMethod;
  /** Amount received in this tender. For CASH, `tendered` (the notes handed over) takes precedence when given. */
  readonly amount: Minor;
  readonly tendered?: Minor | undefined;
  readonly reference?: string | undefined;
  readonly cardLast4?: string | undefined;
  readonly authCode?: string | undefined;
}

export interface SettledPayment {
  readonly method: PaymentMethod;
  /** Net amount applied to the sale (for cash: received minus the change given back from it). */
  readonly amount: Minor;
  readonly tendered: Minor;
  readonly change: Minor;
  readonly reference: string | null;
  readonly cardLast4: string | null;
  readonly authCode: string | null;
}

export interface SettledSale {
  readonly lines: readonly SettledLine[];
  readonly gross: Minor;
  readonly discount: Minor;
  readonly tax: Minor;
  readonly total: Minor;
  readonly change: Minor;
  /**
   * Signed minor units the cash part was rounded by (cash due rounded − cash due); 0 without a cash tender. The
   * payments add up to `total + cashRounding`.
   */
  readonly cashRounding: Minor;
  readonly payments: readonly SettledPayment[];
}

/**
 * Prices the lines: gross by the line rule, minus the line discount, minus the line's share of the sale discount
 * (allocated by largest remainder over what is left of each line), then the tax included in what remains.
 */
export function priceLines(lines: readonly PricedLine[], saleDiscount: Minor): Result<SettledLine[]> {
  const gross = lines.map((l) => lineGross(l.unitPrice, l.quantityMilli));
  for (const [i, l] of lines.entries()) {
    if ((l.discount ?? 0) > (gross[i] ?? 0)) return fail('DISCOUNT_INVALID', { field: `lines.${i}.discount`, gross: gross[i], discount: l.discount });
  }
  const afterLine = lines.map((l, i) => (gross[i] ?? 0) - (l.discount ?? 0));
  const subtotal = afterLine.reduce((a, b) => a + b, 0);
  if (saleDiscount > subtotal) return fail('DISCOUNT_INVALID', { field: 'discount', subtotal, discount: saleDiscount });
  const shares = allocate(saleDiscount, afterLine);
  return ok(
    lines.map((l, i) => {
      const total = (afterLine[i] ?? 0) - (shares[i] ?? 0);
      const rate = l.taxRateBp ?? 0;
      return { ...l, gross: gross[i] ?? 0, discount: (l.discount ?? 0) + (shares[i] ?? 0), total, taxRateBp: rate, tax: includedTax(total, rate) };
    }),
  );
}

/**
 * Prices the lines and settles the tenders. The cash part (total − non-cash tenders) is rounded by `rounding` when a
 * cash tender is present, or when none is given and the cash due rounds to 0 (`payments: []`, nothing to hand over); card, QR, transfer and every other tender are taken exactly. Refusals: DISCOUNT_INVALID,
 * VALIDATION_FAILED, PAYMENT_INSUFFICIENT (below total + rounding), NON_CASH_OVERPAYMENT, PAYMENT_EXCEEDS_TOTAL.
 */
export function settleSale(
  currency: CurrencyCode,
  lines: readonly PricedLine[],
  payments: readonly PaymentInput[],
  saleDiscount: Minor = 0,
  rounding: CashRounding = NO_CASH_ROUNDING,
): Result<SettledSale> {
  const priced = priceLines(lines, saleDiscount);
  if (!priced.ok) return priced;
  const pricedLines = priced.value;
  const total = sumMinor(pricedLines.map((l) => l.total), currency);
  const gross = sumMinor(pricedLines.map((l) => l.gross), currency);
  const discount = sumMinor(pricedLines.map((l) => l.discount), currency);
  const tax = sumMinor(pricedLines.map((l) => l.tax), currency);

  for (const [i, p] of payments.entries()) {
    if (p.tendered !== undefined && p.method !== 'CASH') {
      return fail('VALIDATION_FAILED', { field: `payments.${i}.tendered`, reason: 'only CASH has tendered' });
    }
    if (p.cardLast4 !== undefined && !CARD_METHODS.includes(p.method)) {
      return fail('VALIDATION_FAILED', { field: `payments.${i}.cardLast4`, reason: 'only card tenders have card digits' });
    }
    if (p.tendered !== undefined && p.tendered < p.amount) {
      return fail('VALIDATION_FAILED', { field: `payments.${i}.tendered`, reason: 'tendered below amount' });
    }
  }
  const received = payments.map((p) => (p.method === 'CASH' ? (p.tendered ?? p.amount) : p.amount));
  const totalReceived = sumMinor(received, currency);
  const nonCash = sumMinor(received.filter((_, i) => payments[i]?.method !== 'CASH'), currency);
  const cashDue = Math.max(0, total - nonCash);
  const roundedDue = roundCash(cashDue, rounding);
  // A total whose cash due rounds to nothing (Bs 0.04 at BOB's Bs 0.10) is a cash sale with nothing to hand over: it
  // is paid with no tender at all, since a cash tender of 0 is no tender and one of more would be all change.
  const cashRounding = payments.some((p) => p.method === 'CASH') || (payments.length === 0 && roundedDue === 0) ? roundedDue - cashDue : 0;
  const payable = total + cashRounding;
  if (totalReceived < payable) return fail('PAYMENT_INSUFFICIENT', { total: payable, received: totalReceived, ...(cashRounding === 0 ? {} : { cashRounding }) });
  if (nonCash > total) return fail('NON_CASH_OVERPAYMENT', { total, nonCash });

  // Change comes back out of the cash tenders, last one first (the note the customer handed over last).
  let change = totalReceived - payable;
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
    cardLast4: p.cardLast4 ?? null,
    authCode: p.authCode ?? null,
  }));
  const idle = settled.findIndex((p) => p.amount === 0);
  if (idle >= 0) return fail('PAYMENT_EXCEEDS_TOTAL', { index: idle });
  return ok({ lines: pricedLines, gross, discount, tax, total, change: totalReceived - payable, cashRounding, payments: settled });
}
