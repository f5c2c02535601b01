// The store's Spanish names for tenders and cash-movement reasons, written once: the printed documents (src/print) and
// the renderer's Spanish dictionary (app/i18n/ui-es.ts) both read them, so paper and screen always say the same word.
import type { PaymentMethod } from './sale/methods';
import type { MovementReason, NoSaleReason } from './session/movements';

export const METHOD_LABELS: Readonly<Record<PaymentMethod, string>> = {
  CASH: 'Efectivo',
  DEBIT_CARD: 'Tarjeta débito',
  CREDIT_CARD: 'Tarjeta crédito',
  QR: 'QR',
  CARD_TERMINAL: 'POS tarjeta',
  TRANSFER: 'Transferencia',
  CHECK: 'Cheque',
  VOUCHER: 'Vale',
  OTHER: 'Otro',
};

export const MOVEMENT_REASON_LABELS: Readonly<Record<MovementReason, string>> = {
  SAFE_DEPOSIT: 'Depósito a caja fuerte',
  BANK_DEPOSIT: 'Depósito bancario',
  SUPPLIER_PAYMENT: 'Pago a proveedor',
  EXPENSE: 'Gasto',
  CHANGE_FUND: 'Fondo de cambio',
  INITIAL_FUND: 'Fondo inicial',
  LOAN_RETURN: 'Devolución de préstamo',
  CORRECTION: 'Corrección',
  OTHER: 'Otro',
};

export const NO_SALE_REASON_LABELS: Readonly<Record<NoSaleReason, string>> = {
  CHANGE_REQUEST: 'Cambio de billetes o monedas',
  WRONG_CHANGE: 'Corregir un vuelto',
  CHECK_CASH: 'Revisar un billete',
  STORE_RECEIPT: 'Guardar un comprobante',
  OTHER: 'Otro motivo',
};
