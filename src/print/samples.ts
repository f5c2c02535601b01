// Sample documents: the printer test page a cashier prints from the admin screen, and the fixtures the print tests use.
// Invariant: the samples exercise every block kind and the Spanish letters a code page must get right (ñ, á, ¿, ¡).
import type { PrintDocument } from './document';
import type { PrintContext } from './format';
import { storeHeader } from './format';
import { receiptDocument } from './receipts';
import type { ReceiptInput } from './receipts';
import { dailyReportDocument } from './daily';
import { shiftReportDocument } from './reports';
import type { ShiftReportInput } from './reports';

export const SAMPLE_CONTEXT: PrintContext = {
  store: {
    name: 'Almacén Doña Peñaranda',
    taxId: '1023456027',
    address: 'Av. Ballivián Nº 1234, Calacoto, La Paz',
    phone: '+591 2 2791234',
    timeZone: 'America/La_Paz',
    currency: 'BOB',
    footer: '¡Gracias por su compra! ¿Factura? Pídala en caja.',
  },
  registerCode: 'C1',
  registerName: 'Caja principal',
  cashier: 'María Ñusta',
};

/** 09:15 on 29 Nov 2026 in La Paz (UTC−4). */
export const SAMPLE_SALE: ReceiptInput = {
  saleNumber: 'SUC1-C1-20261129-0042',
  createdAt: '2026-11-29T13:15:00.000Z',
  lines: [
    { name: 'Café de los Yungas 500 g', quantity: '2', unit: '', unitPrice: 4550, gross: 9100, discount: 910, taxRateBp: 1300, tax: 942 },
    { name: 'Piña en almíbar', quantity: '1', unit: '', unitPrice: 1800, gross: 1800, discount: 0, taxRateBp: 1300, tax: 207 },
    { name: 'Queso menonita', quantity: '0.750', unit: 'kg', unitPrice: 6000, gross: 4500, discount: 0, taxRateBp: 1300, tax: 460 },
  ],
  saleDiscount: 500,
  total: 13990,
  payments: [
    { method: 'DEBIT_CARD', amount: 5000, tendered: 5000, change: 0, reference: '4521' },
    { method: 'CASH', amount: 8990, tendered: 10000, change: 1010, reference: null },
  ],
  change: 1010,
  reprint: false,
};

export const SAMPLE_SHIFT: ShiftReportInput = {
  sessionNumber: 'T-C1-20261129-001',
  businessDate: '2026-11-29',
  openedAt: '2026-11-29T12:00:00.000Z',
  closedAt: '2026-11-29T22:05:00.000Z',
  printedAt: '2026-11-29T22:06:00.000Z',
  openingAmount: 50000,
  salesCount: 37,
  salesTotal: 412350,
  byMethod: [
    { method: 'CASH', amount: 298350 },
    { method: 'DEBIT_CARD', amount: 84000 },
    { method: 'QR', amount: 30000 },
  ],
  taxes: [{ rateBp: 1300, taxable: 412350, tax: 47438 }],
  depositsTotal: 10000,
  withdrawalsTotal: 200000,
  voids: { count: 1, total: 2500 },
  refunds: { count: 1, total: 1800 },
  discounts: { count: 2, total: 350 },
  cashOutRefusals: { count: 1, total: 50000 },
  expectedCash: 156550,
  count: {
    denominations: [
      { value: 20000, quantity: 3 },
      { value: 10000, quantity: 5 },
      { value: 5000, quantity: 4 },
      { value: 1000, quantity: 5 },
      { value: 500, quantity: 3 },
      { value: 100, quantity: 8 },
      { value: 50, quantity: 5 },
      { value: 10, quantity: 5 },
    ],
    totalCash: 156600,
    vouchers: 0,
    checks: 0,
    otherValues: 0,
    totalWithOthers: 156600,
    expected: 156550,
    difference: 50,
  },
  tenders: [
    { method: 'CASH', expected: 156550, declared: 156600, difference: 50 },
    { method: 'DEBIT_CARD', expected: 84000, declared: 84000, difference: 0 },
    { method: 'QR', expected: 30000, declared: 29000, difference: -1000 },
  ],
  approvals: [
    { what: 'Retiro a caja fuerte', approver: 'Jorge Quispe', amount: 200000, at: '2026-11-29T18:30:00.000Z' },
    { what: 'Anulación SUC1-C1-20261129-0007', approver: 'Jorge Quispe', amount: 2500, at: '2026-11-29T14:10:00.000Z' },
  ],
  supervisor: 'Jorge Quispe',
  drawer: { openings: 14, noSale: 3, cashRounding: 30 },
};

/** A cash sale of Bs 57,74 rounded to Bs 57,70 (BOB rounds cash to Bs 0,10): the receipt shows "Redondeo". */
export const SAMPLE_ROUNDED_SALE: ReceiptInput = {
  saleNumber: 'SUC1-C1-20261129-0043',
  createdAt: '2026-11-29T13:20:00.000Z',
  lines: [{ name: 'Queso menonita', quantity: '0.962', unit: 'kg', unitPrice: 6000, gross: 5772, discount: 0, taxRateBp: 1300, tax: 664 }, { name: 'Pan de batalla', quantity: '1', unit: '', unitPrice: 2, gross: 2, discount: 0, taxRateBp: 1300, tax: 0 }],
  saleDiscount: 0,
  total: 5774,
  payments: [{ method: 'CASH', amount: 5770, tendered: 10000, change: 4230, reference: null }],
  change: 4230,
  cashRounding: -4,
  reprint: false,
};

export const sampleReceipt = (): PrintDocument => receiptDocument(SAMPLE_CONTEXT, SAMPLE_SALE);
export const sampleZReport = (): PrintDocument => shiftReportDocument(SAMPLE_CONTEXT, 'Z', SAMPLE_SHIFT);

/** The printer test page: the store header, the letters Spanish needs, a bold and a double line, a QR and a cut. */
export function testPageDocument(ctx: PrintContext): PrintDocument {
  return {
    kind: 'TEST_PAGE',
    title: 'Página de prueba',
    blocks: [
      ...storeHeader(ctx.store),
      { kind: 'text', text: 'PÁGINA DE PRUEBA', align: 'center', bold: true, size: 'double' },
      { kind: 'text', text: '¿Año? ¡Señor! áéíóú ÁÉÍÓÚ ñÑ üÜ €' },
      { kind: 'pair', left: 'Caja', right: `${ctx.registerCode} · ${ctx.registerName}` },
      { kind: 'qr', value: `${ctx.registerCode}-TEST` },
    ],
    cut: true,
    openDrawer: false,
  };
}

/** A day of two registers (one closed short, one still open) for the daily report tests and the A4 proof. */
export const sampleDailyReport = (): PrintDocument =>
  dailyReportDocument(SAMPLE_CONTEXT.store, {
    date: '2026-11-29',
    printedAt: '2026-11-29T23:10:00.000Z',
    sessions: [
      { sessionNumber: 'T-C1-20261129-001', registerCode: 'C1', cashier: 'María Ñusta', status: 'Cerrado', salesCount: 37, salesTotal: 412350, difference: -1000, currency: 'BOB' },
      { sessionNumber: 'T-C2-20261129-001', registerCode: 'C2', cashier: 'Luis Mamani', status: 'Abierto', salesCount: 12, salesTotal: 98000, difference: null, currency: 'BOB' },
    ],
    salesCount: 49,
    salesTotal: 510350,
    byMethod: [
      { method: 'CASH', amount: 370350 },
      { method: 'DEBIT_CARD', amount: 110000 },
      { method: 'QR', amount: 30000 },
    ],
    depositsTotal: 10000,
    withdrawalsTotal: 200000,
    voids: { count: 1, total: 2500 },
    refunds: { count: 1, total: 1800 },
    difference: -1000,
    otherCurrencySessions: 0,
  });
