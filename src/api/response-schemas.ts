// JSON schemas of the API's answers. Fastify serializes with them (fields not listed are
// not sent) and @fastify/swagger describes the routes from them, so they follow the
// store's types: StoredEvent, StoredArticle, EntityCount (src/store/types.ts).

const nullable = (type: 'string' | 'integer' | 'number') => ({ type: [type, 'null'] }) as const;

export const errorSchema = {
  type: 'object',
  description: 'What went wrong; `message` names the parameter at fault.',
  required: ['statusCode', 'error', 'message'],
  properties: { statusCode: { type: 'integer' }, error: { type: 'string' }, message: { type: 'string' } },
} as const;

export const powerFigureSchema = {
  type: 'object',
  description: 'A stated power (W) or energy (Wh) figure; `si` is in W or Wh.',
  required: ['text', 'value', 'unit', 'kind', 'si'],
  properties: {
    text: { type: 'string' },
    value: { type: 'number' },
    unit: { type: 'string' },
    kind: { type: 'string', enum: ['power', 'energy'] },
    si: { type: 'number' },
    sentence: { type: 'integer' },
    start: { type: 'integer' },
    end: { type: 'integer' },
    max: { type: 'number', description: 'upper end of a range ("50–100 MW")' },
    siMax: { type: 'number' },
    orMore: { type: 'boolean', description: 'an open upper end ("100+ kW")' },
    per: { type: 'string', description: 'denominator of a density ("rack" in "kW/rack")' },
  },
} as const;

export const eventSchema = {
  type: 'object',
  description: 'A sentence naming a watched entity or stating a power figure.',
  required: ['id', 'text', 'sentence', 'entities', 'tags', 'powerFigures', 'article'],
  properties: {
    id: { type: 'integer' },
    text: { type: 'string' },
    sentence: { type: 'integer', description: 'the sentence number in its article' },
    entities: { type: 'array', items: { type: 'string' } },
    tags: { type: 'array', items: { type: 'string' } },
    powerFigures: { type: 'array', items: powerFigureSchema },
    article: {
      type: 'object',
      required: ['id', 'url', 'title', 'published', 'feed', 'fetchedAt'],
      properties: {
        id: { type: 'integer' },
        url: { type: 'string' },
        title: { type: 'string' },
        published: nullable('string'),
        feed: nullable('string'),
        fetchedAt: { type: 'string' },
      },
    },
  },
} as const;

export const eventListSchema = { type: 'array', items: eventSchema } as const;

export const articleSchema = {
  type: 'object',
  description: 'A stored article with its events in sentence order.',
  required: ['id', 'url', 'canonicalUrl', 'feedId', 'title', 'author', 'published', 'fetchedAt', 'lang', 'text', 'contentHash', 'events'],
  properties: {
    id: { type: 'integer' },
    url: { type: 'string' },
    canonicalUrl: { type: 'string' },
    feedId: nullable('string'),
    title: { type: 'string' },
    author: nullable('string'),
    published: nullable('string'),
    fetchedAt: { type: 'string' },
    lang: { type: 'string' },
    text: { type: 'string', description: 'the main text' },
    contentHash: { type: 'string' },
    events: eventListSchema,
  },
} as const;

export const entityListSchema = {
  type: 'array',
  description: 'The watch-list, in its configured order, with events per entity.',
  items: {
    type: 'object',
    required: ['id', 'name', 'events', 'latest'],
    properties: {
      id: { type: 'string' },
      name: { type: 'string' },
      events: { type: 'integer', description: 'events naming the entity' },
      latest: { ...nullable('string'), description: 'date of the newest of them' },
    },
  },
} as const;
