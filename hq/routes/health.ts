// GET /v1/health: no key, answers {ok:true} while the process serves.
import { HQ_PATHS } from '../../src/sync/protocol';
import type { HqRoutes } from '../http';
import { sendJson } from '../http';

export const healthRoutes: HqRoutes = (app) => {
  app.get(HQ_PATHS.health, { config: { access: 'public' } }, (_request, reply) => sendJson(reply, 200, { ok: true }));
};
