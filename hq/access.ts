// The one access check, run in an onRequest hook for every route before its body is read (hq/http.ts `Access`).
// Invariants: the automation key (Authorization: Bearer) is judged alone when present, and never opens `owner` or
// `session` routes; without it the console session cookie is the only credential: an unknown or expired session is a
// 401 that clears the cookie; a request with a session and any method but GET/HEAD carries the session's CSRF token in
// `x-csrf-token` and, when it sends an Origin, HQ's own origin, or is refused 403 CSRF_REFUSED before its role is even
// looked at; AUDITOR reads only, HQ_MANAGER everything but HQ people and keys, OWNER everything.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Access, HqContext } from './http';
import { HttpError, bearer, setKeyOwner, setPerson } from './http';
import { csrfTokenOf, sameSecret } from './people';

/** The console session cookie. */
export const SESSION_COOKIE = 'hq_session';
export const CSRF_HEADER = 'x-csrf-token';

const SAFE_METHODS = new Set(['GET', 'HEAD']);

/** Cookie attributes: never readable by script, sent only over HTTPS (browsers treat loopback as secure), same site only. */
export const SESSION_COOKIE_OPTIONS = { httpOnly: true, secure: true, sameSite: 'strict', path: '/' } as const;

function sameOrigin(request: FastifyRequest): boolean {
  const origin = request.headers.origin;
  if (origin === undefined) return true;
  try {
    return new URL(origin).host === request.headers.host;
  } catch {
    return false;
  }
}

export async function checkAccess(ctx: HqContext, access: Access | undefined, request: FastifyRequest, reply: FastifyReply): Promise<void> {
  switch (access) {
    case undefined: // the not-found handler
    case 'public':
      return;
    case 'register':
      setKeyOwner(request, await ctx.authenticate(request));
      return;
    case 'read':
    case 'write':
    case 'owner':
    case 'session':
      break;
  }
  if (bearer(request) !== null) {
    if (access === 'owner' || access === 'session') throw new HttpError(403, 'FORBIDDEN', 'this needs a console session (the admin key is for automation)');
    const owner = await ctx.authenticate(request);
    if (owner.role !== 'ADMIN') throw new HttpError(403, 'FORBIDDEN', 'an HQ admin key is required');
    return;
  }
  const token = request.cookies[SESSION_COOKIE];
  if (!token) throw new HttpError(401, 'UNAUTHENTICATED', 'missing Authorization: Bearer <key>');
  const person = await ctx.people.session(token, ctx.now());
  if (!person) {
    reply.clearCookie(SESSION_COOKIE, SESSION_COOKIE_OPTIONS);
    throw new HttpError(401, 'UNAUTHENTICATED', 'session expired or signed out; sign in again');
  }
  if (!SAFE_METHODS.has(request.method)) {
    const sent = request.headers[CSRF_HEADER];
    if (typeof sent !== 'string' || !sameSecret(sent, csrfTokenOf(token)) || !sameOrigin(request)) throw new HttpError(403, 'CSRF_REFUSED', 'missing or wrong CSRF token; reload the console');
  }
  if (access === 'write' && person.role === 'AUDITOR') throw new HttpError(403, 'FORBIDDEN', 'an auditor reads only');
  if (access === 'owner' && person.role !== 'OWNER') throw new HttpError(403, 'FORBIDDEN', 'only an owner manages HQ people and keys');
  setPerson(request, person, token);
}
