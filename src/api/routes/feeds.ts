import type { FastifyInstance } from 'fastify';
import type { ApiStore } from '../api-store.js';

export function feedRoutes(app: FastifyInstance, store: ApiStore): void {
  // Poll state per feed: last success, last error and its kind, failures in a row, next check.
  app.get('/feeds', async () => store.listFeeds());
}
