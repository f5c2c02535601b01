// The first start in browser mode, through the real `npm run serve` process and HTTP on loopback: an empty data folder
// is not set up and nobody signs in; setup.initialize creates the store and its administrator signs in; a second
// setup is refused; `--demo` still gives the demo store.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

let dir: string;
let child: ChildProcess | null = null;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'arqueo-first-'));
});
afterEach(async () => {
  if (child && child.exitCode === null) {
    const exited = new Promise((r) => child?.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  }
  child = null;
  rmSync(dir, { recursive: true, force: true });
  rmSync(`${dir}.secrets.json`, { force: true });
});

/** Starts browser mode on `dir` and resolves with its base URL once it listens. */
function serve(...extra: string[]): Promise<string> {
  const proc = spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'serve-cli.ts'), '--data-dir', dir, '--port', '0', '--static', path.join(dir, 'none'), ...extra], { stdio: ['ignore', 'pipe', 'pipe'] });
  child = proc;
  return new Promise((resolve, reject) => {
    let out = '';
    proc.stdout?.on('data', (b: Buffer) => {
      out += b.toString();
      const m = /at (http:\/\/127\.0\.0\.1:\d+)\//.exec(out);
      if (m?.[1]) resolve(m[1]);
    });
    proc.once('exit', (code) => reject(new Error(`serve exited ${code}: ${out}`)));
  });
}

async function rpc(base: string, name: string, body: unknown, token?: string): Promise<{ ok: boolean; data?: Record<string, unknown>; error?: { code: string } }> {
  const res = await fetch(`${base}/rpc/${name}`, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(body) });
  return (await res.json()) as { ok: boolean; data?: Record<string, unknown>; error?: { code: string } };
}

const SETUP = {
  branch: { code: 'MINI1', name: 'Minimarket Sol', taxId: '456789012', address: 'Calle Sucre 45', phone: '2-2456789', timeZone: 'America/La_Paz', currency: 'BOB', defaultTaxRateBp: 1300 },
  registers: [{ code: 'CAJA1', name: 'Caja 1', specialty: 'MIXED' }],
  admin: { username: 'dueno', name: 'Dueña', pin: '73915', pinConfirm: '73915' },
};

describe('browser mode first start', { timeout: 90_000 }, () => {
  it('an empty data folder waits for setup; setup creates the store once and its admin signs in', async () => {
    const base = await serve();
    expect(await rpc(base, 'setup.status', {})).toMatchObject({ ok: true, data: { initialized: false, mode: null } });
    expect(await rpc(base, 'auth.login', { username: 'admin', pin: '1111' })).toMatchObject({ ok: false, error: { code: 'NOT_INITIALIZED' } });
    expect(await rpc(base, 'setup.initialize', SETUP)).toMatchObject({ ok: true });
    const login = await rpc(base, 'auth.login', { username: 'dueno', pin: '73915' });
    expect(login).toMatchObject({ ok: true, data: { user: { role: 'ADMIN' } } });
    const registers = await rpc(base, 'registers.list', {}, String(login.data?.['token']));
    expect(registers).toMatchObject({ ok: true, data: { registers: [{ code: 'CAJA1' }] } });
    expect(await rpc(base, 'setup.initialize', SETUP)).toMatchObject({ ok: false, error: { code: 'ALREADY_INITIALIZED' } });
    expect(await rpc(base, 'auth.login', { username: 'admin', pin: '1111' })).toMatchObject({ ok: false, error: { code: 'INVALID_CREDENTIALS' } });
  });

  it('--demo still seeds the demo store', async () => {
    const base = await serve('--demo');
    expect(await rpc(base, 'setup.status', {})).toMatchObject({ ok: true, data: { initialized: true, branch: { code: 'SUC001' } } });
    expect(await rpc(base, 'auth.login', { username: 'maria', pin: '4444' })).toMatchObject({ ok: true });
  });
});
