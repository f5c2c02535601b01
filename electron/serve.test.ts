// Browser mode over a real HTTP server on 127.0.0.1: a whole shift through the API, status codes, and the guards.
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Server } from 'node:http';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Harness } from '../engine/testkit';
import { bobCount, harness } from '../engine/testkit';
import { createRpcServer, listen } from './serve';

let h: Harness;
let server: Server;
let port: number;

interface Res {
  status: number;
  body: { ok: boolean; data?: Record<string, unknown> & { token?: string }; error?: { code: string; message: string } };
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

function http(method: string, urlPath: string, body?: unknown, headers: Record<string, string> = {}): Promise<Res> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path: urlPath, headers: { host: `127.0.0.1:${port}`, 'content-type': 'application/json', ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let parsed: Res['body'] = { ok: false };
        try {
          parsed = JSON.parse(text) as Res['body'];
        } catch {
          /* static files */
        }
        resolve({ status: res.statusCode ?? 0, body: parsed, headers: res.headers, text });
      });
    });
    req.on('error', reject);
    if (body !== undefined) req.write(typeof body === 'string' ? body : JSON.stringify(body));
    req.end();
  });
}

const rpc = (name: string, input: unknown, token?: string) => http('POST', `/rpc/${name}`, input, token ? { authorization: `Bearer ${token}` } : {});

beforeAll(async () => {
  h = harness();
  const staticDir = path.join(h.dir, 'app');
  mkdirSync(staticDir);
  writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>Arqueo</title>');
  server = createRpcServer(h.engine, { port: 0, staticDir });
  port = await listen(server, 0);
});
afterAll(async () => {
  await new Promise((r) => server.close(r));
  h.close();
});

describe('browser mode', () => {
  it('drives a whole shift over HTTP', async () => {
    const login = await rpc('auth.login', { username: 'maria', pin: '4444' });
    expect(login.status).toBe(200);
    const token = login.body.data?.token ?? '';
    const registers = (await rpc('registers.list', {}, token)).body.data?.['registers'] as { id: string; code: string }[];
    const pos1 = registers.find((r) => r.code === 'POS001')?.id;
    expect((await rpc('cash.open', { registerId: pos1, count: { denominations: bobCount(20000) } }, token)).status).toBe(200);
    const products = (await rpc('products.list', { query: 'Coca' }, token)).body.data?.['products'] as { id: string; price: number }[];
    const p = products[0];
    if (!p) throw new Error('no product');
    const sale = await rpc('sales.create', { lines: [{ productId: p.id, quantity: 2 }], payments: [{ method: 'CASH', amount: p.price * 2, tendered: p.price * 2 + 300 }] }, token);
    expect(sale.status).toBe(200);
    expect((sale.body.data?.['sale'] as { change: number }).change).toBe(300);
    const sofia = (await rpc('auth.login', { username: 'sofia', pin: '3333' })).body.data?.token ?? '';
    const grant = await rpc('auth.verifySupervisor', { pin: '3333', permission: 'cash:movements', username: 'sofia' }, token);
    expect((await rpc('cash.withdraw', { amount: 5000, reason: 'SAFE_DEPOSIT', grantId: grant.body.data?.['grantId'] }, token)).status).toBe(200);
    const expected = 20000 + p.price * 2 - 5000;
    const close = await rpc('cash.close', { count: { denominations: bobCount(expected) } }, token);
    expect(close.status).toBe(200);
    const session = close.body.data?.['session'] as { id: string; status: string };
    expect(session.status).toBe('CLOSED');
    const z = await rpc('reports.session', { sessionId: session.id }, sofia);
    expect(z.body.data).toMatchObject({ kind: 'Z', expected, counted: expected, difference: 0, sales: { count: 1, total: p.price * 2 } });
  });

  it('answers 400, 401, 403, 404 and 409 as the contract says', async () => {
    const token = (await rpc('auth.login', { username: 'juan', pin: '5555' })).body.data?.token ?? '';
    expect((await rpc('cash.open', { registerId: 1 }, token)).status).toBe(400);
    expect((await http('POST', '/rpc/cash.current', '{not json', { authorization: `Bearer ${token}` })).status).toBe(400);
    expect((await rpc('cash.current', {})).status).toBe(401);
    expect((await rpc('cash.current', {}, 'bogus')).status).toBe(401);
    expect((await rpc('registers.create', { code: 'X1', name: 'X', specialty: 'MIXED' }, token)).status).toBe(403);
    expect((await rpc('cash.nope', {}, token)).status).toBe(404);
    expect((await rpc('cash.status', { registerId: 'missing' }, token)).status).toBe(404);
    const r = await rpc('cash.suspend', {}, token);
    expect([r.status, r.body.error?.code]).toEqual([409, 'NO_OPEN_SESSION']);
    expect((await http('GET', '/rpc/cash.current')).status).toBe(405);
  });

  it('a malformed percent-escape in the path is a 400 MALFORMED_REQUEST, on /rpc and on the renderer', async () => {
    for (const p of ['/rpc/%zz', '/%zz', '/rpc/cash.%E0%A4%A']) {
      const r = await http(p.startsWith('/rpc') ? 'POST' : 'GET', p, p.startsWith('/rpc') ? {} : undefined);
      expect([p, r.status, r.body.error?.code]).toEqual([p, 400, 'MALFORMED_REQUEST']);
    }
  });

  it('a 50 MB body gets the 413 reply, not a reset, and the server keeps serving', async () => {
    const big = Buffer.alloc(50 * 1024 * 1024, 0x61);
    const r = await fetch(`http://127.0.0.1:${port}/rpc/auth.users`, { method: 'POST', body: big, headers: { 'content-type': 'application/json' } });
    expect(r.status).toBe(413);
    expect(((await r.json()) as { error: { code: string } }).error.code).toBe('REQUEST_TOO_LARGE');
    expect((await rpc('auth.users', {})).status).toBe(200);
  });

  it('refuses foreign Host and Origin headers', async () => {
    expect((await http('POST', '/rpc/auth.users', {}, { host: 'evil.example:80' })).status).toBe(403);
    expect((await http('POST', '/rpc/auth.users', {}, { origin: 'http://evil.example' })).status).toBe(403);
    expect((await http('POST', '/rpc/auth.users', {}, { origin: `http://localhost:${port}` })).status).toBe(200);
  });

  it('serves the renderer with a CSP and falls back to index.html', async () => {
    const page = await http('GET', '/');
    expect(page.status).toBe(200);
    expect(page.text).toContain('<title>Arqueo</title>');
    expect(String(page.headers['content-security-policy'])).toContain("default-src 'self'");
    expect((await http('GET', '/sell')).text).toContain('<title>Arqueo</title>');
    expect((await http('GET', '/../../etc/passwd')).text).not.toContain('root:');
  });
});
