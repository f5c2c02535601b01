// Browser mode: the command table over HTTP on 127.0.0.1, and the built renderer at /. No logic of its own: every
// request becomes one `engine.dispatch`. Invariants: loopback only; a foreign Host or Origin is refused (DNS rebinding,
// cross-site requests); the token travels in the Authorization header, never in the body.
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { errorStatus } from '../src/contract';
import type { Engine } from '../engine';

export const CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'";
const MAX_BODY = 5 * 1024 * 1024;

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

export interface ServeOptions {
  readonly port: number;
  /** Folder of the built renderer (vite build output); without it only /rpc is served. */
  readonly staticDir?: string | null;
  /** Called after each reply is sent (not awaited): printing the receipt of a sale, for one (electron/printing/host.ts). */
  readonly afterReply?: ((name: string, input: unknown, reply: { ok: boolean; data?: unknown }) => unknown) | null;
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
  res.end(text);
}

function readBody(req: IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        resolve(null);
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function allowedHost(req: IncomingMessage, port: number): boolean {
  const ok = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  if (!ok.has(req.headers.host ?? '')) return false;
  const origin = req.headers.origin;
  return origin === undefined || ok.has(origin.replace(/^http:\/\//, ''));
}

async function serveStatic(res: ServerResponse, dir: string, urlPath: string): Promise<void> {
  const clean = path.normalize(decodeURIComponent(urlPath)).replace(/^(\.\.[/\\])+/, '');
  let file = path.join(dir, clean);
  if (!file.startsWith(path.resolve(dir))) return send(res, 404, { ok: false });
  const isFile = await stat(file).then((s) => s.isFile(), () => false);
  if (!isFile) file = path.join(dir, 'index.html'); // single-page app: unknown paths get the shell
  try {
    const body = await readFile(file);
    res.writeHead(200, {
      'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
      'content-security-policy': CSP,
      'x-content-type-options': 'nosniff',
      'cache-control': file.endsWith('index.html') ? 'no-cache' : 'public, max-age=31536000, immutable',
    });
    res.end(body);
  } catch {
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
    res.end('Renderer not built: run `npm run build`.');
  }
}

export function createRpcServer(engine: Engine, options: ServeOptions): Server {
  return createServer((req, res) => {
    void (async () => {
      const port = (req.socket.localPort ?? options.port);
      if (!allowedHost(req, port)) return send(res, 403, { ok: false, error: { code: 'FORBIDDEN', message: 'Origen no permitido' } });
      const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
      if (url.pathname.startsWith('/rpc/')) {
        if (req.method !== 'POST') return send(res, 405, { ok: false, error: { code: 'VALIDATION_FAILED', message: 'Use POST' } });
        const raw = await readBody(req);
        if (raw === null) return send(res, 413, { ok: false, error: { code: 'VALIDATION_FAILED', message: 'Solicitud demasiado grande' } });
        let input: unknown = {};
        if (raw.trim() !== '') {
          try {
            input = JSON.parse(raw);
          } catch {
            return send(res, 400, { ok: false, error: { code: 'VALIDATION_FAILED', message: 'El cuerpo no es JSON válido' } });
          }
        }
        const auth = req.headers.authorization;
        const token = auth?.startsWith('Bearer ') ? auth.slice(7).trim() : null;
        const name = decodeURIComponent(url.pathname.slice(5));
        const reply = engine.dispatch(name, input, token);
        send(res, reply.ok ? 200 : errorStatus(reply.error.code), reply);
        options.afterReply?.(name, input, reply);
        return;
      }
      if (url.pathname === '/health') return send(res, 200, { ok: true, data: { status: 'up' } });
      if (req.method !== 'GET' || !options.staticDir) return send(res, 404, { ok: false, error: { code: 'NOT_FOUND', message: 'No encontrado' } });
      return serveStatic(res, options.staticDir, url.pathname);
    })().catch((e: unknown) => {
      console.error('[serve]', e);
      if (!res.headersSent) send(res, 500, { ok: false, error: { code: 'INTERNAL', message: 'Error interno' } });
    });
  });
}

export function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
}
