// Browser mode: the command table over HTTP on 127.0.0.1, and the built renderer at /. No logic of its own: every
// request becomes one `engine.dispatchAsync`. Invariants: loopback only; a foreign Host or Origin is refused (DNS rebinding,
// cross-site requests); the token travels in the Authorization header, never in the body. A malformed path is a 400,
// never a 500; an oversized body is read to its end and discarded, so the client receives the 413 instead of a reset.
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { ERRORS, errorStatus } from '../src/contract';
import type { ErrorCode } from '../src/contract';
import type { Engine } from '../engine';

export const CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'";
const MAX_BODY = 5 * 1024 * 1024;
/**
 * How much of an oversized body is read and thrown away before the socket is cut: the client only sees our 413 once
 * it has finished writing, and a body beyond this is someone flooding the loopback port, not a command.
 */
const MAX_DRAIN = 256 * 1024 * 1024;

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
  /** Called after a reply is sent for a command that acted (not a replay, not awaited): printing its receipt or slip. */
  readonly afterReply?: ((name: string, input: unknown, reply: { ok: boolean; data?: unknown }) => unknown) | null;
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff', ...headers });
  res.end(text);
}

const refusal = (code: ErrorCode, message: string = ERRORS[code].es) => ({ ok: false, error: { code, message } });

/** The request's percent-decoded path, or null when it does not parse or its %-escapes are malformed (`/rpc/%zz`). */
function decodePath(requestUrl: string, port: number): string | null {
  try {
    return decodeURIComponent(new URL(requestUrl, `http://127.0.0.1:${port}`).pathname);
  } catch {
    return null;
  }
}

/**
 * The request body as UTF-8, or null when it passes MAX_BODY. An oversized body is still read to its end (up to
 * MAX_DRAIN, then the socket is cut) and discarded, so the reply that follows reaches a client still writing.
 */
function readBody(req: IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY + MAX_DRAIN) {
        req.destroy();
        return;
      }
      if (size > MAX_BODY) {
        chunks.length = 0;
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(size > MAX_BODY ? null : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
    req.on('close', () => {
      if (!req.complete) reject(new Error('request closed before its end'));
    });
  });
}

function allowedHost(req: IncomingMessage, port: number): boolean {
  const ok = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  if (!ok.has(req.headers.host ?? '')) return false;
  const origin = req.headers.origin;
  return origin === undefined || ok.has(origin.replace(/^http:\/\//, ''));
}

async function serveStatic(res: ServerResponse, dir: string, decodedPath: string): Promise<void> {
  const clean = path.normalize(decodedPath).replace(/^(\.\.[/\\])+/, '');
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
      const pathname = decodePath(req.url ?? '/', port);
      if (pathname === null) {
        await readBody(req); // read (and drop) the body first, so the client gets the answer, not a reset
        return send(res, 400, refusal('MALFORMED_REQUEST'));
      }
      if (pathname.startsWith('/rpc/')) {
        if (req.method !== 'POST') return send(res, 405, { ok: false, error: { code: 'VALIDATION_FAILED', message: 'Use POST' } });
        const raw = await readBody(req);
        if (raw === null) return send(res, 413, refusal('REQUEST_TOO_LARGE'), { connection: 'close' });
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
        const name = pathname.slice(5);
        const reply = await engine.dispatchAsync(name, input, token);
        send(res, reply.ok ? 200 : errorStatus(reply.error.code), reply);
        if (engine.acted(reply)) options.afterReply?.(name, input, reply);
        return;
      }
      if (pathname === '/health') return send(res, 200, { ok: true, data: { status: 'up' } });
      if (req.method !== 'GET' || !options.staticDir) return send(res, 404, { ok: false, error: { code: 'NOT_FOUND', message: 'No encontrado' } });
      return serveStatic(res, options.staticDir, pathname);
    })().catch((e: unknown) => {
      console.error('[serve]', e);
      if (!res.headersSent) send(res, 500, refusal('INTERNAL'));
    });
  });
}

export function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
}
