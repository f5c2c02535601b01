// The HQ server on Fastify: registers deliver sealed sessions and pull master data; managers read sessions and the
// daily report and write master data. The routes live in small plugins (hq/routes/*.ts), one line each in `ROUTES`.
// Invariants: every route declares its access level (`config.access`, hq/http.ts) or the server refuses to start, and
// that level is checked in an onRequest hook before any body is read; there is one body parser, which reads up to the
// route's `bodyLimit` and past it drains to the end before the 413, so a client still writing receives its answer;
// every error is `{ error: { code, message, reason?, details? } }` sent after the body was read or drained. The wire
// contract of register delivery (paths, statuses, bodies, headers) is the one hq/README.md describes.
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import type http from 'node:http';
import cookie from '@fastify/cookie';
import Fastify from 'fastify';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { HqContext, HqRoutes } from './http';
import { checkAccess } from './access';
import { ACCESS_LEVELS, HttpError, drain, errorBody, keyAuthenticator, readBody, sendJson } from './http';
import { MasterError } from './master';
import { People, PeopleError } from './people';
import type { RateLimit } from './rate-limit';
import { DEFAULT_RATE_LIMIT, KeyRateLimiter } from './rate-limit';
import { adminRoutes } from './routes/admin';
import { catalogRoutes } from './routes/catalog';
import { consoleRoutes } from './routes/console';
import { deliveryRoutes } from './routes/deliveries';
import { fallbackRoutes } from './routes/fallback';
import { healthRoutes } from './routes/health';
import { peopleRoutes } from './routes/people';
import { readRoutes } from './routes/reads';
import { registerRoutes } from './routes/registers';
import { reportRoutes } from './routes/reports';
import { staffRoutes } from './routes/staff';
import { streamRoutes } from './routes/stream';
import type { HqStore } from './store';

/**
 * The largest bundle HQ reads. Measured: a register's real bundle takes about 3 KB per sale of 10 lines and two tenders
 * (300 such sales: 0.90 MB), so 16 MiB holds a session of about 5,500 ten-line sales, well over twice the busiest
 * shift we plan for (2,000 sales). See hq/README.md.
 */
export const DEFAULT_MAX_BODY_BYTES = 16 * 1024 * 1024;
/** A route that does not name its own `bodyLimit` reads at most this much (JSON of an admin or console request). */
const DEFAULT_ROUTE_BODY_BYTES = 64 * 1024;
/** Node's own defaults before the port, kept: a whole request within 5 min, an idle keep-alive socket closed at 5 s. */
const REQUEST_TIMEOUT_MS = 300_000;
const KEEP_ALIVE_TIMEOUT_MS = 5_000;

/** Every route plugin, in registration order. Add a feature's routes with one line here. */
const ROUTES: readonly HqRoutes[] = [healthRoutes, deliveryRoutes, streamRoutes, readRoutes, registerRoutes, adminRoutes, staffRoutes, catalogRoutes, reportRoutes, peopleRoutes, consoleRoutes, fallbackRoutes];

export interface HqServerOptions {
  readonly store: HqStore;
  readonly now?: () => Date;
  readonly maxBodyBytes?: number;
  /** Digests of admin keys given by configuration (e.g. HQ_ADMIN_KEY), on top of those stored. */
  readonly adminKeyDigests?: readonly string[];
  /** Deliveries per register key (token bucket); null turns the limit off (tests, benchmarks). */
  readonly rateLimit?: RateLimit | null;
  /** Monotonic milliseconds for the rate limiters (tests). */
  readonly monotonic?: () => number;
  /** The console's built files; default dist/console beside this checkout; null serves no console. */
  readonly consoleDir?: string | null;
  /** Console sign-ins per client address (default SIGN_IN_RATE); null turns it off (tests). */
  readonly signInRateLimit?: RateLimit | null;
}

/** Console sign-ins per client address: 20 at once, then one every 5 s (on top of the per-name lock-out). */
export const SIGN_IN_RATE: RateLimit = { burst: 20, perSecond: 0.2 };

export interface HqServer {
  readonly server: http.Server;
  /** Every route as `METHOD path` with its access level, once listening (for the security tests). */
  routes(): readonly { readonly method: string; readonly url: string; readonly access: string }[];
  listen(port?: number, host?: string): Promise<string>;
  close(): Promise<void>;
}

export function createHqServer(options: HqServerOptions): HqServer {
  const { store } = options;
  const rateLimit = options.rateLimit === undefined ? DEFAULT_RATE_LIMIT : options.rateLimit;
  const ctx: HqContext = {
    store,
    now: options.now ?? (() => new Date()),
    maxBodyBytes: options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
    limiter: rateLimit === null ? null : new KeyRateLimiter(rateLimit, options.monotonic),
    authenticate: keyAuthenticator(store, new Set(options.adminKeyDigests ?? [])),
    people: new People(store.sql),
    consoleDir: options.consoleDir === undefined ? fileURLToPath(new URL('../dist/console', import.meta.url)) : options.consoleDir,
    signInLimiter: options.signInRateLimit === null ? null : new KeyRateLimiter(options.signInRateLimit ?? SIGN_IN_RATE, options.monotonic),
  };

  async function answerError(e: unknown, request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const error =
      e instanceof HttpError
        ? e
        : e instanceof MasterError
          ? new HttpError(e.status, e.code, e.message, undefined, e.details)
          : e instanceof PeopleError
            ? new HttpError(e.status, e.code, e.message, undefined, e.details)
            : fastifyRefusal(e) ?? new HttpError(500, 'INTERNAL', 'internal error; nothing was stored');
    if (error.status === 500) console.error('[hq] internal error', e);
    // Answer once the client has finished writing, or it sees a reset instead of this answer.
    await drain(request.raw);
    if (error.status === 429) reply.header('retry-after', String(error.details?.['retryInSeconds'] ?? 1));
    if (error.status === 413) reply.header('connection', 'close');
    sendJson(reply, error.status, errorBody(error));
  }

  const app = Fastify({
    logger: false,
    requestTimeout: REQUEST_TIMEOUT_MS,
    keepAliveTimeout: KEEP_ALIVE_TIMEOUT_MS,
    forceCloseConnections: true,
    exposeHeadRoutes: false,
    bodyLimit: DEFAULT_ROUTE_BODY_BYTES,
    // A malformed percent-escape in the path is the client's mistake: 400, never a 500.
    frameworkErrors: (error, request, reply) => {
      const inSession = request.url.startsWith('/v1/sessions/');
      const refusal = error.code === 'FST_ERR_BAD_URL' ? new HttpError(400, 'BAD_REQUEST', inSession ? 'malformed percent-encoding in the session id' : 'malformed percent-encoding in the path') : null;
      void answerError(refusal ?? error, request, reply);
    },
  });

  // One parser for every content type: the body as text, within the route's limit (see readBody).
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', (request: FastifyRequest, payload: http.IncomingMessage) => readBody(payload, request.routeOptions.bodyLimit ?? DEFAULT_ROUTE_BODY_BYTES));

  const routes: { method: string; url: string; access: string }[] = [];
  app.addHook('onRoute', (route) => {
    const access = route.config?.access;
    if (access === undefined || !ACCESS_LEVELS.includes(access)) throw new Error(`HQ route ${String(route.method)} ${route.url} declares no access level (config.access)`);
    for (const method of [route.method].flat()) routes.push({ method, url: route.url, access });
  });

  app.setErrorHandler((e, request, reply) => answerError(e, request, reply));
  app.setNotFoundHandler((request, reply) => answerError(new HttpError(404, 'NOT_FOUND', 'no such endpoint'), request, reply));

  // Cookies are parsed at the root (a fastify-plugin), before the access check of the scope holding every route.
  void app.register(cookie);
  void app.register(async (scope) => {
    scope.addHook('onRequest', (request, reply) => checkAccess(ctx, request.routeOptions.config.access, request, reply));
    for (const plugin of ROUTES) await scope.register(async (instance) => plugin(instance, ctx));
  });

  return {
    server: app.server,
    routes: () => routes,
    listen: async (port = 0, host = '127.0.0.1') => {
      await app.listen({ port, host });
      const a = app.server.address() as AddressInfo;
      return `http://${a.family === 'IPv6' ? `[${a.address}]` : a.address}:${a.port}`;
    },
    close: () => app.close(),
  };
}

/** Fastify's own refusals (bad media type, body parser errors ...) keep their status as a BAD_REQUEST-like answer. */
function fastifyRefusal(e: unknown): HttpError | null {
  const f = e as Partial<FastifyError>;
  if (typeof f.statusCode !== 'number' || f.statusCode < 400 || f.statusCode >= 500) return null;
  return new HttpError(f.statusCode, f.statusCode === 413 ? 'TOO_LARGE' : 'BAD_REQUEST', f.message ?? 'bad request');
}
