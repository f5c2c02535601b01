// Printing end to end against a fake ESC/POS network printer (a real TCP server on 127.0.0.1) and a real SQLite
// queue: the bytes that arrive are decoded back and checked for the text in the code page, the cut and the pulse.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/open';
import type { OpenedDb } from '../../db/open';
import { branches, registers } from '../../db/schema';
import type { PrinterSettings } from '../../src/print';
import { noSaleDocument, SAMPLE_CONTEXT, sampleReceipt, sampleZReport, testPageDocument, toPlainLines } from '../../src/print';
import { encodeEscPos } from './escpos';
import { decodeEscPos, FakePrinter } from './fake-printer';
import type { Printing, PrintJobView } from './index';
import { createPrinting } from './index';
import { parseStatus } from './transport';

const at = '2026-11-29T12:00:00.000Z';
const DRAWER = { pin: 2, onMs: 100, offMs: 500 } as const;

let dir: string;
let opened: OpenedDb;
let printer: FakePrinter;
let printing: Printing;
let settings: PrinterSettings;
let clock: Date;
let changes: PrintJobView[];

beforeEach(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'arqueo-print-'));
  opened = openDatabase(path.join(dir, 'a.db'));
  opened.db.insert(branches).values({ id: 'b1', code: 'SUC1', name: 'Central', timeZone: 'America/La_Paz', currency: 'BOB', createdAt: at }).run();
  opened.db
    .insert(registers)
    .values({ id: 'r1', branchId: 'b1', code: 'C1', name: 'Caja principal', specialty: 'MIXED', currency: 'BOB', blindClose: false, differenceTolerance: 0, createdAt: at, updatedAt: at })
    .run();
  printer = new FakePrinter();
  await printer.start();
  settings = { target: { kind: 'ESCPOS_TCP', host: '127.0.0.1', port: printer.port, paper: 'MM80', codepage: 'cp858' }, autoPrintReceipt: true, drawer: DRAWER };
  clock = new Date(at);
  changes = [];
  printing = createPrinting({ db: opened.db, deviceAllowed: () => true, settingsFor: () => settings, now: () => clock, timeoutMs: 2000, statusWaitMs: 300, onChange: (j) => changes.push(j) });
});

afterEach(async () => {
  printing.stop();
  await printer.stop();
  opened.close();
  rmSync(dir, { recursive: true, force: true });
});

const texts = (bytes: Uint8Array): string[] => decodeEscPos(bytes).lines.map((l) => l.text);

describe('ESC/POS to a network printer', () => {
  it('prints a receipt: Spanish text in cp858, bold double-size total, QR of the sale number, drawer pulse first, cut last', async () => {
    const job = await printing.print('r1', sampleReceipt());
    expect(job?.status).toBe('DONE');
    const [bytes] = await printer.waitForJobs(1);
    const decoded = decodeEscPos(bytes!);
    // ESC t 19: Epson's number for code page 858, selected once, before any text.
    expect(decoded.codepages).toEqual([19]);
    // ñ, á, ¿, ¡ travel as their cp858 bytes, not UTF-8.
    expect(bytes!.includes(Buffer.from([0xa4]))).toBe(true);
    expect(bytes!.includes(Buffer.from('ñ', 'utf8'))).toBe(false);
    const lines = decoded.lines.map((l) => l.text);
    expect(lines).toContain(' Almacén Doña Peñaranda');
    expect(lines).toContain('  2 x Bs 45,50                          Bs 91,00');
    expect(lines).toContain('  Descuento                             -Bs 9,10');
    expect(lines).toContain('Descuento de la venta                   -Bs 5,00');
    expect(lines).toContain('IVA incluido 13%                        Bs 16,09');
    expect(lines).toContain('Cambio                                  Bs 10,10');
    expect(lines.some((l) => l.includes('¡Gracias por su compra! ¿Factura?'))).toBe(true);
    const total = decoded.lines.find((l) => l.text.startsWith('TOTAL'));
    expect(total).toEqual({ text: 'TOTAL          Bs 139,90', bold: true, double: true });
    // The decoded paper says what the plain preview says, line for line.
    expect(lines.filter((l) => l.trim() !== '')).toEqual(expect.arrayContaining(toPlainLines(sampleReceipt(), 48).filter((l) => l.trim() !== '')));
    expect(decoded.qrCodes).toEqual(['SUC1-C1-20261129-0042']);
    expect(decoded.pulses).toEqual([{ pin: 2, onMs: 100, offMs: 500 }]);
    expect(decoded.cuts).toBe(1);
    expect(decoded.firstPulseAt).toBeLessThan(decoded.lastCutAt);
    // Status was asked (DLE EOT 1 and 4) before the job.
    expect(decoded.statusRequests).toBe(2);
  });

  it('prints a Z report with its count and signatures, cut, and no drawer pulse', async () => {
    const job = await printing.print('r1', sampleZReport());
    expect(job?.status).toBe('DONE');
    const [bytes] = await printer.waitForJobs(1);
    const decoded = decodeEscPos(bytes!);
    const lines = decoded.lines.map((l) => l.text);
    expect(lines.some((l) => l.includes('REPORTE Z'))).toBe(true);
    expect(lines).toContain('3 x Bs 200,00 (billete)                Bs 600,00');
    expect(lines).toContain('  Diferencia (faltante)                -Bs 10,00');
    expect(lines.some((l) => l.includes('Supervisor: Jorge Quispe'))).toBe(true);
    expect(lines.some((l) => l.includes('Arqueo por denominación'))).toBe(true);
    expect(decoded.pulses).toEqual([]);
    expect(decoded.cuts).toBe(1);
  });

  it('a no-sale opening pulses pin 5 with the register timing and prints its reason', async () => {
    settings = { ...settings, drawer: { pin: 5, onMs: 60, offMs: 240 } };
    const job = await printing.print('r1', noSaleDocument(SAMPLE_CONTEXT, { openedAt: at, reason: 'Cambio para otra caja', approver: 'Jorge Quispe' }));
    expect(job?.status).toBe('DONE');
    const [bytes] = await printer.waitForJobs(1);
    const decoded = decodeEscPos(bytes!);
    expect(decoded.pulses).toEqual([{ pin: 5, onMs: 60, offMs: 240 }]);
    expect(decoded.lines.some((l) => l.text === 'Motivo: Cambio para otra caja')).toBe(true);
    expect(decoded.lines.some((l) => l.text.includes('APERTURA SIN VENTA') && l.double)).toBe(true);
    expect(decoded.cuts).toBe(1);
  });

  it('opens the drawer with the pulse alone, and refuses (not queues) when the printer is down or there is no drawer', async () => {
    expect(await printing.openDrawer('r1')).toEqual({ ok: true });
    const [bytes] = await printer.waitForJobs(1);
    const decoded = decodeEscPos(bytes!);
    expect(decoded.pulses).toEqual([{ pin: 2, onMs: 100, offMs: 500 }]);
    expect(decoded.cuts).toBe(0);
    expect(decoded.lines.filter((l) => l.text.trim() !== '')).toEqual([]);

    await printer.stop();
    const down = await printing.openDrawer('r1');
    expect(down).toMatchObject({ ok: false, code: 'PRINTER_OFFLINE' });
    expect(printing.jobs('r1')).toEqual([]);
    settings = { ...settings, drawer: null };
    expect(await printing.openDrawer('r1')).toMatchObject({ ok: false, code: 'DRAWER_NOT_CONFIGURED' });
  });

  it('with the printer down the job waits with a visible error, retries with backoff, and prints when it is back, without the late pulse', async () => {
    await printer.stop();
    const job = await printing.print('r1', sampleReceipt());
    expect(job).toMatchObject({ status: 'PENDING', attempts: 1, lastErrorCode: 'PRINTER_OFFLINE' });
    expect(job?.lastError).toMatch(/^Impresora sin conexión/);
    expect(job?.nextAttemptAt).toBe('2026-11-29T12:00:02.000Z');
    expect(await printing.retry('no-such-job')).toBeNull();
    clock = new Date('2026-11-29T12:00:01.000Z');
    // A second document queued meanwhile waits behind the first (papers never come out of order).
    const second = await printing.print('r1', sampleZReport());
    expect(second).toMatchObject({ status: 'PENDING', attempts: 0 });

    clock = new Date('2026-11-29T12:00:02.500Z');
    await printer.start();
    const retried = await printing.retry(job!.id);
    expect(retried).toMatchObject({ status: 'DONE', attempts: 2, lastError: null });
    const jobs = await printer.waitForJobs(2);
    const first = decodeEscPos(jobs[0]!);
    expect(first.qrCodes).toEqual(['SUC1-C1-20261129-0042']);
    // The drawer did not pop open minutes after the sale.
    expect(first.pulses).toEqual([]);
    expect(texts(jobs[1]!).some((l) => l.includes('REPORTE Z'))).toBe(true);
    expect(printing.jobs('r1').map((j) => j.status)).toEqual(['DONE', 'DONE']);
    // Every change was announced for the screen's indicator.
    expect(changes.some((c) => c.status === 'PENDING' && c.lastErrorCode === 'PRINTER_OFFLINE')).toBe(true);
  });

  it('retries by itself on a timer once started, and the waiting job prints when the printer is back', async () => {
    await printer.stop();
    printing = createPrinting({ db: opened.db, settingsFor: () => settings, backoffMs: () => 20, timeoutMs: 2000, statusWaitMs: 300 });
    const job = await printing.print('r1', sampleReceipt());
    expect(job?.status).toBe('PENDING');
    await printer.start();
    printing.start();
    const [bytes] = await printer.waitForJobs(1);
    expect(decodeEscPos(bytes!).qrCodes).toEqual(['SUC1-C1-20261129-0042']);
    await expect.poll(() => printing.jobs('r1')[0]?.status).toBe('DONE');
  });

  it('gives up after the last attempt (FAILED, kept) until a person retries it', async () => {
    await printer.stop();
    printing = createPrinting({ db: opened.db, settingsFor: () => settings, now: () => clock, maxAttempts: 2, backoffMs: () => 0, timeoutMs: 2000 });
    const job = await printing.print('r1', sampleReceipt());
    expect(job?.status).toBe('PENDING');
    const again = await printing.retry(job!.id);
    expect(again).toMatchObject({ status: 'FAILED', attempts: 2, nextAttemptAt: null });
    await printer.start();
    expect(await printing.retry(job!.id)).toMatchObject({ status: 'DONE', attempts: 3 });
    expect(await printing.retry(job!.id)).toBeNull();
  });

  it('refuses to print on paper-out reported by DLE EOT, and prints once paper is back', async () => {
    printer.state.paperOut = true;
    expect(await printing.status('r1')).toBe('paper-out');
    const job = await printing.print('r1', sampleReceipt());
    expect(job).toMatchObject({ status: 'PENDING', lastErrorCode: 'PRINTER_PAPER_OUT', lastError: 'La impresora no tiene papel' });
    expect(printer.jobs).toHaveLength(0);
    printer.state.paperOut = false;
    expect(await printing.status('r1')).toBe('ready');
    expect(await printing.retry(job!.id)).toMatchObject({ status: 'DONE' });
    printer.state.silent = true;
    expect(await printing.status('r1')).toBe('unknown');
    await printer.stop();
    expect(await printing.status('r1')).toBe('unreachable');
  });

  it('stops asking a printer that never answers status for its status, so receipts do not wait for it', async () => {
    printer.state.silent = true;
    expect((await printing.print('r1', sampleReceipt()))?.status).toBe('DONE');
    expect((await printing.print('r1', sampleReceipt()))?.status).toBe('DONE');
    const jobs = await printer.waitForJobs(2);
    expect(decodeEscPos(jobs[0]!).statusRequests).toBe(2);
    expect(decodeEscPos(jobs[1]!).statusRequests).toBe(0);
    // Ten minutes on, it is asked again.
    clock = new Date(clock.getTime() + 10 * 60_000);
    await printing.print('r1', sampleReceipt());
    expect(decodeEscPos((await printer.waitForJobs(3))[2]!).statusRequests).toBe(2);
  });

  it('a register with no printer prints nothing and queues nothing', async () => {
    settings = { target: { kind: 'NONE' }, autoPrintReceipt: false, drawer: null };
    expect(await printing.print('r1', sampleReceipt())).toBeNull();
    expect(printing.jobs('r1')).toEqual([]);
    expect(await printing.status('r1')).toBe('none');
  });

  it('writes the same bytes to a raw device file (USB/serial printers the OS exposes as a file)', async () => {
    const device = path.join(dir, 'lp0');
    settings = { target: { kind: 'ESCPOS_DEVICE', path: device, paper: 'MM58', codepage: 'cp858' }, autoPrintReceipt: true, drawer: DRAWER };
    const job = await printing.print('r1', testPageDocument(SAMPLE_CONTEXT));
    expect(job?.status).toBe('DONE');
    const decoded = decodeEscPos(readFileSync(device));
    expect(decoded.lines.map((l) => l.text)).toEqual(expect.arrayContaining(['¿Año? ¡Señor! áéíóú ÁÉÍÓÚ ñÑ üÜ', '€']));
    // 58 mm paper: 32 columns.
    expect(decoded.lines.every((l) => l.text.length <= 32)).toBe(true);
    const missing = await createPrinting({ db: opened.db, deviceAllowed: () => true, settingsFor: () => ({ ...settings, target: { kind: 'ESCPOS_DEVICE', path: path.join(dir, 'no', 'lp9'), paper: 'MM80', codepage: 'cp858' } }), now: () => clock }).print('r1', sampleReceipt());
    expect(missing).toMatchObject({ status: 'PENDING', lastErrorCode: 'PRINTER_DEVICE_ERROR' });
    // Without the test's allowance a temp file is not a printer: refused with the reason, nothing written to it.
    const before = readFileSync(device).length;
    const refused = await createPrinting({ db: opened.db, settingsFor: () => settings, now: () => clock }).openDrawer('r1');
    expect(refused).toMatchObject({ ok: false, code: 'PRINTER_NOT_CONFIGURED' });
    expect(refused.ok ? '' : refused.message).toContain('dispositivo no permitido');
    expect(readFileSync(device).length).toBe(before);
  });
});

describe('ESC/POS details', () => {
  it('reads printer status bytes the Epson way and ignores bytes that are not status', () => {
    expect(parseStatus(0x12, 0x12)).toBe('ready');
    expect(parseStatus(0x12, 0x7e)).toBe('paper-out');
    expect(parseStatus(0x1a, 0x12)).toBe('offline');
    expect(parseStatus(0x41, 0x12)).toBe('unknown');
    expect(parseStatus(undefined, 0x12)).toBe('unknown');
  });

  it('prints the logo as a bitmap where the document asks for it, and cp850 when configured', () => {
    const width = 16;
    const height = 8;
    const data = new Uint8ClampedArray(width * height * 4).map((_, i) => (i % 4 === 3 ? 255 : (i >> 2) % 3 === 0 ? 0 : 255));
    const bytes = encodeEscPos(sampleReceipt(), { columns: 48, codepage: 'cp850', drawer: null, logo: { width, height, data } });
    const decoded = decodeEscPos(bytes);
    expect(decoded.images).toBe(1);
    expect(decoded.codepages).toEqual([2]);
    expect(decoded.pulses).toEqual([]);
    expect(decoded.lines.some((l) => l.text.includes('Peñaranda'))).toBe(true);
  });
});
