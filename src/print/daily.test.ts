import { describe, expect, it } from 'vitest';
import { toPlainLines } from './document';
import { sampleDailyReport } from './samples';

describe('the daily report', () => {
  it('lists each session with its register, cashier, sales and difference, then the day’s totals and a signature line', () => {
    const doc = sampleDailyReport();
    expect(doc).toMatchObject({ kind: 'DAILY_REPORT', openDrawer: false, cut: true });
    const text = toPlainLines(doc, 48).join('\n');
    expect(text).toContain('REPORTE DIARIO');
    expect(text).toMatch(/Fecha contable\s+2026-11-29/);
    expect(text).toMatch(/C1 · T-C1-20261129-001\s+Cerrado/);
    expect(text).toMatch(/Diferencia \(faltante\)\s+-Bs 10,00/);
    expect(text).toMatch(/C2 · T-C2-20261129-001\s+Abierto/);
    expect(text).toMatch(/TOTAL VENTAS\s+Bs 5\.103,50/);
    expect(text).toMatch(/Retiros\s+-Bs 2\.000,00/);
    expect(text).toMatch(/_{20,}\n\s*Gerente/);
    // The open session has no difference line of its own: only C1's and the day's.
    expect(text.match(/Diferencia/g)).toHaveLength(2);
  });
});
