// The printing commands over the real engine (SQLite in a temp folder): settings validated where they enter, only an
// admin configures, a cashier sees the jobs of their own register and can ask to print one again.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { insertPrintJob, markAttemptFailed } from '../db/repos/print-jobs';
import type { Harness } from './testkit';
import { bobCount, harness } from './testkit';

let h: Harness;
beforeEach(() => {
  h = harness({ start: '2026-11-29T13:00:00.000Z' });
});
afterEach(() => h.close());

const NETWORK = { kind: 'ESCPOS_TCP', host: '192.168.1.50', paper: 'MM80' } as const;

describe('print.settings and print.configure', () => {
  it('an admin sets a network printer with its drawer pulse and the branch header; defaults are filled in', () => {
    const admin = h.login('admin');
    const registerId = h.registerId('POS001');
    expect(h.ok('print.settings', { registerId }, admin).settings).toEqual({ target: { kind: 'NONE' }, autoPrintReceipt: false, drawer: null });
    const set = h.ok(
      'print.configure',
      { registerId, settings: { target: NETWORK, autoPrintReceipt: true, drawer: { pin: 5, onMs: 60, offMs: 240 } }, header: { taxId: '1023456027', address: 'Av. Ballivián 1234', phone: '2791234', footer: '¡Gracias!' } },
      admin,
    );
    expect(set.settings.target).toEqual({ ...NETWORK, port: 9100, codepage: 'cp858' });
    expect(set.header.taxId).toBe('1023456027');
    expect(h.ok('print.settings', { registerId }, admin)).toEqual(set);
  });

  it('refuses bad settings with VALIDATION_FAILED and writes nothing; a cashier may not configure', () => {
    const admin = h.login('admin');
    const registerId = h.registerId('POS001');
    const bad = h.call('print.configure', { registerId, settings: { target: { ...NETWORK, port: 70000 }, autoPrintReceipt: true, drawer: null } }, admin);
    expect(bad.ok ? null : bad.error.code).toBe('VALIDATION_FAILED');
    const pin = h.call('print.configure', { registerId, settings: { target: NETWORK, autoPrintReceipt: true, drawer: { pin: 3 as 2, onMs: 100, offMs: 100 } } }, admin);
    expect(pin.ok ? null : pin.error.code).toBe('VALIDATION_FAILED');
    expect(h.ok('print.settings', { registerId }, admin).settings.target.kind).toBe('NONE');
    const cashier = h.call('print.configure', { registerId, settings: { target: NETWORK, autoPrintReceipt: true, drawer: null } }, h.login('maria'));
    expect(cashier.ok ? null : cashier.error.code).toBe('FORBIDDEN');
    const missing = h.call('print.settings', { registerId: 'nope' }, admin);
    expect(missing.ok ? null : missing.error.code).toBe('NOT_FOUND');
  });
});

describe('a network printer is on the store\'s own network', () => {
  it('print.configure and registers.update refuse a public address or a host name (PRINTER_HOST_NOT_ALLOWED) and write nothing; LAN addresses pass', () => {
    const admin = h.login('admin');
    const registerId = h.registerId('POS001');
    for (const host of ['8.8.8.8', '172.32.0.1', '100.64.0.1', 'printer.example.com', 'localhost', '2001:db8::1', '192.168.1.256']) {
      const settings = { target: { ...NETWORK, host }, autoPrintReceipt: true, drawer: null };
      expect(h.call('print.configure', { registerId, settings }, admin)).toMatchObject({ ok: false, error: { code: 'PRINTER_HOST_NOT_ALLOWED', details: { field: 'settings.target.host' } } });
      expect(h.call('registers.update', { id: registerId, printer: settings }, admin)).toMatchObject({ ok: false, error: { code: 'PRINTER_HOST_NOT_ALLOWED', details: { field: 'printer.target.host' } } });
    }
    expect(h.ok('print.settings', { registerId }, admin).settings.target.kind).toBe('NONE');
    for (const host of ['10.0.0.9', '172.16.4.2', '172.31.255.1', '192.168.0.20', '169.254.10.1', '127.0.0.1', 'fe80::1', 'fd12:3456::7', '::1']) {
      expect(h.ok('print.configure', { registerId, settings: { target: { ...NETWORK, host }, autoPrintReceipt: false, drawer: null } }, admin).settings.target).toMatchObject({ host });
    }
  });
});

describe('print.jobs and print.retry', () => {
  it("a cashier sees their register's waiting job with its error, and asking again makes it due now", () => {
    const token = h.login('maria');
    const registerId = h.registerId('POS001');
    expect(h.ok('print.jobs', {}, token).jobs).toEqual([]);
    h.ok('cash.open', { registerId, count: { denominations: bobCount(20000) } }, token);
    const db = h.engine.store.db;
    insertPrintJob(db, { id: 'job-1', registerId, kind: 'RECEIPT', title: 'Recibo 1', document: '{}', now: new Date('2026-11-29T13:00:00.000Z') });
    markAttemptFailed(db, 'job-1', 8, { code: 'PRINTER_OFFLINE', message: 'Impresora sin conexión' }, null);
    const [job] = h.ok('print.jobs', {}, token).jobs;
    expect(job).toMatchObject({ id: 'job-1', status: 'FAILED', attempts: 8, lastErrorCode: 'PRINTER_OFFLINE', lastError: 'Impresora sin conexión', nextAttemptAt: null });
    h.advance(60_000);
    expect(h.ok('print.retry', { jobId: 'job-1' }, token).job).toMatchObject({ status: 'PENDING', nextAttemptAt: '2026-11-29T13:01:00.000Z', attempts: 8 });
    const unknown = h.call('print.retry', { jobId: 'nope' }, token);
    expect(unknown.ok ? null : unknown.error.code).toBe('NOT_FOUND');
  });
});

describe('raw device paths are an allow-list', () => {
  const device = (path: string) => ({ target: { kind: 'ESCPOS_DEVICE', path, paper: 'MM80' }, autoPrintReceipt: true, drawer: null }) as const;

  it('takes USB and serial printers and COM/LPT ports, refuses any other path with PRINTER_DEVICE_NOT_ALLOWED and writes nothing', () => {
    const admin = h.login('admin');
    const registerId = h.registerId('POS001');
    for (const path of ['/dev/usb/lp0', '/dev/ttyUSB1', '/dev/ttyS0', '/dev/ttyACM2', 'COM3', '\\\\.\\COM12', 'LPT1']) {
      expect(h.ok('print.configure', { registerId, settings: device(path) }, admin).settings.target).toMatchObject({ path });
    }
    h.ok('print.configure', { registerId, settings: { target: { kind: 'NONE' }, autoPrintReceipt: false, drawer: null } }, admin);
    for (const path of ['/etc/passwd', '/dev/sda', '/tmp/out.bin', '/dev/usb/lp0/../../sda', 'C:\\Windows\\x', '\\\\server\\share', 'COM', '/dev/ttyUSB']) {
      const refused = h.call('print.configure', { registerId, settings: device(path) }, admin);
      expect(refused.ok ? path : refused.error.code).toBe('PRINTER_DEVICE_NOT_ALLOWED');
      const viaUpdate = h.call('registers.update', { id: registerId, name: 'Cambiado', printer: device(path) }, admin);
      expect(viaUpdate.ok ? path : viaUpdate.error.code).toBe('PRINTER_DEVICE_NOT_ALLOWED');
    }
    expect(h.ok('print.settings', { registerId }, admin).settings.target.kind).toBe('NONE');
    expect(h.ok('registers.list', {}, admin).registers.find((r) => r.id === registerId)?.name).toBe('Caja 1');
  });
});

describe('registers.update carries the printer and the receipt header', () => {
  it('sets a system printer, auto receipt, footer and logo in one change, answered as stored', () => {
    const admin = h.login('admin');
    const registerId = h.registerId('POS001');
    const logo = { width: 16, height: 2, bits: 'AP//AA==' };
    const reply = h.ok(
      'registers.update',
      {
        id: registerId,
        printer: { target: { kind: 'SYSTEM', deviceName: 'EPSON TM-T20', paper: 'MM58' }, autoPrintReceipt: false, drawer: null },
        receipt: { taxId: '1023456027', address: 'Av. Ballivián 1234', phone: '2791234', footer: 'Gracias', logo },
      },
      admin,
    );
    expect(reply.printer).toEqual({ target: { kind: 'SYSTEM', deviceName: 'EPSON TM-T20', paper: 'MM58' }, autoPrintReceipt: false, drawer: null });
    expect(reply.receipt).toMatchObject({ footer: 'Gracias', logo });
    expect(h.ok('print.settings', { registerId }, admin)).toEqual({ settings: reply.printer, header: reply.receipt });
    const badLogo = h.call('registers.update', { id: registerId, receipt: { taxId: '', address: '', phone: '', footer: '', logo: { width: 16, height: 3, bits: 'AP//AA==' } } }, admin);
    expect(badLogo.ok ? null : badLogo.error.code).toBe('VALIDATION_FAILED');
    const cashier = h.call('registers.update', { id: registerId, printer: { target: { kind: 'NONE' }, autoPrintReceipt: false, drawer: null } }, h.login('maria'));
    expect(cashier.ok ? null : cashier.error.code).toBe('FORBIDDEN');
  });
});

describe('the print queue is scoped to the caller’s register', () => {
  it('a cashier sees and retries only the jobs of the register of their session; a manager sees any of the branch', () => {
    const maria = h.login('maria');
    const juan = h.login('juan');
    const pos1 = h.registerId('POS001');
    const pos2 = h.registerId('POS002');
    h.ok('cash.open', { registerId: pos1, count: { denominations: bobCount(20000) } }, maria);
    h.ok('cash.open', { registerId: pos2, count: { denominations: bobCount(20000) } }, juan);
    const db = h.engine.store.db;
    const at = new Date('2026-11-29T13:00:00.000Z');
    insertPrintJob(db, { id: 'job-pos1', registerId: pos1, kind: 'RECEIPT', title: 'Recibo 1', document: '{}', now: at });
    insertPrintJob(db, { id: 'job-pos2', registerId: pos2, kind: 'RECEIPT', title: 'Recibo 2', document: '{}', now: at });
    markAttemptFailed(db, 'job-pos2', 8, { code: 'PRINTER_OFFLINE', message: 'Impresora sin conexión' }, null);

    expect(h.ok('print.jobs', {}, maria).jobs.map((j) => j.id)).toEqual(['job-pos1']);
    const other = h.call('print.jobs', { registerId: pos2 }, maria);
    expect(other.ok ? null : other.error.code).toBe('NOT_FOUND');
    const retryOther = h.call('print.retry', { jobId: 'job-pos2' }, maria);
    expect(retryOther.ok ? null : retryOther.error.code).toBe('NOT_FOUND');
    expect(h.ok('print.jobs', {}, juan).jobs.map((j) => j.id)).toEqual(['job-pos2']);
    expect(h.ok('print.counter', {}, juan)).toMatchObject({ printer: 'NONE', jobs: [{ id: 'job-pos2', status: 'FAILED' }], labelLayout: { kind: 'WEIGHT', itemDigits: 5 } });

    const manager = h.login('gerente');
    expect(h.ok('print.jobs', { registerId: pos2 }, manager).jobs.map((j) => j.id)).toEqual(['job-pos2']);
    expect(h.ok('print.retry', { jobId: 'job-pos2' }, manager).job.status).toBe('PENDING');
  });
});

describe('print.report', () => {
  it('answers the X report of a visible session and the register’s printer; another cashier’s session is not visible; a blind cashier gets no X', () => {
    const maria = h.login('maria');
    const registerId = h.registerId('POS001');
    const session = h.ok('cash.open', { registerId, count: { denominations: bobCount(20000) } }, maria).session;
    expect(h.call('print.report', { sessionId: session.id }, maria)).toMatchObject({ ok: false, error: { code: 'BLIND_X_REPORT' } });
    const mine = h.ok('print.report', { sessionId: session.id }, h.login('sofia'));
    expect(mine.report.kind).toBe('X');
    expect(mine.printer).toBe('NONE');
    const juan = h.call('print.report', { sessionId: session.id }, h.login('juan'));
    expect(juan.ok).toBe(false);
  });
});

describe('print.counter, print.receipt and print.daily', () => {
  const withDrawer = { target: NETWORK, autoPrintReceipt: true, drawer: { pin: 2, onMs: 100, offMs: 500 } } as const;

  it('print.counter says whether the register has a drawer; cash.openDrawer refuses without one (DRAWER_NOT_CONFIGURED), writing nothing', () => {
    const admin = h.login('admin');
    const registerId = h.registerId('POS001');
    const token = h.login('maria');
    h.ok('cash.open', { registerId, count: { denominations: bobCount(20000) } }, token);
    expect(h.ok('print.counter', {}, token).drawer).toBe(false);
    const before = h.ok('cash.current', {}, token).session?.ledgerSeq;
    const refused = h.call('cash.openDrawer', { reason: 'CHANGE_REQUEST' }, token);
    expect(refused.ok ? null : refused.error.code).toBe('DRAWER_NOT_CONFIGURED');
    expect(h.ok('cash.current', {}, token).session?.ledgerSeq).toBe(before);
    h.ok('print.configure', { registerId, settings: { ...withDrawer, drawer: null } }, admin);
    expect(h.ok('print.counter', {}, token).drawer).toBe(false);
    h.ok('print.configure', { registerId, settings: withDrawer }, admin);
    expect(h.ok('print.counter', {}, token).drawer).toBe(true);
  });

  it('print.receipt answers the stored sale for a copy on the asker’s register; unknown sales and refunds are NOT_FOUND', () => {
    const registerId = h.registerId('POS001');
    const token = h.login('maria');
    h.ok('cash.open', { registerId, count: { denominations: bobCount(20000) } }, token);
    const p = h.productIds()[0]!;
    const sale = h.ok('sales.create', { lines: [{ productId: p.id, quantity: 2, discount: 50 }], discount: 20, payments: [{ method: 'CASH', amount: p.price * 2 - 70 }] }, token).sale;
    const copy = h.ok('print.receipt', { saleId: sale.id }, token);
    expect(copy).toMatchObject({ printer: 'NONE', registerId, refund: null });
    expect(copy.receipt).toMatchObject({ saleNumber: sale.saleNumber, total: sale.total, saleDiscount: 20, voided: false });
    expect(copy.receipt.lines[0]).toMatchObject({ discount: 70, gross: p.price * 2 });
    for (const input of [{ saleId: 'nope' }, { saleId: sale.id, refundId: 'nope' }]) {
      const r = h.call('print.receipt', input, token);
      expect(r.ok ? null : r.error.code).toBe('NOT_FOUND');
    }
  });

  it('print.daily carries the day as reports.daily does and picks an A4 system printer of the branch for a manager with no session', () => {
    const admin = h.login('admin');
    const manager = h.login('gerente');
    expect(h.ok('print.daily', {}, manager)).toMatchObject({ printer: 'NONE', registerId: null });
    h.ok('print.configure', { registerId: h.registerId('POS002'), settings: withDrawer }, admin);
    expect(h.ok('print.daily', {}, manager)).toMatchObject({ printer: 'ESCPOS_TCP', registerId: h.registerId('POS002') });
    h.ok('print.configure', { registerId: h.registerId('POS003'), settings: { target: { kind: 'SYSTEM', deviceName: 'Oficina', paper: 'A4' }, autoPrintReceipt: false, drawer: null } }, admin);
    const printed = h.ok('print.daily', { date: '2026-11-29' }, manager);
    expect(printed).toMatchObject({ printer: 'SYSTEM', registerId: h.registerId('POS003') });
    expect(printed.report).toEqual(h.ok('reports.daily', { date: '2026-11-29' }, manager));
    const foreign = h.call('print.daily', { registerId: 'nope' }, manager);
    expect(foreign.ok ? null : foreign.error.code).toBe('NOT_FOUND');
    const cashier = h.call('print.daily', {}, h.login('maria'));
    expect(cashier.ok ? null : cashier.error.code).toBe('FORBIDDEN');
  });
});
