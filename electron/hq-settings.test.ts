// Register settings come from HQ (issue 11, part 2): one HQ process on loopback (SQLite; PostgreSQL too under
// scripts/pg-test.sh) and one enrolled register behind its browser-mode HTTP server. HQ changes the register's
// settings through the admin HTTP API and `npm run hq -- registers set` / `branches set` (the CLI, its own process on
// the same storage); after its next pull the register behaves accordingly: a discount over the new ceiling needs a
// supervisor, "Abrir cajón" needs one, the printer (host, drawer pulse, auto receipt) and the receipt header changed,
// cash rounding, blind close, tolerance and refund limit are HQ's. HQ refuses what the register would refuse. The PC
// opens sessions on its own register only, not on the branch's other one it pulled.
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../engine';
import { MemorySecretStore, openEngine } from '../engine';
import { bobCount, UNLIMITED_PIN_RATE } from '../engine/testkit';
import { createRpcServer, listen } from './serve';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ADMIN_KEY = `hq_adm_${randomBytes(24).toString('base64url')}`;
const PIN_COST = { N: 1024, r: 8, p: 1 };

interface Storage {
  readonly args: string[];
  readonly env: NodeJS.ProcessEnv;
  drop(): void;
}

const baseEnv = (): NodeJS.ProcessEnv => {
  const env = { ...process.env };
  delete env['DATABASE_URL'];
  delete env['HQ_DATA_DIR'];
  return env;
};
const pgBase = process.env['DATABASE_URL_TEST']?.trim();
const hasPsql = spawnSync('psql', ['--version']).status === 0;

const BACKENDS: { name: string; setup: () => Storage | null }[] = [
  {
    name: 'sqlite',
    setup: () => {
      const dir = mkdtempSync(path.join(tmpdir(), 'arqueo-hq-settings-'));
      return { args: ['--data-dir', dir], env: baseEnv(), drop: () => rmSync(dir, { recursive: true, force: true }) };
    },
  },
  {
    name: 'postgres',
    setup: () => {
      if (!pgBase || !hasPsql) return null;
      const schema = `settings_${randomBytes(5).toString('hex')}`;
      const psql = (sql: string) => spawnSync('psql', [pgBase, '-v', 'ON_ERROR_STOP=1', '-qc', sql], { stdio: 'inherit', env: { ...process.env, PGOPTIONS: '-c client_min_messages=warning' } });
      if (psql(`CREATE SCHEMA ${schema}`).status !== 0) throw new Error('cannot create a scratch schema');
      const url = new URL(pgBase);
      url.searchParams.set('options', `-c search_path=${schema}`);
      return { args: [], env: { ...baseEnv(), DATABASE_URL: url.toString() }, drop: () => void psql(`DROP SCHEMA ${schema} CASCADE`) };
    },
  },
];

/**
 * Runs `npm run hq -- <args>` (hq/cli.ts) on the storage; resolves with its output, rejects with its error line.
 * Asynchronous: the register's server runs in this process and must keep answering meanwhile.
 */
function hqCli(storage: Storage, args: readonly string[]): Promise<string> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'hq', 'cli.ts'), ...args, ...storage.args], { cwd: ROOT, env: storage.env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => void (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => void (err += d.toString()));
  return new Promise((resolve, reject) => child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`hq ${args.join(' ')}: ${err}`)))));
}

type Reply = { ok: boolean; data?: Record<string, unknown>; error?: { code: string; details?: Record<string, unknown> } };

for (const backend of BACKENDS) {
  const storage = backend.setup();
  if (!storage) {
    it.skip(`register settings from HQ on ${backend.name} (no DATABASE_URL_TEST or psql: run under scripts/pg-test.sh)`, () => undefined);
    continue;
  }
  describe(`register settings from HQ (${backend.name})`, () => {
    let hq: ChildProcess;
    let hqUrl = '';
    let engine: Engine;
    let server: Server;
    let port = 0;
    let dir = '';

    beforeAll(async () => {
      hq = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'hq', 'cli.ts'), '--port', '0', ...storage.args], {
        cwd: ROOT,
        env: { ...storage.env, HQ_ADMIN_KEY: ADMIN_KEY, HQ_RATE_BURST: '0' },
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      hqUrl = await new Promise<string>((resolve, reject) => {
        let buf = '';
        hq.stdout?.on('data', (d: Buffer) => {
          buf += d.toString();
          const m = /HQ listening on (\S+)/.exec(buf);
          if (m?.[1]) resolve(m[1]);
        });
        hq.on('exit', (code) => reject(new Error(`hq exited ${code}`)));
      });
      dir = mkdtempSync(path.join(tmpdir(), 'arqueo-reg-'));
      ({ engine } = openEngine(dir, { secrets: new MemorySecretStore(), pinCost: PIN_COST, pinRate: UNLIMITED_PIN_RATE }));
      server = createRpcServer(engine, { port: 0 });
      port = await listen(server, 0);
    });
    afterAll(async () => {
      if (hq.exitCode === null) {
        hq.kill('SIGTERM');
        await new Promise((r) => hq.once('exit', r));
      }
      await new Promise((r) => server.close(r));
      engine.close();
      rmSync(dir, { recursive: true, force: true });
      storage.drop();
    });

    const rpc = async (name: string, input: unknown, token?: string): Promise<Reply> => {
      const res = await fetch(`http://127.0.0.1:${port}/rpc/${name}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify(input),
      });
      return (await res.json()) as Reply;
    };
    const admin = async (p: string, body: unknown): Promise<{ status: number; json: Record<string, unknown> }> => {
      const res = await fetch(`${hqUrl}${p}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_KEY}` }, body: JSON.stringify(body) });
      return { status: res.status, json: (await res.json()) as Record<string, unknown> };
    };
    const ok = async (p: string, body: unknown): Promise<Record<string, unknown>> => {
      const r = await admin(p, body);
      if (r.status >= 300) throw new Error(`${p}: ${r.status} ${JSON.stringify(r.json)}`);
      return r.json;
    };
    const login = async (username: string, pin: string): Promise<string> => {
      const r = await rpc('auth.login', { username, pin });
      if (!r.ok) throw new Error(`${username}: ${JSON.stringify(r.error)}`);
      return r.data?.['token'] as string;
    };
    const pull = async (): Promise<void> => {
      const r = await rpc('sync.pull', {}, await login('duena', '7294'));
      expect(r.error).toBeUndefined();
      expect(r.data?.['complete']).toBe(true);
    };

    it('HQ sets every register setting and the receipt header; after its pull the register behaves by them', async () => {
      await ok('/v1/admin/branches', { code: 'SUC001', name: 'Centro', timeZone: 'America/La_Paz', currency: 'BOB', taxId: '1023456029', address: 'Av. Busch 123', phone: '3-3456789', defaultTaxRateBp: 1300 });
      const code = (await ok('/v1/admin/registers', { branchCode: 'SUC001', code: 'POS001', name: 'Caja 1', discountMaxBp: 1000, discountMaxAmount: 5000 }))['code'] as string;
      await ok('/v1/admin/registers', { branchCode: 'SUC001', code: 'POS002', name: 'Caja 2' });
      await ok('/v1/admin/users', { branchCode: null, username: 'duena', name: 'Dueña', role: 'ADMIN', pin: '7294' });
      await ok('/v1/admin/users', { branchCode: 'SUC001', username: 'maria', name: 'María', role: 'CASHIER', pin: '4826' });
      await ok('/v1/admin/users', { branchCode: 'SUC001', username: 'sofia', name: 'Sofía', role: 'SUPERVISOR', pin: '3917' });
      await ok('/v1/admin/products', { sku: 'CAFE', name: 'Café', price: 2000, taxRateBp: 1300 });
      expect((await rpc('setup.enroll', { hqUrl, code })).data).toMatchObject({ registerCode: 'POS001', complete: true });

      const duena = await login('duena', '7294');
      const listed = async (): Promise<Record<string, unknown>[]> => (await rpc('registers.list', {}, await login('duena', '7294'))).data?.['registers'] as Record<string, unknown>[];
      const registerOf = async (): Promise<Record<string, unknown>> => (await listed()).find((r) => r['code'] === 'POS001') ?? {};
      const before = await registerOf();
      expect(before).toMatchObject({ code: 'POS001', discountMaxBp: 1000, discountMaxAmount: 5000, blindClose: true, noSaleNeedsApproval: false, cashRounding: null, cashRoundingApplied: 10 });
      const registerId = before['id'] as string;
      expect((await rpc('print.settings', { registerId }, duena)).data).toMatchObject({ settings: { target: { kind: 'NONE' } }, header: { taxId: '1023456029', address: 'Av. Busch 123', phone: '3-3456789', footer: '' } });

      // Maria sells with a 5 % discount: within the ceiling (10 %, Bs 50), no supervisor.
      const maria = await login('maria', '4826');
      // This PC is POS001: the branch's other register (pulled with it) is not opened here.
      const pos2 = (await listed()).find((r) => r['code'] === 'POS002')?.['id'];
      expect((await rpc('cash.open', { registerId: pos2, openingAmount: 0 }, maria)).error).toMatchObject({ code: 'REGISTER_NOT_THIS_PC', details: { thisRegister: 'POS001' } });
      expect((await rpc('cash.open', { registerId, count: { denominations: bobCount(10000) } }, maria)).ok).toBe(true);
      const productId = ((await rpc('products.list', { query: 'CAFE' }, maria)).data?.['products'] as { id: string }[])[0]?.id;
      const discounted = { lines: [{ productId, quantity: 1, discount: 100 }], payments: [{ method: 'CASH', amount: 1900, tendered: 1900 }] };
      expect((await rpc('sales.create', discounted, maria)).ok).toBe(true);

      // HQ refuses what the register would refuse, and writes nothing.
      const publicHost = await admin('/v1/admin/registers/SUC001/POS001', { printer: { target: { kind: 'ESCPOS_TCP', host: '8.8.8.8', paper: 'MM80' }, autoPrintReceipt: true, drawer: null } });
      expect([publicHost.status, (publicHost.json['error'] as { code: string }).code]).toEqual([400, 'PRINTER_HOST_NOT_ALLOWED']);
      const badRounding = await admin('/v1/admin/registers/SUC001/POS001', { cashRounding: 7 });
      expect([badRounding.status, (badRounding.json['error'] as { code: string }).code]).toEqual([400, 'VALIDATION_FAILED']);
      expect((await admin('/v1/admin/registers/SUC001/NOPE', { blindClose: false })).status).toBe(404);

      // The change: over HTTP the ceilings, rounding, blind close, tolerance, refund limit and no-sale approval; through
      // the CLI the printer (network ESC/POS on the LAN, drawer pin 5, auto receipt) and the branch's receipt header.
      const changed = await ok('/v1/admin/registers/SUC001/POS001', { discountMaxBp: 200, discountMaxAmount: 30, cashRounding: 50, blindClose: false, differenceTolerance: 500, refundApprovalAbove: 2500, noSaleNeedsApproval: true, specialty: 'SALES_ONLY' });
      expect(changed['register']).toMatchObject({ discountMaxBp: 200, discountMaxAmount: 30, cashRounding: 50, printer: { target: { kind: 'NONE' } } });
      const printer = { target: { kind: 'ESCPOS_TCP', host: '127.0.0.1', port: 9100, paper: 'MM58' }, autoPrintReceipt: true, drawer: { pin: 5, onMs: 60, offMs: 240 } };
      expect(JSON.parse(await hqCli(storage, ['registers', 'set', '--branch', 'SUC001', '--code', 'POS001', '--printer', JSON.stringify(printer)]))).toMatchObject({ printer: { target: { host: '127.0.0.1' }, drawer: { pin: 5 } } });
      await hqCli(storage, ['branches', 'set', '--code', 'SUC001', '--receipt-name', 'Almacén Don Pepe', '--receipt-footer', '¡Gracias por su compra!', '--phone', '3-3000000', '--time-zone', 'America/Santiago']);

      // Before its pull the register keeps its copy; after it, every setting is HQ's.
      expect((await registerOf())['discountMaxBp']).toBe(1000);
      await pull();
      expect(await registerOf()).toMatchObject({ discountMaxBp: 200, discountMaxAmount: 30, cashRounding: 50, cashRoundingApplied: 50, blindClose: false, differenceTolerance: 500, refundApprovalAbove: 2500, noSaleNeedsApproval: true, specialty: 'SALES_ONLY' });
      expect((await rpc('print.settings', { registerId }, await login('duena', '7294'))).data).toMatchObject({
        settings: { target: { kind: 'ESCPOS_TCP', host: '127.0.0.1', port: 9100, paper: 'MM58', codepage: 'cp858' }, autoPrintReceipt: true, drawer: { pin: 5, onMs: 60, offMs: 240 } },
        header: { name: 'Almacén Don Pepe', taxId: '1023456029', address: 'Av. Busch 123', phone: '3-3000000', footer: '¡Gracias por su compra!' },
      });
      expect((await rpc('setup.status', {})).data?.['branch']).toMatchObject({ code: 'SUC001', timeZone: 'America/Santiago' });

      // The same 5 % discount is now over the ceiling: refused without a supervisor, taken with Sofía's grant.
      const maria2 = await login('maria', '4826');
      const refused = await rpc('sales.create', discounted, maria2);
      expect(refused.error?.code).toBe('SUPERVISOR_REQUIRED');
      const grantId = ((await rpc('auth.verifySupervisor', { username: 'sofia', pin: '3917', permission: 'sales:discount' }, maria2)).data as { grantId: string }).grantId;
      expect((await rpc('sales.create', { ...discounted, grantId }, maria2)).ok).toBe(true);
      // A drawer now exists (ESC/POS with a pulse) and a no-sale opening needs a supervisor.
      expect((await rpc('cash.openDrawer', { reason: 'CHANGE_REQUEST' }, maria2)).error?.code).toBe('SUPERVISOR_REQUIRED');
      // Within the new ceilings (Bs 0.30 of Bs 20.00 is 1.5 %) no supervisor; the cash due (19.70) is rounded to the
      // register's new Bs 0.50: 19.50.
      const rounded = await rpc('sales.create', { lines: [{ productId, quantity: 1, discount: 30 }], payments: [{ method: 'CASH', amount: 1950, tendered: 1950 }] }, maria2);
      expect(rounded.error).toBeUndefined();
      expect(rounded.data?.['sale']).toMatchObject({ total: 1970 });
    });
  });
}
