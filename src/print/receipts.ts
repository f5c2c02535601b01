// Documents of a sale: the receipt, the void slip and the refund slip.
// Invariant: every figure printed is one the engine recorded (no re-pricing here); the only arithmetic is summing the
// tax of the lines per rate and the subtotal, in integer minor units through src/money.
import type { Minor } from '../money';
import { sumMinor } from '../money';
import type { PaymentMethod } from '../sale/methods';
import type { Block, PrintDocument } from './document';
import type { PrintContext } from './format';
import { amount, localStamp, METHOD_LABELS, percent, signed, storeHeader, titleBlock } from './format';

export interface ReceiptLine {
  readonly name: string;
  /** Decimal text as sold ("2", "1.250"). */
  readonly quantity: string;
  /** "kg" for weighed items; empty for units. */
  readonly unit: string;
  readonly unitPrice: Minor;
  /** quantity × unit price, before discounts. */
  readonly gross: Minor;
  /** This line's own discount (not its share of the sale discount). */
  readonly discount: Minor;
  readonly taxRateBp: number;
  /** Tax included in this line's total after every discount. */
  readonly tax: Minor;
}

export interface ReceiptPayment {
  readonly method: PaymentMethod;
  /** What this tender pays of the total. */
  readonly amount: Minor;
  /** What the customer handed over (cash); equals `amount` for other tenders. */
  readonly tendered: Minor;
  readonly change: Minor;
  readonly reference: string | null;
}

export interface ReceiptInput {
  readonly saleNumber: string;
  /** ISO instant of the sale. */
  readonly createdAt: string;
  readonly lines: readonly ReceiptLine[];
  /** Discount on the whole sale (beyond the line discounts). */
  readonly saleDiscount: Minor;
  readonly total: Minor;
  readonly payments: readonly ReceiptPayment[];
  readonly change: Minor;
  /** Signed: what the cash part was rounded by (printed as "Redondeo" and the total to pay); absent or 0 for none. */
  readonly cashRounding?: Minor;
  /** A copy printed later from the sales list: says so on the paper. */
  readonly reprint: boolean;
  /** The sale was voided since (a copy says so). */
  readonly voided?: boolean;
  /**
   * Each line's `discount` already includes its share of `saleDiscount` (a copy from the stored sale, where only the
   * sum is kept): the summary then shows line discounts as their sum less the sale discount.
   */
  readonly lineDiscountsIncludeSale?: boolean;
}

/**
 * The customer's receipt: store header, register, cashier, number and time (store zone), each line with its discount,
 * the sale discount, a double-size total, IVA included per rate, each tender, the change, the footer and a QR of the
 * sale number. Opens the drawer when a cash tender was taken (and it is not a reprint).
 */
export function receiptDocument(ctx: PrintContext, sale: ReceiptInput): PrintDocument {
  const cur = ctx.store.currency;
  const blocks: Block[] = [...storeHeader(ctx.store)];
  if (sale.reprint) blocks.push({ kind: 'text', text: '*** REIMPRESIÓN ***', align: 'center', bold: true });
  if (sale.voided) blocks.push({ kind: 'text', text: '*** VENTA ANULADA ***', align: 'center', bold: true });
  blocks.push(
    { kind: 'pair', left: 'Venta', right: sale.saleNumber, bold: true },
    { kind: 'pair', left: 'Fecha', right: localStamp(sale.createdAt, ctx.store.timeZone) },
    { kind: 'pair', left: 'Caja', right: `${ctx.registerCode} · ${ctx.registerName}` },
    { kind: 'pair', left: 'Cajero', right: ctx.cashier },
    { kind: 'rule', style: 'single' },
  );
  for (const line of sale.lines) {
    blocks.push({ kind: 'text', text: line.name });
    const shown = line.quantity.replace('.', ','); // the store's decimal comma, as amounts print
    const qty = line.unit ? `${shown} ${line.unit}` : shown;
    blocks.push({ kind: 'pair', left: `  ${qty} x ${amount(line.unitPrice, cur)}`, right: amount(line.gross, cur) });
    if (line.discount > 0) blocks.push({ kind: 'pair', left: '  Descuento', right: amount(-line.discount, cur) });
  }
  blocks.push({ kind: 'rule', style: 'single' });
  const lineDiscounts = sumMinor(sale.lines.map((l) => l.discount), cur) - (sale.lineDiscountsIncludeSale ? sale.saleDiscount : 0);
  const gross = sumMinor(sale.lines.map((l) => l.gross), cur);
  if (lineDiscounts > 0 || sale.saleDiscount > 0) {
    blocks.push({ kind: 'pair', left: 'Subtotal', right: amount(gross, cur) });
    if (lineDiscounts > 0) blocks.push({ kind: 'pair', left: 'Descuentos por línea', right: amount(-lineDiscounts, cur) });
    if (sale.saleDiscount > 0) blocks.push({ kind: 'pair', left: 'Descuento de la venta', right: amount(-sale.saleDiscount, cur) });
  }
  blocks.push({ kind: 'pair', left: 'TOTAL', right: amount(sale.total, cur), bold: true, size: 'double' });
  const rounding = sale.cashRounding ?? 0;
  if (rounding !== 0) {
    blocks.push({ kind: 'pair', left: 'Redondeo (efectivo)', right: signed(rounding, cur) });
    blocks.push({ kind: 'pair', left: 'Total a pagar', right: amount(sale.total + rounding, cur), bold: true });
  }
  for (const { rateBp, tax } of taxByRate(sale.lines, cur)) {
    blocks.push({ kind: 'pair', left: `IVA incluido ${percent(rateBp)}`, right: amount(tax, cur) });
  }
  blocks.push({ kind: 'rule', style: 'single' });
  for (const p of sale.payments) {
    blocks.push({ kind: 'pair', left: METHOD_LABELS[p.method], right: amount(p.tendered, cur) });
    if (p.reference) blocks.push({ kind: 'text', text: `  Ref. ${p.reference}` });
  }
  blocks.push({ kind: 'pair', left: 'Cambio', right: amount(sale.change, cur), bold: true });
  if (ctx.store.footer) blocks.push({ kind: 'rule', style: 'single' }, { kind: 'text', text: ctx.store.footer, align: 'center' });
  blocks.push({ kind: 'qr', value: sale.saleNumber });
  return {
    kind: 'RECEIPT',
    title: `${sale.reprint ? 'Reimpresión' : 'Recibo'} ${sale.saleNumber}`,
    blocks,
    cut: true,
    openDrawer: !sale.reprint && sale.payments.some((p) => p.method === 'CASH'),
  };
}

/** Tax per rate over the lines, ascending by rate; rates with no tax are left out. */
function taxByRate(lines: readonly ReceiptLine[], cur: PrintContext['store']['currency']): { rateBp: number; tax: Minor }[] {
  const rates = [...new Set(lines.map((l) => l.taxRateBp))].sort((a, b) => a - b);
  return rates
    .map((rateBp) => ({ rateBp, tax: sumMinor(lines.filter((l) => l.taxRateBp === rateBp).map((l) => l.tax), cur) }))
    .filter((r) => r.tax !== 0);
}

export interface VoidSlipInput {
  readonly saleNumber: string;
  readonly voidedAt: string;
  readonly total: Minor;
  readonly reason: string;
  /** The supervisor who approved the void; null when the cashier's own permission sufficed. */
  readonly approver: string | null;
  /** Cash given back to the customer when the void reverses a cash tender. */
  readonly cashReturned: Minor;
}

/** The void slip kept in the drawer: which sale, its total, why and who approved; opens the drawer if cash goes back. */
export function voidSlipDocument(ctx: PrintContext, v: VoidSlipInput): PrintDocument {
  const cur = ctx.store.currency;
  const blocks: Block[] = [
    ...storeHeader(ctx.store),
    ...titleBlock('ANULACIÓN', ctx, v.voidedAt),
    { kind: 'rule', style: 'single' },
    { kind: 'pair', left: 'Venta anulada', right: v.saleNumber, bold: true },
    { kind: 'pair', left: 'Total anulado', right: amount(v.total, cur), bold: true, size: 'double' },
  ];
  if (v.cashReturned > 0) blocks.push({ kind: 'pair', left: 'Efectivo devuelto', right: amount(v.cashReturned, cur) });
  blocks.push({ kind: 'text', text: `Motivo: ${v.reason}` });
  if (v.approver) blocks.push({ kind: 'pair', left: 'Autorizó', right: v.approver });
  blocks.push({ kind: 'signature', label: `Cajero: ${ctx.cashier}` });
  if (v.approver) blocks.push({ kind: 'signature', label: `Supervisor: ${v.approver}` });
  return { kind: 'VOID_SLIP', title: `Anulación ${v.saleNumber}`, blocks, cut: true, openDrawer: v.cashReturned > 0 };
}

export interface RefundSlipInput {
  readonly refundNumber: string;
  readonly saleNumber: string;
  readonly createdAt: string;
  readonly lines: readonly { readonly name: string; readonly quantity: string; readonly total: Minor }[];
  readonly total: Minor;
  readonly tax: Minor;
  readonly method: PaymentMethod;
  readonly reason: string;
  readonly approver: string | null;
  /** A copy printed later: says so and never opens the drawer. */
  readonly copy?: boolean;
}

/** The refund slip: the lines given back, the amount and tender, the reason, approver, and a line for the customer. */
export function refundSlipDocument(ctx: PrintContext, r: RefundSlipInput): PrintDocument {
  const cur = ctx.store.currency;
  const blocks: Block[] = [
    ...storeHeader(ctx.store),
    ...titleBlock('DEVOLUCIÓN', ctx, r.createdAt),
    ...(r.copy ? [{ kind: 'text', text: '*** COPIA ***', align: 'center', bold: true } as const] : []),
    { kind: 'pair', left: 'Devolución', right: r.refundNumber },
    { kind: 'pair', left: 'Venta original', right: r.saleNumber },
    { kind: 'rule', style: 'single' },
  ];
  for (const line of r.lines) blocks.push({ kind: 'pair', left: `${line.quantity} x ${line.name}`, right: amount(line.total, cur) });
  blocks.push(
    { kind: 'rule', style: 'single' },
    { kind: 'pair', left: 'TOTAL DEVUELTO', right: amount(r.total, cur), bold: true, size: 'double' },
    { kind: 'pair', left: 'IVA incluido', right: amount(r.tax, cur) },
    { kind: 'pair', left: 'Pagado con', right: METHOD_LABELS[r.method] },
    { kind: 'text', text: `Motivo: ${r.reason}` },
  );
  if (r.approver) blocks.push({ kind: 'pair', left: 'Autorizó', right: r.approver });
  blocks.push({ kind: 'signature', label: 'Firma del cliente' }, { kind: 'signature', label: `Cajero: ${ctx.cashier}` });
  return { kind: 'REFUND_SLIP', title: `${r.copy ? 'Copia de devolución' : 'Devolución'} ${r.refundNumber}`, blocks, cut: true, openDrawer: !r.copy && r.method === 'CASH' };
}
