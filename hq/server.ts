// The HQ receiver over node:http. Registers POST sealed sessions; managers read sessions and the daily report.
// Invariants: a bundle is stored only after `verifyBundle` passed and only for the register its key belongs to; every
// refused bundle (bad JSON, wrong register, failed verification, conflicting re-delivery) is kept for review with its
// reason, a capped prefix of its body and the whole body's digest; a repeated delivery gets the original receipt; one
// session per (branch, register, session number). Answers: 201 stored, 200 duplicate, 400 malformed path, 401 no/unknown
// key, 403 wrong register or role, 409 same session with another chain or a session number already taken, 413 too
// large, 422 did not verify, 429 over the key's rate, 500 storage. Every answer is sent after the request body has
// been read (an unread body is drained and discarded), so a client still writing receives it instead of a reset.
import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { HqError, Receipt, SealedStatus } from '../src/sync/protocol';
import { HQ_PATHS, SEALED_STATUSES, bundleProblemOf, verifyBundle } from '../src/sync/protocol';
import { keyDigest } from './keys';
import type { RateLimit } from './rate-limit';
import { DEFAULT_RATE_LIMIT, KeyRateLimiter } from './rate-limit';
import { sha256Hex } from './sha256';
import type { HqStore, KeyOwner, RejectedInput } from './store';
import { REJECTED_BODY_PREFIX } from './store';
import { dailyReport, summarize } from './summary';
import type { CurrencyCode } from '../src/money/currencies';
import { CURRENCY_CODES } from '../src/money/currencies';
import type { ChangesPage } from '../src/sync/master';
import { MASTER_PAGE_MAX, MASTER_PATHS } from '../src/sync/master';
import {
  MasterError,
  addBranch,
  addProduct,
  addRegister,
  addUser,
  deactivateUser,
  enroll,
  importProducts,
  issueEnrollmentCode,
  putProvider,
  updateBranch,
  updateRegister,
  setProductPrice,
  setUserPin,
} from './master';

/** Largest JSON body of an admin or enrollment request (a CSV import may be as large as the delivery limit). */
const ADMIN_JSON_MAX = 64 * 1024;
/** Admin paths: `/v1/admin/<what>[/<id>[/<verb>]]`. */
const ADMIN_PREFIX = '/v1/admin/';
/** Entities the admin API lists (GET /v1/admin/<plural>); users never show their PIN hash. */
const ADMIN_LISTS: Readonly<Record<string, string>> = { branches: 'BRANCH', registers: 'REGISTER', users: 'USER', products: 'PRODUCT', providers: 'PROVIDER' };

/**
 * The largest bundle HQ reads. Measured: a register's real bundle takes about 3 KB per sale of 10 lines and two tenders
 * (300 such sales: 0.90 MB), so 16 MiB holds a session of about 5,500 ten-line sales, well over twice the busiest
 * shift we plan for (2,000 sales). See hq/README.md.
 */
export const DEFAULT_MAX_BODY_BYTES = 16 * 1024 * 1024;
/** Past the limit, this much more is read and discarded so the client gets its 413; beyond it the socket is cut. */
const MAX_DRAIN_BYTES = 256 * 1024 * 1024;
/** A page of `/v1/rejected`: at most this many rows (each body at most REJECTED_BODY_PREFIX). */
const REJECTED_PAGE_MAX = 100;

export interface HqServerOptions {
  readonly store: HqStore;
  readonly now?: () => Date;
  readonly maxBodyBytes?: number;
  /** Digests of admin keys given by configuration (e.g. HQ_ADMIN_KEY), on top of those stored. */
  readonly adminKeyDigests?: readonly string[];
  /** Deliveries per register key (token bucket); null turns the limit off (tests, benchmarks). */
  readonly rateLimit?: RateLimit | null;
  /** Monotonic milliseconds for the rate limiter (tests). */
  readonly monotonic?: () => number;
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

/** Reads the body up to `limit` bytes; past it the rest is read and discarded, then a 413 is thrown. */
function readBody(req: http.IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit + MAX_DRAIN_BYTES) req.destroy();
      else if (size <= limit) chunks.push(c);
      else chunks.length = 0;
    });
    req.on('end', () => (size > limit ? reject(new HttpError(413, 'TOO_LARGE', `body over ${limit} bytes`)) : resolve(Buffer.concat(chunks).toString('utf8'))));
    req.on('error', reject);
    req.on('close', () => {
      if (!req.complete) reject(new Error('request closed before its end'));
    });
  });
}

/** Reads and discards what is left of a body (up to MAX_DRAIN_BYTES), so an early answer reaches the client. */
function drain(req: http.IncomingMessage): Promise<void> {
  if (req.complete || req.readableEnded) return Promise.resolve();
  return new Promise((resolve) => {
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_DRAIN_BYTES) req.destroy();
    });
    req.on('end', resolve);
    req.on('close', resolve);
    req.resume();
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
  const rateLimit = options.rateLimit === undefined ? DEFAULT_RATE_LIMIT : options.rateLimit;
  const limiter = rateLimit === null ? null : new KeyRateLimiter(rateLimit, options.monotonic);

  async function authenticate(req: http.IncomingMessage): Promise<KeyOwner & { readonly digest: string }> {
    const key = bearer(req);
    if (!key) throw new HttpError(401, 'UNAUTHENTICATED', 'missing Authorization: Bearer <key>');
    const digest = keyDigest(key);
    if (adminDigests.has(digest)) return { role: 'ADMIN', digest };
    const owner = await store.findKey(digest);
    if (!owner) throw new HttpError(401, 'UNAUTHENTICATED', 'unknown or revoked key');
    return { ...owner, digest };
  }

  async function requireAdmin(req: http.IncomingMessage): Promise<void> {
    const owner = await authenticate(req);
    if (owner.role !== 'ADMIN') throw new HttpError(403, 'FORBIDDEN', 'an HQ admin key is required');
  }

  async function postSession(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const owner = await authenticate(req);
    if (owner.role !== 'REGISTER') throw new HttpError(403, 'FORBIDDEN', 'only a register key can deliver sessions');
    const wait = limiter?.take(owner.digest) ?? 0;
    if (wait > 0) throw new HttpError(429, 'RATE_LIMITED', `too many deliveries for this key; retry in ${wait} s`, undefined, { retryInSeconds: wait });
    const body = await readBody(req, limit);
    const receivedAt = now().toISOString();
    const bodyBytes = Buffer.byteLength(body);
    const bodySha256 = createHash('sha256').update(body, 'utf8').digest('hex');
    // Only a prefix of a refused body is kept (whole characters: never a split UTF-16 pair).
    const prefix = body.slice(0, REJECTED_BODY_PREFIX).replace(/[\uD800-\uDBFF]$/, '');
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
        body: prefix,
        bodyBytes,
        bodySha256,
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
    const summary = summarize(verified.value);
    const outcome = await store.ingest(verified.value, summary, receivedAt);
    switch (outcome.kind) {
      case 'number_taken':
        await keep(409, 'SESSION_NUMBER_TAKEN', claimed, { sessionNumber: summary.sessionNumber, storedSessionId: outcome.storedSessionId });
        throw new HttpError(409, 'CONFLICT', `HQ already holds session ${summary.sessionNumber} of this register under another id`, 'SESSION_NUMBER_TAKEN', {
          sessionNumber: summary.sessionNumber,
          storedSessionId: outcome.storedSessionId,
        });
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

  async function jsonBody(req: http.IncomingMessage): Promise<unknown> {
    const text = await readBody(req, ADMIN_JSON_MAX);
    try {
      return text.trim() === '' ? {} : (JSON.parse(text) as unknown);
    } catch {
      throw new HttpError(400, 'BAD_REQUEST', 'body is not JSON');
    }
  }

  const segment = (s: string | undefined): string => {
    try {
      return decodeURIComponent(s ?? '');
    } catch {
      throw new HttpError(400, 'BAD_REQUEST', 'malformed percent-encoding in the path');
    }
  };

  /** Master data writes and lists, admin key only. Each answer is the record as written. */
  async function admin(req: http.IncomingMessage, res: http.ServerResponse, pathname: string, q: URLSearchParams): Promise<void> {
    await requireAdmin(req);
    const [what, id, verb, extra] = pathname.slice(ADMIN_PREFIX.length).split('/');
    const at = now();
    if (req.method === 'GET' && id === undefined && what !== undefined && ADMIN_LISTS[what]) {
      const records = await store.masterList(ADMIN_LISTS[what] ?? '');
      const items = records.map((r) => {
        const data = JSON.parse(r.data) as Record<string, unknown>;
        delete data['pinHash'];
        return { ...data, version: r.version };
      });
      return send(res, 200, { [what]: items });
    }
    if (req.method !== 'POST') throw new HttpError(405, 'NOT_FOUND', 'no such endpoint');
    if (what === 'branches' && id === undefined) return send(res, 201, { branch: await addBranch(store, await jsonBody(req), at) });
    if (what === 'registers' && id === undefined) return send(res, 201, await addRegister(store, await jsonBody(req), at));
    // Settings changes (hq/master.ts updateBranch / updateRegister): a JSON patch of the fields to change.
    if (what === 'branches' && id !== undefined && verb === undefined) return send(res, 200, { branch: await updateBranch(store, segment(id), await jsonBody(req), at) });
    if (what === 'registers' && id !== undefined && verb !== undefined && extra === undefined) return send(res, 200, { register: await updateRegister(store, segment(id), segment(verb), await jsonBody(req), at) });
    if (what === 'registers' && id !== undefined && verb !== undefined && extra === 'enrollment-code') {
      await drain(req);
      return send(res, 201, await issueEnrollmentCode(store, segment(id), segment(verb), at));
    }
    if (what === 'users' && id === undefined) return send(res, 201, { user: { ...(await addUser(store, await jsonBody(req), at)), pinHash: undefined } });
    if (what === 'users' && id !== undefined && verb === 'pin') {
      const body = (await jsonBody(req)) as { pin?: unknown };
      const user = await setUserPin(store, segment(id), typeof body.pin === 'string' ? body.pin : '', at);
      return send(res, 200, { user: { ...user, pinHash: undefined } });
    }
    if (what === 'users' && id !== undefined && verb === 'deactivate') {
      await drain(req);
      return send(res, 200, { user: { ...(await deactivateUser(store, segment(id), at)), pinHash: undefined } });
    }
    if (what === 'products' && id === 'import' && verb === undefined) {
      const currency = q.get('currency') ?? '';
      if (!(CURRENCY_CODES as readonly string[]).includes(currency)) throw new HttpError(400, 'BAD_REQUEST', `currency= must be one of ${CURRENCY_CODES.join(', ')}`);
      return send(res, 200, await importProducts(store, await readBody(req, limit), currency as CurrencyCode, at));
    }
    if (what === 'products' && id === undefined) return send(res, 201, { product: await addProduct(store, await jsonBody(req), at) });
    if (what === 'products' && id !== undefined && verb === 'price') {
      const body = (await jsonBody(req)) as { price?: unknown };
      return send(res, 200, { product: await setProductPrice(store, segment(id), typeof body.price === 'number' ? body.price : -1, at) });
    }
    if (what === 'providers' && id === undefined) return send(res, 200, { provider: await putProvider(store, await jsonBody(req), at) });
    throw new HttpError(404, 'NOT_FOUND', 'no such endpoint');
  }

  /** A register pulls its branch's master data changes (its own branch only, whatever it asks). */
  async function changes(req: http.IncomingMessage, res: http.ServerResponse, q: URLSearchParams): Promise<void> {
    const owner = await authenticate(req);
    if (owner.role !== 'REGISTER') throw new HttpError(403, 'FORBIDDEN', 'only a register key pulls master data');
    const page = await store.masterChanges(intParam(q, 'after', 0, Number.MAX_SAFE_INTEGER), owner.branchCode, Math.max(1, intParam(q, 'limit', 1000, MASTER_PAGE_MAX)));
    // The stored data is JSON this HQ wrote; it is sent as stored, inside the page.
    const body: ChangesPage = { changes: page.changes.map((c) => ({ version: c.version, entity: c.entity, key: c.key, branch: c.branch, data: JSON.parse(c.data) }) as ChangesPage['changes'][number]), next: page.next, head: page.head };
    return send(res, 200, body);
  }

  async function route(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://hq.invalid');
    } catch {
      throw new HttpError(400, 'BAD_REQUEST', 'malformed request path');
    }
    const q = url.searchParams;
    if (req.method === 'GET' && url.pathname === HQ_PATHS.health) return send(res, 200, { ok: true });
    if (url.pathname === HQ_PATHS.sessions && req.method === 'POST') return postSession(req, res);
    if (url.pathname === MASTER_PATHS.enroll && req.method === 'POST') {
      const body = (await jsonBody(req)) as { code?: unknown };
      if (typeof body.code !== 'string' || body.code.length > 40) throw new HttpError(400, 'BAD_REQUEST', 'body must be {"code": "<enrollment code>"}');
      return send(res, 201, await enroll(store, body.code, now()));
    }
    if (url.pathname === MASTER_PATHS.changes && req.method === 'GET') return changes(req, res, q);
    if (url.pathname.startsWith(ADMIN_PREFIX)) return admin(req, res, url.pathname, q);
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
      let id: string;
      try {
        id = decodeURIComponent(url.pathname.slice(HQ_PATHS.sessions.length + 1));
      } catch {
        throw new HttpError(400, 'BAD_REQUEST', 'malformed percent-encoding in the session id');
      }
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
      const pageSize = intParam(q, 'limit', 50, REJECTED_PAGE_MAX);
      const rejected = await store.listRejected(pageSize, intParam(q, 'after', 0, Number.MAX_SAFE_INTEGER));
      const last = rejected[rejected.length - 1];
      return send(res, 200, { rejected, next: rejected.length === pageSize && last ? last.id : null });
    }
    throw new HttpError(404, 'NOT_FOUND', 'no such endpoint');
  }

  const server = http.createServer((req, res) => {
    route(req, res).catch(async (e: unknown) => {
      const error =
        e instanceof HttpError ? e : e instanceof MasterError ? new HttpError(e.status, e.code, e.message, undefined, e.details) : new HttpError(500, 'INTERNAL', 'internal error; nothing was stored');
      if (!(e instanceof HttpError) && !(e instanceof MasterError)) console.error('[hq] internal error', e);
      // Answer once the client has finished writing, or it sees a reset instead of this answer.
      await drain(req);
      if (error.status === 429) res.setHeader('retry-after', String(error.details?.['retryInSeconds'] ?? 1));
      if (error.status === 413) res.setHeader('connection', 'close');
      sendError(res, error);
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
