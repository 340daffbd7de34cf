import { utcDayStart } from './time-range.js';
import { addDays, localDate, zonedDayStart } from './zoned-day.js';

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
  const count = Math.round(((utcDayStart(last) as number) - (utcDayStart(first) as number)) / 86_400_000) + 1;
  if (count > maxDays) throw new DayRangeError('since', `the range from "since" to "until" spans ${count} days; at most ${maxDays} are counted at once`);
  const days: string[] = [];
  for (let i = 0; i < count; i++) days.push(addDays(first, i));
  const bounds = [...days, addDays(last, 1)].map((d) => new Date(zonedDayStart(d, timeZone)).toISOString());
  return { days, bounds };
}
