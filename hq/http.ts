// HQ's HTTP plumbing shared by every route plugin (hq/routes/*.ts): the error type and the JSON answer, the body reader
// (bounded, draining), query helpers, API-key authentication, and the access level each route declares.
// Invariants: every answer is JSON `application/json; charset=utf-8` with `cache-control: no-store`; an error body is
// `{ error: { code, message, reason?, details? } }`; an answer is sent only after the request body was read or drained,
// so a client still writing receives it instead of a reset; every route declares its access level (server.ts refuses
// to start with a route that does not), and the access check runs before any body is read.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { IncomingMessage } from 'node:http';
import { z } from 'zod';
import type { HqError } from '../src/sync/protocol';
import { keyDigest } from './keys';
import type { KeyRateLimiter } from './rate-limit';
import type { HqStore, KeyOwner } from './store';

/**
 * Who may call a route, checked in an onRequest hook before the body is read:
 * - `public`: anyone (health, enrollment by code, the console's files, signing in);
 * - `register`: a register's key (the route checks the role itself, with its own message);
 * - `read`: an admin key or a console session of any role;
 * - `write`: an admin key, or a session of OWNER or HQ_MANAGER with its CSRF token;
 * - `owner`: a session of OWNER with its CSRF token (HQ people and keys; never the automation key).
 */
export type Access = 'public' | 'register' | 'read' | 'write' | 'owner';
export const ACCESS_LEVELS: readonly Access[] = ['public', 'register', 'read', 'write', 'owner'];

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Required on every route: see `Access`. */
    access?: Access;
  }
}

/** A refusal with its HTTP status and stable code; the error handler answers it as `{ error }`. */
export class HttpError extends Error {
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

/** Past the limit, this much more is read and discarded so the client gets its 413; beyond it the socket is cut. */
export const MAX_DRAIN_BYTES = 256 * 1024 * 1024;

/** Sends `body` as JSON with `status` (no-op once an answer was sent). */
export function sendJson(reply: FastifyReply, status: number, body: unknown): FastifyReply {
  if (reply.sent) return reply;
  return reply.code(status).header('content-type', 'application/json; charset=utf-8').header('cache-control', 'no-store').send(JSON.stringify(body));
}

export function errorBody(e: HttpError): HqError {
  return { error: { code: e.code, message: e.message, ...(e.reason === undefined ? {} : { reason: e.reason }), ...(e.details === undefined ? {} : { details: e.details }) } };
}

/**
 * Reads a body up to `limit` bytes as UTF-8; past it the rest is read and discarded (up to MAX_DRAIN_BYTES, then the
 * socket is cut) and a 413 TOO_LARGE is thrown once the client has finished writing.
 */
export function readBody(req: IncomingMessage, limit: number): Promise<string> {
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
export function drain(req: IncomingMessage): Promise<void> {
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

/** The body as read by the server's one content parser: the text, or '' when the request had none. */
export function bodyText(request: FastifyRequest): string {
  return typeof request.body === 'string' ? request.body : '';
}

/** The body parsed as JSON ('' is `{}`); 400 BAD_REQUEST when it is not JSON. Validation is the caller's, with zod. */
export function jsonBody(request: FastifyRequest): unknown {
  const text = bodyText(request);
  try {
    return text.trim() === '' ? {} : (JSON.parse(text) as unknown);
  } catch {
    throw new HttpError(400, 'BAD_REQUEST', 'body is not JSON');
  }
}

/** Parses `input` with `schema`; a failure is a 400 BAD_REQUEST carrying the first issue's message. */
export function parseOr400<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const r = schema.safeParse(input);
  if (!r.success) throw new HttpError(400, 'BAD_REQUEST', r.error.issues[0]?.message ?? 'invalid request');
  return r.data;
}

/** The query string as URLSearchParams (repeated names: the first wins, as before the port). */
export function queryOf(request: FastifyRequest): URLSearchParams {
  const i = request.url.indexOf('?');
  return new URLSearchParams(i < 0 ? '' : request.url.slice(i + 1));
}

const NonNegative = (name: string) => z.string().regex(/^\d+$/, `${name} must be a non-negative integer`);
const IsoDay = (name: string) => z.string().regex(/^\d{4}-\d{2}-\d{2}$/, `${name} must be YYYY-MM-DD`);

/** A non-negative integer query parameter, `dflt` when absent, capped at `max`; else 400. */
export function intParam(q: URLSearchParams, name: string, dflt: number, max: number): number {
  const v = q.get(name);
  if (v === null) return dflt;
  return Math.min(Number(parseOr400(NonNegative(name), v)), max);
}

/** A YYYY-MM-DD query parameter, undefined when absent; else 400. */
export function dateParam(q: URLSearchParams, name: string): string | undefined {
  const v = q.get(name);
  return v === null ? undefined : parseOr400(IsoDay(name), v);
}

/** The key of `Authorization: Bearer <key>`, or null. */
export function bearer(request: FastifyRequest): string | null {
  const h = request.headers.authorization;
  if (!h) return null;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(h);
  return m?.[1] ?? null;
}

/** What every route plugin receives: the store, the clock, limits and the key checks. */
export interface HqContext {
  readonly store: HqStore;
  readonly now: () => Date;
  /** Largest delivery (and CSV import) body, in bytes. */
  readonly maxBodyBytes: number;
  readonly limiter: KeyRateLimiter | null;
  /** The key owner of a request, or 401. */
  authenticate(request: FastifyRequest): Promise<KeyOwner & { readonly digest: string }>;
}

export function keyAuthenticator(store: HqStore, adminDigests: ReadonlySet<string>): HqContext['authenticate'] {
  return async (request) => {
    const key = bearer(request);
    if (!key) throw new HttpError(401, 'UNAUTHENTICATED', 'missing Authorization: Bearer <key>');
    const digest = keyDigest(key);
    if (adminDigests.has(digest)) return { role: 'ADMIN', digest };
    const owner = await store.findKey(digest);
    if (!owner) throw new HttpError(401, 'UNAUTHENTICATED', 'unknown or revoked key');
    return { ...owner, digest };
  };
}

const keyOwners = new WeakMap<FastifyRequest, KeyOwner & { readonly digest: string }>();
/** Records the key owner the access check found (server.ts, for `register` routes). */
export function setKeyOwner(request: FastifyRequest, owner: KeyOwner & { readonly digest: string }): void {
  keyOwners.set(request, owner);
}
/** The key owner of a `register` route's request; a bug (throws) on a route that has none. */
export function keyOwnerOf(request: FastifyRequest): KeyOwner & { readonly digest: string } {
  const owner = keyOwners.get(request);
  if (!owner) throw new Error(`no key owner on ${request.method} ${request.url}: the route's access is not 'register'`);
  return owner;
}

/** A route plugin: registers its routes on `app`, each with `config.access`. */
export type HqRoutes = (app: import('fastify').FastifyInstance, ctx: HqContext) => void | Promise<void>;
