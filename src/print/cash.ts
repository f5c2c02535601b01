// Documents of the drawer: withdrawal and deposit slips, the partial count, the handover slip and the no-sale opening.
// Invariant: each one that involves handling cash asks for the drawer to open; the count is printed as counted, never
// recomputed, except the per-denomination subtotal (value × quantity, integer minor units through src/money).
import type { CurrencyCode, Minor } from '../money';
import { CURRENCIES, timesMinor } from '../money';
import type { Block, PrintDocument } from './document';
import type { PrintContext } from './format';
import { amount, storeHeader, titleBlock } from './format';

/** A cash count as printed: denominations by minor-unit value, the totals, and expected/difference where visible. */
export interface CountPrint {
  readonly denominations: readonly { readonly value: Minor; readonly quantity: number }[];
  readonly totalCash: Minor;
  readonly vouchers: Minor;
  readonly checks: Minor;
  readonly otherValues: Minor;
  readonly totalWithOthers: Minor;
  /** Null on a blind register for a user who may not see it. */
  readonly expected: Minor | null;
  /** counted − expected; null when expected is hidden. */
  readonly difference: Minor | null;
}

/** The count by denomination (only rows with a quantity), its totals, and expected and difference when known. */
export function countBlocks(count: CountPrint, cur: CurrencyCode): Block[] {
  const blocks: Block[] = [{ kind: 'text', text: 'Arqueo por denominación', bold: true }];
  const coins = new Set(CURRENCIES[cur].coins);
  for (const d of [...count.denominations].filter((d) => d.quantity > 0).sort((a, b) => b.value - a.value)) {
    const kind = coins.has(d.value) ? 'moneda' : 'billete';
    blocks.push({ kind: 'pair', left: `${d.quantity} x ${amount(d.value, cur)} (${kind})`, right: amount(timesMinor(d.value, d.quantity, cur), cur) });
  }
  blocks.push({ kind: 'pair', left: 'Total efectivo', right: amount(count.totalCash, cur), bold: true });
  if (count.vouchers > 0) blocks.push({ kind: 'pair', left: 'Vales', right: amount(count.vouchers, cur) });
  if (count.checks > 0) blocks.push({ kind: 'pair', left: 'Cheques', right: amount(count.checks, cur) });
  if (count.otherValues > 0) blocks.push({ kind: 'pair', left: 'Otros valores', right: amount(count.otherValues, cur) });
  if (count.totalWithOthers !== count.totalCash) blocks.push({ kind: 'pair', left: 'Total contado', right: amount(count.totalWithOthers, cur), bold: true });
  if (count.expected !== null) blocks.push({ kind: 'pair', left: 'Efectivo esperado', right: amount(count.expected, cur) });
  if (count.difference !== null) blocks.push({ kind: 'pair', left: differenceLabel(count.difference), right: amount(count.difference, cur), bold: true });
  return blocks;
}

export function differenceLabel(difference: Minor): string {
  return difference === 0 ? 'Diferencia (cuadra)' : difference > 0 ? 'Diferencia (sobrante)' : 'Diferencia (faltante)';
}

export interface MovementSlipInput {
  readonly direction: 'IN' | 'OUT';
  readonly amount: Minor;
  /** The reason as the store reads it ("Depósito a caja fuerte"). */
  readonly reasonLabel: string;
  readonly description: string | null;
  readonly reference: string | null;
  readonly createdAt: string;
  /** The supervisor who approved a withdrawal; null when none was needed. */
  readonly approver: string | null;
}

/** The withdrawal or deposit slip with the amount, reason, approver and lines to sign; opens the drawer. */
export function movementSlipDocument(ctx: PrintContext, m: MovementSlipInput): PrintDocument {
  const cur = ctx.store.currency;
  const title = m.direction === 'OUT' ? 'RETIRO DE EFECTIVO' : 'INGRESO DE EFECTIVO';
  const blocks: Block[] = [
    ...storeHeader(ctx.store),
    ...titleBlock(title, ctx, m.createdAt),
    { kind: 'rule', style: 'single' },
    { kind: 'pair', left: 'Monto', right: amount(m.amount, cur), bold: true, size: 'double' },
    { kind: 'pair', left: 'Motivo', right: m.reasonLabel },
  ];
  if (m.description) blocks.push({ kind: 'text', text: `Descripción: ${m.description}` });
  if (m.reference) blocks.push({ kind: 'pair', left: 'Referencia', right: m.reference });
  blocks.push({ kind: 'pair', left: 'Autorizó', right: m.approver ?? '—' });
  blocks.push({ kind: 'signature', label: `Cajero: ${ctx.cashier}` });
  blocks.push({ kind: 'signature', label: m.approver ? `Autorizó: ${m.approver}` : 'Recibió' });
  return { kind: 'MOVEMENT_SLIP', title: `${m.direction === 'OUT' ? 'Retiro' : 'Ingreso'} ${amount(m.amount, cur)}`, blocks, cut: true, openDrawer: true };
}

export interface PartialCountInput {
  readonly sessionNumber: string;
  readonly countedAt: string;
  readonly count: CountPrint;
}

/** A partial count (arqueo parcial) in the middle of a shift; opens the drawer to count. */
export function partialCountDocument(ctx: PrintContext, c: PartialCountInput): PrintDocument {
  const blocks: Block[] = [
    ...storeHeader(ctx.store),
    ...titleBlock('ARQUEO PARCIAL', ctx, c.countedAt),
    { kind: 'pair', left: 'Turno', right: c.sessionNumber },
    { kind: 'rule', style: 'single' },
    ...countBlocks(c.count, ctx.store.currency),
    { kind: 'signature', label: `Cajero: ${ctx.cashier}` },
  ];
  return { kind: 'PARTIAL_COUNT', title: `Arqueo parcial ${c.sessionNumber}`, blocks, cut: true, openDrawer: true };
}

export interface HandoverSlipInput {
  readonly sessionNumber: string;
  /** The incoming cashier's new session, when already opened. */
  readonly nextSessionNumber: string | null;
  readonly handedOverAt: string;
  readonly outgoing: string;
  readonly incoming: string;
  readonly count: CountPrint;
}

/** The handover slip: the count, the outgoing and incoming cashier, and a line for each to sign. */
export function handoverSlipDocument(ctx: PrintContext, h: HandoverSlipInput): PrintDocument {
  const blocks: Block[] = [
    ...storeHeader(ctx.store),
    ...titleBlock('ENTREGA DE CAJA', ctx, h.handedOverAt),
    { kind: 'pair', left: 'Turno saliente', right: h.sessionNumber },
  ];
  if (h.nextSessionNumber) blocks.push({ kind: 'pair', left: 'Turno entrante', right: h.nextSessionNumber });
  blocks.push(
    { kind: 'pair', left: 'Entrega', right: h.outgoing, bold: true },
    { kind: 'pair', left: 'Recibe', right: h.incoming, bold: true },
    { kind: 'rule', style: 'single' },
    ...countBlocks(h.count, ctx.store.currency),
    { kind: 'signature', label: `Entrega: ${h.outgoing}` },
    { kind: 'signature', label: `Recibe: ${h.incoming}` },
  );
  return { kind: 'HANDOVER_SLIP', title: `Entrega ${h.sessionNumber}`, blocks, cut: true, openDrawer: true };
}

export interface NoSaleInput {
  readonly openedAt: string;
  readonly reason: string;
  /** The supervisor who granted it where the register asks for one. */
  readonly approver: string | null;
}

/** "Abrir cajón" with no sale: a short slip naming the reason and who, and the drawer pulse. */
export function noSaleDocument(ctx: PrintContext, n: NoSaleInput): PrintDocument {
  const blocks: Block[] = [...titleBlock('APERTURA SIN VENTA', ctx, n.openedAt), { kind: 'text', text: `Motivo: ${n.reason}` }];
  if (n.approver) blocks.push({ kind: 'pair', left: 'Autorizó', right: n.approver });
  return { kind: 'NO_SALE', title: 'Apertura sin venta', blocks, cut: true, openDrawer: true };
}
