// JSON schemas for the API's inputs: Fastify validates (and coerces) with them, and
// a bad value becomes a 400 that names the parameter.

export const MAX_LIMIT = 1000;
export const DEFAULT_LIMIT = 100;

const id = { type: 'string', minLength: 1, maxLength: 200 } as const;

export const eventsQuerySchema = {
  type: 'object',
  properties: {
    entity: id,
    tag: id,
    feed: id,
    since: { type: 'string', minLength: 1, maxLength: 64 },
    until: { type: 'string', minLength: 1, maxLength: 64 },
    q: { type: 'string', minLength: 1, maxLength: 500 },
    kind: { type: 'string', enum: ['power', 'energy'] },
    min: { type: 'string', minLength: 1, maxLength: 32 },
    max: { type: 'string', minLength: 1, maxLength: 32 },
    cursor: { type: 'string', minLength: 1, maxLength: 64 },
    limit: { type: 'integer', minimum: 1, maximum: MAX_LIMIT, default: DEFAULT_LIMIT },
    // Kept for old clients; each skipped event costs a step. Follow the Link header instead.
    offset: { type: 'integer', minimum: 0, maximum: 10_000_000, default: 0 },
  },
} as const;

export interface EventsQuerystring {
  entity?: string;
  tag?: string;
  feed?: string;
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

export const articleParamsSchema = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'integer', minimum: 1 } },
} as const;
