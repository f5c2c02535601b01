// Catalog replies are built from what the command wrote, not read back: they must equal what a later read returns.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Harness } from './testkit';
import { harness } from './testkit';

let h: Harness;
let admin: string;
beforeEach(() => {
  h = harness();
  admin = h.login('admin');
});
afterEach(() => h.close());

describe('catalog replies', () => {
  it('equal what products.movements and products.list read afterwards', () => {
    const created = h.ok('products.create', { sku: 'QUESO-1', name: 'Queso fresco', price: 4200, unit: 'KG', stock: '2.5', barcodes: ['7790000000017', '7790000000024'] }, admin).product;
    expect(created).toMatchObject({ barcode: '7790000000017', barcodes: ['7790000000017', '7790000000024'], stockMilli: 2500, stock: '2.500' });
    const listed = () => h.ok('products.list', { query: 'QUESO-1' }, admin).products[0];
    expect(listed()).toEqual(created);

    const updated = h.ok('products.update', { id: created.id, name: 'Queso criollo', barcodes: ['7790000000031'] }, admin).product;
    expect(updated).toMatchObject({ name: 'Queso criollo', barcode: '7790000000031', barcodes: ['7790000000031'], stockMilli: 2500 });
    expect(listed()).toEqual(updated);

    const adjusted = h.ok('products.adjustStock', { productId: created.id, delta: '-0.75', reason: 'merma' }, admin);
    expect(adjusted.product.stockMilli).toBe(1750);
    expect(listed()).toEqual(adjusted.product);
    const history = h.ok('products.movements', { productId: created.id, limit: 10 }, admin);
    expect(history.movements[0]).toEqual(adjusted.movement);
    expect(history.movements.map((m) => m.kind)).toEqual(['ADJUSTMENT', 'INITIAL']);
  });
});
