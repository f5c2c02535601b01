// Proof of "Go live", parts 2 and 3: one HQ process on loopback (SQLite; PostgreSQL too when DATABASE_URL_TEST names a
// server and psql is installed) and two register engines, each with its own data folder, behind its own browser-mode
// HTTP server on its own port. Both enroll by code; HQ adds a product, changes a price and a PIN; the register that
// pulls sells the new product at the new price and takes the new PIN; the other, offline meanwhile, keeps working on
// its last copy and catches up in one pull. A used code is refused; no register receives another branch's staff or
// registers; master-data commands are refused while enrolled; a user deactivated at HQ is signed out.
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { createServer } from 'node:http';
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
/** Cheap scrypt for the registers' own hashing; HQ's hashes carry their own cost, which verification reads. */
const PIN_COST = { N: 1024, r: 8, p: 1 };

interface Hq {
  url: string;
  child: ChildProcess;
}

function startHq(args: readonly string[], env: NodeJS.ProcessEnv): Promise<Hq> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'hq', 'cli.ts'), ...args], {
    cwd: ROOT,
    env: { ...env, HQ_ADMIN_KEY: ADMIN_KEY, HQ_RATE_BURST: '0' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let buf = '';
    child.stdout?.on('data', (d: Buffer) => {
      buf += d.toString();
      const m = /HQ listening on (\S+)/.exec(buf);
      if (m?.[1]) resolve({ url: m[1], child });
    });
    child.on('exit', (code) => reject(new Error(`hq exited ${code}`)));
  });
}

const stopHq = async (hq: Hq): Promise<void> => {
  if (hq.child.exitCode !== null) return;
  hq.child.kill('SIGTERM');
  await new Promise((r) => hq.child.once('exit', r));
};

interface Register {
  engine: Engine;
  server: Server;
  port: number;
  dir: string;
  /** The register code HQ gave this PC. */
  code: string;
}

async function startRegister(): Promise<Register> {
  const dir = mkdtempSync(path.join(tmpdir(), 'arqueo-reg-'));
  const { engine } = openEngine(dir, { secrets: new MemorySecretStore(), pinCost: PIN_COST, pinRate: UNLIMITED_PIN_RATE });
  const server = createRpcServer(engine, { port: 0 });
  const port = await listen(server, 0);
  return { engine, server, port, dir, code: '' };
}

type Reply = { ok: boolean; data?: Record<string, unknown>; error?: { code: string } };

async function rpc(r: Register, name: string, input: unknown, token?: string): Promise<Reply> {
  const res = await fetch(`http://127.0.0.1:${r.port}/rpc/${name}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(input),
  });
  return (await res.json()) as Reply;
}

async function admin(hq: Hq, p: string, body?: unknown): Promise<Record<string, unknown>> {
  const res = await fetch(`${hq.url}${p}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_KEY}` }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  const json = (await res.json()) as Record<string, unknown>;
  if (res.status >= 300) throw new Error(`${p}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

const login = async (r: Register, username: string, pin: string): Promise<Reply> => rpc(r, 'auth.login', { username, pin });
const tokenOf = (reply: Reply): string => {
  if (!reply.ok) throw new Error(`not signed in: ${JSON.stringify(reply.error)}`);
  return reply.data?.['token'] as string;
};

/** Signs `username` in, opens a session on the enrolled register, sells one of `sku` paid exactly in cash; returns the sale's total. */
async function sell(r: Register, username: string, pin: string, sku: string): Promise<{ total: number; reply: Reply }> {
  const token = tokenOf(await login(r, username, pin));
  const registers = (await rpc(r, 'registers.list', {}, token)).data?.['registers'] as { id: string; code: string }[];
  const current = await rpc(r, 'cash.current', {}, token);
  if (!current.data?.['session']) {
    const opened = await rpc(r, 'cash.open', { registerId: registers.find((x) => x.code === r.code)?.id, count: { denominations: bobCount(10000) } }, token);
    expect(opened.ok, JSON.stringify(opened.error)).toBe(true);
  }
  const found = (await rpc(r, 'products.list', { query: sku }, token)).data?.['products'] as { id: string; price: number; sku: string }[];
  const product = found.find((p) => p.sku === sku);
  if (!product) throw new Error(`no product ${sku} at this register`);
  const reply = await rpc(r, 'sales.create', { lines: [{ productId: product.id, quantity: 1 }], payments: [{ method: 'CASH', amount: product.price, tendered: product.price }] }, token);
  return { total: (reply.data?.['sale'] as { total: number } | undefined)?.total ?? -1, reply };
}

interface Backend {
  readonly name: string;
  setup(): { args: string[]; env: NodeJS.ProcessEnv; drop(): void } | null;
}

const baseEnv = (): NodeJS.ProcessEnv => {
  const env = { ...process.env };
  delete env['DATABASE_URL'];
  delete env['HQ_DATA_DIR'];
  return env;
};

const pgBase = process.env['DATABASE_URL_TEST']?.trim();
const hasPsql = spawnSync('psql', ['--version']).status === 0;

const BACKENDS: Backend[] = [
  {
    name: 'sqlite',
    setup: () => {
      const dir = mkdtempSync(path.join(tmpdir(), 'arqueo-hq-live-'));
      return { args: ['--data-dir', dir], env: baseEnv(), drop: () => rmSync(dir, { recursive: true, force: true }) };
    },
  },
  {
    name: 'postgres',
    setup: () => {
      if (!pgBase || !hasPsql) return null;
      const schema = `live_${randomBytes(5).toString('hex')}`;
      const psql = (sql: string) => spawnSync('psql', [pgBase, '-v', 'ON_ERROR_STOP=1', '-qc', sql], { stdio: 'inherit', env: { ...process.env, PGOPTIONS: '-c client_min_messages=warning' } });
      if (psql(`CREATE SCHEMA ${schema}`).status !== 0) throw new Error('cannot create a scratch schema');
      const url = new URL(pgBase);
      url.searchParams.set('options', `-c search_path=${schema}`);
      return { args: [], env: { ...baseEnv(), DATABASE_URL: url.toString() }, drop: () => void psql(`DROP SCHEMA ${schema} CASCADE`) };
    },
  },
];

for (const backend of BACKENDS) {
  const storage = backend.setup();
  if (!storage) {
    it.skip(`go live with HQ on ${backend.name} (no DATABASE_URL_TEST or psql: run under scripts/pg-test.sh)`, () => undefined);
    continue;
  }
  describe(`go live: two registers enrolled at one HQ (${backend.name})`, () => {
    let hq: Hq;
    let a: Register;
    let b: Register;

    beforeAll(async () => {
      hq = await startHq(['--port', '0', ...storage.args], storage.env);
      [a, b] = await Promise.all([startRegister(), startRegister()]);
    });
    afterAll(async () => {
      await stopHq(hq);
      for (const r of [a, b]) {
        await new Promise((done) => r.server.close(done));
        r.engine.close();
        rmSync(r.dir, { recursive: true, force: true });
      }
      storage.drop();
    });

    it('enrolls both by code, carries HQ changes to each after its next pull, and keeps branches apart', async () => {
      await admin(hq, '/v1/admin/branches', { code: 'SUC001', name: 'Centro', timeZone: 'America/La_Paz', currency: 'BOB', defaultTaxRateBp: 1300 });
      await admin(hq, '/v1/admin/branches', { code: 'SUC002', name: 'Norte', timeZone: 'America/La_Paz', currency: 'BOB' });
      const codeA = (await admin(hq, '/v1/admin/registers', { branchCode: 'SUC001', code: 'POS001', name: 'Caja 1', differenceTolerance: 1000 }))['code'] as string;
      const codeB = (await admin(hq, '/v1/admin/registers', { branchCode: 'SUC001', code: 'POS002', name: 'Caja 2' }))['code'] as string;
      await admin(hq, '/v1/admin/registers', { branchCode: 'SUC002', code: 'POS001', name: 'Caja Norte' });
      await admin(hq, '/v1/admin/users', { branchCode: null, username: 'duena', name: 'Dueña', role: 'ADMIN', pin: '7294' });
      await admin(hq, '/v1/admin/users', { branchCode: 'SUC001', username: 'maria', name: 'María', role: 'CASHIER', pin: '4826' });
      await admin(hq, '/v1/admin/users', { branchCode: 'SUC001', username: 'juan', name: 'Juan', role: 'CASHIER', pin: '3719' });
      await admin(hq, '/v1/admin/users', { branchCode: 'SUC002', username: 'pedro', name: 'Pedro', role: 'CASHIER', pin: '5937' });
      await admin(hq, '/v1/admin/products', { sku: 'CAFE', name: 'Café', price: 1250, barcodes: ['7771000000019'], taxRateBp: 1300 });
      await admin(hq, '/v1/admin/providers', { code: 'TIGO_MONEY', name: 'Tigo Money', kinds: ['CASH_IN', 'CASH_OUT'] });

      // Not set up: nobody signs in; enrollment needs no sign-in, and plain http only to this machine.
      expect((await login(a, 'maria', '4826')).error?.code).toBe('NOT_INITIALIZED');
      expect((await rpc(a, 'setup.enroll', { hqUrl: 'http://hq.example.com', code: codeA })).error?.code).toBe('INSECURE_HQ_URL');
      // A loopback address that redirects elsewhere is not followed: the code never leaves for the other host.
      let followed = 0;
      const target = createServer((_req, res) => void (followed++, res.end('{}')));
      const targetPort = await listen(target, 0);
      const redirector = createServer((req, res) => void (res.writeHead(307, { location: `http://127.0.0.1:${targetPort}${req.url ?? '/'}` }), res.end()));
      const redirectorPort = await listen(redirector, 0);
      expect((await rpc(a, 'setup.enroll', { hqUrl: `http://127.0.0.1:${redirectorPort}`, code: codeA })).ok).toBe(false);
      expect(followed).toBe(0);
      await Promise.all([target, redirector].map((s) => new Promise((r) => s.close(r))));
      const enrolledA = await rpc(a, 'setup.enroll', { hqUrl: hq.url, code: codeA });
      expect(enrolledA.error).toBeUndefined();
      expect(enrolledA.data).toMatchObject({ branchCode: 'SUC001', registerCode: 'POS001', complete: true });
      a.code = 'POS001';
      b.code = 'POS002';
      // The code is single-use: B cannot reuse A's; B enrolls with its own.
      expect((await rpc(b, 'setup.enroll', { hqUrl: hq.url, code: codeA })).error?.code).toBe('ENROLLMENT_CODE_USED');
      expect((await rpc(b, 'setup.enroll', { hqUrl: hq.url, code: 'ZZZZ-ZZZZ-ZZZZ-ZZZZ' })).error?.code).toBe('ENROLLMENT_CODE_UNKNOWN');
      expect((await rpc(b, 'setup.enroll', { hqUrl: hq.url, code: codeB })).data).toMatchObject({ registerCode: 'POS002', complete: true });
      // Enrolled is set up: a second enrollment is refused.
      expect((await rpc(a, 'setup.enroll', { hqUrl: hq.url, code: codeB })).error?.code).toBe('ALREADY_INITIALIZED');
      // The register key lives in the SecretStore, never in the database.
      expect(a.engine.secrets.get('hq.key.POS001')).toMatch(/^hq_reg_/);
      expect(a.engine.store.sqlite.prepare("SELECT count(*) AS n FROM settings WHERE value LIKE 'hq_reg_%'").get()).toEqual({ n: 0 });

      // Each register has its branch's staff and registers, the chain's admin, and never the other branch's.
      for (const r of [a, b]) {
        const token = tokenOf(await login(r, 'duena', '7294'));
        const users = ((await rpc(r, 'users.list', {}, token)).data?.['users'] as { username: string }[]).map((u) => u.username).sort();
        expect(users).toEqual(['duena', 'juan', 'maria']);
        const registers = ((await rpc(r, 'registers.list', {}, token)).data?.['registers'] as { code: string; name: string }[]).map((x) => x.name).sort();
        expect(registers).toEqual(['Caja 1', 'Caja 2']);
        expect((await login(r, 'pedro', '5937')).ok).toBe(false);
        const providers = (await rpc(r, 'agents.providers', {}, token)).data?.['providers'] as { code: string }[];
        expect(providers.map((p) => p.code)).toEqual(['TIGO_MONEY']);
        // Master data is HQ's: editing it here is refused and writes nothing.
        const refused = await rpc(r, 'products.create', { sku: 'LOCAL', name: 'Local', price: 100 }, token);
        expect(refused.error?.code).toBe('MANAGED_BY_HQ');
        expect((await rpc(r, 'users.create', { username: 'x1', name: 'X', role: 'CASHIER', pin: '4826' }, token)).error?.code).toBe('MANAGED_BY_HQ');
      }
      expect((await sell(a, 'maria', '4826', 'CAFE')).total).toBe(1250);

      // HQ changes while B is offline (it does not pull): a new product, a new price, a new PIN.
      await admin(hq, '/v1/admin/products', { sku: 'TE', name: 'Té verde', price: 900, barcodes: ['7771000000026'] });
      await admin(hq, '/v1/admin/products/CAFE/price', { price: 1400 });
      await admin(hq, '/v1/admin/users/maria/pin', { pin: '6183' });

      const pulledA = await rpc(a, 'sync.pull', {}, tokenOf(await login(a, 'duena', '7294')));
      expect(pulledA.data).toMatchObject({ applied: 3, complete: true });
      expect((await login(a, 'maria', '4826')).error?.code).toBe('INVALID_CREDENTIALS');
      expect((await sell(a, 'maria', '6183', 'TE')).total).toBe(900);
      expect((await sell(a, 'maria', '6183', 'CAFE')).total).toBe(1400);

      // B works offline on its last copy: the old PIN, the old price, no new product yet.
      expect((await sell(b, 'maria', '4826', 'CAFE')).total).toBe(1250);
      await expect(sell(b, 'maria', '4826', 'TE')).rejects.toThrow(/no product TE/);
      // One pull catches up with everything.
      const pulledB = await rpc(b, 'sync.pull', {}, tokenOf(await login(b, 'duena', '7294')));
      expect(pulledB.data).toMatchObject({ applied: 3, complete: true });
      expect((await login(b, 'maria', '4826')).error?.code).toBe('INVALID_CREDENTIALS');
      expect((await sell(b, 'maria', '6183', 'TE')).total).toBe(900);
      expect((await sell(b, 'maria', '6183', 'CAFE')).total).toBe(1400);

      // A user deactivated at HQ is signed out at the next pull: the token stops working.
      const juanToken = tokenOf(await login(a, 'juan', '3719'));
      expect((await rpc(a, 'auth.me', {}, juanToken)).ok).toBe(true);
      await admin(hq, '/v1/admin/users/juan/deactivate');
      expect((await rpc(a, 'sync.pull', {}, tokenOf(await login(a, 'duena', '7294')))).data).toMatchObject({ applied: 1 });
      expect((await rpc(a, 'auth.me', {}, juanToken)).error?.code).toBe('UNAUTHENTICATED');
      expect((await login(a, 'juan', '3719')).ok).toBe(false);

      // HQ down: the pull says so, and the register keeps selling on its copy.
      await stopHq(hq);
      expect((await rpc(a, 'sync.pull', {}, tokenOf(await login(a, 'duena', '7294')))).error?.code).toBe('HQ_UNREACHABLE');
      expect((await sell(a, 'maria', '6183', 'TE')).total).toBe(900);
    });
  });
}
