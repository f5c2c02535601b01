// Issue 3 on real SQLite: catalog at scale, lines with discounts/tax/weights, stock as movements, voids, refunds,
// agent operations, per-tender reconciliation and the opening float check.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { Harness } from './testkit';
import { bobCount, harness } from './testkit';
import { checkAllSessions, checkSession, checkStock } from './verify';
import { buildBundle, schema, sha256Hex } from '../db';
import { verifyBundle } from '../src/sync/protocol';

let h: Harness;
let maria: string;
let juan: string;
let gerente: string;
let pos1: string;
let pos2: string;
let pos3: string;

beforeEach(() => {
  h = harness();
  maria = h.login('maria');
  juan = h.login('juan');
  gerente = h.login('gerente');
  pos1 = h.registerId('POS001');
  pos2 = h.registerId('POS002');
  pos3 = h.registerId('POS003');
});
afterEach(() => h.close());

const grant = (permission: 'sales:void' | 'sales:refund' | 'cash:approve_difference', requester: string) =>
  h.ok('auth.verifySupervisor', { pin: '3333', permission, username: 'sofia' }, requester).grantId;
const expected = (token: string) => {
  const s = h.ok('cash.current', {}, token).session;
  if (!s) throw new Error('no session');
  return checkSession(h.engine.store.db, s.id).expectedCash;
};
const clean = () => {
  for (const c of checkAllSessions(h.engine.store.db)) expect(c.problems).toEqual([]);
  expect(checkStock(h.engine.store.db)).toEqual([]);
};

describe('catalog', () => {
  it('creates products with several barcodes, a unit, a category and a tax rate; a barcode belongs to one product', () => {
    const p = h.ok('products.create', { sku: 'QUE-01', barcodes: ['7790001000017', '12345670', 'INT-9'], name: 'Queso Criollo', price: 4500, unit: 'KG', category: 'Frescos', taxRateBp: 1300, stock: '2.500' }, gerente).product;
    expect(p).toMatchObject({ barcode: '7790001000017', barcodes: ['7790001000017', '12345670', 'INT-9'], unit: 'KG', stock: '2.500', stockMilli: 2500, taxRateBp: 1300 });
    const clash = h.call('products.create', { sku: 'QUE-02', barcodes: ['12345670'], name: 'Otro', price: 1 }, gerente);
    expect(clash.ok || clash.error).toMatchObject({ code: 'CONFLICT' });
    expect(h.call('products.create', { sku: 'X', name: 'X', price: 1, stock: '1.5' }, gerente).ok).toBe(false);
    expect(h.call('products.create', { sku: 'Y', name: 'Y', price: 1 }, maria).ok).toBe(false);
    clean();
  });

  it('search: exact barcode or SKU first, then names by word prefix, accents and case ignored', () => {
    const cafe = h.product('SKU-023'); // Café Copacabana 250 g
    const byCode = h.ok('products.search', { query: cafe.barcode ?? '' }, maria).products;
    expect(byCode[0]).toMatchObject({ id: cafe.id, match: 'BARCODE' });
    expect(h.ok('products.search', { query: 'SKU-023' }, maria).products[0]).toMatchObject({ id: cafe.id, match: 'SKU' });
    expect(h.ok('products.search', { query: 'cafe' }, maria).products.map((p) => p.name)).toEqual(['Café Copacabana 250 g']);
    expect(h.ok('products.search', { query: 'CAFÉ copa' }, maria).products).toHaveLength(1);
    const leche = h.ok('products.search', { query: 'leche PIL' }, maria).products.map((p) => p.name);
    expect(leche).toEqual(['Leche PIL Deslactosada 1 L', 'Leche PIL Entera 1 L']);
    expect(h.ok('products.search', { query: 'vainil' }, maria).products.map((p) => p.name)).toEqual(['Helado Panda Vainilla 1 L']);
    h.ok('products.update', { id: cafe.id, active: false }, gerente);
    expect(h.ok('products.search', { query: 'cafe' }, maria).products).toEqual([]);
    expect(h.ok('products.search', { query: '"*' }, maria).products).toEqual([]);
    // A rename reindexes.
    h.ok('products.update', { id: cafe.id, name: 'Café Alexander', active: true }, gerente);
    expect(h.ok('products.search', { query: 'alexan' }, maria).products.map((p) => p.id)).toEqual([cafe.id]);
    expect(h.ok('products.search', { query: 'copacabana' }, maria).products).toEqual([]);
  });

  it('import: all or nothing with line numbers, or the good rows only; re-import updates by SKU', () => {
    const csv = ['sku,name,price,barcodes,unit,category,tax_rate,stock', 'N-1,Nuevo uno,10.50,7791111111116,UNIT,Varios,13,5', 'N-2,"Nuevo, dos",abc,,UNIT,,,', 'N-3,Granel,8,,KG,Granos,13,"2,5"', 'N-1,Repetido,1,,,,,'].join('\n');
    const refused = h.call('products.import', { csv }, gerente);
    expect(refused.ok || refused.error.code).toBe('IMPORT_INVALID');
    if (refused.ok) return;
    expect(refused.error.details?.['errors']).toEqual([
      { line: 3, field: 'price', code: 'BAD_PRICE', reason: 'invalid amount (MALFORMED)', params: { amountError: 'MALFORMED' } },
      { line: 5, field: 'sku', code: 'DUPLICATE_SKU', reason: 'repeated (line 2)', params: { otherLine: 2 } },
    ]);
    expect(h.engine.store.db.select().from(schema.products).where(eq(schema.products.sku, 'N-1')).get()).toBeUndefined();

    const partial = h.ok('products.import', { csv, goodRowsOnly: true }, gerente);
    expect(partial).toMatchObject({ created: 2, updated: 0, skipped: 2 });
    expect(h.product('N-1')).toMatchObject({ name: 'Nuevo uno', price: 1050, stock: 5000, taxRateBp: 1300, category: 'Varios' });
    expect(h.product('N-3')).toMatchObject({ unit: 'KG', stock: 2500 });

    h.advance(1000);
    const again = h.ok('products.import', { csv: 'sku;name;price;stock\nN-1;Nuevo uno (nuevo nombre);11;7\nSKU-001;Agua Vital 600 ml;5.50;\n' }, gerente);
    expect(again).toMatchObject({ created: 0, updated: 2, skipped: 0 });
    expect(h.product('N-1')).toMatchObject({ name: 'Nuevo uno (nuevo nombre)', price: 1100, stock: 7000, category: 'Varios' });
    expect(h.product('SKU-001')).toMatchObject({ price: 550, stock: 100_000 });
    expect(h.ok('products.search', { query: 'nuevo nombre' }, maria).products).toHaveLength(1);
    const moves = h.ok('products.movements', { productId: h.product('N-1').id }, maria).movements;
    expect(moves.map((m) => [m.kind, m.deltaMilli])).toEqual([['IMPORT', 2000], ['IMPORT', 5000]]);
    clean();
  });

  it('import: refusals found against the catalog carry codes too (a barcode of another SKU, a unit the stock cannot take)', () => {
    h.ok('products.adjustStock', { productId: h.product('SKU-050').id, delta: '0.250', reason: 'x' }, gerente);
    const taken = h.product('SKU-002').barcode ?? '';
    const r = h.call('products.import', { csv: `sku,name,price,barcodes,unit,stock\nN-9,Nuevo,1,${taken},,\nSKU-050,Pollo,1,,UNIT,\nN-10,Otro,1,,UNIT,1.5\n` }, gerente);
    expect(r.ok || r.error.code).toBe('IMPORT_INVALID');
    if (r.ok) return;
    expect(r.error.details?.['errors']).toEqual([
      { line: 2, field: 'barcodes', code: 'BARCODE_TAKEN', reason: `barcode ${taken} belongs to SKU-002`, params: { barcode: taken, sku: 'SKU-002' } },
      { line: 3, field: 'unit', code: 'FRACTIONAL_STOCK', reason: 'current stock is fractional' },
      { line: 4, field: 'stock', code: 'WHOLE_UNITS_ONLY', reason: 'whole units for UNIT products' },
    ]);
  });

  it('adjustStock is a movement; update never touches stock', () => {
    const p = h.product('SKU-050'); // Pollo (kg)
    expect(p.unit).toBe('KG');
    const r = h.ok('products.adjustStock', { productId: p.id, delta: '-1.250', reason: 'merma' }, gerente);
    expect(r.product.stockMilli).toBe(98_750);
    expect(r.movement).toMatchObject({ kind: 'ADJUSTMENT', deltaMilli: -1250, delta: '-1.250', reason: 'merma' });
    expect(h.call('products.adjustStock', { productId: h.product('SKU-001').id, delta: '0.5', reason: 'x' }, gerente).ok).toBe(false);
    expect(h.ok('products.update', { id: p.id, price: 2500, category: null }, gerente).product).toMatchObject({ price: 2500, category: null, stockMilli: 98_750 });
    expect(h.call('products.update', { id: p.id, unit: 'UNIT' }, gerente).ok).toBe(false); // 98.750 kg cannot become units
    clean();
  });
});

describe('sale lines', () => {
  it('weighed quantities, line and sale discounts, one rounding rule, included tax', () => {
    h.ok('cash.open', { registerId: pos1, openingAmount: 10000 }, maria);
    const pollo = h.product('SKU-050'); // 2400 per kg
    const tomate = h.product('SKU-052'); // 800 per kg
    const agua = h.product('SKU-001'); // 500
    const sale = h.ok(
      'sales.create',
      {
        lines: [
          { productId: pollo.id, quantity: '1.235' }, // 2964
          { productId: tomate.id, quantity: '0.333' }, // 266.4 → 266
          { productId: agua.id, quantity: 3, discount: 100 }, // 1500 − 100
        ],
        discount: 130,
        payments: [{ method: 'CASH', amount: 4500, tendered: 5000 }],
      },
      maria,
    ).sale;
    expect(sale.lines.map((l) => [l.quantity, l.gross])).toEqual([['1.235', 2964], ['0.333', 266], ['3', 1500]]);
    // 130 spread over 2964 : 266 : 1400 → 83.2, 7.5, 39.3: floors 83, 7, 39 and the leftover to the largest remainder
    expect(sale.lines.map((l) => l.discount)).toEqual([83, 8, 139]);
    expect(sale.lines.map((l) => l.total)).toEqual([2881, 258, 1361]);
    expect(sale.total).toBe(4500);
    expect(sale.change).toBe(500);
    // Tax included at 13 %: round_half_up(total × 1300 / 11300).
    expect(sale.lines.map((l) => l.tax)).toEqual([331, 30, 157]);
    expect(sale.tax).toBe(518);
    expect(h.call('sales.create', { lines: [{ productId: agua.id, quantity: '1.5' }], payments: [{ method: 'CASH', amount: 750 }] }, maria)).toMatchObject({ ok: false, error: { code: 'QUANTITY_INVALID' } });
    expect(h.call('sales.create', { lines: [{ productId: agua.id, quantity: 1, discount: 501 }], payments: [{ method: 'CASH', amount: 1 }] }, maria)).toMatchObject({ ok: false, error: { code: 'DISCOUNT_INVALID' } });
    expect(h.call('sales.create', { lines: [{ productId: agua.id, quantity: 1, unitPrice: 400 }], payments: [{ method: 'CASH', amount: 400 }] }, maria)).toMatchObject({ ok: false, error: { code: 'PRICE_OVERRIDE_FORBIDDEN' } });
    const report = h.ok('reports.session', { sessionId: sale.sessionId }, h.login('sofia'));
    expect(report.taxes).toEqual([{ taxRateBp: 1300, taxable: 4500, tax: 518 }]);
    expect(h.product('SKU-050').stock).toBe(100_000 - 1235);
    clean();
  });

  it('split payments keep their references; card digits only on cards', () => {
    h.ok('cash.open', { registerId: pos1, openingAmount: 0 }, maria);
    const p = h.product('SKU-058'); // 7500
    const sale = h.ok(
      'sales.create',
      {
        lines: [{ productId: p.id, quantity: 2 }],
        payments: [
          { method: 'CREDIT_CARD', amount: 5000, cardLast4: '4242', authCode: 'A1B2C3' },
          { method: 'QR', amount: 3000, reference: 'QR-TX-991' },
          { method: 'TRANSFER', amount: 2000, reference: 'TRF-77' },
          { method: 'CASH', amount: 5000 },
        ],
      },
      maria,
    ).sale;
    expect(sale.payments.map((x) => [x.method, x.amount, x.cardLast4, x.authCode, x.reference])).toEqual([
      ['CREDIT_CARD', 5000, '4242', 'A1B2C3', null],
      ['QR', 3000, null, null, 'QR-TX-991'],
      ['TRANSFER', 2000, null, null, 'TRF-77'],
      ['CASH', 5000, null, null, null],
    ]);
    expect(expected(maria)).toBe(5000);
    const bad = h.call('sales.create', { lines: [{ productId: p.id, quantity: 1 }], payments: [{ method: 'CASH', amount: 6000, cardLast4: '4242' }] }, maria);
    expect(bad.ok || bad.error.code).toBe('VALIDATION_FAILED');
  });

  it('stock goes down in the same transaction; below zero is flagged, or refused where the register says so', () => {
    h.ok('cash.open', { registerId: pos1, openingAmount: 0 }, maria);
    const p = h.product('SKU-002');
    const sold = h.ok('sales.create', { lines: [{ productId: p.id, quantity: 101 }], payments: [{ method: 'CASH', amount: 101 * p.price }] }, maria);
    expect(sold.stockWarnings).toEqual([{ productId: p.id, stock: '-1', stockMilli: -1000 }]);
    const admin = h.login('admin');
    h.ok('registers.update', { id: pos1, allowNegativeStock: false }, admin);
    const refused = h.call('sales.create', { lines: [{ productId: p.id, quantity: 1 }], payments: [{ method: 'CASH', amount: p.price }] }, maria);
    expect(refused.ok || refused.error.code).toBe('OUT_OF_STOCK');
    expect(h.product('SKU-002').stock).toBe(-1000);
    clean();
  });
});

describe('voids', () => {
  it('need a sales:void grant, write reversing entries, and only while the session is active', () => {
    h.ok('cash.open', { registerId: pos1, openingAmount: 10000 }, maria);
    const p = h.product('SKU-004'); // 1500
    const sale = h.ok('sales.create', { lines: [{ productId: p.id, quantity: 2 }], payments: [{ method: 'DEBIT_CARD', amount: 1000 }, { method: 'CASH', amount: 2000 }] }, maria).sale;
    expect(expected(maria)).toBe(12000);
    const noGrant = h.call('sales.void', { saleId: sale.id, reason: 'error de cobro', grantId: 'nope' }, maria);
    expect(noGrant.ok || noGrant.error.code).toBe('GRANT_INVALID');
    const wrongGrant = h.call('sales.void', { saleId: sale.id, reason: 'x', grantId: grant('sales:refund', maria) }, maria);
    expect(wrongGrant.ok || wrongGrant.error.code).toBe('GRANT_INVALID');
    const voided = h.ok('sales.void', { saleId: sale.id, reason: 'error de cobro', grantId: grant('sales:void', maria) }, maria).sale;
    expect(voided.status).toBe('VOIDED');
    expect(expected(maria)).toBe(10000);
    // Running figures of an active blind session are for who may see expected cash (a supervisor), not its cashier.
    const s = h.ok('reports.session', { sessionId: h.ok('cash.current', {}, maria).session?.id ?? '' }, h.login('sofia')).session;
    expect(s).toMatchObject({ salesCount: 0, salesTotal: 0, operations: { voidsCount: 1, voidsTotal: 3000 } });
    expect(s.totals?.DEBIT_CARD).toBe(0);
    expect(h.product('SKU-004').stock).toBe(100_000);
    // The original rows stay.
    expect(h.engine.store.db.select().from(schema.sales).all()).toHaveLength(1);
    const again = h.call('sales.void', { saleId: sale.id, reason: 'x', grantId: grant('sales:void', maria) }, maria);
    expect(again.ok || again.error.code).toBe('SALE_VOIDED');
    const refund = h.call('sales.refund', { saleId: sale.id, lines: [{ lineId: 1, quantity: 1 }], method: 'CASH', reason: 'x' }, maria);
    expect(refund.ok || refund.error.code).toBe('SALE_VOIDED');

    const later = h.ok('sales.create', { lines: [{ productId: p.id, quantity: 1 }], payments: [{ method: 'CASH', amount: 1500 }] }, maria).sale;
    h.ok('cash.close', { count: { denominations: bobCount(11500) } }, maria);
    h.ok('cash.open', { registerId: pos1, openingAmount: 11500 }, maria);
    const closedSession = h.call('sales.void', { saleId: later.id, reason: 'tarde', grantId: grant('sales:void', maria) }, maria);
    expect(closedSession.ok || closedSession.error.code).toBe('SALE_NOT_VOIDABLE');
    clean();
  });
});

describe('refunds', () => {
  it('partial quantities up to what was sold, in a later session on another register, cash out once, own number, restock unless damaged', () => {
    h.ok('cash.open', { registerId: pos1, openingAmount: 10000 }, maria);
    const pollo = h.product('SKU-050');
    const agua = h.product('SKU-001');
    const sale = h.ok('sales.create', { lines: [{ productId: pollo.id, quantity: '2.000' }, { productId: agua.id, quantity: 3 }], payments: [{ method: 'CASH', amount: 6300 }] }, maria).sale;
    // A refund of the open session's own sale is allowed too; the rule tested here is across sessions.
    h.ok('cash.close', { count: { denominations: bobCount(16300) } }, maria);

    h.ok('registers.update', { id: pos2, refundApprovalAbove: 2000 }, h.login('admin'));
    h.ok('cash.open', { registerId: pos2, openingAmount: 5000 }, juan);
    const first = h.ok('sales.refund', { saleId: sale.id, lines: [{ lineId: 2, quantity: 1 }], method: 'CASH', reason: 'vencido' }, juan).refund;
    expect(first).toMatchObject({ total: 500, method: 'CASH', restocked: true, authorizedBy: null });
    expect(first.refundNumber).toMatch(/^R-SUC001-POS002-20261122-0001$/);
    expect(expected(juan)).toBe(4500);
    expect(h.product('SKU-001').stock).toBe(100_000 - 2000);

    const tooMany = h.call('sales.refund', { saleId: sale.id, lines: [{ lineId: 2, quantity: 3 }], method: 'CASH', reason: 'x' }, juan);
    expect(tooMany.ok || tooMany.error).toMatchObject({ code: 'REFUND_EXCEEDS_SOLD', details: { lineId: 2, sold: '3', refunded: '1', requested: '3' } });

    // 1.250 kg of 2 kg, damaged: above the register's limit (Bs 20) it needs a grant, and the meat is written off.
    const big = h.call('sales.refund', { saleId: sale.id, lines: [{ lineId: 1, quantity: '1.250' }], method: 'QR', reason: 'mal estado', damaged: true }, juan);
    expect(big.ok || big.error.code).toBe('SUPERVISOR_REQUIRED');
    const second = h.ok('sales.refund', { saleId: sale.id, lines: [{ lineId: 1, quantity: '1.250' }], method: 'QR', reason: 'mal estado', damaged: true, grantId: grant('sales:refund', juan) }, juan).refund;
    expect(second).toMatchObject({ total: 3000, restocked: false, refundNumber: 'R-SUC001-POS002-20261122-0002' });
    expect(h.product('SKU-050').stock).toBe(100_000 - 2000);
    // The last of the line takes the exact remainder.
    const third = h.ok('sales.refund', { saleId: sale.id, lines: [{ lineId: 1, quantity: '0.750' }, { lineId: 2, quantity: 2 }], method: 'CASH', reason: 'devolución', grantId: grant('sales:refund', juan) }, juan).refund;
    expect(third.total).toBe(4800 - 3000 + 1000);
    const after = h.ok('sales.get', { saleId: sale.id }, juan);
    expect(after.sale.refundedTotal).toBe(6300);
    expect(after.sale.lines.map((l) => l.refundedMilli)).toEqual([2000, 3000]);
    expect(after.refunds).toHaveLength(3);
    expect(expected(juan)).toBe(5000 - 500 - 2800);
    // Running figures of an active blind session are for who may see expected cash (a supervisor), not its cashier.
    const s = h.ok('reports.session', { sessionId: h.ok('cash.current', {}, juan).session?.id ?? '' }, h.login('sofia')).session;
    expect(s).toMatchObject({ salesTotal: -6300, operations: { refundsCount: 3, refundsTotal: 6300 } });
    expect(s.totals?.QR).toBe(-3000);
    // Cash refunds never take the drawer below zero.
    const h2 = h.call('sales.refund', { saleId: sale.id, lines: [{ lineId: 2, quantity: 1 }], method: 'CASH', reason: 'x' }, juan);
    expect(h2.ok || h2.error.code).toBe('REFUND_EXCEEDS_SOLD');
    const report = h.ok('reports.session', { sessionId: s?.id ?? '' }, gerente);
    expect(report.refunds).toEqual({ count: 3, total: 6300 });
    expect(report.taxes[0]?.tax).toBeLessThan(0);
    clean();
  });

  it('the refund limit holds per sale: one-unit refunds without a supervisor stop where their sum passes it', () => {
    h.ok('registers.update', { id: pos1, refundApprovalAbove: 2000 }, h.login('admin'));
    h.ok('cash.open', { registerId: pos1, openingAmount: 10000 }, maria);
    const agua = h.product('SKU-001');
    const sale = h.ok('sales.create', { lines: [{ productId: agua.id, quantity: 10 }], payments: [{ method: 'CASH', amount: 5000 }] }, maria).sale;
    const one = { saleId: sale.id, lines: [{ lineId: 1, quantity: 1 }], method: 'CASH' as const, reason: 'x' };
    // Bs 5 each: four refunds make Bs 20, the limit itself; the fifth would make Bs 25.
    for (let i = 0; i < 4; i++) expect(h.ok('sales.refund', one, maria).refund.authorizedBy).toBeNull();
    const fifth = h.call('sales.refund', one, maria);
    expect(fifth.ok || fifth.error).toMatchObject({ code: 'SUPERVISOR_REQUIRED', details: { reason: 'LIMIT', limit: 2000 } });
    // A supervisor's refund does not use up the cashier's own allowance, and does not lift it either.
    expect(h.ok('sales.refund', { ...one, grantId: grant('sales:refund', maria) }, maria).refund.authorizedBy).not.toBeNull();
    const after = h.call('sales.refund', one, maria);
    expect(after.ok || after.error.code).toBe('SUPERVISOR_REQUIRED');
    h.ok('cash.close', { count: { denominations: bobCount(10000 + 5000 - 6 * 500) } }, maria);
    clean();
  });

  it('a refunded sale cannot be voided; refunds need an open session of the same branch', () => {
    h.ok('cash.open', { registerId: pos1, openingAmount: 10000 }, maria);
    const agua = h.product('SKU-001');
    const sale = h.ok('sales.create', { lines: [{ productId: agua.id, quantity: 2 }], payments: [{ method: 'CASH', amount: 1000 }] }, maria).sale;
    h.ok('sales.refund', { saleId: sale.id, lines: [{ lineId: 1, quantity: 1 }], method: 'CASH', reason: 'x' }, maria);
    const v = h.call('sales.void', { saleId: sale.id, reason: 'x', grantId: grant('sales:void', maria) }, maria);
    expect(v.ok || v.error).toMatchObject({ code: 'SALE_NOT_VOIDABLE', details: { reason: 'refunded' } });
    const none = h.call('sales.refund', { saleId: sale.id, lines: [{ lineId: 1, quantity: 1 }], method: 'CASH', reason: 'x' }, juan);
    expect(none.ok || none.error.code).toBe('NO_OPEN_SESSION');
    clean();
  });
});

describe('agent operations', () => {
  it('cash-in and top-up add to the drawer, cash-out takes from it and never below zero; totals by kind and provider', () => {
    h.ok('cash.open', { registerId: pos3, openingAmount: 20000 }, maria);
    h.ok('agents.create', { provider: 'TIGO_MONEY', kind: 'CASH_IN', amount: 15000, commission: 150, reference: 'TM-1', customerRef: '70000001' }, maria);
    h.ok('agents.create', { provider: 'ENTEL', kind: 'TOP_UP', amount: 3000, reference: 'EN-1' }, maria);
    h.ok('agents.create', { provider: 'BNB', kind: 'CASH_OUT', amount: 30000, commission: 200, reference: 'BNB-1' }, maria);
    expect(expected(maria)).toBe(20000 + 15000 + 3000 - 30000);
    const tooMuch = h.call('agents.create', { provider: 'BNB', kind: 'CASH_OUT', amount: 8001, reference: 'BNB-2' }, maria);
    expect(tooMuch.ok || tooMuch.error.code).toBe('INSUFFICIENT_CASH');
    const kind = h.call('agents.create', { provider: 'ENTEL', kind: 'CASH_OUT', amount: 100, reference: 'x' }, maria);
    expect(kind.ok || kind.error.code).toBe('AGENT_PROVIDER_UNKNOWN');
    const unknown = h.call('agents.create', { provider: 'NOPE', kind: 'CASH_IN', amount: 100, reference: 'x' }, maria);
    expect(unknown.ok || unknown.error.code).toBe('AGENT_PROVIDER_UNKNOWN');
    const sale = h.call('sales.create', { lines: [{ productId: h.product('SKU-001').id, quantity: 1 }], payments: [{ method: 'CASH', amount: 500 }] }, maria);
    expect(sale.ok || sale.error.code).toBe('REGISTER_SPECIALTY_MISMATCH');
    const list = h.ok('agents.list', {}, maria);
    expect(list.totals).toMatchObject({ count: 3, byKind: { CASH_IN: 15000, CASH_OUT: 30000, TOP_UP: 3000 }, commission: 350, netCash: -12000 });
    expect(list.totals.byProvider.map((p) => `${p.provider}:${p.kind}:${p.amount}`)).toEqual(['BNB:CASH_OUT:30000', 'ENTEL:TOP_UP:3000', 'TIGO_MONEY:CASH_IN:15000']);
    // Running figures of an active blind session are for who may see expected cash (a supervisor), not its cashier.
    const s = h.ok('reports.session', { sessionId: h.ok('cash.current', {}, maria).session?.id ?? '' }, h.login('sofia')).session;
    const x = h.ok('reports.session', { sessionId: s?.id ?? '' }, gerente);
    expect(x.agents.byKind).toEqual({ CASH_IN: 15000, CASH_OUT: 30000, TOP_UP: 3000 });
    expect(x.sales.count).toBe(0);
    const closed = h.ok('cash.close', { count: { denominations: bobCount(8000) } }, maria);
    expect(closed.summary).toMatchObject({ expectedAmount: 8000, difference: 0, operations: { agentCount: 3, agentCashIn: 15000, agentCashOut: 30000, agentTopUp: 3000, agentCommission: 350 } });

    h.ok('cash.open', { registerId: pos2, openingAmount: 0 }, juan);
    const salesOnly = h.call('agents.create', { provider: 'TIGO_MONEY', kind: 'CASH_IN', amount: 100, reference: 'x' }, juan);
    expect(salesOnly.ok || salesOnly.error.code).toBe('REGISTER_SPECIALTY_MISMATCH');
    const admin = h.login('admin');
    h.ok('agents.saveProvider', { code: 'NEW_BANK', name: 'Banco Nuevo', kinds: ['CASH_IN'] }, admin);
    expect(h.ok('agents.providers', {}, maria).providers.map((p) => p.code)).toContain('NEW_BANK');
    clean();
  });

  it('providers are managed by managers (agents:manage) and admins, not by supervisors or cashiers', () => {
    const provider = h.ok('agents.saveProvider', { code: 'SIMPLE', name: 'Simple QR', kinds: ['CASH_IN', 'TOP_UP'] }, gerente).provider;
    expect(provider).toMatchObject({ code: 'SIMPLE', kinds: ['CASH_IN', 'TOP_UP'], active: true });
    h.ok('agents.saveProvider', { code: 'ENTEL', name: 'Entel', kinds: ['TOP_UP'], active: false }, gerente);
    expect(h.ok('agents.providers', {}, maria).providers.map((p) => p.code)).toEqual(['BNB', 'SIMPLE', 'TIGO_MONEY']);
    for (const who of ['sofia', 'maria']) {
      const refused = h.call('agents.saveProvider', { code: 'X', name: 'X', kinds: ['CASH_IN'] }, h.login(who));
      expect(refused.ok || refused.error).toMatchObject({ code: 'FORBIDDEN', details: { permission: 'agents:manage' } });
    }
    expect(h.ok('auth.me', {}, gerente).user.permissions).toContain('agents:manage');
  });
});

describe('every tender reconciled', () => {
  it('declared statement totals per method, each judged against the tolerance', () => {
    h.ok('cash.open', { registerId: pos1, openingAmount: 10000 }, maria);
    const p = h.product('SKU-059'); // 6000
    expect(p.price).toBe(6000);
    h.ok('sales.create', { lines: [{ productId: p.id, quantity: 1 }], payments: [{ method: 'CREDIT_CARD', amount: 6000, cardLast4: '1111' }] }, maria);
    h.ok('sales.create', { lines: [{ productId: p.id, quantity: 1 }], payments: [{ method: 'QR', amount: 6000 }] }, maria);
    const refused = h.call('cash.close', { count: { denominations: bobCount(10000), tenders: [{ method: 'CREDIT_CARD', amount: 6000 }, { method: 'QR', amount: 4000 }] } }, maria);
    expect(refused.ok || refused.error).toMatchObject({ code: 'DIFFERENCE_NEEDS_APPROVAL', details: { methods: ['QR'] } });
    const closed = h.ok('cash.close', { count: { denominations: bobCount(10000), tenders: [{ method: 'CREDIT_CARD', amount: 6000 }, { method: 'QR', amount: 5500 }] } }, maria);
    expect(closed.summary.tenders).toEqual([
      { method: 'CASH', expected: 10000, declared: 10000, difference: 0, exceedsTolerance: false },
      { method: 'CREDIT_CARD', expected: 6000, declared: 6000, difference: 0, exceedsTolerance: false },
      { method: 'QR', expected: 6000, declared: 5500, difference: -500, exceedsTolerance: false },
    ]);
    const z = h.ok('reports.session', { sessionId: closed.session.id }, maria);
    expect(z.tenders.find((t) => t.method === 'QR')).toMatchObject({ declared: 5500, difference: -500 });
    expect(closed.count.tenders).toEqual([{ method: 'CREDIT_CARD', amount: 6000 }, { method: 'QR', amount: 5500 }]);
  });

  it('flags an opening float that differs from the previous closing count, naming that session', () => {
    const first = h.ok('cash.open', { registerId: pos1, openingAmount: 10000 }, maria).session;
    expect(first.openingCheck).toBeNull();
    h.ok('cash.close', { count: { denominations: bobCount(10000) } }, maria);
    const second = h.ok('cash.open', { registerId: pos1, openingAmount: 9000 }, juan).session;
    expect(second.openingCheck).toEqual({ priorSessionId: first.id, priorSessionNumber: first.sessionNumber, priorClosingAmount: 10000, difference: -1000, mismatch: true });
    h.ok('cash.close', { count: { denominations: bobCount(9000) } }, juan);
    const third = h.ok('cash.open', { registerId: pos1, openingAmount: 9000 }, maria).session;
    expect(third.openingCheck).toMatchObject({ mismatch: false, difference: 0 });
  });
});

describe('headquarters verification', () => {
  it('a closed session with sales, voids, refunds and agent operations verifies; dropping its operation totals does not', () => {
    h.ok('cash.open', { registerId: pos1, openingAmount: 10000 }, maria);
    const agua = h.product('SKU-001');
    const a = h.ok('sales.create', { lines: [{ productId: agua.id, quantity: 2 }], payments: [{ method: 'CASH', amount: 1000 }] }, maria).sale;
    const b = h.ok('sales.create', { lines: [{ productId: agua.id, quantity: 4 }], payments: [{ method: 'CASH', amount: 2000 }] }, maria).sale;
    h.ok('sales.void', { saleId: a.id, reason: 'x', grantId: grant('sales:void', maria) }, maria);
    h.ok('sales.refund', { saleId: b.id, lines: [{ lineId: 1, quantity: 1 }], method: 'CASH', reason: 'x' }, maria);
    h.ok('agents.create', { provider: 'TIGO_MONEY', kind: 'CASH_IN', amount: 5000, reference: 'T' }, maria);
    const closed = h.ok('cash.close', { count: { denominations: bobCount(10000 + 1500 + 5000) } }, maria);
    expect(closed.summary.difference).toBe(0);
    const bundle = buildBundle(h.engine.store.db, closed.session.id);
    expect(verifyBundle(sha256Hex, bundle).ok).toBe(true);
    const last = bundle.entries[bundle.entries.length - 1];
    if (last?.kind !== 'SESSION_CLOSED') throw new Error('not sealed');
    const { operations: _dropped, ...withoutOps } = last.payload;
    const forged = { ...bundle, entries: [...bundle.entries.slice(0, -1), { ...last, payload: withoutOps }] };
    const r = verifyBundle(sha256Hex, forged);
    expect(r.ok).toBe(false);
    clean();
  });
});
