// The store's daily report on A4: every session of the business date across registers, and the day's totals.
// Invariant: figures are the engine's (reports.daily), copied; nothing is summed here. Sessions in another currency
// are listed and left out of the totals, as the engine already did.
import type { CurrencyCode, Minor } from '../money';
import type { PaymentMethod } from '../sale/methods';
import { differenceLabel } from './cash';
import type { Block, PrintDocument } from './document';
import type { StoreHeader } from './format';
import { amount, localStamp, METHOD_LABELS, storeHeader } from './format';

export interface DailySessionRow {
  readonly sessionNumber: string;
  readonly registerCode: string;
  readonly cashier: string;
  /** Spanish state label ("Cerrado", "Abierto", "Entregado"). */
  readonly status: string;
  readonly salesCount: number;
  /** Null when the reader may not see it (an active blind session). */
  readonly salesTotal: Minor | null;
  /** Null while open, or when the reader may not see it. */
  readonly difference: Minor | null;
  readonly currency: CurrencyCode;
}

export interface DailyReportInput {
  /** YYYY-MM-DD, the store's business date. */
  readonly date: string;
  readonly printedAt: string;
  readonly sessions: readonly DailySessionRow[];
  readonly salesCount: number;
  readonly salesTotal: Minor;
  readonly byMethod: readonly { readonly method: PaymentMethod; readonly amount: Minor }[];
  readonly depositsTotal: Minor;
  readonly withdrawalsTotal: Minor;
  readonly voids: { readonly count: number; readonly total: Minor };
  readonly refunds: { readonly count: number; readonly total: Minor };
  /** Sales with a discount and the sum of their discounts; absent on inputs from before it was printed. */
  readonly discounts?: { readonly count: number; readonly total: Minor };
  /** Cash-outs refused for exceeding expected cash, and the amounts asked. */
  readonly cashOutRefusals?: { readonly count: number; readonly total: Minor };
  /** Sum of the closed sessions' differences (counted − expected). */
  readonly difference: Minor;
  readonly otherCurrencySessions: number;
}

/**
 * The daily report: store header, date, one block per session (register, cashier, state, sales, difference), then
 * the day's sales by tender, cash movements, voids and refunds and the total difference, and a manager's signature.
 * Meant for A4 (each session is a section a page break never splits); prints on a roll too. Never opens the drawer.
 */
export function dailyReportDocument(store: StoreHeader, d: DailyReportInput): PrintDocument {
  const cur = store.currency;
  const blocks: Block[] = [
    ...storeHeader(store),
    { kind: 'text', text: 'REPORTE DIARIO', align: 'center', bold: true, size: 'double' },
    { kind: 'pair', left: 'Fecha contable', right: d.date, bold: true },
    { kind: 'pair', left: 'Impreso', right: localStamp(d.printedAt, store.timeZone) },
    { kind: 'pair', left: 'Turnos', right: String(d.sessions.length) },
  ];
  for (const s of d.sessions) {
    blocks.push(
      { kind: 'rule', style: 'single' },
      { kind: 'pair', left: `${s.registerCode} · ${s.sessionNumber}`, right: s.status, bold: true },
      { kind: 'pair', left: `  Cajero`, right: s.cashier },
      { kind: 'pair', left: `  Ventas (${s.salesCount})`, right: s.salesTotal === null ? '—' : amount(s.salesTotal, s.currency) },
    );
    if (s.difference !== null) blocks.push({ kind: 'pair', left: `  ${differenceLabel(s.difference)}`, right: amount(s.difference, s.currency) });
  }
  blocks.push({ kind: 'rule', style: 'double' }, { kind: 'text', text: 'Totales del día', bold: true });
  blocks.push({ kind: 'pair', left: 'Cantidad de ventas', right: String(d.salesCount) });
  for (const m of d.byMethod) blocks.push({ kind: 'pair', left: METHOD_LABELS[m.method], right: amount(m.amount, cur) });
  blocks.push({ kind: 'pair', left: 'TOTAL VENTAS', right: amount(d.salesTotal, cur), bold: true });
  blocks.push({ kind: 'pair', left: `Anulaciones (${d.voids.count})`, right: amount(d.voids.total, cur) });
  blocks.push({ kind: 'pair', left: `Devoluciones (${d.refunds.count})`, right: amount(d.refunds.total, cur) });
  if (d.discounts && d.discounts.count > 0) blocks.push({ kind: 'pair', left: `Ventas con descuento (${d.discounts.count})`, right: amount(-d.discounts.total, cur) });
  if (d.cashOutRefusals && d.cashOutRefusals.count > 0) blocks.push({ kind: 'pair', left: `Salidas rechazadas (${d.cashOutRefusals.count})`, right: amount(d.cashOutRefusals.total, cur) });
  blocks.push({ kind: 'pair', left: 'Ingresos', right: amount(d.depositsTotal, cur) });
  blocks.push({ kind: 'pair', left: 'Retiros', right: amount(-d.withdrawalsTotal, cur) });
  blocks.push({ kind: 'pair', left: differenceLabel(d.difference), right: amount(d.difference, cur), bold: true });
  if (d.otherCurrencySessions > 0) blocks.push({ kind: 'text', text: `${d.otherCurrencySessions} turno(s) en otra moneda: listados, no sumados.` });
  blocks.push({ kind: 'signature', label: 'Gerente' });
  return { kind: 'DAILY_REPORT', title: `Reporte diario ${d.date}`, blocks, cut: true, openDrawer: false };
}
