import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { ApiStore } from './api-store.js';
import { installErrorHandling } from './errors.js';
import { HttpMetrics } from './http-metrics.js';
import { articleRoutes } from './routes/articles.js';
import { entityRoutes, type WatchedEntity } from './routes/entities.js';
import { eventsRoutes } from './routes/events.js';
import { feedRoutes } from './routes/feeds.js';
import { healthRoutes, type HealthCheck } from './routes/health.js';

export interface ApiDeps {
  store: ApiStore;
  /** More Prometheus text appended to /metrics (queues, workers…). */
  metrics?: () => string;
  /** Extra health facts merged into /healthz; a `status` other than "ok" makes it 503. */
  health?: HealthCheck;
  /** The configured watch-list, for GET /entities (empty without one). */
  entities?: readonly WatchedEntity[];
  /** Anchors relative times ("7d"); the clock is passed in like everywhere else. */
  now?: () => Date;
  /** Close the store when the app closes: for callers that hand the store over. */
  closeStore?: boolean;
  logger?: FastifyServerOptions['logger'];
}

/** The HTTP API as a Fastify app, not listening: `inject()` in tests, `listen()` in serve. */
export function buildApi(deps: ApiDeps): FastifyInstance {
  const app = Fastify({
    logger: deps.logger ?? false,
    // Read-only API: no request bodies to speak of.
    bodyLimit: 64 * 1024,
    // Query strings the API never reads are not an error; they are dropped.
    ajv: { customOptions: { removeAdditional: true, coerceTypes: 'array', useDefaults: true } },
  });
  const http = new HttpMetrics();
  http.install(app);
  installErrorHandling(app);

  const now = deps.now ?? (() => new Date());
  eventsRoutes(app, deps.store, now);
  articleRoutes(app, deps.store);
  entityRoutes(app, deps.store, deps.entities ?? []);
  feedRoutes(app, deps.store);
  healthRoutes(app, {
    store: deps.store,
    http,
    ...(deps.metrics ? { metrics: deps.metrics } : {}),
    ...(deps.health ? { health: deps.health } : {}),
  });

  if (deps.closeStore) app.addHook('onClose', async () => deps.store.close());
  return app;
}
