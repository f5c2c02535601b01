// What registers call besides delivering: redeem an enrollment code (no key: the code is the credential) and pull
// their branch's master data changes (their own branch only, whatever they ask).
import { z } from 'zod';
import type { ChangesPage } from '../../src/sync/master';
import { MASTER_PAGE_MAX, MASTER_PATHS } from '../../src/sync/master';
import type { HqRoutes } from '../http';
import { HttpError, intParam, jsonBody, keyOwnerOf, queryOf, sendJson } from '../http';
import { enroll, publishDuePriceChanges } from '../master';

/** Largest JSON body of an enrollment request. */
const ENROLL_JSON_MAX = 64 * 1024;
const EnrollBody = z.object({ code: z.string().max(40) });
const ENROLL_REFUSAL = 'body must be {"code": "<enrollment code>"}';

export const registerRoutes: HqRoutes = (app, ctx) => {
  const { store } = ctx;
  app.post(MASTER_PATHS.enroll, { config: { access: 'public' }, bodyLimit: ENROLL_JSON_MAX }, async (request, reply) => {
    const body = EnrollBody.safeParse(jsonBody(request));
    if (!body.success) throw new HttpError(400, 'BAD_REQUEST', ENROLL_REFUSAL);
    return sendJson(reply, 201, await enroll(store, body.data.code, ctx.now()));
  });

  app.get(MASTER_PATHS.changes, { config: { access: 'register' } }, async (request, reply) => {
    const owner = keyOwnerOf(request);
    if (owner.role !== 'REGISTER') throw new HttpError(403, 'FORBIDDEN', 'only a register key pulls master data');
    const q = queryOf(request);
    // Price changes that came due since the last write are published first, so a pull after the instant sees them.
    await publishDuePriceChanges(store, ctx.now());
    const page = await store.masterChanges(intParam(q, 'after', 0, Number.MAX_SAFE_INTEGER), owner.branchCode, Math.max(1, intParam(q, 'limit', 1000, MASTER_PAGE_MAX)));
    // The stored data is JSON this HQ wrote; it is sent as stored, inside the page.
    const body: ChangesPage = {
      changes: page.changes.map((c) => ({ version: c.version, entity: c.entity, key: c.key, branch: c.branch, data: JSON.parse(c.data) }) as ChangesPage['changes'][number]),
      next: page.next,
      head: page.head,
    };
    return sendJson(reply, 200, body);
  });
};
