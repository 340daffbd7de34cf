import { entityKey, feedKey, langKey, pairKey, tagKey } from './event-keys.js';
import { toFtsQuery } from './fts.js';
import type { EventQuery } from './types.js';

// The driver of an event listing: the one index read backwards from the page's upper key
// (see migrations/003), and the checks each of its rows must pass. Pure: SQL text and
// its parameters. The SQL depends only on the query's shape, so statements are reused.

export type Params = Record<string, string | number>;

export interface Filter {
  /** Selects `k` of matching events, newest first, from one index (or a merge of ranges of one); uses @lo and @hi. */
  driver: string;
  params: Params;
}

/** At most this many ranges are merged into one driver (SQLite merges a UNION of ordered arms without sorting). */
export const MAX_UNION = 16;

/** A condition on an event's labels: it has at least one of these event_keys keys. */
type Group = string[];

class Binder {
  readonly params: Params = {};
  private n = 0;
  bind(value: string | number): string {
    const name = `p${this.n++}`;
    this.params[name] = value;
    return `@${name}`;
  }
}

function listOf(one: string | undefined, many: readonly string[] | undefined): string[] {
  return [...new Set([...(one !== undefined ? [one] : []), ...(many ?? [])])];
}

/** Every combination of the two lists as pair keys: "names one of E with one of T" as one group. */
function pairs(entities: readonly string[], tags: readonly string[]): Group {
  return entities.flatMap((e) => tags.map((t) => pairKey(e, t)));
}

function hasAny(b: Binder, group: Group, i: number, k: string): string {
  const x = `x${i}`;
  const cond = group.length === 1 ? `${x}.key = ${b.bind(group[0] as string)}` : `${x}.key IN (${group.map((g) => b.bind(g)).join(', ')})`;
  return `EXISTS (SELECT 1 FROM event_keys ${x} WHERE ${cond} AND ${x}.k = ${k})`;
}

interface Shape {
  groups: Group[];
  /** The entity whose figures drive (event_figures scope), '' for all. */
  scope: string;
}

/**
 * The label conditions as groups (AND of ORs). 'any' makes one group of a list, 'all' a
 * group per item. An entity list and a tag list combine into pair keys where that keeps
 * the group small, so "huawei or nvidia, tagged ipo" is two ranges, not a check per row.
 */
function shapeOf(q: EventQuery, figuresDrive: boolean): Shape {
  const all = q.match === 'all';
  let entities = listOf(q.entity, q.entities);
  const tags = listOf(q.tag, q.tags);
  let scope = '';
  if (figuresDrive && entities.length && (all || entities.length === 1)) {
    scope = entities[0] as string;
    entities = entities.slice(1);
  }
  const split = (ids: string[]): string[][] => (ids.length === 0 ? [] : all ? ids.map((id) => [id]) : [ids]);
  const entityGroups = split(entities);
  const tagGroups = split(tags);
  const groups: Group[] = [];
  const first = entityGroups[0];
  if (scope !== '') {
    groups.push(...tagGroups.map((t) => pairs([scope], t)));
    groups.push(...entityGroups.map((g) => g.map(entityKey)));
  } else if (first && tagGroups[0] && first.length * tagGroups[0].length <= MAX_UNION) {
    groups.push(pairs(first, tagGroups[0]));
    groups.push(...entityGroups.slice(1).map((g) => g.map(entityKey)), ...tagGroups.slice(1).map((g) => g.map(tagKey)));
  } else {
    groups.push(...entityGroups.map((g) => g.map(entityKey)), ...tagGroups.map((g) => g.map(tagKey)));
  }
  if (q.feed !== undefined) groups.push([feedKey(q.feed)]);
  if (q.lang !== undefined) groups.push([langKey(q.lang)]);
  return { groups, scope };
}

function figureChecks(q: EventQuery, b: Binder, alias: string): string[] {
  const out: string[] = [];
  if (q.minSi !== undefined) out.push(`${alias}.si >= ${b.bind(q.minSi)}`);
  if (q.maxSi !== undefined) out.push(`${alias}.si <= ${b.bind(q.maxSi)}`);
  return out;
}

const and = (checks: readonly string[]): string => checks.map((c) => ` AND ${c}`).join('');

/** A driver reading the key ranges of one group, newest first: one range, or a merge of up to MAX_UNION. */
function keysDriver(b: Binder, group: Group, checks: readonly string[]): string {
  const rest = and(checks);
  if (group.length === 1) return `SELECT d.k FROM event_keys d WHERE d.key = ${b.bind(group[0] as string)} AND d.k < @hi AND d.k >= @lo${rest} ORDER BY d.k DESC`;
  // UNION: an event under two of the keys is listed once.
  const arms = group.map((key) => `SELECT d.k AS k FROM event_keys d WHERE d.key = ${b.bind(key)} AND d.k < @hi AND d.k >= @lo${rest}`);
  return `${arms.join(' UNION ')} ORDER BY k DESC`;
}

/**
 * The driver and its checks. The most selective index drives: the sentence index for
 * `q` (FTS5 walks matches by rowid = k, newest first), else the figure index (under the
 * entity, if one must be named), else the label index (the first group's keys: pairs,
 * entities, tags, feed or language), else events(k).
 * Returns null when the query can match nothing (q with no words).
 */
export function filterOf(q: EventQuery): Filter | null {
  const b = new Binder();
  const match = q.q !== undefined && q.q.trim() !== '' ? toFtsQuery(q.q) : undefined;
  if (match === null) return null;
  const figures = q.figureKind !== undefined || q.minSi !== undefined || q.maxSi !== undefined;
  const { groups, scope } = shapeOf(q, figures && match === undefined);
  const kind = figures ? b.bind(q.figureKind ?? 'power') : '';
  const groupChecks = (list: readonly Group[], k: string): string[] => list.map((g, i) => hasAny(b, g, i, k));

  if (match !== undefined) {
    // FTS5 takes no alias in MATCH; its rowid is the event's key.
    const k = 'events_fts.rowid';
    const checks = groupChecks(groups, k);
    if (figures) checks.push(`EXISTS (SELECT 1 FROM event_figures xf WHERE xf.scope = '' AND xf.kind = ${kind} AND xf.k = ${k}${and(figureChecks(q, b, 'xf'))})`);
    return { driver: `SELECT ${k} AS k FROM events_fts WHERE events_fts MATCH ${b.bind(match)} AND ${k} < @hi AND ${k} >= @lo${and(checks)} ORDER BY ${k} DESC`, params: b.params };
  }
  if (figures) {
    // Figures are rarer than labels: they drive, under the entity's scope when there is
    // one. One row per figure: an event with two figures in range is listed once
    // (DISTINCT over the index order, which needs no sort).
    const checks = [...figureChecks(q, b, 'd'), ...groupChecks(groups, 'd.k')];
    return { driver: `SELECT DISTINCT d.k FROM event_figures d WHERE d.scope = ${b.bind(scope)} AND d.kind = ${kind} AND d.k < @hi AND d.k >= @lo${and(checks)} ORDER BY d.k DESC`, params: b.params };
  }
  const [first, ...rest] = groups;
  if (first) {
    // The checks are written once and repeated in each arm of a merge: same parameters.
    const checks = groupChecks(rest, 'd.k');
    return { driver: keysDriver(b, first, checks), params: b.params };
  }
  return { driver: 'SELECT d.k FROM events d WHERE d.k < @hi AND d.k >= @lo ORDER BY d.k DESC', params: b.params };
}
