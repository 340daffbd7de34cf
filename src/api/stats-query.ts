import type { DayCountQuery, DayCountSeries } from '../store/day-counts.js';
import { canonicalTimeZone } from '../time/zones.js';
import { dayBuckets, DayRangeError } from '../time/day-buckets.js';
import { parseSince, parseUntil, TimeRangeError } from '../time/time-range.js';
import { ApiError } from './errors.js';

// Counts of events per day per entity or tag: the one reading of the parameters that
// `GET /stats` and `newsmon stats` share, and the answer they both give.

/** About ten years of days in one answer: the answer holds series × days numbers. */
export const MAX_STATS_DAYS = 3660;
export const DEFAULT_STATS_SINCE = '30d';

export interface StatsParams {
  by?: 'entity' | 'tag';
  since?: string;
  until?: string;
  entity?: readonly string[];
  tag?: readonly string[];
  feed?: string;
  tz?: string;
}

export interface StatsPlan {
  by: 'entity' | 'tag';
  tz: string;
  days: string[];
  /** The store's query; its bounds are the whole days counted. */
  query: DayCountQuery;
  /** Whether the series were named (kept even when empty) or found (empty ones dropped). */
  named: boolean;
}

export interface StatsAnswer {
  by: 'entity' | 'tag';
  tz: string;
  /** The whole days counted: the start of the first, the end of the last (ISO 8601 UTC). */
  since: string;
  until: string;
  days: string[];
  /** Busiest first; a series named in the query is listed even with no events. */
  series: Array<{ key: string; total: number; counts: number[] }>;
}

/** A bound that reads as a time but lies beyond what a date can hold ("9999999999d") is the user's error too. */
function bound(read: (v: string, now: Date) => string, value: string, now: Date, param: string): string {
  try {
    return read(value, now);
  } catch (err) {
    if (err instanceof TimeRangeError) throw err;
    throw new TimeRangeError(param, value);
  }
}

/** The plan for validated parameters; throws ApiError (400) naming the parameter at fault. */
export function statsPlan(p: StatsParams, now: Date): StatsPlan {
  const by = p.by ?? 'entity';
  const tz = p.tz === undefined ? 'UTC' : canonicalTimeZone(p.tz);
  if (tz === null) throw new ApiError(400, `"tz" must be an IANA time zone such as UTC or Asia/Shanghai, got ${JSON.stringify(p.tz)}`);
  const filter = by === 'entity' ? 'tag' : 'entity';
  if ((p[filter]?.length ?? 0) > 1) throw new ApiError(400, `"${filter}" may be given once when counting by ${by} (each ${by} is a series; the ${filter} filters them)`);
  const since = bound((v, n) => parseSince(v, n), p.since ?? DEFAULT_STATS_SINCE, now, 'since');
  const until = p.until === undefined ? now.toISOString() : bound((v, n) => parseUntil(v, n), p.until, now, 'until');
  let buckets;
  try {
    buckets = dayBuckets(since, until, tz, MAX_STATS_DAYS);
  } catch (err) {
    if (err instanceof DayRangeError) throw new ApiError(400, err.message);
    throw err;
  }
  const query: DayCountQuery = { by, bounds: buckets.bounds };
  if (p.entity?.length) query.entities = p.entity;
  if (p.tag?.length) query.tags = p.tag;
  if (p.feed !== undefined) query.feed = p.feed;
  return { by, tz, days: buckets.days, query, named: Boolean((by === 'entity' ? p.entity : p.tag)?.length) };
}

/** The answer from the store's series: totals, busiest first, found series with no events left out. */
export function statsAnswer(plan: StatsPlan, series: readonly DayCountSeries[]): StatsAnswer {
  const withTotals = series
    .map((s) => ({ key: s.key, total: s.counts.reduce((a, b) => a + b, 0), counts: s.counts }))
    .filter((s) => plan.named || s.total > 0);
  if (!plan.named) withTotals.sort((a, b) => b.total - a.total || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const bounds = plan.query.bounds;
  return { by: plan.by, tz: plan.tz, since: bounds[0] as string, until: bounds[bounds.length - 1] as string, days: plan.days, series: withTotals };
}
