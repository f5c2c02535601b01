// The sales this register made, as this renderer saw them: the list behind "find a sale" on the sell screen.
// The contract has no lookup by sale number (sales.get takes the sale's id), so every sale this screen completes is
// remembered here, per register, with its id; a typed number is resolved against it, and the receipt prints the id
// for sales made elsewhere. Persisted in localStorage (the last MAX entries), so it survives a reload and later days.
import { create } from 'zustand';
import type { CommandOutput } from '../../src/contract';

type Sale = CommandOutput<'sales.create'>['sale'];

export interface JournalEntry {
  readonly id: string;
  readonly saleNumber: string;
  readonly sessionId: string;
  readonly total: number;
  readonly createdAt: string;
  readonly status: 'COMPLETED' | 'VOIDED';
  readonly refundedTotal: number;
}

const PREFIX = 'arqueo.sales.';
const MAX = 2000;

function load(registerId: string): JournalEntry[] {
  try {
    const raw = localStorage.getItem(PREFIX + registerId);
    const parsed: unknown = raw === null ? [] : JSON.parse(raw);
    if (!Array.isArray(parsed)) return [];
    return parsed.filter((e): e is JournalEntry => typeof e === 'object' && e !== null && typeof (e as JournalEntry).id === 'string' && typeof (e as JournalEntry).saleNumber === 'string');
  } catch {
    return [];
  }
}

function store(registerId: string, entries: readonly JournalEntry[]): void {
  try {
    localStorage.setItem(PREFIX + registerId, JSON.stringify(entries.slice(0, MAX)));
  } catch {
    // storage full: the list lives as long as the page
  }
}

export const entryOf = (sale: Sale): JournalEntry => ({
  id: sale.id,
  saleNumber: sale.saleNumber,
  sessionId: sale.sessionId,
  total: sale.total,
  createdAt: sale.createdAt,
  status: sale.status,
  refundedTotal: sale.refundedTotal,
});

export interface JournalState {
  readonly registerId: string | null;
  /** Newest first. */
  readonly entries: readonly JournalEntry[];
  bind(registerId: string): void;
  /** Adds a sale or replaces what is known of it (after a void or a refund). */
  record(sale: Sale): void;
}

export const useJournal = create<JournalState>()((set, get) => ({
  registerId: null,
  entries: [],
  bind: (registerId) => {
    if (get().registerId === registerId) return;
    set({ registerId, entries: load(registerId) });
  },
  record: (sale) => {
    const { registerId, entries } = get();
    if (registerId === null) return;
    const entry = entryOf(sale);
    const next = entries.some((e) => e.id === sale.id) ? entries.map((e) => (e.id === sale.id ? entry : e)) : [entry, ...entries];
    store(registerId, next);
    set({ entries: next });
  },
}));

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * What a typed or scanned reference names: a sale id (scanned off a receipt), a full sale number, or the last digits
 * of a number of this session ("12" finds "…-0012"). Null when nothing here matches.
 */
export function resolveSale(text: string, entries: readonly JournalEntry[], sessionId: string): { readonly id: string } | null {
  const q = text.trim();
  if (q === '') return null;
  if (UUID.test(q)) return { id: q.toLowerCase() };
  const upper = q.toUpperCase();
  const exact = entries.find((e) => e.saleNumber.toUpperCase() === upper);
  if (exact) return { id: exact.id };
  if (/^\d{1,4}$/.test(q)) {
    const suffix = `-${q.padStart(4, '0')}`;
    const mine = entries.find((e) => e.sessionId === sessionId && e.saleNumber.endsWith(suffix));
    if (mine) return { id: mine.id };
  }
  const partial = entries.filter((e) => e.saleNumber.toUpperCase().endsWith(upper));
  return partial.length === 1 && partial[0] ? { id: partial[0].id } : null;
}
