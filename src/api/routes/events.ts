import type { FastifyInstance } from 'fastify';
import { eventsCsv } from '../events-csv.js';
import type { EventQuery } from '../../store/types.js';
import type { ApiStore } from '../api-store.js';
import { eventsQuerySchema, type EventsQuerystring } from '../schemas.js';
import { parseSince, parseUntil } from '../../time/time-range.js';

/** The store query for a validated query string; `now` anchors "7d" and the like. */
export function eventQuery(qs: EventsQuerystring, now: Date): EventQuery {
  const q: EventQuery = { limit: qs.limit, offset: qs.offset };
  if (qs.since !== undefined) q.since = parseSince(qs.since, now);
  if (qs.until !== undefined) q.until = parseUntil(qs.until, now);
  if (qs.entity !== undefined) q.entity = qs.entity;
  if (qs.tag !== undefined) q.tag = qs.tag;
  if (qs.feed !== undefined) q.feed = qs.feed;
  if (qs.q !== undefined) q.q = qs.q;
  return q;
}

export function eventsRoutes(app: FastifyInstance, store: ApiStore, now: () => Date): void {
  // The same array `newsmon events --format json` prints (DESIGN.md).
  app.get<{ Querystring: EventsQuerystring }>('/events', { schema: { querystring: eventsQuerySchema } }, async (req, reply) => {
    const events = await store.queryEvents(eventQuery(req.query, now()));
    if (events.length === req.query.limit) reply.header('x-next-offset', String(req.query.offset + events.length));
    return events;
  });

  // The same columns `newsmon events --format csv` prints.
  app.get<{ Querystring: EventsQuerystring }>('/events.csv', { schema: { querystring: eventsQuerySchema } }, async (req, reply) => {
    const events = await store.queryEvents(eventQuery(req.query, now()));
    if (events.length === req.query.limit) reply.header('x-next-offset', String(req.query.offset + events.length));
    reply.type('text/csv; charset=utf-8');
    return eventsCsv(events);
  });
}
