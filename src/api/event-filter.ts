import type { EventQuery } from '../store/types.js';
import { primaryTag } from '../text/language.js';
import { parseSince, parseUntil, TimeRangeError } from '../time/time-range.js';
import { FilterError } from './filter-error.js';
import { figureFilter } from './power-bound.js';

// The event filters as people give them — query-string parameters of GET /events, flags
// of `newsmon events` — turned into the store's EventQuery. Both drivers call this one
// function, so they take the same values and refuse the same mistakes with the same words
// (FilterError: a 400 naming the parameter, or exit 2 naming the flag). Pure: `now` is passed in.

/** The filters as given: strings (repeatable ones as lists), nothing checked yet. */
export interface RawEventFilter {
  entity?: string | readonly string[] | undefined;
  tag?: string | readonly string[] | undefined;
  match?: string | undefined;
  feed?: string | undefined;
  lang?: string | undefined;
  since?: string | undefined;
  until?: string | undefined;
  q?: string | undefined;
  kind?: string | undefined;
  min?: string | undefined;
  max?: string | undefined;
}

/** The bounds, here and in the API's JSON schemas (schemas.ts). */
export const FILTER_LIMITS = {
  /** Entities or tags in one query: each is a range to merge (store/event-filter-sql.ts). */
  repeat: 16,
  id: 200,
  q: 500,
  time: 64,
  figure: 32,
} as const;

export const MATCHES = ['any', 'all'] as const;

// NUL and other control characters mean nothing in a filter; refusing them early keeps them
// out of SQL parameters, FTS queries and error messages.
const CONTROL = /\p{Cc}/u;

function text(param: string, value: string, max: number): string {
  if (value.length === 0) throw new FilterError(param, 'must not be empty');
  if (value.length > max) throw new FilterError(param, `must be at most ${max} characters, got ${value.length}`);
  if (CONTROL.test(value)) throw new FilterError(param, 'must not contain control characters');
  return value;
}

/** A repeatable id filter: one value or several, each checked, lower-cased (ids are), without repeats. */
function ids(param: string, value: string | readonly string[] | undefined): string[] {
  if (value === undefined) return [];
  const list = typeof value === 'string' ? [value] : value;
  if (list.length > FILTER_LIMITS.repeat) throw new FilterError(param, `may be given at most ${FILTER_LIMITS.repeat} times, got ${list.length}`);
  return [...new Set(list.map((v) => text(param, v, FILTER_LIMITS.id).trim().toLowerCase()))];
}

function timeBound(param: 'since' | 'until', value: string, now: Date): string {
  text(param, value, FILTER_LIMITS.time);
  try {
    return param === 'since' ? parseSince(value, now, param) : parseUntil(value, now, param);
  } catch (err) {
    if (err instanceof TimeRangeError) throw new FilterError(param, err.detail);
    throw err;
  }
}

function labels(raw: RawEventFilter, q: EventQuery): void {
  const entities = ids('entity', raw.entity);
  const tags = ids('tag', raw.tag);
  if (entities.length === 1) q.entity = entities[0] as string;
  else if (entities.length) q.entities = entities;
  if (tags.length === 1) q.tag = tags[0] as string;
  else if (tags.length) q.tags = tags;
  if (raw.match !== undefined) {
    if (!(MATCHES as readonly string[]).includes(raw.match)) throw new FilterError('match', `must be "any" or "all", got ${JSON.stringify(raw.match.slice(0, 40))}`);
    q.match = raw.match as 'any' | 'all';
  }
  if (raw.feed !== undefined) q.feed = text('feed', raw.feed, FILTER_LIMITS.id).trim();
  if (raw.lang !== undefined) {
    const lang = primaryTag(text('lang', raw.lang, FILTER_LIMITS.time));
    if (!lang) throw new FilterError('lang', `must be a language code (en, zh, ja…), got ${JSON.stringify(raw.lang.slice(0, 40))}`);
    q.lang = lang;
  }
}

/**
 * The store query for these filters (no paging: limit and cursor are the caller's).
 * Throws FilterError naming the first bad parameter.
 */
export function eventFilter(raw: RawEventFilter, now: Date): EventQuery {
  const q: EventQuery = {};
  labels(raw, q);
  if (raw.since !== undefined) q.since = timeBound('since', raw.since, now);
  if (raw.until !== undefined) q.until = timeBound('until', raw.until, now);
  // The search text is never syntax: store/fts.ts quotes every term, so only size and control characters are refused.
  if (raw.q !== undefined) q.q = text('q', raw.q, FILTER_LIMITS.q);
  if (raw.min !== undefined) text('min', raw.min, FILTER_LIMITS.figure);
  if (raw.max !== undefined) text('max', raw.max, FILTER_LIMITS.figure);
  Object.assign(q, figureFilter(raw.kind, raw.min, raw.max));
  return q;
}
