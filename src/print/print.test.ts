import { describe, expect, it } from 'vitest';
import {
  handoverSlipDocument,
  localStamp,
  movementSlipDocument,
  noSaleDocument,
  percent,
  receiptDocument,
  SAMPLE_CONTEXT,
  SAMPLE_ROUNDED_SALE,
  SAMPLE_SALE,
  SAMPLE_SHIFT,
  sampleReceipt,
  sampleZReport,
  shiftReportDocument,
  toPlainLines,
  wrap,
} from '.';

describe('document layout', () => {
  it('wraps words, splits a word longer than the line and keeps an indent', () => {
    expect(wrap('uno dos tres cuatro', 8)).toEqual(['uno dos', 'tres', 'cuatro']);
    expect(wrap('abcdefghij', 4)).toEqual(['abcd', 'efgh', 'ij']);
    expect(wrap('  Ref. 4521', 20)).toEqual(['  Ref. 4521']);
  });

  it('never prints a line wider than the paper', () => {
    for (const columns of [32, 42, 48]) {
      for (const doc of [sampleReceipt(), sampleZReport()]) {
        for (const line of toPlainLines(doc, columns)) expect(line.length).toBeLessThanOrEqual(columns);
      }
    }
  });
});

describe('receipt', () => {
  const lines = toPlainLines(sampleReceipt(), 48);
  const has = (re: RegExp) => expect(lines.some((l) => re.test(l)), `${re}\n${lines.join('\n')}`).toBe(true);

  it('names the store, its NIT, address and phone, the register, the cashier, the number and the local time', () => {
    has(/Almacén Doña Peñaranda/);
    has(/NIT: 1023456027/);
    has(/Av\. Ballivián Nº 1234/);
    has(/Tel\.: \+591 2 2791234/);
    has(/^Caja\s+C1 · Caja principal$/);
    has(/^Cajero\s+María Ñusta$/);
    has(/^Venta\s+SUC1-C1-20261129-0042$/);
    // 13:15 UTC is 09:15 in La Paz
    has(/^Fecha\s+29\/11\/2026 09:15$/);
  });

  it('prints each line with its discount, the sale discount, the total, IVA included, the tenders and the change', () => {
    has(/^ {2}2 x Bs 45,50\s+Bs 91,00$/);
    has(/^ {2}Descuento\s+-Bs 9,10$/);
    has(/^ {2}0,750 kg x Bs 60,00\s+Bs 45,00$/);
    has(/^Descuento de la venta\s+-Bs 5,00$/);
    has(/^TOTAL\s+Bs 139,90$/);
    has(/^IVA incluido 13%\s+Bs 16,09$/);
    has(/^Tarjeta débito\s+Bs 50,00$/);
    has(/^Efectivo\s+Bs 100,00$/);
    has(/^Cambio\s+Bs 10,10$/);
    has(/¡Gracias por su compra!/);
  });

  it('carries a QR of the sale number, a cut, and opens the drawer only for cash and never on a reprint', () => {
    const doc = sampleReceipt();
    expect(doc.blocks).toContainEqual({ kind: 'qr', value: 'SUC1-C1-20261129-0042' });
    expect(doc.cut).toBe(true);
    expect(doc.openDrawer).toBe(true);
    const card = receiptDocument(SAMPLE_CONTEXT, { ...SAMPLE_SALE, payments: [{ method: 'QR', amount: 13990, tendered: 13990, change: 0, reference: null }], change: 0 });
    expect(card.openDrawer).toBe(false);
    const reprint = receiptDocument(SAMPLE_CONTEXT, { ...SAMPLE_SALE, reprint: true });
    expect(reprint.openDrawer).toBe(false);
    expect(toPlainLines(reprint, 48).join('\n')).toContain('REIMPRESIÓN');
  });
});

describe('slips and reports', () => {
  it('a withdrawal slip names the approver and has two signature lines; it opens the drawer', () => {
    const doc = movementSlipDocument(SAMPLE_CONTEXT, { direction: 'OUT', amount: 200000, reasonLabel: 'Depósito a caja fuerte', description: null, reference: 'B-77', createdAt: SAMPLE_SHIFT.printedAt, approver: 'Jorge Quispe' });
    const text = toPlainLines(doc, 42).join('\n');
    expect(text).toContain('RETIRO DE EFECTIVO');
    expect(text).toMatch(/Monto\s+Bs 2\.000,00/);
    expect(text).toMatch(/Autorizó\s+Jorge Quispe/);
    expect(doc.blocks.filter((b) => b.kind === 'signature')).toHaveLength(2);
    expect(doc.openDrawer).toBe(true);
  });

  it('a handover slip names both cashiers, prints the count and a line for each to sign', () => {
    const doc = handoverSlipDocument(SAMPLE_CONTEXT, { sessionNumber: 'T-C1-20261129-001', nextSessionNumber: 'T-C1-20261129-002', handedOverAt: SAMPLE_SHIFT.printedAt, outgoing: 'María Ñusta', incoming: 'Luis Mamani', count: SAMPLE_SHIFT.count! });
    const text = toPlainLines(doc, 48).join('\n');
    expect(text).toMatch(/Entrega\s+María Ñusta/);
    expect(text).toMatch(/Recibe\s+Luis Mamani/);
    expect(text).toMatch(/3 x Bs 200,00 \(billete\)\s+Bs 600,00/);
    expect(text).toMatch(/5 x Bs 0,10 \(moneda\)\s+Bs 0,50/);
    expect(doc.blocks.filter((b) => b.kind === 'signature').map((b) => (b.kind === 'signature' ? b.label : ''))).toEqual(['Entrega: María Ñusta', 'Recibe: Luis Mamani']);
  });

  it('the Z report reconciles each tender, lists approvals with names and asks for two signatures; X does not', () => {
    const z = toPlainLines(sampleZReport(), 48).join('\n');
    expect(z).toContain('REPORTE Z');
    expect(z).toMatch(/Diferencia \(faltante\)\s+-Bs 10,00/);
    expect(z).toMatch(/14:30 Retiro a caja fuerte\s+Bs 2\.000,00/);
    expect(z).toContain('Autorizó: Jorge Quispe');
    expect(z).toContain('Supervisor: Jorge Quispe');
    const x = shiftReportDocument(SAMPLE_CONTEXT, 'X', { ...SAMPLE_SHIFT, closedAt: null, count: null, tenders: [], supervisor: null });
    expect(x.kind).toBe('X_REPORT');
    expect(x.blocks.some((b) => b.kind === 'signature')).toBe(false);
    expect(x.openDrawer).toBe(false);
  });

  it('a no-sale opening states the reason and opens the drawer', () => {
    const doc = noSaleDocument(SAMPLE_CONTEXT, { openedAt: SAMPLE_SHIFT.printedAt, reason: 'Cambio de billete', approver: null });
    expect(toPlainLines(doc, 48).join('\n')).toContain('Motivo: Cambio de billete');
    expect(doc.openDrawer).toBe(true);
  });
});

describe('cash rounding and the drawer on paper', () => {
  it('a rounded cash sale prints the total, the rounding and the amount to pay; an unrounded one prints no rounding line', () => {
    const text = toPlainLines(receiptDocument(SAMPLE_CONTEXT, SAMPLE_ROUNDED_SALE), 48).join('\n');
    expect(text).toMatch(/TOTAL\s+Bs 57,74/);
    expect(text).toMatch(/Redondeo \(efectivo\)\s+-Bs 0,04/);
    expect(text).toMatch(/Total a pagar\s+Bs 57,70/);
    expect(text).toMatch(/Cambio\s+Bs 42,30/);
    const up = toPlainLines(receiptDocument(SAMPLE_CONTEXT, { ...SAMPLE_ROUNDED_SALE, total: 5777, cashRounding: 3 }), 48).join('\n');
    expect(up).toMatch(/Redondeo \(efectivo\)\s+\+Bs 0,03/);
    expect(toPlainLines(sampleReceipt(), 48).join('\n')).not.toContain('Redondeo');
  });

  it('the Z report counts the drawer openings and those with no sale, and shows the cash rounding', () => {
    const text = toPlainLines(sampleZReport(), 48).join('\n');
    expect(text).toMatch(/Aperturas del cajón\s+14/);
    expect(text).toMatch(/Aperturas sin venta\s+3/);
    expect(text).toMatch(/Redondeo de efectivo\s+\+Bs 0,30/);
    const { drawer: _none, ...withoutDrawer } = SAMPLE_SHIFT;
    expect(toPlainLines(shiftReportDocument(SAMPLE_CONTEXT, 'Z', withoutDrawer), 48).join('\n')).not.toContain('Aperturas');
  });
});

describe('formatting', () => {
  it('prints times on the store clock and rates as percentages', () => {
    expect(localStamp('2026-11-30T03:30:00.000Z', 'America/La_Paz')).toBe('29/11/2026 23:30');
    expect(localStamp('2026-11-30T03:30:00.000Z', 'America/Argentina/Buenos_Aires')).toBe('30/11/2026 00:30');
    expect(percent(1300)).toBe('13%');
    expect(percent(1050)).toBe('10,5%');
    expect(() => localStamp('ayer', 'America/La_Paz')).toThrow();
  });
});
