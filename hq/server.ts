// The HQ receiver over node:http. Registers POST sealed sessions; managers read sessions and the daily report.
// Invariants: a bundle is stored only after `verifyBundle` passed and only for the register its key belongs to; every
// refused bundle (bad JSON, wrong register, failed verification, conflicting re-delivery) is kept for review with its
// reason; a repeated delivery gets the original receipt. Answers: 201 stored, 200 duplicate, 401 no/unknown key,
// 403 wrong register or role, 409 same session with another chain, 413 too large, 422 did not verify, 500 storage.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { HqError, Receipt, SealedStatus } from '../src/sync/protocol';
import { HQ_PATHS, SEALED_STATUSES, bundleProblemOf, verifyBundle } from '../src/sync/protocol';
import { keyDigest } from './keys';
import { sha256Hex } from './sha256';
import type { HqStore, KeyOwner, RejectedInput } from './store';
import { dailyReport, summarize } from './summary';

export const DEFAULT_MAX_BODY_BYTES = 64 * 1024 * 1024;

export interface HqServerOptions {
  readonly store: HqStore;
  readonly now?: () => Date;
  readonly maxBodyBytes?: number;
  /** Digests of admin keys given by configuration (e.g. HQ_ADMIN_KEY), on top of those stored. */
  readonly adminKeyDigests?: readonly string[];
}

export interface HqServer {
  readonly server: http.Server;
  listen(port?: number, host?: string): Promise<string>;
  close(): Promise<void>;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly reason?: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}

function send(res: http.ServerResponse, status: number, body: unknown): void {
  if (res.headersSent || res.destroyed) return;
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), 'cache-control': 'no-store' });
  res.end(text);
}

function sendError(res: http.ServerResponse, e: HttpError): void {
  const body: HqError = {
    error: { code: e.code, message: e.message, ...(e.reason === undefined ? {} : { reason: e.reason }), ...(e.details === undefined ? {} : { details: e.details }) },
  };
  send(res, e.status, body);
}

function readBody(req: http.IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? '0');
    if (declared > limit) {
      reject(new HttpError(413, 'TOO_LARGE', `body over ${limit} bytes`));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        reject(new HttpError(413, 'TOO_LARGE', `body over ${limit} bytes`));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function bearer(req: http.IncomingMessage): string | null {
  const h = req.headers.authorization;
  if (!h) return null;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(h);
  return m?.[1] ?? null;
}

const str = (v: unknown): string | null => (typeof v === 'string' ? v.slice(0, 200) : null);

export function createHqServer(options: HqServerOptions): HqServer {
  const { store } = options;
  const now = options.now ?? (() => new Date());
  const limit = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const adminDigests = new Set(options.adminKeyDigests ?? []);

  async function authenticate(req: http.IncomingMessage): Promise<KeyOwner> {
    const key = bearer(req);
    if (!key) throw new HttpError(401, 'UNAUTHENTICATED', 'missing Authorization: Bearer <key>');
    const digest = keyDigest(key);
    if (adminDigests.has(digest)) return { role: 'ADMIN' };
    const owner = await store.findKey(digest);
    if (!owner) throw new HttpError(401, 'UNAUTHENTICATED', 'unknown or revoked key');
    return owner;
  }

  async function requireAdmin(req: http.IncomingMessage): Promise<void> {
    const owner = await authenticate(req);
    if (owner.role !== 'ADMIN') throw new HttpError(403, 'FORBIDDEN', 'an HQ admin key is required');
  }

  async function postSession(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const owner = await authenticate(req);
    if (owner.role !== 'REGISTER') throw new HttpError(403, 'FORBIDDEN', 'only a register key can deliver sessions');
    const body = await readBody(req, limit);
    const receivedAt = now().toISOString();
    const keep = async (status: number, reason: string, claimed: Record<string, unknown>, details: Record<string, unknown> | undefined): Promise<void> => {
      const record: RejectedInput = {
        receivedAt,
        reason,
        httpStatus: status,
        sessionId: str(claimed['sessionId']),
        branchCode: str(claimed['branchCode']),
        registerCode: str(claimed['registerCode']),
        senderBranchCode: owner.branchCode,
        senderRegisterCode: owner.registerCode,
        details: details === undefined ? null : JSON.stringify(details),
        body,
      };
      await store.reject(record);
    };

    let parsed: unknown;
    try {
      parsed = JSON.parse(body) as unknown;
    } catch {
      await keep(422, 'MALFORMED', {}, { json: 'not JSON' });
      throw new HttpError(422, 'REJECTED', 'body is not JSON', 'MALFORMED');
    }
    const claimed: Record<string, unknown> = typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
    // A key writes only its own register's sessions, whatever the body claims.
    if (
      (claimed['branchCode'] !== undefined && claimed['branchCode'] !== owner.branchCode) ||
      (claimed['registerCode'] !== undefined && claimed['registerCode'] !== owner.registerCode)
    ) {
      await keep(403, 'WRONG_REGISTER', claimed, undefined);
      throw new HttpError(403, 'FORBIDDEN', `this key belongs to ${owner.branchCode}/${owner.registerCode}`, 'WRONG_REGISTER');
    }
    const idem = req.headers['idempotency-key'];
    if (typeof idem === 'string' && idem !== claimed['sessionId']) {
      await keep(422, 'IDEMPOTENCY_KEY_MISMATCH', claimed, { idempotencyKey: idem });
      throw new HttpError(422, 'REJECTED', 'Idempotency-Key must be the session id', 'IDEMPOTENCY_KEY_MISMATCH');
    }
    const verified = verifyBundle(sha256Hex, parsed);
    if (!verified.ok) {
      const reason = bundleProblemOf(verified.error);
      await keep(422, reason, claimed, verified.error.details);
      throw new HttpError(422, 'REJECTED', `session did not verify: ${reason}`, reason, verified.error.details);
    }
    const outcome = await store.ingest(verified.value, summarize(verified.value), receivedAt);
    switch (outcome.kind) {
      case 'stored':
        send(res, 201, outcome.receipt satisfies Receipt);
        return;
      case 'duplicate':
        send(res, 200, outcome.receipt satisfies Receipt);
        return;
      case 'conflict':
        await keep(409, 'CHAIN_HEAD_CONFLICT', claimed, { storedHead: outcome.storedHead, receivedHead: verified.value.head });
        throw new HttpError(409, 'CONFLICT', 'HQ already holds this session with a different ledger', 'CHAIN_HEAD_CONFLICT', {
          storedHead: outcome.storedHead,
          receivedHead: verified.value.head,
        });
    }
  }

  const intParam = (q: URLSearchParams, name: string, dflt: number, max: number): number => {
    const v = q.get(name);
    if (v === null) return dflt;
    if (!/^\d+$/.test(v)) throw new HttpError(400, 'BAD_REQUEST', `${name} must be a non-negative integer`);
    return Math.min(Number(v), max);
  };
  const dateParam = (q: URLSearchParams, name: string): string | undefined => {
    const v = q.get(name);
    if (v === null) return undefined;
    if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) throw new HttpError(400, 'BAD_REQUEST', `${name} must be YYYY-MM-DD`);
    return v;
  };

  async function route(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://hq.invalid');
    const q = url.searchParams;
    if (req.method === 'GET' && url.pathname === HQ_PATHS.health) return send(res, 200, { ok: true });
    if (url.pathname === HQ_PATHS.sessions && req.method === 'POST') return postSession(req, res);
    if (req.method !== 'GET') throw new HttpError(url.pathname === HQ_PATHS.sessions ? 405 : 404, 'NOT_FOUND', 'no such endpoint');
    await requireAdmin(req);
    if (url.pathname === HQ_PATHS.sessions) {
      const status = q.get('status');
      if (status !== null && !(SEALED_STATUSES as readonly string[]).includes(status)) throw new HttpError(400, 'BAD_REQUEST', 'status must be CLOSED or TRANSFERRED');
      const limit = intParam(q, 'limit', 100, 1000);
      const sessions = await store.listSessions({
        branchCode: q.get('branch') ?? undefined,
        registerCode: q.get('register') ?? undefined,
        businessDate: dateParam(q, 'date'),
        fromDate: dateParam(q, 'from'),
        toDate: dateParam(q, 'to'),
        status: (status ?? undefined) as SealedStatus | undefined,
        afterSequence: intParam(q, 'after', 0, Number.MAX_SAFE_INTEGER),
        limit,
      });
      const last = sessions[sessions.length - 1];
      return send(res, 200, { sessions, next: sessions.length === limit && last ? last.hqSequence : null });
    }
    if (url.pathname.startsWith(`${HQ_PATHS.sessions}/`)) {
      const id = decodeURIComponent(url.pathname.slice(HQ_PATHS.sessions.length + 1));
      const found = await store.getSession(id);
      if (!found) throw new HttpError(404, 'NOT_FOUND', 'no such session');
      return send(res, 200, { session: found.summary, bundle: JSON.parse(found.canonical) as unknown });
    }
    if (url.pathname === HQ_PATHS.dailyReport) {
      const date = dateParam(q, 'date');
      if (!date) throw new HttpError(400, 'BAD_REQUEST', 'date=YYYY-MM-DD is required');
      const sessions = [];
      // Read the whole day in pages: the report covers every register of every branch.
      for (let after = 0; ; ) {
        const page = await store.listSessions({ businessDate: date, afterSequence: after, limit: 1000 });
        sessions.push(...page);
        const last = page[page.length - 1];
        if (page.length < 1000 || !last) break;
        after = last.hqSequence;
      }
      return send(res, 200, dailyReport(date, sessions));
    }
    if (url.pathname === HQ_PATHS.rejected) {
      const rejected = await store.listRejected(intParam(q, 'limit', 100, 1000), intParam(q, 'after', 0, Number.MAX_SAFE_INTEGER));
      return send(res, 200, { rejected });
    }
    throw new HttpError(404, 'NOT_FOUND', 'no such endpoint');
  }

  const server = http.createServer((req, res) => {
    route(req, res).catch((e: unknown) => {
      if (e instanceof HttpError) {
        sendError(res, e);
        if (e.status === 413) res.on('finish', () => req.destroy());
        return;
      }
      console.error('[hq] internal error', e);
      sendError(res, new HttpError(500, 'INTERNAL', 'internal error; nothing was stored'));
    });
  });
  server.keepAliveTimeout = 5_000;

  return {
    server,
    listen: (port = 0, host = '127.0.0.1') =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          const a = server.address() as AddressInfo;
          resolve(`http://${a.family === 'IPv6' ? `[${a.address}]` : a.address}:${a.port}`);
        });
      }),
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
