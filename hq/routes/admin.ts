// The master data API (`/v1/admin/...`): writes and lists of branches, registers (with enrollment codes), users,
// products and agent providers, on the operations of hq/master.ts, which validate every body with zod. Reads need
// `read` access, writes `write` (an admin key, or a console session of OWNER or HQ_MANAGER with its CSRF token).
// Each answer is the record as written; a user never shows its PIN hash. Unknown admin paths answer after the access
// check: 405 for another method, 404 for an unknown POST, as before the port.
import type { FastifyRequest } from 'fastify';
import type { CurrencyCode } from '../../src/money/currencies';
import { CURRENCY_CODES } from '../../src/money/currencies';
import type { HqRoutes } from '../http';
import { HttpError, bodyText, jsonBody, sendJson } from '../http';
import {
  addBranch,
  addProduct,
  addRegister,
  addUser,
  deactivateUser,
  importProducts,
  issueEnrollmentCode,
  publishDuePriceChanges,
  putProvider,
  setProductPrice,
  setUserPin,
  updateBranch,
  updateRegister,
} from '../master';
import { queryOf } from '../http';

/** Largest JSON body of an admin request (a CSV import may be as large as the delivery limit). */
export const ADMIN_JSON_MAX = 64 * 1024;
/** Entities the admin API lists (GET /v1/admin/<plural>); users never show their PIN hash. */
const ADMIN_LISTS: Readonly<Record<string, string>> = { branches: 'BRANCH', registers: 'REGISTER', users: 'USER', products: 'PRODUCT', providers: 'PROVIDER' };

const param = (request: FastifyRequest, name: string): string => (request.params as Record<string, string>)[name] ?? '';
const noSuchEndpoint = (status: 404 | 405) => () => {
  throw new HttpError(status, 'NOT_FOUND', 'no such endpoint');
};

export const adminRoutes: HqRoutes = (app, ctx) => {
  const { store } = ctx;
  const write = { config: { access: 'write' as const }, bodyLimit: ADMIN_JSON_MAX };

  app.get('/v1/admin/:what', { config: { access: 'read' } }, async (request, reply) => {
    const what = param(request, 'what');
    const entity = ADMIN_LISTS[what];
    if (!entity) throw new HttpError(405, 'NOT_FOUND', 'no such endpoint');
    if (entity === 'PRODUCT') await publishDuePriceChanges(store, ctx.now());
    const records = await store.masterList(entity);
    const items = records.map((r) => {
      const data = JSON.parse(r.data) as Record<string, unknown>;
      delete data['pinHash'];
      return { ...data, version: r.version };
    });
    return sendJson(reply, 200, { [what]: items });
  });

  app.post('/v1/admin/branches', write, async (request, reply) => sendJson(reply, 201, { branch: await addBranch(store, jsonBody(request), ctx.now()) }));
  app.post('/v1/admin/registers', write, async (request, reply) => sendJson(reply, 201, await addRegister(store, jsonBody(request), ctx.now())));
  app.post('/v1/admin/registers/:branch/:register/enrollment-code', write, async (request, reply) =>
    sendJson(reply, 201, await issueEnrollmentCode(store, param(request, 'branch'), param(request, 'register'), ctx.now())),
  );
  // Settings changes (hq/master.ts updateBranch / updateRegister): a JSON patch of the fields to change, one logged change.
  app.post('/v1/admin/branches/:code', write, async (request, reply) => sendJson(reply, 200, { branch: await updateBranch(store, param(request, 'code'), jsonBody(request), ctx.now()) }));
  app.post('/v1/admin/registers/:branch/:register', write, async (request, reply) =>
    sendJson(reply, 200, { register: await updateRegister(store, param(request, 'branch'), param(request, 'register'), jsonBody(request), ctx.now()) }),
  );
  app.post('/v1/admin/users', write, async (request, reply) => sendJson(reply, 201, { user: { ...(await addUser(store, jsonBody(request), ctx.now())), pinHash: undefined } }));
  app.post('/v1/admin/users/:username/pin', write, async (request, reply) => {
    const body = jsonBody(request) as { pin?: unknown };
    const user = await setUserPin(store, param(request, 'username'), typeof body.pin === 'string' ? body.pin : '', ctx.now());
    return sendJson(reply, 200, { user: { ...user, pinHash: undefined } });
  });
  app.post('/v1/admin/users/:username/deactivate', write, async (request, reply) =>
    sendJson(reply, 200, { user: { ...(await deactivateUser(store, param(request, 'username'), ctx.now())), pinHash: undefined } }),
  );
  app.post('/v1/admin/products/import', { ...write, bodyLimit: ctx.maxBodyBytes }, async (request, reply) => {
    const currency = queryOf(request).get('currency') ?? '';
    if (!(CURRENCY_CODES as readonly string[]).includes(currency)) throw new HttpError(400, 'BAD_REQUEST', `currency= must be one of ${CURRENCY_CODES.join(', ')}`);
    return sendJson(reply, 200, await importProducts(store, bodyText(request), currency as CurrencyCode, ctx.now()));
  });
  app.post('/v1/admin/products', write, async (request, reply) => sendJson(reply, 201, { product: await addProduct(store, jsonBody(request), ctx.now()) }));
  app.post('/v1/admin/products/:sku/price', write, async (request, reply) => {
    const body = jsonBody(request) as { price?: unknown };
    return sendJson(reply, 200, { product: await setProductPrice(store, param(request, 'sku'), typeof body.price === 'number' ? body.price : -1, ctx.now()) });
  });
  app.post('/v1/admin/providers', write, async (request, reply) => sendJson(reply, 200, { provider: await putProvider(store, jsonBody(request), ctx.now()) }));

  app.post('/v1/admin/*', write, noSuchEndpoint(404));
  app.get('/v1/admin/*', { config: { access: 'read' } }, noSuchEndpoint(405));
  app.route({ method: ['PUT', 'DELETE', 'PATCH'], url: '/v1/admin/*', config: { access: 'write' }, handler: noSuchEndpoint(405) });
};
