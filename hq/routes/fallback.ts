// What no other route answers. A GET needs `read` access before it learns that nothing is there (as before the port:
// 401 without a key, 404 with one); other methods get 404 from the server's not-found handler.
import type { HqRoutes } from '../http';
import { HttpError } from '../http';

export const fallbackRoutes: HqRoutes = (app) => {
  app.get('/*', { config: { access: 'read' } }, () => {
    throw new HttpError(404, 'NOT_FOUND', 'no such endpoint');
  });
};
