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
