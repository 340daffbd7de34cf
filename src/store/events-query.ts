import type Database from 'better-sqlite3';
import type { PowerFigure } from '../model.js';
import { toFtsQuery } from './fts.js';
import { isoOrNull } from './iso-date.js';
import { labelsMatch, type LabelKind } from './labels.js';
import type { EventQuery, StoredEvent } from './types.js';

// Reading events back: the filters of `newsmon events` and the HTTP API, newest first.

export const DEFAULT_EVENT_LIMIT = 100;

interface EventRow {
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

const ORDER = 'ORDER BY a.sort_at DESC, a.id DESC, e.sentence';

// The page of ids is chosen first, so only the rows shown are read in full.
const selectPage = (where: string): string => `WITH page AS (
  SELECT e.id FROM events e JOIN articles a ON a.id = e.article_id ${where} ${ORDER} LIMIT @limit OFFSET @offset)
SELECT e.id, e.text, e.sentence, e.entities, e.tags, e.figures,
  a.id AS article_id, a.url, a.title, a.published, a.fetched_at, a.feed_id
FROM page JOIN events e ON e.id = page.id JOIN articles a ON a.id = e.article_id
${ORDER}`;

type Params = Record<string, string | number>;

/** The WHERE clause and its parameters; `null` when the query can match nothing (q with no words). */
function whereOf(q: EventQuery): { sql: string; params: Params } | null {
  const where: string[] = [];
  const params: Params = {};
  const labels: Array<[LabelKind, string]> = [];
  if (q.entity !== undefined) labels.push(['entity', q.entity]);
  if (q.tag !== undefined) labels.push(['tag', q.tag]);
  if (labels.length) {
    where.push('e.id IN (SELECT rowid FROM event_labels WHERE event_labels MATCH @labels)');
    params.labels = labelsMatch(labels);
  }
  if (q.since !== undefined) {
    where.push('a.sort_at >= @since');
    params.since = isoOrNull(q.since) ?? q.since;
  }
  if (q.until !== undefined) {
    where.push('a.sort_at < @until');
    params.until = isoOrNull(q.until) ?? q.until;
  }
  if (q.feed !== undefined) {
    where.push('a.feed_id = @feed');
    params.feed = q.feed;
  }
  if (q.q !== undefined && q.q.trim() !== '') {
    const match = toFtsQuery(q.q);
    if (match === null) return null;
    where.push('e.article_id IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH @q)');
    params.q = match;
  }
  return { sql: where.length ? `WHERE ${where.join(' AND ')}` : '', params };
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

export class EventsQuery {
  // One prepared statement per filter combination, built on first use.
  private readonly statements = new Map<string, Database.Statement>();

  constructor(private readonly db: Database.Database) {}

  private prepare(sql: string): Database.Statement {
    let stmt = this.statements.get(sql);
    if (!stmt) this.statements.set(sql, (stmt = this.db.prepare(sql)));
    return stmt;
  }

  /** Events matching every given filter, newest article first, in reading order within one. */
  query(q: EventQuery = {}): StoredEvent[] {
    const where = whereOf(q);
    if (!where) return [];
    const params = { ...where.params, limit: wholeNumber(q.limit, DEFAULT_EVENT_LIMIT, 1), offset: wholeNumber(q.offset, 0, 0) };
    const rows = this.prepare(selectPage(where.sql)).all(params) as EventRow[];
    return rows.map(toEvent);
  }

  /** How many events match the filters (limit and offset ignored). */
  count(q: EventQuery = {}): number {
    const where = whereOf(q);
    if (!where) return 0;
    const row = this.prepare(`SELECT count(*) AS n FROM events e JOIN articles a ON a.id = e.article_id ${where.sql}`).get(where.params) as { n: number };
    return row.n;
  }
}
