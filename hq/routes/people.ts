// The console's people routes: sign in and out, who am I, and (OWNER only) HQ people and register keys.
// Sign-in is public and throttled per client address on top of the per-name lock-out (people.ts), so spraying one
// password over many names is slowed too. The session token goes only into an http-only, Secure, SameSite=Strict
// cookie; the CSRF token derived from it is answered in the body for the console to send back in `x-csrf-token`.
import { z } from 'zod';
import { CSRF_HEADER, SESSION_COOKIE, SESSION_COOKIE_OPTIONS } from '../access';
import type { HqRoutes } from '../http';
import { HttpError, jsonBody, parseOr400, personOf, sendJson } from '../http';
import { SESSION_ABSOLUTE_MS, csrfTokenOf } from '../people';

const SignIn = z.strictObject({ username: z.string().max(80), password: z.string().max(200) });
const Code = z.string().regex(/^[A-Z0-9_-]{1,16}$/, 'A-Z, 0-9, _ and -, up to 16');

export const peopleRoutes: HqRoutes = (app, ctx) => {
  const { people } = ctx;
  const small = { bodyLimit: 4 * 1024 };

  app.post('/v1/console/login', { ...small, config: { access: 'public' } }, async (request, reply) => {
    const wait = ctx.signInLimiter?.take(request.ip) ?? 0;
    if (wait > 0) throw new HttpError(429, 'RATE_LIMITED', `too many sign-ins from this address; retry in ${wait} s`, undefined, { retryInSeconds: wait });
    const input = parseOr400(SignIn, jsonBody(request));
    const { person, token } = await people.signIn(input.username, input.password, ctx.now());
    reply.setCookie(SESSION_COOKIE, token, { ...SESSION_COOKIE_OPTIONS, maxAge: SESSION_ABSOLUTE_MS / 1000 });
    return sendJson(reply, 200, { person, csrfToken: csrfTokenOf(token), csrfHeader: CSRF_HEADER });
  });

  app.post('/v1/console/logout', { ...small, config: { access: 'session' } }, async (request, reply) => {
    const signedIn = personOf(request);
    if (signedIn) await people.signOut(signedIn.token);
    reply.clearCookie(SESSION_COOKIE, SESSION_COOKIE_OPTIONS);
    return sendJson(reply, 200, { ok: true });
  });

  app.get('/v1/console/me', { config: { access: 'session' } }, (request, reply) => {
    const signedIn = personOf(request);
    if (!signedIn) throw new Error('a session route without its person');
    return sendJson(reply, 200, { person: signedIn.person, csrfToken: csrfTokenOf(signedIn.token), csrfHeader: CSRF_HEADER });
  });

  app.get('/v1/console/users', { config: { access: 'owner' } }, async (_request, reply) => sendJson(reply, 200, { users: await people.list() }));
  app.post('/v1/console/users', { ...small, config: { access: 'owner' } }, async (request, reply) => sendJson(reply, 201, { user: await people.add(jsonBody(request), ctx.now()) }));
  app.post('/v1/console/users/:username', { ...small, config: { access: 'owner' } }, async (request, reply) =>
    sendJson(reply, 200, { user: await people.change((request.params as { username: string }).username, jsonBody(request), ctx.now()) }),
  );

  // Register keys: which registers hold a live key, and revoking one (the register must enroll again with a new code).
  app.get('/v1/console/keys', { config: { access: 'owner' } }, async (_request, reply) => {
    const keys = await ctx.store.sql.all<{ role: string; branchCode: string | null; registerCode: string | null; createdAt: string; revokedAt: string | null }>(
      'SELECT role, branch_code AS "branchCode", register_code AS "registerCode", created_at AS "createdAt", revoked_at AS "revokedAt" FROM api_keys ORDER BY created_at',
    );
    return sendJson(reply, 200, { keys });
  });
  app.post('/v1/console/registers/:branch/:register/revoke-key', { ...small, config: { access: 'owner' } }, async (request, reply) => {
    const p = request.params as { branch: string; register: string };
    const branch = parseOr400(Code, p.branch);
    const register = parseOr400(Code, p.register);
    const revoked = await ctx.store.sql.run("UPDATE api_keys SET revoked_at = ? WHERE role = 'REGISTER' AND branch_code = ? AND register_code = ? AND revoked_at IS NULL", [ctx.now().toISOString(), branch, register]);
    return sendJson(reply, 200, { revoked });
  });
};
