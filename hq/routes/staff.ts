// Staff for the console: a register user's name, role and active flag (`POST /v1/admin/users/<username>`), on top of
// the admin API's create, PIN reset and deactivate (routes/admin.ts). `write` access: an admin key, or an OWNER or
// HQ_MANAGER session with its CSRF token. The answer never shows the PIN hash.
import type { HqRoutes } from '../http';
import { jsonBody, sendJson } from '../http';
import { updateUser } from '../master';
import { ADMIN_JSON_MAX } from './admin';

export const staffRoutes: HqRoutes = (app, ctx) => {
  app.post('/v1/admin/users/:username', { config: { access: 'write' }, bodyLimit: ADMIN_JSON_MAX }, async (request, reply) => {
    const user = await updateUser(ctx.store, (request.params as { username: string }).username, jsonBody(request), ctx.now());
    return sendJson(reply, 200, { user: { ...user, pinHash: undefined } });
  });
};
