import { FILTER_LIMITS, MATCHES } from './event-filter.js';

// JSON schemas for the API's inputs: Fastify validates (and coerces) with them, and
// a bad value becomes a 400 that names the parameter. The filters' meaning, and the
// checks the command line shares, are in event-filter.ts.

export const MAX_LIMIT = 1000;
export const DEFAULT_LIMIT = 100;

const id = { type: 'string', minLength: 1, maxLength: FILTER_LIMITS.id } as const;
// One value or several (?entity=a&entity=b): the app coerces a single value to a list.
const ids = (description: string) => ({ type: 'array', items: id, maxItems: FILTER_LIMITS.repeat, description }) as const;

export const eventsQuerySchema = {
  type: 'object',
  properties: {
    entity: ids('watch-list entity id; repeat for several (see match)'),
    tag: ids('event tag; repeat for several (see match)'),
    match: { type: 'string', enum: [...MATCHES], default: 'any', description: 'several entities (tags): any of them, or all in the same sentence' },
    feed: id,
    lang: { type: 'string', minLength: 1, maxLength: FILTER_LIMITS.time, description: "the article's language: en, zh, ja…" },
    since: { type: 'string', minLength: 1, maxLength: FILTER_LIMITS.time, description: 'a span back from now (24h, 7d, 2w), a date YYYY-MM-DD or an ISO 8601 time' },
    until: { type: 'string', minLength: 1, maxLength: FILTER_LIMITS.time, description: 'a date (that whole day) or an ISO 8601 time (exclusive)' },
    q: { type: 'string', minLength: 1, maxLength: FILTER_LIMITS.q, description: 'search the sentence: words, "a phrase", prefix*, OR, -word' },
    kind: { type: 'string', enum: ['power', 'energy'], description: 'events stating a figure of this kind' },
    min: { type: 'string', minLength: 1, maxLength: FILTER_LIMITS.figure, description: 'a figure at least this: 500MW, 1 GW, 1.5 TWh' },
    max: { type: 'string', minLength: 1, maxLength: FILTER_LIMITS.figure, description: 'a figure at most this' },
    cursor: { type: 'string', minLength: 1, maxLength: 64, description: 'where the page starts: from the Link rel="next" header' },
    limit: { type: 'integer', minimum: 1, maximum: MAX_LIMIT, default: DEFAULT_LIMIT },
    // Kept for old clients; each skipped event costs a step. Follow the Link header instead.
    offset: { type: 'integer', minimum: 0, maximum: 10_000_000, default: 0 },
  },
} as const;

export interface EventsQuerystring {
  entity?: string[];
  tag?: string[];
  match: 'any' | 'all';
  feed?: string;
  lang?: string;
  since?: string;
  until?: string;
  q?: string;
  kind?: 'power' | 'energy';
  min?: string;
  max?: string;
  cursor?: string;
  limit: number;
  offset: number;
}

const idParams = { type: 'object', required: ['id'], properties: { id: { type: 'integer', minimum: 1, maximum: Number.MAX_SAFE_INTEGER } } } as const;

export const articleParamsSchema = idParams;
export const eventParamsSchema = idParams;
