// Issue 9 item 13: a product imported or created without a tax rate gets the store's default (13 % IVA in the demo
// store), never 0 %; a known product keeps its own rate when the file has no tax column.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SETTING_DEFAULT_TAX_RATE, putSetting } from '../db';
import type { Harness } from './testkit';
import { harness } from './testkit';

let h: Harness;
let admin: string;
beforeEach(() => {
  h = harness();
  admin = h.login('admin');
});
afterEach(() => h.close());

const rateOf = (sku: string) => h.ok('products.list', { query: sku }, admin).products.find((p) => p.sku === sku)?.taxRateBp;

describe("the store's default tax rate", () => {
  it('an import without a tax column gives new products 13 % IVA and leaves known products alone', () => {
    h.ok('products.create', { sku: 'EXENTO-1', name: 'Libro', price: 5000, taxRateBp: 0 }, admin);
    const r = h.ok('products.import', { csv: 'sku,name,price\nNUEVO-1,Galletas,7.50\nEXENTO-1,Libro escolar,52.00\n' }, admin);
    expect(r).toMatchObject({ created: 1, updated: 1 });
    expect(rateOf('NUEVO-1')).toBe(1300);
    expect(rateOf('EXENTO-1')).toBe(0);
    // An empty cell is "not given" too; a given rate wins.
    h.ok('products.import', { csv: 'sku,name,price,iva\nNUEVO-2,Fideo,6.00,\nNUEVO-3,Pan,1.00,5\n' }, admin);
    expect(rateOf('NUEVO-2')).toBe(1300);
    expect(rateOf('NUEVO-3')).toBe(500);
  });

  it('products.create without a rate takes it too, and the store setting decides over the currency', () => {
    expect(h.ok('products.create', { sku: 'C-1', name: 'Café', price: 3000 }, admin).product.taxRateBp).toBe(1300);
    putSetting(h.engine.store.db, SETTING_DEFAULT_TAX_RATE, '0');
    expect(h.ok('products.create', { sku: 'C-2', name: 'Café', price: 3000 }, admin).product.taxRateBp).toBe(0);
    h.ok('products.import', { csv: 'sku,name,price\nC-3,Té,10\n' }, admin);
    expect(rateOf('C-3')).toBe(0);
  });

  it('a store without the setting falls back to the standard VAT of its currency (BOB: 13 %)', () => {
    h.engine.store.sqlite.prepare('DELETE FROM settings WHERE key = ?').run(SETTING_DEFAULT_TAX_RATE);
    h.ok('products.import', { csv: 'sku,name,price\nB-1,Arroz,9\n' }, admin);
    expect(rateOf('B-1')).toBe(1300);
  });
});
