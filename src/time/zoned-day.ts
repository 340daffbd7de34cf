import { utcDayStart } from './time-range.js';
import { instantOfWallTime, localParts } from './zones.js';

// Calendar days in an IANA time zone. A digest covers one local day: [start, end) as
// UTC instants. Days are 23 or 25 hours long across DST changes, and in a few zones
// midnight itself is skipped or repeated.

/** The local calendar date (YYYY-MM-DD) of an instant in a zone. */
export function localDate(at: Date, timeZone: string): string {
  const p = localParts(at.getTime(), timeZone);
  return `${String(p.year).padStart(4, '0')}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}

/** The YYYY-MM-DD date `days` after (or before, if negative) the given one. */
export function addDays(date: string, days: number): string {
  const t = utcDayStart(date);
  if (t === null) throw new RangeError(`expected a date YYYY-MM-DD, got ${JSON.stringify(date)}`);
  return new Date(t + days * 86_400_000).toISOString().slice(0, 10);
}

/** The first instant (ms) of a local calendar day in a zone. */
export function zonedDayStart(date: string, timeZone: string): number {
  const wall = utcDayStart(date);
  if (wall === null) throw new RangeError(`expected a date YYYY-MM-DD, got ${JSON.stringify(date)}`);
  // Where midnight is skipped the day begins at the transition; where it repeats, at the first.
  return instantOfWallTime(wall, timeZone);
}

export interface DayRange {
  /** Inclusive, ISO 8601 UTC. */
  start: string;
  /** Exclusive, ISO 8601 UTC: the next local day's start. */
  end: string;
}

/** The UTC instants bounding one local calendar day in a zone. */
export function zonedDayRange(date: string, timeZone: string): DayRange {
  return {
    start: new Date(zonedDayStart(date, timeZone)).toISOString(),
    end: new Date(zonedDayStart(addDays(date, 1), timeZone)).toISOString(),
  };
}
