import type Database from 'better-sqlite3';
import { entityKey, feedKey, pairKey, tagKey } from './event-keys.js';
import { lowestKeyAt } from './sort-key.js';

// Events per day per entity (or per tag): the counts behind /stats and `newsmon stats`.
// Read from indexes alone (event_keys, migration 003; with a feed, events(k) to size it):
// for each series and each day, one range of one b-tree is counted (with a feed, each
// row checked by a primary-key probe), so a year of history is counted without reading
// an event row, and no trigger, table or index is added. Day boundaries come in as
// instants, so any time zone's days (23- and 25-hour ones too) are exact.

export interface DayCountQuery {
  by: 'entity' | 'tag';
  /** by=entity: the series (none: every entity in the store); by=tag: at most one, a filter. */
  entities?: readonly string[];
  /** by=tag: the series (none: every tag in the store); by=entity: at most one, a filter. */
  tags?: readonly string[];
  feed?: string;
  /** Day boundaries as ISO 8601 instants, ascending: day i is [bounds[i], bounds[i + 1]). */
  bounds: readonly string[];
}

export interface DayCountSeries {
  /** The entity id or the tag. */
  key: string;
  /** Events per day, one per day of the query. */
  counts: number[];
}

/** The series the query names, each with the event_keys label it counts. */
function seriesLabels(q: DayCountQuery, known: (prefix: 'e:' | 't:') => string[]): Array<{ key: string; label: string }> {
  const filters = q.by === 'entity' ? q.tags : q.entities;
  if (filters && filters.length > 1) throw new RangeError(`counts by ${q.by} take at most one ${q.by === 'entity' ? 'tag' : 'entity'}`);
  const filter = filters?.[0];
  const given = q.by === 'entity' ? q.entities : q.tags;
  const names = given?.length ? [...new Set(given)] : known(q.by === 'entity' ? 'e:' : 't:');
  return names.map((key) => {
    let label: string;
    if (q.by === 'entity') label = filter === undefined ? entityKey(key) : pairKey(key, filter);
    else label = filter === undefined ? tagKey(key) : pairKey(filter, key);
    return { key, label };
  });
}

/**
 * How a feed filter is applied: none; each series' events checked for the feed; or the
 * feed's events checked for each series. The cheaper of the last two depends on the
 * feed's share of the events (DayCounts.counts picks).
 */
export type FeedMode = 'none' | 'check-feed' | 'drive-by-feed';

/**
 * The counting statement: one row per (series, day), each counted over one index range
 * by a subquery, so no event row is ever sorted or grouped.
 */
export function dayCountSql(mode: FeedMode): string {
  const count =
    mode === 'drive-by-feed'
      ? 'SELECT count(*) FROM event_keys f WHERE f.key = @feed AND f.k >= d.lo AND f.k < d.hi AND EXISTS (SELECT 1 FROM event_keys x WHERE x.key = s.key AND x.k = f.k)'
      : `SELECT count(*) FROM event_keys x WHERE x.key = s.key AND x.k >= d.lo AND x.k < d.hi${mode === 'check-feed' ? ' AND EXISTS (SELECT 1 FROM event_keys f WHERE f.key = @feed AND f.k = x.k)' : ''}`;
  return `WITH series(i, key) AS (SELECT key, value FROM json_each(@series)),
days(j, lo, hi) AS (SELECT key, value ->> 0, value ->> 1 FROM json_each(@days))
SELECT s.i AS i, d.j AS j, (${count}) AS n
FROM series s CROSS JOIN days d`;
}

/**
 * The labels present under a prefix ('e:' or 't:'), by skipping from one to the next in
 * the index: one seek per distinct label, however many events carry it.
 */
export const KNOWN_LABELS_SQL = `WITH RECURSIVE ks(key) AS (
  SELECT min(key) FROM event_keys WHERE key > @prefix AND key < @end
  UNION ALL
  SELECT (SELECT min(key) FROM event_keys WHERE key > ks.key AND key < @end) FROM ks WHERE ks.key IS NOT NULL)
SELECT key FROM ks WHERE key IS NOT NULL`;

/** The statement and parameters of a query, for running and for tests of the plan. */
export function dayCountStatement(q: DayCountQuery, labels: ReadonlyArray<{ label: string }>, mode: FeedMode = q.feed === undefined ? 'none' : 'check-feed'): { sql: string; params: Record<string, string> } {
  const keys = q.bounds.map(lowestKeyAt);
  const days = keys.slice(0, -1).map((lo, j) => [lo, keys[j + 1] as number]);
  const params: Record<string, string> = { series: JSON.stringify(labels.map((l) => l.label)), days: JSON.stringify(days) };
  if (q.feed !== undefined) params.feed = feedKey(q.feed);
  return { sql: dayCountSql(mode), params };
}

export class DayCounts {
  private readonly known: Database.Statement;
  private readonly count: Record<FeedMode, Database.Statement>;
  private readonly labelRows: Database.Statement;
  private readonly eventRows: Database.Statement;

  constructor(db: Database.Database) {
    this.known = db.prepare(KNOWN_LABELS_SQL).pluck();
    this.count = { none: db.prepare(dayCountSql('none')), 'check-feed': db.prepare(dayCountSql('check-feed')), 'drive-by-feed': db.prepare(dayCountSql('drive-by-feed')) };
    this.labelRows = db.prepare('SELECT count(*) FROM event_keys WHERE key = ? AND k >= ? AND k < ?').pluck();
    this.eventRows = db.prepare('SELECT count(*) FROM events WHERE k >= ? AND k < ?').pluck();
  }

  /**
   * Checking the feed costs a lookup per event of the series; driving by the feed, a
   * lookup per feed event per series. Two index-only counts (cheap beside the lookups)
   * say which is fewer: a small feed drives, a feed holding most events is checked.
   */
  private feedMode(q: DayCountQuery, series: number): FeedMode {
    if (q.feed === undefined) return 'none';
    const lo = lowestKeyAt(q.bounds[0] as string);
    const hi = lowestKeyAt(q.bounds[q.bounds.length - 1] as string);
    const feedRows = this.labelRows.get(feedKey(q.feed), lo, hi) as number;
    return feedRows * series < (this.eventRows.get(lo, hi) as number) ? 'drive-by-feed' : 'check-feed';
  }

  /** Entity ids (or tags) that label at least one stored event. */
  knownLabels(prefix: 'e:' | 't:'): string[] {
    const end = `${prefix.slice(0, -1)};`; // ';' follows ':' in code-point order
    return (this.known.all({ prefix, end }) as string[]).map((k) => k.slice(prefix.length));
  }

  /** Every series the query names, in the order named (or label order), with a count per day. */
  counts(q: DayCountQuery): DayCountSeries[] {
    const labels = seriesLabels(q, (p) => this.knownLabels(p));
    const dayCount = Math.max(0, q.bounds.length - 1);
    const out = labels.map((l) => ({ key: l.key, counts: new Array<number>(dayCount).fill(0) }));
    if (!labels.length || !dayCount) return out;
    const mode = this.feedMode(q, labels.length);
    const { params } = dayCountStatement(q, labels, mode);
    for (const r of this.count[mode].all(params) as Array<{ i: number; j: number; n: number }>) {
      if (r.n) (out[r.i] as DayCountSeries).counts[r.j] = r.n;
    }
    return out;
  }
}
