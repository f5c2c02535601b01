// The cart of the sell screen. Persisted in localStorage per user and register, so a reload (or a crash of the
// renderer) never loses a half-scanned sale; switching register or closing the session clears it. Every tab of the
// cashier shares it (the `storage` event reloads it), and it has its own id, the sale's requestId (`cart:<id>`), so a
// cart is sold at most once whichever tab confirms it; an emptied cart (sold, cleared) starts over with a new id.
// Invariants: prices are integer minor units copied from the product when scanned (the engine re-prices on sale);
// quantities are integers of thousandths (`milli`: 1 unit = 1000, 0.750 kg = 750), never floats, and a line's gross is
// the engine's own rule (round_half_up(price × milli / 1000), src/sale/quantity), so the cart total is the sale total.
import { create } from 'zustand';
import type { Unit } from '../../src/sale/quantity';
import type { LineDiscount } from '../../src/sale/discount';
import { discountMinor } from '../../src/sale/discount';
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
  /** Line discount in minor units (0 when none); ignored when `discountBp` is set. */
  readonly discount?: number;
  /** Line discount as a percentage in basis points (1000 = 10 %): its amount follows the line's quantity. */
  readonly discountBp?: number;
}

const PREFIX = 'arqueo.cart.';
const MAX_MILLI = 100_000 * MILLI;

const keyOf = (userId: string, registerId: string) => `${PREFIX}${userId}.${registerId}`;

export const unitOf = (p: CartProduct): Unit => p.unit ?? 'UNIT';

/** A stored line, including the older `{quantity}` (whole units) shape. */
function readLine(raw: unknown): CartLine | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const l = raw as { product?: CartProduct; milli?: unknown; quantity?: unknown; discount?: unknown; discountBp?: unknown };
  if (typeof l.product?.id !== 'string' || !Number.isSafeInteger(l.product.price)) return null;
  const milli = Number.isSafeInteger(l.milli) ? (l.milli as number) : Number.isSafeInteger(l.quantity) ? (l.quantity as number) * MILLI : null;
  if (milli === null || milli <= 0) return null;
  const discount = Number.isSafeInteger(l.discount) ? (l.discount as number) : 0;
  const bp = Number.isSafeInteger(l.discountBp) && (l.discountBp as number) > 0 && (l.discountBp as number) <= 10_000 ? (l.discountBp as number) : 0;
  return { product: l.product, milli, ...(bp > 0 ? { discountBp: bp } : discount > 0 ? { discount } : {}) };
}

/** A fresh cart id (the sale's requestId is `cart:<id>`). */
export const newCartId = (): string => crypto.randomUUID();

interface StoredCart {
  readonly id: string;
  readonly lines: CartLine[];
}

/** The stored cart: `{id, lines}`, or the older bare array of lines (given a new id). */
function load(key: string): StoredCart {
  try {
    const raw = localStorage.getItem(key);
    if (raw === null) return { id: newCartId(), lines: [] };
    const parsed: unknown = JSON.parse(raw);
    const wrapped = typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as { id?: unknown; lines?: unknown }) : null;
    const rawLines = Array.isArray(parsed) ? parsed : Array.isArray(wrapped?.lines) ? wrapped.lines : [];
    const id = typeof wrapped?.id === 'string' && wrapped.id.length >= 8 && wrapped.id.length <= 64 ? wrapped.id : newCartId();
    return { id, lines: rawLines.map(readLine).filter((l): l is CartLine => l !== null) };
  } catch {
    return { id: newCartId(), lines: [] };
  }
}

function save(key: string | null, cart: StoredCart): void {
  if (key === null) return;
  try {
    if (cart.lines.length === 0) localStorage.removeItem(key);
    else localStorage.setItem(key, JSON.stringify(cart));
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
  /** This cart's id: the same in every tab showing it; new once it is emptied. */
  readonly cartId: string;
  readonly lines: readonly CartLine[];
  /** Index of the highlighted line (keyboard editing), -1 when none. */
  readonly selected: number;
  bind(userId: string, registerId: string): void;
  /** Adds `milli` thousandths (default one unit); false when the quantity does not fit the unit (3.5 of a UNIT item). */
  add(product: CartProduct, milli?: number): boolean;
  /** Sets the quantity in thousandths; zero or less removes the line; false when it does not fit the unit. */
  setQuantity(index: number, milli: number): boolean;
  /** Sets the line's discount (null or a zero amount removes it); an amount is capped at the line's gross. */
  setDiscount(index: number, discount: LineDiscount | null): void;
  remove(index: number): void;
  select(index: number): void;
  clear(): void;
  /** Takes the stored copy again (another tab changed, sold or cleared the cart). */
  reload(): void;
}

export const useCart = create<CartState>()((set, get) => {
  const commit = (lines: CartLine[], selected: number) => {
    const cartId = lines.length === 0 ? newCartId() : get().cartId;
    save(get().key, { id: cartId, lines });
    set({ lines, cartId, selected: Math.min(selected, lines.length - 1) });
  };
  return {
    key: null,
    cartId: newCartId(),
    lines: [],
    selected: -1,
    bind: (userId, registerId) => {
      const key = keyOf(userId, registerId);
      if (get().key === key) return;
      const { id, lines } = load(key);
      set({ key, cartId: id, lines, selected: lines.length - 1 });
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
      const { discount: _amount, discountBp: _bp, ...bare } = line;
      const gross = lineGross(line.product.price, line.milli);
      if (discount === null || (discount.kind === 'AMOUNT' ? discount.minor : discount.bp) <= 0) lines[index] = bare;
      else lines[index] = discount.kind === 'PERCENT' ? { ...bare, discountBp: Math.min(10_000, discount.bp) } : { ...bare, discount: Math.min(gross, discount.minor) };
      commit(lines, index);
    },
    remove: (index) => {
      const lines = get().lines.filter((_, i) => i !== index);
      commit(lines, Math.min(index, lines.length - 1));
    },
    select: (index) => set({ selected: index }),
    clear: () => commit([], -1),
    reload: () => {
      const key = get().key;
      if (key === null) return;
      const { id, lines } = load(key);
      set({ cartId: id, lines, selected: Math.min(get().selected, lines.length - 1) });
    },
  };
});

/**
 * Keeps this tab's cart in step with the others of the same browser: when another tab changes, sells or clears the
 * bound cart, the `storage` event (fired only in the other tabs) reloads it. Returns the unsubscribe function.
 */
export function followOtherTabs(): () => void {
  const onStorage = (e: StorageEvent) => {
    const key = useCart.getState().key;
    if (key !== null && (e.key === key || e.key === null)) useCart.getState().reload();
  };
  window.addEventListener('storage', onStorage);
  return () => window.removeEventListener('storage', onStorage);
}

/** The quantity as the contract takes it: whole units as an integer, weighed items as a 3-decimal string. */
export function contractQuantity(l: CartLine): number | string {
  return unitOf(l.product) === 'UNIT' ? l.milli / MILLI : formatMilli(l.milli, 'KG');
}

/** "3" for units, "0.750" for kilograms: the contract's spelling (data attributes, tests). */
export const quantityText = (l: CartLine): string => formatMilli(l.milli, unitOf(l.product));

/** The line's discount in minor units as the contract takes it: a percentage of the gross (half up), or the amount. */
export function lineDiscount(l: CartLine): number {
  const gross = lineGross(l.product.price, l.milli);
  if (l.discountBp !== undefined) return discountMinor(gross, { kind: 'PERCENT', bp: l.discountBp });
  return discountMinor(gross, { kind: 'AMOUNT', minor: l.discount ?? 0 });
}

/** Line total in minor units (integer arithmetic only): the engine's gross rule minus the line discount. */
export function lineTotal(l: CartLine): number {
  return Math.max(0, lineGross(l.product.price, l.milli) - lineDiscount(l));
}

/** The sale's requestId for a cart: one cart is one sale, however many tabs or retries confirm it. */
export const cartRequestId = (cartId: string): string => `cart:${cartId}`;

export function cartTotal(lines: readonly CartLine[]): number {
  return lines.reduce((sum, l) => sum + lineTotal(l), 0);
}
