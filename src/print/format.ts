// Shared pieces of every printed document: money and time as the store prints them, and the store's header.
// Invariant: amounts arrive as integer minor units and leave as text via src/money (never a float); times print on the
// store's wall clock in its IANA zone, never the machine's.
import type { CurrencyCode, Minor } from '../money';
import { formatMinor } from '../money';
import type { Block } from './document';

/** The store as a receipt names it (set per branch). */
export interface StoreHeader {
  readonly name: string;
  /** Tax id (NIT in Bolivia); omitted from the header when empty. */
  readonly taxId: string;
  readonly address: string;
  readonly phone: string;
  /** IANA zone of the branch, e.g. "America/La_Paz". */
  readonly timeZone: string;
  readonly currency: CurrencyCode;
  /** Text under every receipt ("¡Gracias por su compra!"); empty for none. */
  readonly footer: string;
}

/** Where and by whom a document was printed. */
export interface PrintContext {
  readonly store: StoreHeader;
  readonly registerCode: string;
  readonly registerName: string;
  /** The signed-in cashier's display name. */
  readonly cashier: string;
}

export { METHOD_LABELS, MOVEMENT_REASON_LABELS } from '../labels-es';

/** "Bs 1.234,50"; negative amounts print "-Bs 2,00". */
export function amount(value: Minor, currency: CurrencyCode): string {
  return formatMinor(value, currency);
}

/** An amount with its sign always shown (+0,03 / −0,02): a rounding line reads as an adjustment. */
export function signed(value: Minor, cur: CurrencyCode): string {
  return value > 0 ? `+${amount(value, cur)}` : amount(value, cur);
}

const stamps = new Map<string, Intl.DateTimeFormat>();

/** `DD/MM/YYYY HH:MM` of an ISO instant on the wall clock of `timeZone` (24-hour). Throws on an invalid instant. */
export function localStamp(iso: string, timeZone: string): string {
  const instant = new Date(iso);
  if (Number.isNaN(instant.getTime())) throw new Error(`not an instant: ${iso}`);
  let f = stamps.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    stamps.set(timeZone, f);
  }
  const parts = f.formatToParts(instant);
  const get = (type: string): string => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('day')}/${get('month')}/${get('year')} ${get('hour')}:${get('minute')}`;
}

/** Basis points as a percentage: 1300 → "13%", 1250 → "12,5%". */
export function percent(bp: number): string {
  const whole = Math.trunc(bp / 100);
  const frac = String(bp % 100).padStart(2, '0').replace(/0+$/, '');
  return frac ? `${whole},${frac}%` : `${whole}%`;
}

/** Logo, store name, tax id, address and phone, then a rule. */
export function storeHeader(store: StoreHeader): Block[] {
  const blocks: Block[] = [{ kind: 'logo' }, { kind: 'text', text: store.name, align: 'center', bold: true, size: 'double' }];
  if (store.taxId) blocks.push({ kind: 'text', text: `NIT: ${store.taxId}`, align: 'center' });
  if (store.address) blocks.push({ kind: 'text', text: store.address, align: 'center' });
  if (store.phone) blocks.push({ kind: 'text', text: `Tel.: ${store.phone}`, align: 'center' });
  blocks.push({ kind: 'rule', style: 'single' });
  return blocks;
}

/** A bold centred title with the register, the cashier and the time under it. */
export function titleBlock(title: string, ctx: PrintContext, at: string): Block[] {
  return [
    { kind: 'text', text: title, align: 'center', bold: true, size: 'double' },
    { kind: 'pair', left: 'Caja', right: `${ctx.registerCode} · ${ctx.registerName}` },
    { kind: 'pair', left: 'Cajero', right: ctx.cashier },
    { kind: 'pair', left: 'Fecha', right: localStamp(at, ctx.store.timeZone) },
  ];
}
