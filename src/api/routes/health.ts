import type { FastifyInstance } from 'fastify';
import { VERSION } from '../../version.js';
import type { ApiStore } from '../api-store.js';
import { gauge, type HttpMetrics } from '../http-metrics.js';
import { healthResponses, metricsResponses } from '../response-schemas.js';

export type HealthCheck = () => Promise<Record<string, unknown>> | Record<string, unknown>;

export interface HealthDeps {
  store: ApiStore;
  http: HttpMetrics;
  metrics?: () => string;
  health?: HealthCheck;
}

/** Numeric fields of the store's stats as gauges: newsmon_store_<field>. */
export function storeGauges(stats: object): string {
  return Object.entries(stats)
    .filter(([, v]) => typeof v === 'number')
    .map(([k, v]) => gauge(`newsmon_store_${snake(k)}`, `Store statistic "${k}".`, [['', v as number]]))
    .join('');
}

function snake(k: string): string {
  return k.replace(/([a-z0-9])([A-Z])/g, '$1_$2').replace(/[^a-zA-Z0-9_]/g, '_').toLowerCase();
}

export function healthRoutes(app: FastifyInstance, d: HealthDeps): void {
  // 200 when the database answers and every extra check says ok; 503 otherwise, so a
  // load balancer or systemd watchdog can act on the status alone.
  app.get('/healthz', { schema: { description: 'Liveness and readiness: 200 when healthy, 503 when not. Never asks for a token.', response: healthResponses } }, async (_req, reply) => {
    const body: Record<string, unknown> = { status: 'ok', version: VERSION };
    try {
      await d.store.stats();
      body.db = 'ok';
    } catch (err) {
      body.status = 'error';
      body.db = (err as Error).message;
    }
    if (d.health) {
      try {
        const extra = await d.health();
        Object.assign(body, extra, { status: body.status === 'ok' && (extra.status ?? 'ok') === 'ok' ? 'ok' : 'error' });
      } catch (err) {
        body.status = 'error';
        body.check = (err as Error).message;
      }
    }
    reply.code(body.status === 'ok' ? 200 : 503);
    return body;
  });

  app.get('/metrics', { schema: { description: 'Prometheus metrics.', response: metricsResponses } }, async (_req, reply) => {
    let store = '';
    try {
      store = storeGauges(await d.store.stats());
    } catch {
      store = gauge('newsmon_store_up', 'Whether the database answered.', [['', 0]]);
    }
    reply.type('text/plain; version=0.0.4; charset=utf-8');
    return d.http.render() + store + (d.metrics?.() ?? '');
  });
}
