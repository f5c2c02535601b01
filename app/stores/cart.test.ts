// The cart store in plain Node: a Map stands in for localStorage (the store persists per user and register).
import { beforeEach, describe, expect, it } from 'vitest';
import type { CartProduct } from './cart';
import { cartRequestId, cartTotal, clearOtherCarts, contractQuantity, lineDiscount, lineTotal, quantityText, useCart } from './cart';

class MemoryStorage {
  readonly map = new Map<string, string>();
  get length() {
    return this.map.size;
  }
  key(i: number) {
    return [...this.map.keys()][i] ?? null;
  }
  getItem(k: string) {
    return this.map.get(k) ?? null;
  }
  setItem(k: string, v: string) {
    this.map.set(k, v);
  }
  removeItem(k: string) {
    this.map.delete(k);
  }
}

const storage = new MemoryStorage();
Object.defineProperty(globalThis, 'localStorage', { value: storage, configurable: true });

const agua: CartProduct = { id: 'p1', sku: 'SKU-001', barcode: '7771000000010', name: 'Agua', price: 500 };
const tomate: CartProduct = { id: 'p2', sku: 'SKU-050', barcode: null, name: 'Tomate (kg)', price: 1005, unit: 'KG' };
const cart = () => useCart.getState();

beforeEach(() => {
  storage.map.clear();
  useCart.setState({ key: null, lines: [], selected: -1 });
  cart().bind('u1', 'r1');
});

describe('cart store', () => {
  it('adds a unit, merges the same product on one line and selects it', () => {
    expect(cart().add(agua)).toBe(true);
    expect(cart().add(tomate, 750)).toBe(true);
    expect(cart().add(agua, 2000)).toBe(true);
    expect(cart().lines.map((l) => [l.product.sku, l.milli])).toEqual([
      ['SKU-001', 3000],
      ['SKU-050', 750],
    ]);
    expect(cart().selected).toBe(0);
  });

  it('refuses a fraction of a UNIT item and a quantity of zero, and leaves the cart as it was', () => {
    expect(cart().add(agua, 500)).toBe(false);
    expect(cart().add(tomate, 0)).toBe(false);
    expect(cart().lines).toEqual([]);
    cart().add(agua);
    expect(cart().setQuantity(0, 1500)).toBe(false);
    expect(cart().lines[0]?.milli).toBe(1000);
  });

  it('setQuantity to zero removes the line; remove keeps a selection in range', () => {
    cart().add(agua);
    cart().add(tomate, 1000);
    expect(cart().setQuantity(1, 0)).toBe(true);
    expect(cart().lines).toHaveLength(1);
    expect(cart().selected).toBe(0);
    cart().remove(0);
    expect(cart().lines).toEqual([]);
    expect(cart().selected).toBe(-1);
  });

  it('clamps a discount to the line gross, and a smaller quantity clamps it again', () => {
    cart().add(agua, 3000);
    cart().setDiscount(0, { kind: 'AMOUNT', minor: 99_999 });
    expect(cart().lines[0]?.discount).toBe(1500);
    cart().setQuantity(0, 1000);
    expect(cart().lines[0]?.discount).toBe(500);
    expect(lineTotal(cart().lines[0] ?? { product: agua, milli: 0 })).toBe(0);
    cart().setDiscount(0, { kind: 'AMOUNT', minor: -5 });
    expect(cart().lines[0]?.discount).toBeUndefined();
    expect(lineDiscount(cart().lines[0] ?? { product: agua, milli: 0 })).toBe(0);
  });

  it('a percentage discount charges the discounted price and follows the quantity', () => {
    cart().add(agua, 3000); // 3 × 5.00
    cart().setDiscount(0, { kind: 'PERCENT', bp: 1000 });
    const line = () => cart().lines[0] ?? { product: agua, milli: 0 };
    expect(line().discountBp).toBe(1000);
    expect(lineDiscount(line())).toBe(150);
    expect(lineTotal(line())).toBe(1350);
    cart().setQuantity(0, 1000);
    expect(lineTotal(line())).toBe(450);
    // An amount replaces the percentage.
    cart().setDiscount(0, { kind: 'AMOUNT', minor: 100 });
    expect(line().discountBp).toBeUndefined();
    expect(lineTotal(line())).toBe(400);
    cart().setDiscount(0, null);
    expect(lineTotal(line())).toBe(500);
  });

  it('has an id shared through storage, kept while it has lines and new once emptied', () => {
    cart().add(agua);
    const id = cart().cartId;
    expect(cartRequestId(id)).toBe(`cart:${id}`);
    cart().add(agua);
    expect(cart().cartId).toBe(id);
    // Another tab binds the same key and sees the same cart under the same id.
    useCart.setState({ key: null, lines: [], selected: -1, cartId: 'other-tab-id' });
    cart().bind('u1', 'r1');
    expect(cart().cartId).toBe(id);
    // That tab sells it: this one reloads an empty cart with a new id.
    storage.removeItem('arqueo.cart.u1.r1');
    cart().reload();
    expect(cart().lines).toEqual([]);
    expect(cart().cartId).not.toBe(id);
    cart().add(agua);
    cart().clear();
    expect(cart().cartId).not.toBe(id);
  });

  it('totals lines with the engine rule, in integer minor units', () => {
    cart().add(agua, 3000);
    cart().add(tomate, 755); // 1005 × 0.755 = 758.775 → 759
    cart().setDiscount(0, { kind: 'AMOUNT', minor: 100 });
    expect(cart().lines.map(lineTotal)).toEqual([1400, 759]);
    expect(cartTotal(cart().lines)).toBe(2159);
    expect(cart().lines.map(contractQuantity)).toEqual([3, '0.755']);
    expect(cart().lines.map(quantityText)).toEqual(['3', '0.755']);
  });

  it('persists per user and register: binding again reloads, another register starts empty', () => {
    cart().add(agua, 2000);
    useCart.setState({ key: null, lines: [], selected: -1 });
    cart().bind('u1', 'r1');
    expect(cart().lines.map((l) => l.milli)).toEqual([2000]);
    cart().bind('u1', 'r2');
    expect(cart().lines).toEqual([]);
  });

  it('reads a cart saved in the older whole-units shape and drops broken lines', () => {
    storage.setItem('arqueo.cart.u2.r1', JSON.stringify([{ product: agua, quantity: 2 }, { product: { id: 7 }, milli: 1000 }, { product: tomate, milli: -1 }]));
    cart().bind('u2', 'r1');
    expect(cart().lines).toEqual([{ product: agua, milli: 2000 }]);
  });

  it("clearOtherCarts forgets this user's other registers only", () => {
    storage.setItem('arqueo.cart.u1.r1', '[]');
    storage.setItem('arqueo.cart.u1.r2', '[]');
    storage.setItem('arqueo.cart.u9.r2', '[]');
    clearOtherCarts('u1', 'r1');
    expect([...storage.map.keys()].sort()).toEqual(['arqueo.cart.u1.r1', 'arqueo.cart.u9.r2']);
  });
});
