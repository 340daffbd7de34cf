import type Database from 'better-sqlite3';
import type { PowerFigure } from '../model.js';
import { entityKey } from './event-keys.js';
import { filterOf, type Params } from './event-filter-sql.js';
import { KEY_CEILING, SLOTS, keyBelow, lowestKeyAt } from './sort-key.js';
import type { EntityCount, EventPage, EventQuery, StoredEvent } from './types.js';

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

const EVENT_COLUMNS = `e.k, e.id, e.text, e.sentence, e.entities, e.tags, e.figures,
  a.id AS article_id, a.url, a.title, a.published, a.fetched_at, a.feed_id`;

/** The page query: keys chosen first from the driver, so only the rows shown are read in full. */
export function pageSql(driver: string): string {
  return `WITH page AS (${driver} LIMIT @limit OFFSET @offset)
SELECT ${EVENT_COLUMNS}
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
    const s = eventPageStatement(this.rarestFirst(q));
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

  /**
   * With match=all the first entity's range drives and the others are checked per row,
   * so the entity with the fewest events goes first (entity_counts: a row each).
   */
  private rarestFirst(q: EventQuery): EventQuery {
    if (q.match !== 'all') return q;
    const entities = [...new Set([...(q.entity !== undefined ? [q.entity] : []), ...(q.entities ?? [])])];
    if (entities.length < 2) return q;
    const count = this.prepare('SELECT events FROM entity_counts WHERE entity = ?');
    const n = new Map(entities.map((e) => [e, (count.get(e) as { events: number } | undefined)?.events ?? 0]));
    const { entity: _one, ...rest } = q;
    return { ...rest, entities: entities.sort((a, b) => (n.get(a) as number) - (n.get(b) as number)) };
  }

  /** One event by id, or undefined. */
  byId(eventId: number): StoredEvent | undefined {
    const row = this.prepare(`SELECT ${EVENT_COLUMNS} FROM events e JOIN articles a ON a.id = e.article_id WHERE e.id = ?`).get(eventId) as EventRow | undefined;
    return row ? toEvent(row) : undefined;
  }

  /** An article's events in sentence order (the events(article_id, sentence) index). */
  ofArticle(articleId: number): StoredEvent[] {
    const sql = `SELECT ${EVENT_COLUMNS} FROM events e JOIN articles a ON a.id = e.article_id WHERE e.article_id = ? ORDER BY e.sentence`;
    return (this.prepare(sql).all(articleId) as EventRow[]).map(toEvent);
  }

  /**
   * Events per entity (kept by the store as it writes, migration 005) and the date of
   * the newest (one step down the e:<entity> range): a row and a seek per entity.
   */
  entityCounts(entities: readonly string[]): EntityCount[] {
    const count = this.prepare('SELECT events FROM entity_counts WHERE entity = ?');
    const newest = this.prepare('SELECT max(k) AS k FROM event_keys WHERE key = ?');
    return entities.map((entity) => {
      const n = (count.get(entity) as { events: number } | undefined)?.events ?? 0;
      const k = (newest.get(entityKey(entity)) as { k: number | null }).k;
      return { entity, events: n, latest: k === null ? null : new Date(Math.floor(k / SLOTS) * 1000).toISOString() };
    });
  }

  /** How many events match the filters (limit, offset and position ignored). */
  count(q: EventQuery = {}): number {
    const f = filterOf(this.rarestFirst(q));
    if (!f) return 0;
    const { lo, hi } = keyRange({ ...q, after: undefined });
    const row = this.prepare(`SELECT count(*) AS n FROM (${f.driver})`).get({ ...f.params, lo, hi }) as { n: number };
    return row.n;
  }
}
