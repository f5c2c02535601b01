// The shift reports: X (a reading in the middle of the shift, changes nothing) and Z (the close, with the count, the
// per-tender reconciliation, the approvals and the signatures). Invariant: figures are the engine's; nothing is summed
// here, so the paper always agrees with the screen.
import type { Minor } from '../money';
import type { PaymentMethod } from '../sale/methods';
import type { CountPrint } from './cash';
import { countBlocks, differenceLabel } from './cash';
import type { Block, PrintDocument } from './document';
import type { PrintContext } from './format';
import { amount, localStamp, METHOD_LABELS, percent, signed, storeHeader } from './format';

export interface ShiftReportInput {
  readonly sessionNumber: string;
  /** The store's business date, YYYY-MM-DD. */
  readonly businessDate: string;
  readonly openedAt: string;
  /** Null for an X report of a shift still open. */
  readonly closedAt: string | null;
  readonly printedAt: string;
  readonly openingAmount: Minor;
  readonly salesCount: number;
  /** Net of voids and refunds. */
  readonly salesTotal: Minor;
  /** Net sales per tender; tenders with nothing are left out by the caller or print as zero. */
  readonly byMethod: readonly { readonly method: PaymentMethod; readonly amount: Minor }[];
  readonly taxes: readonly { readonly rateBp: number; readonly taxable: Minor; readonly tax: Minor }[];
  /** Null where the viewer may not see them (a blind cashier's X report: with them expected cash could be worked out). */
  readonly depositsTotal: Minor | null;
  readonly withdrawalsTotal: Minor | null;
  readonly voids: { readonly count: number; readonly total: Minor };
  readonly refunds: { readonly count: number; readonly total: Minor };
  /** Sales with a discount and the sum of their discounts. */
  readonly discounts: { readonly count: number; readonly total: Minor };
  /** Cash-outs refused for exceeding expected cash and the amounts asked ("salidas rechazadas"). */
  readonly cashOutRefusals: { readonly count: number; readonly total: Minor };
  /** Null when the user may not see it (blind register before close). */
  readonly expectedCash: Minor | null;
  /** The closing count (Z) or null (X). */
  readonly count: CountPrint | null;
  /** Expected against declared per tender (Z). */
  readonly tenders: readonly { readonly method: PaymentMethod; readonly expected: Minor | null; readonly declared: Minor | null; readonly difference: Minor | null }[];
  /** Every supervisor approval of the shift, with the approver's name. */
  readonly approvals: readonly { readonly what: string; readonly approver: string; readonly amount: Minor | null; readonly at: string }[];
  /** The supervisor who closed or approved the close (Z); null otherwise. */
  readonly supervisor: string | null;
  /** Drawer openings (every cause) and those with no sale; the session's net cash rounding. Absent: not printed. */
  readonly drawer?: { readonly openings: number; readonly noSale: number; readonly cashRounding: Minor };
}

/**
 * The X (kind 'X') or Z (kind 'Z') report of one shift. Sections: header, shift, sales by tender, taxes, cash flow,
 * voids and refunds, the count and per-tender reconciliation (Z), approvals, signatures (Z). Never opens the drawer.
 */
export function shiftReportDocument(ctx: PrintContext, kind: 'X' | 'Z', r: ShiftReportInput): PrintDocument {
  const cur = ctx.store.currency;
  const zone = ctx.store.timeZone;
  const blocks: Block[] = [
    ...storeHeader(ctx.store),
    { kind: 'text', text: kind === 'Z' ? 'REPORTE Z · CIERRE' : 'REPORTE X · LECTURA', align: 'center', bold: true, size: 'double' },
    { kind: 'pair', left: 'Turno', right: r.sessionNumber, bold: true },
    { kind: 'pair', left: 'Fecha contable', right: r.businessDate },
    { kind: 'pair', left: 'Caja', right: `${ctx.registerCode} · ${ctx.registerName}` },
    { kind: 'pair', left: 'Cajero', right: ctx.cashier },
    { kind: 'pair', left: 'Apertura', right: localStamp(r.openedAt, zone) },
  ];
  if (r.closedAt) blocks.push({ kind: 'pair', left: 'Cierre', right: localStamp(r.closedAt, zone) });
  blocks.push({ kind: 'pair', left: 'Impreso', right: localStamp(r.printedAt, zone) });

  blocks.push({ kind: 'rule', style: 'double' }, { kind: 'text', text: 'Ventas', bold: true });
  blocks.push({ kind: 'pair', left: 'Cantidad de ventas', right: String(r.salesCount) });
  for (const m of r.byMethod) blocks.push({ kind: 'pair', left: METHOD_LABELS[m.method], right: amount(m.amount, cur) });
  blocks.push({ kind: 'pair', left: 'TOTAL VENTAS', right: amount(r.salesTotal, cur), bold: true });
  for (const t of r.taxes) blocks.push({ kind: 'pair', left: `IVA ${percent(t.rateBp)} s/ ${amount(t.taxable, cur)}`, right: amount(t.tax, cur) });
  blocks.push({ kind: 'pair', left: `Anulaciones (${r.voids.count})`, right: amount(r.voids.total, cur) });
  blocks.push({ kind: 'pair', left: `Devoluciones (${r.refunds.count})`, right: amount(r.refunds.total, cur) });
  blocks.push({ kind: 'pair', left: `Descuentos (${r.discounts.count})`, right: amount(r.discounts.total, cur) });
  blocks.push({ kind: 'pair', left: `Salidas rechazadas: ${r.cashOutRefusals.count}`, right: amount(r.cashOutRefusals.total, cur) });

  blocks.push({ kind: 'rule', style: 'double' }, { kind: 'text', text: 'Efectivo', bold: true });
  blocks.push({ kind: 'pair', left: 'Fondo inicial', right: amount(r.openingAmount, cur) });
  if (r.depositsTotal !== null) blocks.push({ kind: 'pair', left: 'Ingresos', right: amount(r.depositsTotal, cur) });
  if (r.withdrawalsTotal !== null) blocks.push({ kind: 'pair', left: 'Retiros', right: amount(-r.withdrawalsTotal, cur) });
  if (r.drawer && r.drawer.cashRounding !== 0) blocks.push({ kind: 'pair', left: 'Redondeo de efectivo', right: signed(r.drawer.cashRounding, cur) });
  if (r.expectedCash !== null) blocks.push({ kind: 'pair', left: 'Efectivo esperado', right: amount(r.expectedCash, cur), bold: true });

  if (r.drawer) {
    blocks.push({ kind: 'rule', style: 'single' }, { kind: 'text', text: 'Cajón', bold: true });
    blocks.push({ kind: 'pair', left: 'Aperturas del cajón', right: String(r.drawer.openings) });
    blocks.push({ kind: 'pair', left: 'Aperturas sin venta', right: String(r.drawer.noSale), bold: r.drawer.noSale > 0 });
  }
  if (r.count) blocks.push({ kind: 'rule', style: 'single' }, ...countBlocks(r.count, cur));
  if (r.tenders.length > 0) {
    blocks.push({ kind: 'rule', style: 'double' }, { kind: 'text', text: 'Conciliación por medio de pago', bold: true });
    for (const t of r.tenders) {
      blocks.push({ kind: 'text', text: METHOD_LABELS[t.method] });
      blocks.push({ kind: 'pair', left: '  Esperado', right: t.expected === null ? '—' : amount(t.expected, cur) });
      blocks.push({ kind: 'pair', left: '  Declarado', right: t.declared === null ? '—' : amount(t.declared, cur) });
      if (t.difference !== null) blocks.push({ kind: 'pair', left: `  ${differenceLabel(t.difference)}`, right: amount(t.difference, cur) });
    }
  }
  if (r.approvals.length > 0) {
    blocks.push({ kind: 'rule', style: 'double' }, { kind: 'text', text: 'Autorizaciones', bold: true });
    for (const a of [...r.approvals].sort((x, y) => x.at.localeCompare(y.at))) {
      blocks.push({ kind: 'pair', left: `${localStamp(a.at, zone).slice(11)} ${a.what}`, right: a.amount === null ? '' : amount(a.amount, cur) });
      blocks.push({ kind: 'text', text: `  Autorizó: ${a.approver}` });
    }
  }
  if (kind === 'Z') {
    blocks.push({ kind: 'signature', label: `Cajero: ${ctx.cashier}` });
    blocks.push({ kind: 'signature', label: r.supervisor ? `Supervisor: ${r.supervisor}` : 'Supervisor' });
  }
  return { kind: kind === 'Z' ? 'Z_REPORT' : 'X_REPORT', title: `Reporte ${kind} ${r.sessionNumber}`, blocks, cut: true, openDrawer: false };
}
