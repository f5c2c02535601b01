// The system-printer path without Electron: the same HTML the desktop app prints silently, rendered to PDF by the
// real Chromium, measured with pdfinfo and drawn to PNG with pdftoppm (left in e2e/screens/ to look at).
import { chromium } from '@playwright/test';
import type { Browser } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readFileSync } from 'node:fs';
import decodeQR from '@paulmillr/qr/decode.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Paper, PrintDocument } from '../../src/print';
import { logoDataUrl, receiptDocument, SAMPLE_CONTEXT, SAMPLE_ROUNDED_SALE, sampleDailyReport, sampleReceipt, sampleZReport, toBase64 } from '../../src/print';
import { bobCount, harness } from '../../engine/testkit';
import { dailyReportDocument } from '../../src/print';
import { documentToHtml, PAPER_MM } from './html';
import { dailyReportInput } from './reports';

const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const PT_PER_MM = 72 / 25.4;
const PX_PER_MM = 96 / 25.4;
const SCREENS = path.resolve('e2e/screens');

let browser: Browser;
let dir: string;

beforeAll(async () => {
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'] });
  dir = mkdtempSync(path.join(tmpdir(), 'arqueo-pdf-'));
  mkdirSync(SCREENS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Renders like electron/print.ts does: thermal pages as tall as the measured content, A4 as A4. */
async function renderPdf(doc: PrintDocument, paper: Paper, logo: string | null = null): Promise<{ file: string; contentPx: number }> {
  const page = await browser.newPage({ viewport: { width: Math.round(PAPER_MM[paper].width * PX_PER_MM), height: 800 } });
  await page.setContent(documentToHtml(doc, paper, logo), { waitUntil: 'load' });
  const contentPx = await page.evaluate(() => Math.ceil(document.documentElement.getBoundingClientRect().height));
  const pdf =
    paper === 'A4'
      ? await page.pdf({ format: 'A4', preferCSSPageSize: true })
      : await page.pdf({ width: `${PAPER_MM[paper].width}mm`, height: `${contentPx + 1}px`, margin: { top: '0', bottom: '0', left: '0', right: '0' } });
  await page.close();
  const file = path.join(dir, `${doc.kind}-${paper}.pdf`);
  writeFileSync(file, pdf);
  return { file, contentPx };
}

function pdfInfo(file: string): { pages: number; widthPt: number; heightPt: number } {
  const out = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  const size = /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(out);
  const pages = /Pages:\s+(\d+)/.exec(out);
  if (!size || !pages) throw new Error(`pdfinfo said:\n${out}`);
  return { pages: Number(pages[1]), widthPt: Number(size[1]), heightPt: Number(size[2]) };
}

function toPng(file: string, name: string): string {
  const prefix = path.join(SCREENS, name);
  execFileSync('pdftoppm', ['-png', '-r', '110', '-singlefile', file, prefix]);
  return `${prefix}.png`;
}

/** Page `page` of a PDF rasterized by pdftoppm (PPM: a text header, then RGB bytes), for reading its QR back. */
function rasterize(file: string, page = 1): { width: number; height: number; data: Uint8Array } {
  const prefix = path.join(dir, `raster-${page}`);
  execFileSync('pdftoppm', ['-r', '200', '-f', String(page), '-l', String(page), '-singlefile', file, prefix]);
  const bytes = readFileSync(`${prefix}.ppm`);
  const header = /^P6\s+(\d+)\s+(\d+)\s+255\s/.exec(bytes.subarray(0, 40).toString('latin1'));
  if (!header) throw new Error('not a binary PPM');
  const width = Number(header[1]);
  const height = Number(header[2]);
  return { width, height, data: new Uint8Array(bytes.subarray(header[0].length, header[0].length + width * height * 3)) };
}

/** A 96 × 32 dot logo: a frame with a filled square, as the admin screen would store it (1 bit a dot). */
function sampleLogo(): string {
  const width = 96;
  const height = 32;
  const bits = new Uint8Array((width / 8) * height);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const frame = x < 3 || y < 3 || x >= width - 3 || y >= height - 3;
      const square = x >= 10 && x < 30 && y >= 8 && y < 24;
      if (frame || square) bits[y * (width / 8) + (x >> 3)]! |= 0x80 >> (x & 7);
    }
  return logoDataUrl({ width, height, bits: toBase64(bits) });
}

describe('system printer path (HTML → PDF in Chromium)', () => {
  it('an 80 mm receipt is one page as wide as the roll and as tall as its content, not 297 mm', async () => {
    const { file, contentPx } = await renderPdf(sampleReceipt(), 'MM80', sampleLogo());
    const info = pdfInfo(file);
    const contentMm = contentPx / PX_PER_MM;
    console.log(`80 mm receipt: content ${contentMm.toFixed(1)} mm, PDF page ${(info.heightPt / PT_PER_MM).toFixed(1)} mm × ${(info.widthPt / PT_PER_MM).toFixed(1)} mm, ${info.pages} page(s)`);
    expect(info.pages).toBe(1);
    expect(Math.abs(info.widthPt - 80 * PT_PER_MM)).toBeLessThan(1);
    // Page height = measured content (+1 px), within a point of rounding.
    expect(Math.abs(info.heightPt - ((contentPx + 1) * 72) / 96)).toBeLessThan(1);
    expect(info.heightPt / PT_PER_MM).toBeLessThan(297);
    expect(contentMm).toBeGreaterThan(60);
    const png = toPng(file, 'print-receipt-80mm');
    const pngInfo = execFileSync('file', [png], { encoding: 'utf8' });
    expect(pngInfo).toContain('PNG image data');
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    expect(text).toContain('Almacén Doña Peñaranda');
    expect(text).toMatch(/TOTAL\s+Bs 139,90/);
    expect(text).toContain('¿Factura?');
    // The page carries the sale number's QR, as the ESC/POS receipt does: read back from the printed pixels.
    expect(decodeQR(rasterize(file))).toBe('SUC1-C1-20261129-0042');
  });

  it('a 58 mm receipt is 58 mm wide and one page', async () => {
    const { file } = await renderPdf(sampleReceipt(), 'MM58');
    const info = pdfInfo(file);
    expect(info.pages).toBe(1);
    // Chromium rounds the page to whole CSS pixels: within a point of 58 mm.
    expect(Math.abs(info.widthPt - 58 * PT_PER_MM)).toBeLessThan(1);
    toPng(file, 'print-receipt-58mm');
  });

  it('an A4 Z report renders on A4 with its count, reconciliation and signature lines', async () => {
    const { file } = await renderPdf(sampleZReport(), 'A4', sampleLogo());
    const info = pdfInfo(file);
    expect(info.widthPt).toBeCloseTo(595.3, 0);
    expect(info.heightPt).toBeCloseTo(841.9, 0);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    expect(text).toContain('REPORTE Z');
    expect(text).toMatch(/Conciliación por medio de pago/);
    expect(text).toMatch(/Supervisor: Jorge Quispe/);
    // No section is split across pages: the reconciliation's title and its last row share a page.
    const pages = Array.from({ length: info.pages }, (_, i) => execFileSync('pdftotext', ['-layout', '-f', String(i + 1), '-l', String(i + 1), file, '-'], { encoding: 'utf8' }));
    const reconciliation = pages.find((p) => p.includes('Conciliación por medio de pago'));
    expect(reconciliation).toMatch(/Diferencia \(faltante\)\s+-Bs 10,00/);
    toPng(file, 'print-z-a4');
    for (let page = 2; page <= info.pages; page++) execFileSync('pdftoppm', ['-png', '-r', '110', '-f', String(page), '-l', String(page), '-singlefile', file, path.join(SCREENS, `print-z-a4-p${page}`)]);
  });

  it('a rounded cash receipt shows the rounding and the amount to pay; the Z report counts the drawer openings', async () => {
    const receipt = await renderPdf(receiptDocument(SAMPLE_CONTEXT, SAMPLE_ROUNDED_SALE), 'MM80');
    const text = execFileSync('pdftotext', ['-layout', receipt.file, '-'], { encoding: 'utf8' });
    expect(text).toMatch(/Redondeo \(efectivo\)\s+-Bs 0,04/);
    expect(text).toMatch(/Total a pagar\s+Bs 57,70/);
    toPng(receipt.file, 'print-receipt-rounded-80mm');
    const z = await renderPdf(sampleZReport(), 'MM80');
    const zText = execFileSync('pdftotext', ['-layout', z.file, '-'], { encoding: 'utf8' });
    expect(zText).toMatch(/Aperturas sin venta\s+3/);
    expect(zText).toMatch(/Redondeo de efectivo\s+\+Bs 0,30/);
    toPng(z.file, 'print-z-80mm');
  });

  it('the daily report renders on A4 with every session and the day’s totals', async () => {
    const { file } = await renderPdf(sampleDailyReport(), 'A4', sampleLogo());
    const info = pdfInfo(file);
    expect(info.widthPt).toBeCloseTo(595.3, 0);
    expect(info.heightPt).toBeCloseTo(841.9, 0);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    expect(text).toContain('REPORTE DIARIO');
    expect(text).toMatch(/C2 · T-C2-20261129-001\s+Abierto/);
    expect(text).toMatch(/TOTAL VENTAS\s+Bs 5\.103,50/);
    toPng(file, 'print-daily-a4');
  });

  it('the daily report print.daily answers, from a real engine, renders on A4 with its sessions and totals', async () => {
    const h = harness({ start: '2026-11-29T13:00:00.000Z' });
    try {
      for (const [user, pin, code] of [['maria', '4444', 'POS001'], ['juan', '5555', 'POS002']] as const) {
        const token = h.login(user, pin);
        h.ok('cash.open', { registerId: h.registerId(code), count: { denominations: bobCount(20000) } }, token);
        const p = h.productIds()[0]!;
        h.ok('sales.create', { lines: [{ productId: p.id, quantity: 3 }], payments: [{ method: 'CASH', amount: p.price * 3 }] }, token);
        h.ok('sales.create', { lines: [{ productId: p.id, quantity: 1 }], payments: [{ method: 'QR', amount: p.price }] }, token);
      }
      h.ok('cash.close', { count: { denominations: bobCount(20000 + h.productIds()[0]!.price * 3) } }, h.login('maria', '4444'));
      const printed = h.ok('print.daily', {}, h.login('gerente', '2222'));
      const store = { name: 'Sucursal Centro', taxId: '1023456027', address: 'Av. Ballivián 1234', phone: '2791234', footer: '', timeZone: 'America/La_Paz', currency: 'BOB' as const };
      const { file } = await renderPdf(dailyReportDocument(store, dailyReportInput(printed.report, '2026-11-29T22:00:00.000Z')), 'A4');
      const info = pdfInfo(file);
      expect(info.widthPt).toBeCloseTo(595.3, 0);
      const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
      expect(text).toContain('REPORTE DIARIO');
      expect(text).toMatch(/POS001 · T-POS001-20261129-001\s+Cerrado/);
      expect(text).toMatch(/POS002 · T-POS002-20261129-001\s+Abierto/);
      expect(text).toMatch(new RegExp(`Cantidad de ventas\\s+${printed.report.summary.salesCount}`));
      expect(printed.report.summary.salesCount).toBe(4);
      expect(text).toMatch(/Gerente/);
      toPng(file, 'print-daily-a4-engine');
    } finally {
      h.close();
    }
  });
});

