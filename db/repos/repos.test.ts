// The hot-path repos write and read with plain SQL; these tests hold them to what drizzle's schema says, so a column
// added to the schema and forgotten in a plain statement fails here rather than in a sale.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../open';
import type { OpenedDb } from '../open';
import { payments, products, saleLines, sales } from '../schema';
import { productById, productsByName } from './products';
import { insertSale } from './sales';
import type { SalePayload } from '../../src/session/ledger';

let dir: string;
let opened: OpenedDb;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'arqueo-repos-'));
  opened = openDatabase(path.join(dir, 'a.db'));
});
afterEach(() => {
  opened.close();
  rmSync(dir, { recursive: true, force: true });
});

const at = '2026-11-22T12:00:00.000Z';

describe('plain-SQL repos agree with the schema', () => {
  it('productById and productsByName return exactly the row drizzle selects', () => {
    const { db } = opened;
    db.insert(products).values({ id: 'p1', sku: 'SKU-1', barcode: '7790000000017', name: 'Café molido', price: 2550, stock: 3000, unit: 'KG', category: 'Almacén', taxRateBp: 1300, searchKey: 1, createdAt: at, updatedAt: at }).run();
    db.insert(products).values({ id: 'p2', sku: 'SKU-2', name: 'Té', price: 100, active: false, createdAt: at, updatedAt: at }).run();
    for (const id of ['p1', 'p2']) {
      const viaDrizzle = db.select().from(products).all().find((p) => p.id === id);
      expect(viaDrizzle).toBeDefined();
      expect(productById(db, id)).toStrictEqual(viaDrizzle);
    }
    expect(productById(db, 'nope')).toBeUndefined();
    expect(productsByName(db, 'cafe*', 10, false)).toStrictEqual(db.select().from(products).all().filter((p) => p.id === 'p1'));
  });

  it('insertSale writes every column of the sale, its lines and its payments', () => {
    const { db } = opened;
    // Parent rows (session, user, product) are beside the point here: only the columns written are.
    opened.sqlite.pragma('foreign_keys = OFF');
    const sale: SalePayload = {
      id: 'sale1',
      saleNumber: 'SUC-POS-20261122-0001',
      userId: 'u',
      total: 1800,
      change: 200,
      discount: 100,
      tax: 207,
      lines: [{ lineNo: 1, productId: 'p1', sku: 'SKU-1', name: 'Pan', quantity: 2000, unitPrice: 1000, total: 1800, unit: 'UNIT', gross: 2000, discount: 200, taxRateBp: 1300, tax: 207 }],
      payments: [
        { id: 'pay1', method: 'CASH', amount: 1000, tendered: 1200, change: 200, reference: null },
        { id: 'pay2', method: 'DEBIT_CARD', amount: 800, tendered: 800, change: 0, reference: 'R1', cardLast4: '4242', authCode: 'A1' },
      ],
    };
    insertSale(db, 's', at, sale);
    expect(db.select().from(sales).all()).toStrictEqual([
      { id: 'sale1', sessionId: 's', saleNumber: sale.saleNumber, userId: 'u', total: 1800, change: 200, discount: 100, tax: 207, cashRounding: 0, status: 'COMPLETED', createdAt: at },
    ]);
    expect(db.select().from(saleLines).all()).toStrictEqual([{ saleId: 'sale1', ...sale.lines[0] }]);
    expect(db.select().from(payments).all()).toStrictEqual([
      { id: 'pay1', saleId: 'sale1', sessionId: 's', method: 'CASH', amount: 1000, tendered: 1200, change: 200, reference: null, cardLast4: null, authCode: null, createdAt: at },
      { id: 'pay2', saleId: 'sale1', sessionId: 's', method: 'DEBIT_CARD', amount: 800, tendered: 800, change: 0, reference: 'R1', cardLast4: '4242', authCode: 'A1', createdAt: at },
    ]);
  });
});
