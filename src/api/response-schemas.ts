import type { FastifyInstance } from 'fastify';

// What the API answers, as JSON Schema: /openapi.json is generated from these (through
// @fastify/swagger), and tests check real answers against that document. Shared shapes
// are registered once by $id and referenced ("Error#"), so they appear once in the
// document's components. Descriptions are for whoever generates a client.

const str = (description: string) => ({ type: 'string', description }) as const;
const nullableStr = (description: string) => ({ type: 'string', nullable: true, description }) as const;
const int = (description: string) => ({ type: 'integer', description }) as const;
const strings = (description: string) => ({ type: 'array', items: { type: 'string' }, description }) as const;

/** Every error answer: 4xx and 5xx alike (src/api/errors.ts builds it). */
export const errorSchema = {
  $id: 'Error',
  type: 'object',
  description: 'An error. `message` says what was wrong in words; `param` names the request parameter at fault, when one is.',
  required: ['statusCode', 'error', 'message'],
  properties: {
    statusCode: int('The HTTP status again.'),
    error: str('The status reason phrase ("Bad Request").'),
    message: str('What was wrong, for a person.'),
    param: str('The query or path parameter at fault ("limit", "since", "id").'),
  },
} as const;

export const powerFigureSchema = {
  $id: 'PowerFigure',
  type: 'object',
  description: 'A power (W) or energy (Wh) figure as written in the sentence, and normalized.',
  required: ['text', 'value', 'unit', 'kind', 'si', 'sentence', 'start', 'end'],
  properties: {
    text: str('The figure as written ("2.5 GW", "350瓦").'),
    value: { type: 'number', description: 'The number as written (the lower end of a range).' },
    unit: str('The unit as normalized ("GW", "kWh").'),
    kind: { type: 'string', enum: ['power', 'energy'], description: '"power" (W) or "energy" (Wh).' },
    si: { type: 'number', description: 'The value in watts (power) or watt-hours (energy).' },
    sentence: int('Index of the sentence in the article text.'),
    start: int('Start offset of `text` in the sentence.'),
    end: int('End offset of `text` in the sentence.'),
    max: { type: 'number', description: 'The upper end of a range ("50–100 MW"), in `unit`.' },
    siMax: { type: 'number', description: 'The upper end of a range in W or Wh.' },
    orMore: { type: 'boolean', description: 'An open upper end ("100+ kW").' },
    per: str('The denominator of a density ("rack" for "kW/rack").'),
  },
} as const;

export const eventSchema = {
  $id: 'Event',
  type: 'object',
  description: 'One sentence naming a watched entity or stating a power figure, with the article it is from.',
  required: ['id', 'text', 'sentence', 'entities', 'tags', 'powerFigures', 'article'],
  properties: {
    id: int('The event id.'),
    text: str('The sentence.'),
    sentence: int('Index of the sentence in the article text.'),
    entities: strings('Watch-list entity ids named in the sentence (keys of config/entities.yaml).'),
    tags: strings('Event tags (ipo, funding, earnings, product, export-control, partnership, …).'),
    powerFigures: { type: 'array', items: { $ref: 'PowerFigure#' }, description: 'Power and energy figures stated in the sentence.' },
    article: {
      type: 'object',
      description: 'The article the sentence is from.',
      required: ['id', 'url', 'title', 'published', 'feed', 'fetchedAt'],
      properties: {
        id: int('The article id (GET /articles/{id}).'),
        url: str('Where the article was read.'),
        title: str('The article title.'),
        published: nullableStr('Publication time, ISO 8601 UTC, when the source gave one.'),
        feed: nullableStr('The id of the feed it came from; null for imported articles without one.'),
        fetchedAt: str('When newsmon read the article, ISO 8601 UTC.'),
      },
    },
  },
} as const;

export const articleSchema = {
  $id: 'Article',
  type: 'object',
  description: 'A stored article: its main text, where it came from, and its events.',
  required: ['id', 'url', 'canonicalUrl', 'feedId', 'title', 'author', 'published', 'fetchedAt', 'lang', 'text', 'contentHash', 'events'],
  properties: {
    id: int('The article id.'),
    url: str('Where the article was read.'),
    canonicalUrl: str('The canonical URL (the dedup key).'),
    feedId: nullableStr('The id of the feed it came from.'),
    title: str('The article title.'),
    author: nullableStr('The author, when the source named one.'),
    published: nullableStr('Publication time, ISO 8601 UTC.'),
    fetchedAt: str('When newsmon read it, ISO 8601 UTC.'),
    lang: str('Language code of the text ("en", "zh").'),
    text: str('The extracted main text.'),
    contentHash: str('sha256 (hex) of the normalized text: the same story under another URL is stored once.'),
    events: { type: 'array', items: { $ref: 'Event#' }, description: 'The events found in the article, in sentence order.' },
  },
} as const;

export const feedSchema = {
  $id: 'Feed',
  type: 'object',
  description: 'A configured feed and its poll state. URLs and errors come without any credentials the feed URL carries.',
  required: ['id', 'url', 'name', 'etag', 'lastModified', 'lastCheckedAt', 'lastSuccessAt', 'lastError', 'lastErrorKind', 'failureCount', 'nextCheckAt', 'failingSince', 'itemsSeen', 'articlesStored'],
  properties: {
    id: str('The feed id.'),
    url: str('The feed URL (credentials redacted).'),
    name: nullableStr('A display name.'),
    etag: nullableStr('The last ETag, for conditional GET.'),
    lastModified: nullableStr('The last Last-Modified, for conditional GET.'),
    lastCheckedAt: nullableStr('When the feed was last polled, ISO 8601 UTC.'),
    lastSuccessAt: nullableStr('When a poll last succeeded.'),
    lastError: nullableStr('The last error, in words; null after a success.'),
    lastErrorKind: nullableStr('The class of the last error ("timeout", "http_5xx", "parse", …).'),
    failureCount: int('Failures in a row; 0 after a success.'),
    nextCheckAt: nullableStr('When the next poll is due.'),
    failingSince: nullableStr('When the current run of failures began; null while healthy.'),
    itemsSeen: int('Feed items seen so far.'),
    articlesStored: int('Articles stored from this feed.'),
  },
} as const;

const healthSchema = {
  type: 'object',
  description: 'The service\'s health; the status code says the same (200 ok, 503 not). Running roles add their own facts (redis, workers, …).',
  required: ['status', 'version'],
  properties: {
    status: { type: 'string', enum: ['ok', 'error'], description: '"ok" when the database answers and every check passes.' },
    version: str('The newsmon version.'),
    db: str('"ok", or why the database did not answer.'),
    check: str('Why an extra health check failed, when it threw.'),
  },
  additionalProperties: true,
} as const;

/** The shapes referenced by $id; registered on the root so every route can use them. */
export function addResponseSchemas(app: FastifyInstance): void {
  for (const s of [errorSchema, powerFigureSchema, eventSchema, articleSchema, feedSchema]) app.addSchema(s);
}

const ERROR_WHEN: Record<number, string> = {
  401: 'No bearer token, or the wrong one (securitySchemes.bearer); the answer carries `WWW-Authenticate: Bearer`.',
  400: 'A parameter is malformed or out of range; `param` names it.',
  404: 'No such thing.',
  500: 'An internal error; details are in the server log, never in the answer.',
  503: 'The query took too long (the server is busy): try again shortly (Retry-After) or narrow it.',
};

/** Error answers by status, each the shared Error shape with what that status means here. */
export function errorResponses(...codes: Array<keyof typeof ERROR_WHEN>): Record<number, { description: string; $ref: string }> {
  return Object.fromEntries([...codes, 500].map((c) => [c, { description: ERROR_WHEN[c] as string, $ref: 'Error#' }]));
}

const nextLinkHeader = {
  link: { type: 'string', description: 'RFC 8288 `<…>; rel="next"`: the next page, on a full page. Follow it; its cursor is opaque.' },
} as const;

export const eventsResponses = {
  200: { description: 'Events, newest first; the same array `newsmon events --format json` prints.', type: 'array', items: { $ref: 'Event#' }, headers: nextLinkHeader },
  ...errorResponses(400, 503),
} as const;

export const eventsCsvResponses = {
  200: {
    description: 'The same events as CSV (RFC 4180), with a header row: id, published, entities, tags, power_figures, text, title, url, feed.',
    headers: nextLinkHeader,
    content: { 'text/csv': { schema: { type: 'string' } } },
  },
  ...errorResponses(400, 503),
} as const;

export const eventResponses = {
  200: { description: 'The event.', $ref: 'Event#' },
  ...errorResponses(400, 404, 503),
} as const;

const entityCountSchema = {
  type: 'object',
  required: ['id', 'name', 'events', 'latest'],
  properties: {
    id: str('The entity id (a key of config/entities.yaml), as events carry it.'),
    name: str('The display name.'),
    events: int('Events naming the entity.'),
    latest: nullableStr('Date of the newest of them, ISO 8601 UTC; null when there is none.'),
  },
} as const;

export const entitiesResponses = {
  200: { description: 'The watch-list in its configured order, with events per entity.', type: 'array', items: entityCountSchema },
  ...errorResponses(503),
} as const;

export const articleResponses = {
  200: { description: 'The article.', $ref: 'Article#' },
  ...errorResponses(400, 404, 503),
} as const;

export const feedsResponses = {
  200: { description: 'Every configured feed with its poll state.', type: 'array', items: { $ref: 'Feed#' } },
  ...errorResponses(503),
} as const;

export const healthResponses = {
  200: { ...healthSchema, description: 'Healthy.' },
  503: { ...healthSchema, description: 'Not healthy: the database or a check failed.' },
} as const;

export const metricsResponses = {
  200: {
    description: 'Prometheus text format 0.0.4: requests per route, store counts, queue and worker gauges.',
    content: { 'text/plain': { schema: { type: 'string' } } },
  },
  ...errorResponses(),
} as const;
