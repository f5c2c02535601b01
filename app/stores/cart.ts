// The cart of the sell screen. Persisted in localStorage per user and register, so a reload (or a crash of the
// renderer) never loses a half-scanned sale; switching register or closing the session clears it.
// Invariants: prices are integer minor units copied from the product when scanned (the engine re-prices on sale);
// quantities are integers of thousandths (`milli`: 1 unit = 1000, 0.750 kg = 750), never floats, and a line's gross is
// the engine's own rule (round_half_up(price × milli / 1000), src/sale/quantity), so the cart total is the sale total.
import { create } from 'zustand';
import type { Unit } from '../../src/sale/quantity';
import { MILLI, fitsUnit, formatMilli, lineGross } from '../../src/sale/quantity';

export interface CartProduct {
  readonly id: string;
  readonly sku: string;
  readonly barcode: string | null;
  readonly name: string;
  readonly price: number;
  /** UNIT sells in whole units; KG in thousandths (grams). Carts saved before weighed items read as UNIT. */
  readonly unit?: Unit;
}

export interface CartLine {
  readonly product: CartProduct;
  /** Quantity in thousandths of the product's unit. */
  readonly milli: number;
  /** Line discount in minor units (0 when none). */
  readonly discount?: number;
}

const PREFIX = 'arqueo.cart.';
const MAX_MILLI = 100_000 * MILLI;

const keyOf = (userId: string, registerId: string) => `${PREFIX}${userId}.${registerId}`;

export const unitOf = (p: CartProduct): Unit => p.unit ?? 'UNIT';

/** A stored line, including the older `{quantity}` (whole units) shape. */
function readLine(raw: unknown): CartLine | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const l = raw as { product?: CartProduct; milli?: unknown; quantity?: unknown; discount?: unknown };
  if (typeof l.product?.id !== 'string' || !Number.isSafeInteger(l.product.price)) return null;
  const milli = Number.isSafeInteger(l.milli) ? (l.milli as number) : Number.isSafeInteger(l.quantity) ? (l.quantity as number) * MILLI : null;
  if (milli === null || milli <= 0) return null;
  const discount = Number.isSafeInteger(l.discount) ? (l.discount as number) : 0;
  return { product: l.product, milli, ...(discount > 0 ? { discount } : {}) };
}

function load(key: string): CartLine[] {
  try {
    const raw = localStorage.getItem(key);
    if (raw === null) return [];
    const parsed: unknown = JSON.parse(raw);
    if (!Array.isArray(parsed)) return [];
    return parsed.map(readLine).filter((l): l is CartLine => l !== null);
  } catch {
    return [];
  }
}

function save(key: string | null, lines: readonly CartLine[]): void {
  if (key === null) return;
  try {
    if (lines.length === 0) localStorage.removeItem(key);
    else localStorage.setItem(key, JSON.stringify(lines));
  } catch {
    // storage full or disabled: the cart lives as long as the page
  }
}

/** Forget every cart of this user except the one of `keepRegisterId` (switching register clears the cart). */
export function clearOtherCarts(userId: string, keepRegisterId: string | null): void {
  try {
    const keep = keepRegisterId === null ? null : keyOf(userId, keepRegisterId);
    const mine = `${PREFIX}${userId}.`;
    for (let i = localStorage.length - 1; i >= 0; i--) {
      const k = localStorage.key(i);
      if (k !== null && k.startsWith(mine) && k !== keep) localStorage.removeItem(k);
    }
  } catch {
    // nothing to clear
  }
}

export interface CartState {
  readonly key: string | null;
  readonly lines: readonly CartLine[];
  /** Index of the highlighted line (keyboard editing), -1 when none. */
  readonly selected: number;
  bind(userId: string, registerId: string): void;
  /** Adds `milli` thousandths (default one unit); false when the quantity does not fit the unit (3.5 of a UNIT item). */
  add(product: CartProduct, milli?: number): boolean;
  /** Sets the quantity in thousandths; zero or less removes the line; false when it does not fit the unit. */
  setQuantity(index: number, milli: number): boolean;
  setDiscount(index: number, discount: number): void;
  remove(index: number): void;
  select(index: number): void;
  clear(): void;
}

export const useCart = create<CartState>()((set, get) => {
  const commit = (lines: CartLine[], selected: number) => {
    save(get().key, lines);
    set({ lines, selected: Math.min(selected, lines.length - 1) });
  };
  return {
    key: null,
    lines: [],
    selected: -1,
    bind: (userId, registerId) => {
      const key = keyOf(userId, registerId);
      if (get().key === key) return;
      const lines = load(key);
      set({ key, lines, selected: lines.length - 1 });
    },
    add: (product, milli = MILLI) => {
      if (milli <= 0 || !fitsUnit(milli, unitOf(product))) return false;
      const lines = [...get().lines];
      const at = lines.findIndex((l) => l.product.id === product.id);
      if (at >= 0) {
        const line = lines[at] as CartLine;
        lines[at] = { ...line, product, milli: Math.min(MAX_MILLI, line.milli + milli) };
        commit(lines, at);
      } else {
        lines.push({ product, milli: Math.min(MAX_MILLI, milli) });
        commit(lines, lines.length - 1);
      }
      return true;
    },
    setQuantity: (index, milli) => {
      const lines = [...get().lines];
      const line = lines[index];
      if (line === undefined) return false;
      if (milli <= 0) {
        lines.splice(index, 1);
        commit(lines, Math.min(index, lines.length - 1));
        return true;
      }
      if (!fitsUnit(milli, unitOf(line.product))) return false;
      const next = Math.min(MAX_MILLI, milli);
      const gross = lineGross(line.product.price, next);
      lines[index] = { ...line, milli: next, ...(line.discount ? { discount: Math.min(gross, line.discount) } : {}) };
      commit(lines, index);
      return true;
    },
    setDiscount: (index, discount) => {
      const lines = [...get().lines];
      const line = lines[index];
      if (line === undefined) return;
      const gross = lineGross(line.product.price, line.milli);
      lines[index] = { ...line, discount: Math.max(0, Math.min(gross, discount)) };
      commit(lines, index);
    },
    remove: (index) => {
      const lines = get().lines.filter((_, i) => i !== index);
      commit(lines, Math.min(index, lines.length - 1));
    },
    select: (index) => set({ selected: index }),
    clear: () => commit([], -1),
  };
});

/** The quantity as the contract takes it: whole units as an integer, weighed items as a 3-decimal string. */
export function contractQuantity(l: CartLine): number | string {
  return unitOf(l.product) === 'UNIT' ? l.milli / MILLI : formatMilli(l.milli, 'KG');
}

/** "3" for units, "0.750" for kilograms: the contract's spelling (data attributes, tests). */
export const quantityText = (l: CartLine): string => formatMilli(l.milli, unitOf(l.product));

/** Line total in minor units (integer arithmetic only): the engine's gross rule minus the line discount. */
export function lineTotal(l: CartLine): number {
  return Math.max(0, lineGross(l.product.price, l.milli) - (l.discount ?? 0));
}

export function cartTotal(lines: readonly CartLine[]): number {
  return lines.reduce((sum, l) => sum + lineTotal(l), 0);
}
