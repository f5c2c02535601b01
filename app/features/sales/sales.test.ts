// The sales dialog's pure parts: eligibility, the refund form's arithmetic, reading a search, patching the list.
import { describe, expect, it } from 'vitest';
import type { CommandOutput } from '../../../src/contract';
import { canRefund, canVoid, leftToRefund } from './eligibility';
import { readSaleQuery } from './findSale';
import { readRefundLines, refundEstimate, refundRequestLines, refundedAmounts } from './refundLines';
import type { Listed } from './useSalesList';
import { withSale } from './useSalesList';

type Sale = CommandOutput<'sales.get'>['sale'];
type Line = Sale['lines'][number];
type Refund = CommandOutput<'sales.refund'>['refund'];

const line = (lineNo: number, unit: 'UNIT' | 'KG', quantityMilli: number, total: number, refundedMilli = 0): Line => ({
  lineNo,
  productId: `p${lineNo}`,
  sku: `SKU-${lineNo}`,
  name: `Item ${lineNo}`,
  unit,
  quantity: String(quantityMilli / 1000),
  quantityMilli,
  unitPrice: total,
  gross: total,
  discount: 0,
  total,
  taxRateBp: 1300,
  tax: 0,
  refundedMilli,
});

const sale = (over: Partial<Sale> = {}): Sale => ({
  id: 's1',
  sessionId: 'session-1',
  saleNumber: 'SUC001-POS001-20261122-0001',
  gross: 6300,
  discount: 0,
  tax: 0,
  total: 6300,
  change: 0,
  cashRounding: 0,
  status: 'COMPLETED',
  createdAt: '2026-11-22T14:00:00.000Z',
  lines: [line(1, 'KG', 2000, 4800), line(2, 'UNIT', 3000, 1500)],
  payments: [{ id: 'pay1', method: 'CASH', amount: 6300, tendered: 6300, change: 0, reference: null, cardLast4: null, authCode: null }],
  refundedTotal: 0,
  ...over,
});

const refundOf = (lines: { lineNo: number; total: number }[]): Pick<Refund, 'lines'> => ({
  lines: lines.map((l) => ({ lineNo: l.lineNo, productId: `p${l.lineNo}`, quantity: '1', quantityMilli: 1000, total: l.total, tax: 0 })),
});

const open1 = { id: 'session-1', status: 'OPEN' as const };

describe('eligibility', () => {
  it('voids only a completed, never refunded sale of the open session', () => {
    expect(canVoid(sale(), [], open1)).toBe(true);
    expect(canVoid(sale(), [], { id: 'session-2', status: 'OPEN' })).toBe(false);
    expect(canVoid(sale({ status: 'VOIDED' }), [], open1)).toBe(false);
    expect(canVoid(sale({ refundedTotal: 500 }), [], open1)).toBe(false);
    expect(canVoid(sale(), [refundOf([])], open1)).toBe(false);
    expect(canVoid(null, [], open1)).toBe(false);
    // The core's rule: a suspended drawer gives nothing back until it is resumed.
    expect(canVoid(sale(), [], { id: 'session-1', status: 'SUSPENDED' })).toBe(false);
  });

  it('refunds a completed sale of any session while a line has something left', () => {
    expect(canRefund(sale())).toBe(true);
    expect(canRefund(sale({ sessionId: 'elsewhere' }))).toBe(true);
    expect(canRefund(sale({ status: 'VOIDED' }))).toBe(false);
    expect(canRefund(sale({ lines: [line(1, 'KG', 2000, 4800, 2000), line(2, 'UNIT', 3000, 1500, 3000)] }))).toBe(false);
    expect(canRefund(null)).toBe(false);
    expect(leftToRefund(line(1, 'KG', 2000, 4800, 1250))).toBe(750);
  });
});

describe('refund form', () => {
  const lines = [line(1, 'KG', 2000, 4800, 1250), line(2, 'UNIT', 3000, 1500, 1000)];

  it('reads quantities per line as thousandths, skipping blanks and zeros', () => {
    const typed = readRefundLines(lines, { 1: '0,750', 2: ' 0 ' });
    expect(typed.problem).toBeNull();
    expect(typed.lines.map((x) => [x.line.lineNo, x.milli])).toEqual([[1, 750]]);
    expect(refundRequestLines(typed.lines)).toEqual([{ lineId: 1, quantity: '0.750' }]);
    expect(refundRequestLines(readRefundLines(lines, { 2: '2' }).lines)).toEqual([{ lineId: 2, quantity: 2 }]);
  });

  it('names the first problem: malformed, decimals of a unit item, more than is left', () => {
    expect(readRefundLines(lines, { 1: 'abc' }).problem).toBe('MALFORMED');
    expect(readRefundLines(lines, { 2: '1,5' }).problem).toBe('WHOLE_UNITS');
    expect(readRefundLines(lines, { 1: '0.751' }).problem).toBe('REFUND_EXCEEDS_SOLD');
    expect(readRefundLines(lines, { 1: 'x', 2: '9' }).problem).toBe('MALFORMED');
  });

  it('estimates with the engine share rule: the last of a line takes the exact remainder', () => {
    const already = refundedAmounts([refundOf([{ lineNo: 1, total: 3000 }]), refundOf([{ lineNo: 2, total: 500 }, { lineNo: 1, total: 0 }])]);
    expect([...already]).toEqual([
      [1, 3000],
      [2, 500],
    ]);
    const rest = readRefundLines(lines, { 1: '0.750', 2: '2' });
    expect(refundEstimate(rest.lines, already)).toBe(4800 - 3000 + (1500 - 500));
    expect(refundEstimate([], already)).toBe(0);
  });
});

describe('the search box', () => {
  it('reads a receipt code, digits, or a sale number', () => {
    expect(readSaleQuery('0193A3B4-7C1D-7E2F-8A9B-0C1D2E3F4A5B')).toEqual({ kind: 'id', saleId: '0193a3b4-7c1d-7e2f-8a9b-0c1d2e3f4a5b' });
    expect(readSaleQuery('12')).toEqual({ kind: 'digits', digits: '12' });
    expect(readSaleQuery('suc001-pos001-20261122-0001')).toEqual({ kind: 'number', text: 'suc001-pos001-20261122-0001' });
  });
});

describe('the list after a void or refund', () => {
  const listed: Listed = {
    sales: [
      { id: 's1', saleNumber: 'A-1', sessionId: 'session-1', registerCode: 'POS001', total: 6300, status: 'COMPLETED', refundedTotal: 0, createdAt: '2026-11-22T14:00:00.000Z', userName: 'María' },
      { id: 's2', saleNumber: 'A-2', sessionId: 'session-1', registerCode: 'POS001', total: 500, status: 'COMPLETED', refundedTotal: 0, createdAt: '2026-11-22T14:01:00.000Z', userName: 'María' },
    ],
    pagination: { total: 2, pageSize: 200, nextCursor: null, totalCapped: false },
  };

  it("updates the row of the changed sale only, and leaves a list without it as it was", () => {
    const after = withSale(listed, { id: 's2', status: 'VOIDED', refundedTotal: 0 });
    expect(after.sales.map((s) => s.status)).toEqual(['COMPLETED', 'VOIDED']);
    expect(withSale(after, { id: 's1', status: 'COMPLETED', refundedTotal: 1500 }).sales[0]?.refundedTotal).toBe(1500);
    expect(withSale(listed, { id: 'elsewhere', status: 'VOIDED', refundedTotal: 0 })).toBe(listed);
  });
});
