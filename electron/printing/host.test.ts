// The receipt prints by itself after a sale: a real engine (SQLite in a temp folder), browser mode over real HTTP,
// and the fake ESC/POS printer on 127.0.0.1. With the printer down the sale still commits and the job waits.
import { request } from 'node:http';
import type { Server } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { putPrinterSettings, putStoreHeader } from '../../db/repos/print-settings';
import * as schema from '../../db/schema';
import type { Harness } from '../../engine/testkit';
import { bobCount, harness } from '../../engine/testkit';
import { createRpcServer, listen } from '../serve';
import { decodeEscPos, FakePrinter } from './fake-printer';
import type { PrintHost } from './host';
import { createPrintHost } from './host';

let h: Harness;
let printer: FakePrinter;
let host: PrintHost;
let server: Server;
let port: number;
let registerId: string;

function rpc(name: string, input: unknown, token?: string): Promise<{ status: number; body: { ok: boolean; data?: Record<string, unknown> } }> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { host: `127.0.0.1:${port}`, 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) };
    const req = request({ host: '127.0.0.1', port, method: 'POST', path: `/rpc/${name}`, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as { ok: boolean; data?: Record<string, unknown> } }));
    });
    req.on('error', reject);
    req.end(JSON.stringify(input));
  });
}

beforeEach(async () => {
  // 13:15 UTC: 09:15 in La Paz.
  h = harness({ start: '2026-11-29T13:15:00.000Z' });
  printer = new FakePrinter();
  await printer.start();
  const db = h.engine.store.db;
  registerId = h.registerId('POS001');
  const branchId = db.select().from(schema.branches).get()?.id ?? '';
  putStoreHeader(db, branchId, { name: 'Almacén Doña Peñaranda', taxId: '1023456027', address: 'Av. Ballivián Nº 1234', phone: '2791234', footer: '¡Gracias por su compra!' });
  putPrinterSettings(db, registerId, {
    target: { kind: 'ESCPOS_TCP', host: '127.0.0.1', port: printer.port, paper: 'MM80', codepage: 'cp858' },
    autoPrintReceipt: true,
    drawer: { pin: 2, onMs: 100, offMs: 500 },
  });
  host = createPrintHost(db, { now: () => h.now(), timeoutMs: 2000, statusWaitMs: 300 });
  server = createRpcServer(h.engine, { port: 0, afterReply: (name, input, reply) => host.afterReply(name, input, reply) });
  port = await listen(server, 0);
});

afterEach(async () => {
  host.close();
  await new Promise((r) => server.close(r));
  await printer.stop();
  h.close();
});

async function sell(): Promise<{ status: number; saleNumber: string }> {
  const token = h.login('maria');
  h.ok('cash.open', { registerId, count: { denominations: bobCount(20000) } }, token);
  const p = h.productIds()[0];
  if (!p) throw new Error('no product');
  const res = await rpc(
    'sales.create',
    { lines: [{ productId: p.id, quantity: 2, discount: 50 }], discount: 20, payments: [{ method: 'CASH', amount: p.price * 2 - 70, tendered: p.price * 2 + 1000 }] },
    token,
  );
  return { status: res.status, saleNumber: (res.body.data?.['sale'] as { saleNumber: string } | undefined)?.saleNumber ?? '' };
}

describe('the receipt prints by itself after a sale', () => {
  it('a sale over HTTP comes out of the fake printer with the store header, the cashier, the local time, the discounts and the pulse', async () => {
    const { status, saleNumber } = await sell();
    expect(status).toBe(200);
    const [bytes] = await printer.waitForJobs(1);
    const decoded = decodeEscPos(bytes!);
    const text = decoded.lines.map((l) => l.text).join('\n');
    expect(text).toContain('Almacén Doña Peñaranda');
    expect(text).toContain('NIT: 1023456027');
    expect(text).toMatch(new RegExp(`Venta\\s+${saleNumber}`));
    expect(text).toMatch(/Fecha\s+29\/11\/2026 09:15/);
    expect(text).toMatch(/Caja\s+POS001 · Caja 1/);
    expect(text).toMatch(/ {2}Descuento\s+-Bs 0,50/);
    expect(text).toMatch(/Descuento de la venta\s+-Bs 0,20/);
    expect(text).toMatch(/Cambio\s+Bs 10,70/);
    expect(decoded.qrCodes).toEqual([saleNumber]);
    expect(decoded.pulses).toHaveLength(1);
    expect(decoded.cuts).toBe(1);
    await expect.poll(() => host.printing.jobs(registerId)[0]?.status).toBe('DONE');
  });

  it('a retried request (the same requestId) answers the first sale again and prints nothing more: one receipt, one pulse', async () => {
    const token = h.login('maria');
    h.ok('cash.open', { registerId, count: { denominations: bobCount(20000) } }, token);
    const p = h.productIds()[0];
    if (!p) throw new Error('no product');
    const body = { lines: [{ productId: p.id, quantity: 1 }], payments: [{ method: 'CASH', amount: p.price, tendered: p.price }], requestId: 'retry-0001-abcdef' };
    const replies = [await rpc('sales.create', body, token), await rpc('sales.create', body, token), await rpc('sales.create', body, token)];
    expect(new Set(replies.map((r) => (r.body.data?.['sale'] as { id: string }).id)).size).toBe(1);
    await printer.waitForJobs(1);
    // Give a wrongly queued second job every chance to reach the printer before counting.
    await expect.poll(() => host.printing.jobs(registerId).every((j) => j.status === 'DONE')).toBe(true);
    await new Promise((r) => setTimeout(r, 300));
    expect(printer.jobs).toHaveLength(1);
    expect(host.printing.jobs(registerId)).toHaveLength(1);
    expect(decodeEscPos(printer.jobs[0]!).pulses).toHaveLength(1);
  });

  it('with the printer down the sale still commits, the receipt waits in the queue, and "reimprimir" prints it when the printer is back', async () => {
    await printer.stop();
    const { status, saleNumber } = await sell();
    expect(status).toBe(200);
    expect(h.engine.store.db.select().from(schema.sales).all().map((s) => s.saleNumber)).toEqual([saleNumber]);
    await expect.poll(() => host.printing.jobs(registerId)[0]?.lastErrorCode).toBe('PRINTER_OFFLINE');
    const token = h.login('maria');
    const listed = await rpc('print.jobs', {}, token);
    const [job] = listed.body.data?.['jobs'] as { id: string; status: string; lastError: string }[];
    expect(job).toMatchObject({ status: 'PENDING', lastError: expect.stringMatching(/^Impresora sin conexión/) });
    await printer.start();
    expect((await rpc('print.retry', { jobId: job!.id }, token)).status).toBe(200);
    const [bytes] = await printer.waitForJobs(1);
    expect(decodeEscPos(bytes!).qrCodes).toEqual([saleNumber]);
    await expect.poll(() => host.printing.jobs(registerId)[0]?.status).toBe('DONE');
  });

  it('a withdrawal prints its slip with the approver and opens the drawer; a partial count prints the count and opens it too', async () => {
    await sell();
    await printer.waitForJobs(1);
    const token = h.login('maria');
    const grant = await rpc('auth.verifySupervisor', { pin: '3333', permission: 'cash:movements', username: 'sofia' }, token);
    const withdraw = await rpc('cash.withdraw', { amount: 5000, reason: 'SAFE_DEPOSIT', grantId: grant.body.data?.['grantId'] }, token);
    expect(withdraw.status).toBe(200);
    const slip = decodeEscPos((await printer.waitForJobs(2))[1]!);
    const text = slip.lines.map((l) => l.text).join('\n');
    expect(text).toContain('RETIRO DE EFECTIVO');
    expect(text).toMatch(/Monto\s+Bs 50,00/);
    expect(text).toMatch(/Motivo\s+Depósito a caja fuerte/);
    expect(text).toMatch(/Autorizó\s+Sofía Supervisora/);
    expect(text).toContain('Cajero: María González');
    expect(slip.pulses).toHaveLength(1);
    const count = await rpc('cash.count', { type: 'PARTIAL', denominations: [{ value: 10000, quantity: 1 }, { value: 5000, quantity: 1 }] }, token);
    expect(count.status).toBe(200);
    const counted = decodeEscPos((await printer.waitForJobs(3))[2]!);
    const countText = counted.lines.map((l) => l.text).join('\n');
    expect(countText).toContain('ARQUEO PARCIAL');
    expect(countText).toMatch(/1 x Bs 100,00 \(billete\)\s+Bs 100,00/);
    expect(countText).toMatch(/Total efectivo\s+Bs 150,00/);
    expect(counted.pulses).toHaveLength(1);
  });

  it('a void prints its slip with the approver and the cash given back; a refund prints its slip with the product names', async () => {
    const token = h.login('maria');
    h.ok('cash.open', { registerId, count: { denominations: bobCount(20000) } }, token);
    const p = h.productIds()[0]!;
    const saleInput = { lines: [{ productId: p.id, quantity: 2 }], payments: [{ method: 'CASH', amount: p.price * 2 }] };
    const first = await rpc('sales.create', saleInput, token);
    const second = await rpc('sales.create', saleInput, token);
    await printer.waitForJobs(2);
    const saleId = (first.body.data?.['sale'] as { id: string }).id;
    const grant = await rpc('auth.verifySupervisor', { pin: '3333', permission: 'sales:void', username: 'sofia' }, token);
    expect((await rpc('sales.void', { saleId, reason: 'Cliente se arrepintió', grantId: grant.body.data?.['grantId'] }, token)).status).toBe(200);
    const voided = decodeEscPos((await printer.waitForJobs(3))[2]!);
    const voidText = voided.lines.map((l) => l.text).join('\n');
    expect(voidText).toContain('ANULACIÓN');
    expect(voidText).toMatch(/Autorizó\s+Sofía Supervisora/);
    expect(voidText).toContain('Motivo: Cliente se arrepintió');
    expect(voided.pulses).toHaveLength(1);

    const other = second.body.data?.['sale'] as { id: string; lines: { lineNo: number }[] };
    const refundGrant = await rpc('auth.verifySupervisor', { pin: '3333', permission: 'sales:refund', username: 'sofia' }, token);
    const refund = await rpc('sales.refund', { saleId: other.id, lines: [{ lineId: other.lines[0]!.lineNo, quantity: 1 }], method: 'CASH', reason: 'Producto dañado', grantId: refundGrant.body.data?.['grantId'] }, token);
    expect(refund.status).toBe(200);
    const refunded = decodeEscPos((await printer.waitForJobs(4))[3]!);
    const refundText = refunded.lines.map((l) => l.text).join('\n');
    expect(refundText).toContain('DEVOLUCIÓN');
    expect(refundText).toContain(`1 x ${h.engine.store.db.select().from(schema.products).all().find((x) => x.id === p.id)?.name ?? '?'}`);
    expect(refundText).toContain('Motivo: Producto dañado');
    expect(refunded.pulses).toHaveLength(1);
  });

  it('prints nothing when the register does not print receipts by itself', async () => {
    putPrinterSettings(h.engine.store.db, registerId, { target: { kind: 'ESCPOS_TCP', host: '127.0.0.1', port: printer.port, paper: 'MM80', codepage: 'cp858' }, autoPrintReceipt: false, drawer: null });
    const token = h.login('maria');
    h.ok('cash.open', { registerId, count: { denominations: bobCount(20000) } }, token);
    const p = h.productIds()[0]!;
    const input = { lines: [{ productId: p.id, quantity: 1 }], payments: [{ method: 'CASH' as const, amount: p.price }] };
    const reply = h.call('sales.create', input, token);
    expect(reply.ok).toBe(true);
    expect(await host.afterReply('sales.create', input, reply)).toBeNull();
    expect(await host.afterReply('sales.create', input, { ok: false })).toBeNull();
    expect(host.printing.jobs(registerId)).toEqual([]);
  });
});

describe('the drawer opens through the printer for cash, and only for cash', () => {
  // ESC p m t1 t2: pin 2 is m = 0, the times are in 2 ms steps (100 ms on, 500 ms off).
  const PULSE = [0x1b, 0x70, 0x00, 50, 250];
  const hasPulse = (bytes: Uint8Array) => Buffer.from(bytes).includes(Buffer.from(PULSE));

  it('a cash sale pulses the drawer with its receipt; a card sale prints its receipt without a pulse', async () => {
    const token = h.login('maria');
    h.ok('cash.open', { registerId, count: { denominations: bobCount(20000) } }, token);
    const p = h.productIds()[0]!;
    await rpc('sales.create', { lines: [{ productId: p.id, quantity: 1 }], payments: [{ method: 'CASH', amount: p.price }] }, token);
    await rpc('sales.create', { lines: [{ productId: p.id, quantity: 1 }], payments: [{ method: 'DEBIT_CARD', amount: p.price }] }, token);
    const [cash, card] = await printer.waitForJobs(2);
    expect(hasPulse(cash!)).toBe(true);
    expect(decodeEscPos(cash!).pulses).toEqual([{ pin: 2, onMs: 100, offMs: 500 }]);
    expect(hasPulse(card!)).toBe(false);
    expect(decodeEscPos(card!).pulses).toEqual([]);
  });

  it('without automatic receipts a cash sale still sends the pulse alone; a card sale sends nothing', async () => {
    putPrinterSettings(h.engine.store.db, registerId, { target: { kind: 'ESCPOS_TCP', host: '127.0.0.1', port: printer.port, paper: 'MM80', codepage: 'cp858' }, autoPrintReceipt: false, drawer: { pin: 5, onMs: 120, offMs: 240 } });
    const token = h.login('maria');
    h.ok('cash.open', { registerId, count: { denominations: bobCount(20000) } }, token);
    const p = h.productIds()[0]!;
    const card = { lines: [{ productId: p.id, quantity: 1 }], payments: [{ method: 'QR' as const, amount: p.price }] };
    const cardReply = h.call('sales.create', card, token);
    expect(await host.afterReply('sales.create', card, cardReply)).toBeNull();
    expect(printer.jobs).toHaveLength(0);
    await rpc('sales.create', { lines: [{ productId: p.id, quantity: 1 }], payments: [{ method: 'CASH', amount: p.price }] }, token);
    const [pulse] = await printer.waitForJobs(1);
    // ESC p 1 60 120: pin 5, 120 ms on, 240 ms off; nothing printed, nothing cut.
    expect([...pulse!].slice(-5)).toEqual([0x1b, 0x70, 0x01, 60, 120]);
    expect(decodeEscPos(pulse!)).toMatchObject({ pulses: [{ pin: 5, onMs: 120, offMs: 240 }], cuts: 0 });
    expect(host.printing.jobs(registerId)).toEqual([]);
  });

  it('"Abrir cajón" prints the no-sale slip (reason, note, cashier) with the pulse, and the job records that it reached the printer', async () => {
    const token = h.login('maria');
    h.ok('cash.open', { registerId, count: { denominations: bobCount(20000) } }, token);
    const res = await rpc('cash.openDrawer', { reason: 'OTHER', note: 'Cliente pidió cambio de Bs 100' }, token);
    expect(res.status).toBe(200);
    const [bytes] = await printer.waitForJobs(1);
    expect(hasPulse(bytes!)).toBe(true);
    const slip = decodeEscPos(bytes!);
    const text = slip.lines.map((l) => l.text).join('\n');
    expect(text).toContain('APERTURA SIN VENTA');
    expect(text.replace(/\s+/g, ' ')).toContain('Motivo: Cliente pidió cambio de Bs 100');
    expect(text).toContain('María González');
    expect(slip.pulses).toHaveLength(1);
    await expect.poll(() => host.printing.jobs(registerId)[0]).toMatchObject({ kind: 'NO_SALE', status: 'DONE' });
  });

  it('with the printer down a no-sale opening is still recorded, and its job says the printer was not reached', async () => {
    await printer.stop();
    const token = h.login('maria');
    const session = h.ok('cash.open', { registerId, count: { denominations: bobCount(20000) } }, token).session;
    const res = await rpc('cash.openDrawer', { reason: 'CHANGE_REQUEST' }, token);
    expect(res.status).toBe(200);
    await expect.poll(() => host.printing.jobs(registerId)[0]?.lastErrorCode).toBe('PRINTER_OFFLINE');
    const x = h.ok('reports.session', { sessionId: session.id }, h.login('sofia'));
    expect(x.drawer).toMatchObject({ openings: 1, noSale: 1 });
  });
});

describe('reports and the handover slip print through the host', () => {
  it('the Z report prints by itself after cash.close (auto printing register) with the count, reconciliation and signature lines', async () => {
    const token = h.login('maria');
    h.ok('cash.open', { registerId, count: { denominations: bobCount(20000) } }, token);
    const res = await rpc('cash.close', { count: { denominations: bobCount(20000) } }, token);
    expect(res.body.ok).toBe(true);
    // The closing count opened the drawer (the pulse alone, first), then the Z prints without a pulse of its own.
    const [pulse, bytes] = await printer.waitForJobs(2);
    expect(decodeEscPos(pulse!)).toMatchObject({ pulses: [{ pin: 2 }], lines: [], cuts: 0 });
    const decoded = decodeEscPos(bytes!);
    const text = decoded.lines.map((l) => l.text).join('\n');
    expect(text).toContain('REPORTE Z · CIERRE');
    expect(text).toContain('Almacén Doña Peñaranda');
    expect(text).toMatch(/Total efectivo\s+Bs 200,00/);
    expect(text).toContain('Conciliación por medio de pago');
    expect(text).toContain('Cajero: María');
    expect(decoded.codepages).toEqual([19]);
    expect(decoded.pulses).toHaveLength(0);
    expect(decoded.cuts).toBe(1);
  });

  it('print.report prints the X report of the open session; the handover slip names both cashiers and has lines to sign', async () => {
    const token = h.login('maria');
    const session = h.ok('cash.open', { registerId, count: { denominations: bobCount(20000) } }, token).session;
    expect((await rpc('print.report', { sessionId: session.id }, h.login('sofia'))).body.ok).toBe(true);
    const [x] = await printer.waitForJobs(1);
    expect(decodeEscPos(x!).lines.map((l) => l.text).join('\n')).toContain('REPORTE X · LECTURA');

    const grant = h.ok('auth.verifySupervisor', { pin: '5555', permission: 'cash:open', username: 'juan' }, token).grantId;
    const t = await rpc('cash.transfer', { toUserId: h.userId('juan'), count: { denominations: bobCount(20000) }, incomingGrantId: grant }, token);
    expect(t.body.ok).toBe(true);
    // The handover count opened the drawer (the pulse alone), then the slip prints.
    const jobs = await printer.waitForJobs(3);
    expect(decodeEscPos(jobs[1]!).pulses).toHaveLength(1);
    const slip = decodeEscPos(jobs[2]!);
    const text = slip.lines.map((l) => l.text).join('\n');
    expect(text).toContain('ENTREGA DE CAJA');
    expect(text).toMatch(/Entrega\s+María/);
    expect(text).toMatch(/Recibe\s+Juan/);
    expect(text).toMatch(/Total efectivo\s+Bs 200,00/);
    expect(text).not.toContain('Efectivo esperado');
    expect(text).toMatch(/_{20,}\n\s*Entrega: María/);
    expect(text).toMatch(/_{20,}\n\s*Recibe: Juan/);
  });
});

describe('copies and the daily report print through the same interface', () => {
  it('print.receipt reprints a sale from the sales list marked REIMPRESIÓN, with its QR and discounts, without a pulse; a refund slip copy says COPIA', async () => {
    const { saleNumber } = await sell();
    await printer.waitForJobs(1);
    const token = h.login('maria');
    const saleId = h.engine.store.db.select().from(schema.sales).all()[0]!.id;
    const res = await rpc('print.receipt', { saleId }, token);
    expect(res.body.data).toMatchObject({ printer: 'ESCPOS_TCP', registerId, refund: null });
    const copy = decodeEscPos((await printer.waitForJobs(2))[1]!);
    const text = copy.lines.map((l) => l.text).join('\n');
    expect(text).toContain('*** REIMPRESIÓN ***');
    expect(text).toMatch(new RegExp(`Venta\\s+${saleNumber}`));
    expect(text).toMatch(/Cajero\s+María/);
    // The stored line discount carries its share of the sale discount: 0,50 own + 0,20 of the sale.
    expect(text).toMatch(/Descuentos por línea\s+-Bs 0,50/);
    expect(text).toMatch(/Descuento de la venta\s+-Bs 0,20/);
    expect(text).toMatch(/Cambio\s+Bs 10,70/);
    expect(copy.qrCodes).toEqual([saleNumber]);
    expect(copy.pulses).toHaveLength(0);
    expect(copy.codepages).toEqual([19]);
    expect(copy.cuts).toBe(1);

    const sale = h.ok('sales.get', { saleId }, token).sale;
    const grant = h.ok('auth.verifySupervisor', { pin: '3333', permission: 'sales:refund', username: 'sofia' }, token).grantId;
    const refund = h.ok('sales.refund', { saleId, lines: [{ lineId: sale.lines[0]!.lineNo, quantity: 1 }], method: 'CASH', reason: 'Producto dañado', grantId: grant }, token).refund;
    const slip = await rpc('print.receipt', { saleId, refundId: refund.id }, token);
    expect((slip.body.data?.['refund'] as { refundNumber: string }).refundNumber).toBe(refund.refundNumber);
    const slipCopy = decodeEscPos((await printer.waitForJobs(3))[2]!);
    const slipText = slipCopy.lines.map((l) => l.text).join('\n');
    expect(slipText).toContain('*** COPIA ***');
    expect(slipText).toContain(refund.refundNumber);
    expect(slipText).toContain('Motivo: Producto dañado');
    expect(slipCopy.pulses).toHaveLength(0);
  });

  it('where receipts do not print by themselves, the first receipt asked for is the receipt (no pulse: the sale pulsed), the next a REIMPRESIÓN', async () => {
    putPrinterSettings(h.engine.store.db, registerId, { target: { kind: 'ESCPOS_TCP', host: '127.0.0.1', port: printer.port, paper: 'MM80', codepage: 'cp858' }, autoPrintReceipt: false, drawer: { pin: 2, onMs: 100, offMs: 500 } });
    const { saleNumber } = await sell();
    expect(decodeEscPos((await printer.waitForJobs(1))[0]!).pulses).toHaveLength(1); // the pulse alone
    const token = h.login('maria');
    const saleId = h.engine.store.db.select().from(schema.sales).all()[0]!.id;
    await rpc('print.receipt', { saleId }, token);
    const first = decodeEscPos((await printer.waitForJobs(2))[1]!);
    const firstText = first.lines.map((l) => l.text).join('\n');
    expect(firstText).toMatch(new RegExp(`Venta\\s+${saleNumber}`));
    expect(firstText).not.toContain('REIMPRESIÓN');
    expect(first.pulses).toHaveLength(0);
    await rpc('print.receipt', { saleId }, token);
    expect(decodeEscPos((await printer.waitForJobs(3))[2]!).lines.map((l) => l.text).join('\n')).toContain('*** REIMPRESIÓN ***');
  });

  it('print.daily prints the day on the register chosen for it, the same figures reports.daily answers', async () => {
    await sell();
    await printer.waitForJobs(1);
    const manager = h.login('gerente');
    const screen = h.ok('reports.daily', {}, manager);
    const res = await rpc('print.daily', {}, manager);
    expect(res.body.data).toMatchObject({ printer: 'ESCPOS_TCP', registerId });
    expect(res.body.data?.['report']).toEqual(JSON.parse(JSON.stringify(screen)));
    const daily = decodeEscPos((await printer.waitForJobs(2))[1]!);
    const text = daily.lines.map((l) => l.text).join('\n');
    expect(text).toContain('REPORTE DIARIO');
    expect(text).toMatch(/Fecha contable\s+2026-11-29/);
    expect(text).toMatch(/POS001 · T-POS001-20261129-001\s+Abierto/);
    expect(text).toMatch(new RegExp(`Cantidad de ventas\\s+${screen.summary.salesCount}`));
    expect(text).toMatch(/_{20,}\n\s*Gerente/);
    expect(daily.pulses).toHaveLength(0);
    // A cashier may not print the store's day.
    expect((await rpc('print.daily', {}, h.login('juan'))).status).toBe(403);
  });
});
