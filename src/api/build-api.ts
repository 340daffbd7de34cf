import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { ApiStore } from './api-store.js';
import { documentDoor, requireBearer } from './door.js';
import { frameworkErrors, installErrorHandling } from './errors.js';
import { HttpMetrics } from './http-metrics.js';
import { openApiRoutes, registerOpenApi } from './openapi.js';
import { addResponseSchemas } from './response-schemas.js';
import { trackRoutes } from './route-list.js';
import { articleRoutes } from './routes/articles.js';
import { entityRoutes, type WatchedEntity } from './routes/entities.js';
import { eventsRoutes } from './routes/events.js';
import { feedRoutes } from './routes/feeds.js';
import { healthRoutes, type HealthCheck } from './routes/health.js';
import { statsRoutes } from './routes/stats.js';
import { webRoutes } from './routes/web.js';

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
  /** Settings.api.token: when set, every route but /healthz wants it as a bearer token. */
  token?: string | null;
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
    frameworkErrors,
  });
  trackRoutes(app);
  // Response schemas document the answers (/openapi.json) and tests hold the answers to
  // them; serializing through them would silently drop any field a schema lacks.
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));
  app.addHook('onRoute', documentDoor);
  if (deps.token) requireBearer(app, deps.token);
  const http = new HttpMetrics();
  http.install(app);
  installErrorHandling(app);
  addResponseSchemas(app);
  registerOpenApi(app);

  const now = deps.now ?? (() => new Date());
  // Every route goes inside this plugin: it loads after the OpenAPI plugin, which learns
  // routes as they are added (a route added on the root here would be missing from
  // /openapi.json, and tests/api/openapi.test.ts would say so).
  app.register(async (api) => {
    openApiRoutes(api);
    eventsRoutes(api, deps.store, now);
    articleRoutes(api, deps.store);
    entityRoutes(api, deps.store, deps.entities ?? []);
    feedRoutes(api, deps.store);
    statsRoutes(api, deps.store, now);
    webRoutes(api);
    healthRoutes(api, {
      store: deps.store,
      http,
      ...(deps.metrics ? { metrics: deps.metrics } : {}),
      ...(deps.health ? { health: deps.health } : {}),
    });
  });

  if (deps.closeStore) app.addHook('onClose', async () => deps.store.close());
  return app;
}
