// The console's files (Vite's build of hq/console/ in dist/console): index.html at / and hashed assets under
// /assets/. Public, as they carry no data: every API call they make passes the access check. Served with a strict
// CSP (no inline script, same-origin connections only), no framing and no referrer. Without a build, / answers 404.
import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyReply } from 'fastify';
import type { HqRoutes } from '../http';
import { HttpError } from '../http';

const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

const hardened = (reply: FastifyReply): FastifyReply =>
  reply.header('content-security-policy', CSP).header('x-content-type-options', 'nosniff').header('x-frame-options', 'DENY').header('referrer-policy', 'no-referrer');

export const consoleRoutes: HqRoutes = async (app, ctx) => {
  const dir = ctx.consoleDir;
  const built = dir !== null && existsSync(path.join(dir, 'index.html'));
  if (built) await app.register(fastifyStatic, { root: dir, serve: false, decorateReply: true });
  const notBuilt = () => new HttpError(404, 'NOT_FOUND', 'the console is not built (npm run build:console)');

  app.get('/', { config: { access: 'public' } }, (_request, reply) => {
    if (!built) throw notBuilt();
    return hardened(reply).header('cache-control', 'no-store').sendFile('index.html');
  });
  app.get('/assets/*', { config: { access: 'public' } }, (request, reply) => {
    if (!built) throw notBuilt();
    const file = (request.params as { '*': string })['*'];
    // Vite names assets by content hash, so they may be kept for a year.
    return hardened(reply).header('cache-control', 'public, max-age=31536000, immutable').sendFile(path.posix.join('assets', file));
  });
};
