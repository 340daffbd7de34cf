import type { FastifyInstance } from 'fastify';
import type { ApiStore } from '../api-store.js';
import { redactUrl, redactUrlsIn } from '../../text/redact-url.js';
import { feedsResponses } from '../response-schemas.js';

export function feedRoutes(app: FastifyInstance, store: ApiStore): void {
  // Poll state per feed: last success, last error and its kind, failures in a row, next check.
  // URLs and errors without the credentials a feed URL may carry.
  app.get('/feeds', { schema: { description: 'The health of every configured feed: last success, last error, failures in a row, next check.', response: feedsResponses } }, async () =>
    (await store.listFeeds()).map((f) => ({ ...f, url: redactUrl(f.url), lastError: f.lastError === null ? null : redactUrlsIn(f.lastError) })),
  );
}
