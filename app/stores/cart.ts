// The cart of the sell screen. Persisted in localStorage per user and register, so a reload (or a crash of the
// renderer) never loses a half-scanned sale; switching register or closing the session clears it.
// Invariant: prices are integer minor units copied from the product when scanned; the engine re-prices on sale.
import { create } from 'zustand';

export interface CartProduct {
  readonly id: string;
  readonly sku: string;
  readonly barcode: string | null;
  readonly name: string;
  readonly price: number;
}

export interface CartLine {
  readonly product: CartProduct;
  readonly quantity: number;
  /** Line discount in minor units (0 when none). */
  readonly discount?: number;
}

const PREFIX = 'arqueo.cart.';
const MAX_QTY = 100_000;

const keyOf = (userId: string, registerId: string) => `${PREFIX}${userId}.${registerId}`;

function load(key: string): CartLine[] {
  try {
    const raw = localStorage.getItem(key);
    if (raw === null) return [];
    const parsed: unknown = JSON.parse(raw);
    if (!Array.isArray(parsed)) return [];
    return parsed.filter(
      (l): l is CartLine =>
        typeof l === 'object' &&
        l !== null &&
        Number.isSafeInteger((l as CartLine).quantity) &&
        typeof (l as CartLine).product?.id === 'string' &&
        Number.isSafeInteger((l as CartLine).product?.price),
    );
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
  add(product: CartProduct, quantity?: number): void;
  setQuantity(index: number, quantity: number): void;
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
    add: (product, quantity = 1) => {
      const lines = [...get().lines];
      const at = lines.findIndex((l) => l.product.id === product.id);
      if (at >= 0) {
        const line = lines[at] as CartLine;
        lines[at] = { ...line, product, quantity: Math.min(MAX_QTY, line.quantity + quantity) };
        commit(lines, at);
      } else {
        lines.push({ product, quantity: Math.min(MAX_QTY, quantity) });
        commit(lines, lines.length - 1);
      }
    },
    setQuantity: (index, quantity) => {
      const lines = [...get().lines];
      const line = lines[index];
      if (line === undefined) return;
      if (quantity <= 0) {
        lines.splice(index, 1);
        commit(lines, Math.min(index, lines.length - 1));
        return;
      }
      lines[index] = { ...line, quantity: Math.min(MAX_QTY, Math.floor(quantity)) };
      commit(lines, index);
    },
    setDiscount: (index, discount) => {
      const lines = [...get().lines];
      const line = lines[index];
      if (line === undefined) return;
      const gross = line.product.price * line.quantity;
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

/** Cart total in minor units (integer arithmetic only). */
export function lineTotal(l: CartLine): number {
  return Math.max(0, l.product.price * l.quantity - (l.discount ?? 0));
}

export function cartTotal(lines: readonly CartLine[]): number {
  return lines.reduce((sum, l) => sum + lineTotal(l), 0);
}
