import { utcDayStart } from './time-range.js';
import { localDate, zonedDayStart } from './zoned-day.js';
import { zoneOffsetMs } from './zones.js';

const DAY_MS = 86_400_000;

// The calendar days a time range touches in a time zone, widened to whole days, for
// counts per day: a chart whose first day counts only its last hours would show a dip
// that is not there. Pure.

export interface DayBuckets {
  /** Local dates, YYYY-MM-DD, ascending. */
  days: string[];
  /** Day i is [bounds[i], bounds[i + 1]), as ISO 8601 UTC instants; one more than days. */
  bounds: string[];
}

/** Why a range cannot be cut into days; `param` is the query parameter to blame. */
export class DayRangeError extends RangeError {
  constructor(
    readonly param: string,
    message: string,
  ) {
    super(message);
    this.name = 'DayRangeError';
  }
}

/**
 * The local days from the one holding `since` to the one holding the last instant
 * before `until` (exclusive), in `timeZone`. Throws DayRangeError when until is not
 * after since or the range holds more than `maxDays` days.
 */
export function dayBuckets(since: string, until: string, timeZone: string, maxDays: number): DayBuckets {
  const from = Date.parse(since);
  const to = Date.parse(until);
  if (!(to > from)) throw new DayRangeError('until', `"until" (${until}) must be after "since" (${since})`);
  const first = localDate(new Date(from), timeZone);
  const last = localDate(new Date(to - 1), timeZone);
  const count = Math.round(((utcDayStart(last) as number) - (utcDayStart(first) as number)) / DAY_MS) + 1;
  if (count > maxDays) throw new DayRangeError('since', `the range from "since" to "until" spans ${count} days; at most ${maxDays} are counted at once`);
  const firstMs = utcDayStart(first) as number;
  const walls = Array.from({ length: count + 1 }, (_, i) => firstMs + i * DAY_MS);
  const days = walls.slice(0, -1).map((t) => new Date(t).toISOString().slice(0, 10));
  const bounds = dayStarts(walls, timeZone).map((t) => new Date(t).toISOString());
  return { days, bounds };
}

/**
 * The first instant of each local day (walls: local midnights written as UTC). Exact
 * for the first day, then each next midnight is guessed with the offset in force and
 * kept when the offset there is still the same (no transition in between, as no zone
 * changes twice in a day); else worked out exactly. About one zone lookup a day, not four.
 */
function dayStarts(walls: readonly number[], timeZone: string): number[] {
  if (timeZone === 'UTC') return [...walls];
  const out: number[] = [];
  let offset = 0;
  for (const [i, wall] of walls.entries()) {
    const guess = wall - offset;
    if (i > 0 && zoneOffsetMs(guess, timeZone) === offset) {
      out.push(guess);
      continue;
    }
    const start = zonedDayStart(new Date(wall).toISOString().slice(0, 10), timeZone);
    offset = zoneOffsetMs(start, timeZone);
    out.push(start);
  }
  return out;
}
