import type { FastifyInstance } from 'fastify';
import type { ApiStore } from '../api-store.js';
import { statsAnswer, statsPlan } from '../stats-query.js';
import { statsQuerySchema, statsResponseSchema, type StatsQuerystring } from '../stats-schemas.js';

export function statsRoutes(app: FastifyInstance, store: ApiStore, now: () => Date): void {
  // Counts per day per entity or tag; the store reads only the label index (day-counts.ts).
  app.get<{ Querystring: StatsQuerystring }>('/stats', { schema: { description: 'Counts of events per day per entity or per tag over a range: the chart on the web page, `newsmon stats`.', querystring: statsQuerySchema, response: statsResponseSchema } }, async (req) => {
    const plan = statsPlan(req.query, now());
    return statsAnswer(plan, await store.countEventsByDay(plan.query));
  });
}
