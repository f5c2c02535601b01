// Payment methods (tenders). Invariant: only CASH enters the drawer; every other tender is reconciled on its own.
export const PAYMENT_METHODS = [
  'CASH',
  'DEBIT_CARD',
  'CREDIT_CARD',
  'QR',
  'CARD_TERMINAL',
  'TRANSFER',
  'CHECK',
  'VOUCHER',
  'OTHER',
] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

export type MethodTotals = Record<PaymentMethod, number>;

export function zeroMethodTotals(): MethodTotals {
  return Object.fromEntries(PAYMENT_METHODS.map((m) => [m, 0])) as MethodTotals;
}
