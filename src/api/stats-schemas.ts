import { errorResponses } from './response-schemas.js';
import { MAX_STATS_DAYS } from './stats-query.js';

// The request and response schemas of GET /stats: Fastify validates the query string
// with the first and serializes the answer with the second, and /openapi.json is
// generated from both.

const id = { type: 'string', minLength: 1, maxLength: 200 } as const;
const bound = { type: 'string', minLength: 1, maxLength: 64 } as const;

export const statsQuerySchema = {
  type: 'object',
  properties: {
    by: { type: 'string', enum: ['entity', 'tag'], default: 'entity', description: 'one series per entity, or per tag' },
    since: { ...bound, description: 'a span back from now (30d, 24h, 2w), a date YYYY-MM-DD or an ISO 8601 time; default 30d. Widened to the start of its day in tz' },
    until: { ...bound, description: 'exclusive; a date means the end of that day; default now. Widened to the end of its day in tz' },
    entity: { type: 'array', items: id, maxItems: 50, description: 'by=entity: the series to count (default: every entity with events); by=tag: one entity to count within' },
    tag: { type: 'array', items: id, maxItems: 50, description: 'by=tag: the series to count (default: every tag with events); by=entity: one tag to count within' },
    feed: { ...id, description: 'only events from this feed' },
    tz: { type: 'string', minLength: 1, maxLength: 64, description: `the IANA time zone whose days are counted (default UTC); at most ${MAX_STATS_DAYS} days` },
  },
  additionalProperties: false,
} as const;

export interface StatsQuerystring {
  by: 'entity' | 'tag';
  since?: string;
  until?: string;
  entity?: string[];
  tag?: string[];
  feed?: string;
  tz?: string;
}


export const statsResponseSchema = {
  200: {
    description: 'Events per day per entity (or tag) over whole days in `tz`; days without events are zeros. The answer `newsmon stats --format json` prints.',
    type: 'object',
    required: ['by', 'tz', 'since', 'until', 'days', 'series'],
    properties: {
      by: { type: 'string', enum: ['entity', 'tag'] },
      tz: { type: 'string' },
      since: { type: 'string', format: 'date-time', description: 'start of the first day counted' },
      until: { type: 'string', format: 'date-time', description: 'end of the last day counted (exclusive)' },
      days: { type: 'array', items: { type: 'string', format: 'date' } },
      series: {
        type: 'array',
        items: {
          type: 'object',
          required: ['key', 'total', 'counts'],
          properties: {
            key: { type: 'string', description: 'the entity id or the tag' },
            total: { type: 'integer' },
            counts: { type: 'array', items: { type: 'integer' }, description: 'events per day, one per entry of days' },
          },
        },
      },
    },
  },
  ...errorResponses(400, 503),
} as const;
