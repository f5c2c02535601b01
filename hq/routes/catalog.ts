// Catalog for the console: change a product's details (`POST /v1/admin/products/<sku>`), and price changes scheduled
// from an instant (`GET|POST /v1/admin/price-changes`, `POST /v1/admin/price-changes/<id>/cancel`), kept at HQ and
// published as ordinary product changes once due (hq/master.ts publishDuePriceChanges). Reads need `read`, writes
// `write` access.
import type { HqRoutes } from '../http';
import { jsonBody, sendJson } from '../http';
import { cancelPriceChange, listPriceChanges, publishDuePriceChanges, schedulePriceChange, updateProduct } from '../master';
import { ADMIN_JSON_MAX } from './admin';

export const catalogRoutes: HqRoutes = (app, ctx) => {
  const { store } = ctx;
  const write = { config: { access: 'write' as const }, bodyLimit: ADMIN_JSON_MAX };
  const param = (params: unknown, name: string): string => (params as Record<string, string>)[name] ?? '';

  app.post('/v1/admin/products/:sku', write, async (request, reply) =>
    sendJson(reply, 200, { product: await updateProduct(store, param(request.params, 'sku'), jsonBody(request), ctx.now()) }),
  );
  app.get('/v1/admin/price-changes', { config: { access: 'read' } }, async (_request, reply) => {
    await publishDuePriceChanges(store, ctx.now());
    return sendJson(reply, 200, { priceChanges: await listPriceChanges(store) });
  });
  app.post('/v1/admin/price-changes', write, async (request, reply) => sendJson(reply, 201, { priceChange: await schedulePriceChange(store, jsonBody(request), ctx.now()) }));
  app.post('/v1/admin/price-changes/:id/cancel', write, async (request, reply) =>
    sendJson(reply, 200, { priceChange: await cancelPriceChange(store, param(request.params, 'id'), ctx.now()) }),
  );
};
