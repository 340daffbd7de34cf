import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { eventsCsv } from '../events-csv.js';
import type { EventPage, EventPosition, EventQuery } from '../../store/types.js';
import type { ApiStore } from '../api-store.js';
import { decodeCursor, encodeCursor } from '../cursor.js';
import { ApiError } from '../errors.js';
import { eventFilter } from '../event-filter.js';
import { eventResponses, eventsCsvResponses, eventsResponses } from '../response-schemas.js';
import { eventParamsSchema, eventsQuerySchema, type EventsQuerystring } from '../schemas.js';

/** The store query for a validated query string; `now` anchors "7d" and the like. */
export function eventQuery(qs: EventsQuerystring, now: Date): EventQuery {
  const q: EventQuery = { limit: qs.limit, offset: qs.offset, ...eventFilter(qs, now) };
  if (qs.cursor !== undefined) q.after = decodeCursor(qs.cursor);
  return q;
}

/**
 * RFC 8288 `Link: <…>; rel="next"`: this request's URL with the next page's cursor (and
 * no offset: the cursor already says where the page starts). Relative to the request.
 * Relative bounds ("7d") are pinned to the first page's time, so later pages do not drift.
 */
export function nextLink(req: FastifyRequest, next: EventPosition | null, pinned: Record<string, string>): string | null {
  if (!next) return null;
  const [path, search = ''] = req.url.split('?', 2) as [string, string?];
  const params = new URLSearchParams(search);
  params.delete('cursor');
  params.delete('offset');
  for (const [name, value] of Object.entries(pinned)) params.set(name, value);
  params.set('cursor', encodeCursor(next));
  return `<${path}?${params.toString()}>; rel="next"`;
}

const EVENTS_ABOUT = 'Events (sentences naming a watched entity or stating a power figure), newest first, filtered by the query. A full page links the next (Link rel="next").';

export function eventsRoutes(app: FastifyInstance, store: ApiStore, now: () => Date): void {
  const link = (req: FastifyRequest<{ Querystring: EventsQuerystring }>, reply: FastifyReply, q: EventQuery, next: EventPosition | null): void => {
    const pinned: Record<string, string> = {};
    if (q.since !== undefined) pinned.since = q.since;
    if (q.until !== undefined) pinned.until = q.until;
    const header = nextLink(req, next, pinned);
    if (header) reply.header('link', header);
  };
  const page = async (req: FastifyRequest<{ Querystring: EventsQuerystring }>, reply: FastifyReply): Promise<EventPage> => {
    const q = eventQuery(req.query, now());
    const result = await store.queryEventPage(q);
    link(req, reply, q, result.next);
    return result;
  };

  // The same array `newsmon events --format json` prints (DESIGN.md).
  app.get<{ Querystring: EventsQuerystring }>('/events', { schema: { description: EVENTS_ABOUT, querystring: eventsQuerySchema, response: eventsResponses } }, async (req, reply) => {
    if (!store.queryEventPageJson) return (await page(req, reply)).events;
    // Serialized where it was read (a pool thread): this thread only passes the text on.
    const q = eventQuery(req.query, now());
    const { json, next } = await store.queryEventPageJson(q);
    link(req, reply, q, next);
    return reply.type('application/json; charset=utf-8').send(json);
  });

  // The same columns `newsmon events --format csv` prints.
  app.get<{ Querystring: EventsQuerystring }>('/events.csv', { schema: { description: 'The same events as /events, as CSV for a spreadsheet.', querystring: eventsQuerySchema, response: eventsCsvResponses } }, async (req, reply) => {
    const { events } = await page(req, reply);
    reply.type('text/csv; charset=utf-8');
    return eventsCsv(events);
  });

  app.get<{ Params: { id: number } }>(
    '/events/:id',
    { schema: { description: 'One event by id, in the shape of the /events list.', params: eventParamsSchema, response: eventResponses } },
    async (req) => {
      const event = await store.getEvent(req.params.id);
      if (!event) throw new ApiError(404, `no event ${req.params.id}`);
      return event;
    },
  );
}
