import { FILTER_LIMITS, MATCHES } from './event-filter.js';

// JSON schemas for the API's inputs: Fastify validates (and coerces) with them, and
// a bad value becomes a 400 that names the parameter. The filters' meaning, and the
// checks the command line shares, are in event-filter.ts; their descriptions in
// param-docs.ts.

export const MAX_LIMIT = 1000;
export const DEFAULT_LIMIT = 100;

const id = { type: 'string', minLength: 1, maxLength: FILTER_LIMITS.id } as const;
// One value or several (?entity=a&entity=b): the app coerces a single value to a list.
const ids = { type: 'array', items: id, maxItems: FILTER_LIMITS.repeat } as const;

export const eventsQuerySchema = {
  type: 'object',
  properties: {
    entity: ids,
    tag: ids,
    match: { type: 'string', enum: [...MATCHES], default: 'any' },
    feed: id,
    lang: { type: 'string', minLength: 1, maxLength: FILTER_LIMITS.time },
    since: { type: 'string', minLength: 1, maxLength: FILTER_LIMITS.time },
    until: { type: 'string', minLength: 1, maxLength: FILTER_LIMITS.time },
    q: { type: 'string', minLength: 1, maxLength: FILTER_LIMITS.q },
    kind: { type: 'string', enum: ['power', 'energy'] },
    min: { type: 'string', minLength: 1, maxLength: FILTER_LIMITS.figure },
    max: { type: 'string', minLength: 1, maxLength: FILTER_LIMITS.figure },
    cursor: { type: 'string', minLength: 1, maxLength: 64 },
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
