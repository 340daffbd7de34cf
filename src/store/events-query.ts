import type Database from 'better-sqlite3';
import type { PowerFigure } from '../model.js';
import { entityKey, feedKey, pairKey, tagKey } from './event-keys.js';
import { toFtsQuery } from './fts.js';
import { KEY_CEILING, keyBelow, lowestKeyAt } from './sort-key.js';
import type { EventPage, EventQuery, StoredEvent } from './types.js';

// Reading events back: the filters of `newsmon events` and the HTTP API, newest first,
// keyset-paged. One index (the "driver") is read backwards from the page's upper key,
// the other filters are checked per row by primary-key lookups, and reading stops at the
// page size: page 200 costs what page 1 costs, and nothing is sorted. See migrations/003.

export const DEFAULT_EVENT_LIMIT = 100;

interface EventRow {
  k: number;
  id: number;
  text: string;
  sentence: number;
  entities: string;
  tags: string;
  figures: string;
  article_id: number;
  url: string;
  title: string;
  published: string | null;
  fetched_at: string;
  feed_id: string | null;
}

type Params = Record<string, string | number>;

interface Filter {
  /** Selects `k` of matching events, newest first, from one index; may use @lo and @hi. */
  driver: string;
  params: Params;
}

const keyCheck = (param: string, k: string): string => `EXISTS (SELECT 1 FROM event_keys x_${param} WHERE x_${param}.key = @${param} AND x_${param}.k = ${k})`;

function figureCheck(q: EventQuery, alias: string): string[] {
  const out: string[] = [];
  if (q.minSi !== undefined) out.push(`${alias}.si >= @minSi`);
  if (q.maxSi !== undefined) out.push(`${alias}.si <= @maxSi`);
  return out;
}

/**
 * The driver and its checks. The most selective index drives: the sentence index for
 * `q` (FTS5 walks matches by rowid = k, newest first), else the figure index (under the
 * entity, if any), else the label index (one key: an entity–tag pair, an entity, a tag
 * or a feed), else events(k).
 * Returns null when the query can match nothing (q with no words).
 */
function filterOf(q: EventQuery): Filter | null {
  const params: Params = {};
  const checks: string[] = [];
  const keys: string[] = [];
  if (q.entity !== undefined && q.tag !== undefined) keys.push(pairKey(q.entity, q.tag));
  else if (q.entity !== undefined) keys.push(entityKey(q.entity));
  else if (q.tag !== undefined) keys.push(tagKey(q.tag));
  if (q.feed !== undefined) keys.push(feedKey(q.feed));
  const figures = q.figureKind !== undefined || q.minSi !== undefined || q.maxSi !== undefined;
  if (figures) {
    params.kind = q.figureKind ?? 'power';
    if (q.minSi !== undefined) params.minSi = q.minSi;
    if (q.maxSi !== undefined) params.maxSi = q.maxSi;
  }
  const figureExists = (k: string): string =>
    `EXISTS (SELECT 1 FROM event_figures xf WHERE xf.scope = '' AND xf.kind = @kind AND xf.k = ${k}${figureCheck(q, 'xf').map((c) => ` AND ${c}`).join('')})`;

  let driver: string;
  let k = 'd.k';
  if (q.q !== undefined && q.q.trim() !== '') {
    const match = toFtsQuery(q.q);
    if (match === null) return null;
    params.q = match;
    // FTS5 takes no alias in MATCH; its rowid is the event's key.
    k = 'events_fts.rowid';
    driver = `SELECT ${k} AS k FROM events_fts WHERE events_fts MATCH @q AND ${k} < @hi AND ${k} >= @lo`;
    keys.forEach((key, i) => {
      params[`key${i}`] = key;
      checks.push(keyCheck(`key${i}`, k));
    });
    if (figures) checks.push(figureExists(k));
  } else if (figures) {
    // Figures are rarer than labels: they drive, under the entity's scope when there is
    // one. One row per figure: an event with two figures in range is listed once
    // (DISTINCT over the index order, which needs no sort).
    params.scope = q.entity ?? '';
    driver = 'SELECT DISTINCT d.k FROM event_figures d WHERE d.scope = @scope AND d.kind = @kind AND d.k < @hi AND d.k >= @lo';
    checks.push(...figureCheck(q, 'd'));
    const rest = q.entity !== undefined ? [...(q.tag !== undefined ? [pairKey(q.entity, q.tag)] : []), ...keys.slice(1)] : keys;
    rest.forEach((key, i) => {
      params[`key${i}`] = key;
      checks.push(keyCheck(`key${i}`, k));
    });
  } else if (keys.length) {
    params.key0 = keys[0] as string;
    driver = 'SELECT d.k FROM event_keys d WHERE d.key = @key0 AND d.k < @hi AND d.k >= @lo';
    keys.slice(1).forEach((key, i) => {
      params[`key${i + 1}`] = key;
      checks.push(keyCheck(`key${i + 1}`, k));
    });
  } else {
    driver = 'SELECT d.k FROM events d WHERE d.k < @hi AND d.k >= @lo';
  }
  return { driver: `${driver}${checks.map((c) => ` AND ${c}`).join('')} ORDER BY ${k} DESC`, params };
}

function toEvent(r: EventRow): StoredEvent {
  return {
    id: r.id,
    text: r.text,
    sentence: r.sentence,
    entities: JSON.parse(r.entities) as string[],
    tags: JSON.parse(r.tags) as string[],
    powerFigures: JSON.parse(r.figures) as PowerFigure[],
    article: { id: r.article_id, url: r.url, title: r.title, published: r.published, feed: r.feed_id, fetchedAt: r.fetched_at },
  };
}

function wholeNumber(value: number | undefined, fallback: number, min: number): number {
  return value !== undefined && Number.isFinite(value) ? Math.max(min, Math.trunc(value)) : fallback;
}

/** The key range [lo, hi) the time bounds and the cursor leave. */
function keyRange(q: EventQuery): { lo: number; hi: number } {
  let hi = KEY_CEILING;
  if (q.until !== undefined) hi = Math.min(hi, keyBelow(q.until));
  if (q.after !== undefined) hi = Math.min(hi, q.after.key);
  return { lo: q.since !== undefined ? lowestKeyAt(q.since) : 0, hi };
}

/** The page query: keys chosen first from the driver, so only the rows shown are read in full. */
export function pageSql(driver: string): string {
  return `WITH page AS (${driver} LIMIT @limit OFFSET @offset)
SELECT e.k, e.id, e.text, e.sentence, e.entities, e.tags, e.figures,
  a.id AS article_id, a.url, a.title, a.published, a.fetched_at, a.feed_id
FROM page JOIN events e ON e.k = page.k JOIN articles a ON a.id = e.article_id
ORDER BY e.k DESC`;
}

/** The SQL and parameters of a query's page, or null when nothing can match: for tests of the plan. */
export function eventPageStatement(q: EventQuery): { sql: string; params: Params } | null {
  const f = filterOf(q);
  if (!f) return null;
  const limit = wholeNumber(q.limit, DEFAULT_EVENT_LIMIT, 1);
  return { sql: pageSql(f.driver), params: { ...f.params, ...keyRange(q), limit: limit + 1, offset: wholeNumber(q.offset, 0, 0) } };
}

export class EventsQuery {
  // One prepared statement per filter combination, built on first use.
  private readonly statements = new Map<string, Database.Statement>();

  constructor(private readonly db: Database.Database) {}

  private prepare(sql: string): Database.Statement {
    let stmt = this.statements.get(sql);
    if (!stmt) this.statements.set(sql, (stmt = this.db.prepare(sql)));
    return stmt;
  }

  /** Events matching every given filter, newest first (by article date, then in sentence order within one article). */
  page(q: EventQuery = {}): EventPage {
    const s = eventPageStatement(q);
    if (!s) return { events: [], next: null };
    const limit = (s.params.limit as number) - 1;
    // One row more than asked says whether a next page exists, without an empty last page.
    const rows = this.prepare(s.sql).all(s.params) as EventRow[];
    const shown = rows.slice(0, limit);
    const last = shown[shown.length - 1];
    return { events: shown.map(toEvent), next: rows.length > limit && last ? { key: last.k, id: last.id } : null };
  }

  query(q: EventQuery = {}): StoredEvent[] {
    return this.page(q).events;
  }

  /** The position of an event in the listing, for paging after it; undefined when there is no such event. */
  positionOf(eventId: number): { key: number; id: number } | undefined {
    const row = this.prepare('SELECT k FROM events WHERE id = ?').get(eventId) as { k: number } | undefined;
    return row ? { key: row.k, id: eventId } : undefined;
  }

  /** How many events match the filters (limit, offset and position ignored). */
  count(q: EventQuery = {}): number {
    const f = filterOf(q);
    if (!f) return 0;
    const { lo, hi } = keyRange({ ...q, after: undefined });
    const row = this.prepare(`SELECT count(*) AS n FROM (${f.driver})`).get({ ...f.params, lo, hi }) as { n: number };
    return row.n;
  }
}
