// The printed X/Z from what the engine answers (real engine, SQLite in a temp folder): every approval of the session
// with the approver's name, including discounts above authority and granted no-sale openings, and the drawer counts.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Harness } from '../../engine/testkit';
import { harness } from '../../engine/testkit';
import { SAMPLE_CONTEXT, shiftReportDocument, toPlainLines } from '../../src/print';
import { shiftReportInput } from './reports';

let h: Harness;
let admin: string;
let maria: string;
let pos1: string;

const DRAWER_PRINTER = {
  target: { kind: 'ESCPOS_TCP' as const, host: '127.0.0.1', port: 9100, paper: 'MM80' as const, codepage: 'cp858' as const },
  autoPrintReceipt: false,
  drawer: { pin: 2 as const, onMs: 100, offMs: 500 },
};

beforeEach(() => {
  h = harness();
  admin = h.login('admin');
  maria = h.login('maria');
  pos1 = h.registerId('POS001');
  h.ok('print.configure', { registerId: pos1, settings: DRAWER_PRINTER }, admin);
});
afterEach(() => h.close());

const grant = (permission: 'cash:approve_no_sale') => h.ok('auth.verifySupervisor', { pin: '3333', permission, username: 'sofia' }, maria).grantId;

describe('approvals on the X/Z', () => {
  it('the X/Z approvals list a discount above authority and a granted no-sale opening with the approver, on screen and on paper', () => {
    h.ok('registers.update', { id: pos1, noSaleNeedsApproval: true, discountMaxBp: 1000, discountMaxAmount: 5000 }, admin);
    const session = h.ok('cash.open', { registerId: pos1, openingAmount: 10000 }, maria).session;
    const agua = h.product('SKU-001');
    const discount = Math.floor(agua.price * 2 * 0.5);
    const noGrant = h.call('sales.create', { lines: [{ productId: agua.id, quantity: 2, discount }], payments: [{ method: 'CASH', amount: agua.price * 2 - discount }] }, maria);
    expect(noGrant.ok || noGrant.error.code).toBe('SUPERVISOR_REQUIRED');
    const g = h.ok('auth.verifySupervisor', { pin: '3333', permission: 'sales:discount', username: 'sofia' }, maria).grantId;
    const sale = h.ok('sales.create', { lines: [{ productId: agua.id, quantity: 2, discount }], payments: [{ method: 'CASH', amount: agua.price * 2 - discount }], grantId: g }, maria).sale;
    h.ok('cash.openDrawer', { reason: 'CHECK_CASH', grantId: grant('cash:approve_no_sale') }, maria);
    const x = h.ok('reports.session', { sessionId: session.id }, h.login('sofia'));
    expect(x.approvals.map((a) => [a.kind, a.approverName, a.amount, a.reference])).toEqual([
      ['DISCOUNT', 'Sofía Supervisora', discount, sale.saleNumber],
      ['NO_SALE', 'Sofía Supervisora', null, null],
    ]);
    // The printed X carries the same approvals with their names, and the drawer's counts.
    const text = toPlainLines(shiftReportDocument(SAMPLE_CONTEXT, 'X', shiftReportInput(x, (id) => id, h.now().toISOString())), 48).join('\n');
    expect(text).toMatch(new RegExp(`Descuento sobre el límite\\s+${sale.saleNumber}\\s+Bs 5,00`));
    expect(text).toContain('Apertura sin venta · Revisar un billete');
    expect(text.match(/Autorizó: Sofía Supervisora/g)).toHaveLength(2);
    expect(text).toMatch(/Aperturas sin venta\s+1/);
    expect(text).toMatch(/Aperturas del cajón\s+2/);
  });
});
