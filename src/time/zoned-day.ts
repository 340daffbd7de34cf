import { utcDayStart } from './time-range.js';

// Calendar days in an IANA time zone, from Intl alone (no tz database of our own).
// A digest covers one local day: [start, end) as UTC instants. Days are 23 or 25 hours
// long across DST changes, and in a few zones midnight itself is skipped or repeated.

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    // Building a DateTimeFormat costs ~50 µs; a digest asks for the same zone many times.
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function localParts(t: number, timeZone: string): LocalParts {
  const out: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(t))) {
    if (p.type !== 'literal') out[p.type] = Number(p.value);
  }
  return {
    year: out.year ?? 0,
    month: out.month ?? 1,
    day: out.day ?? 1,
    hour: out.hour ?? 0,
    minute: out.minute ?? 0,
    second: out.second ?? 0,
  };
}

/** The zone's offset from UTC at instant t, in ms (local = utc + offset). */
export function zoneOffsetMs(t: number, timeZone: string): number {
  const p = localParts(t, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - Math.floor(t / 1000) * 1000;
}

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
  // Local midnight is wall - offset, but the offset is the one in force at that instant.
  const o1 = zoneOffsetMs(wall, timeZone);
  const t1 = wall - o1;
  const o2 = zoneOffsetMs(t1, timeZone);
  if (o1 === o2) return earlierRepeat(t1, o2, wall, timeZone);
  const t2 = wall - o2;
  const o3 = zoneOffsetMs(t2, timeZone);
  if (o2 === o3) return earlierRepeat(t2, o3, wall, timeZone);
  // Midnight falls in a spring-forward gap: the day begins at the transition, which is
  // when the old offset's clock reads 00:00 — the later of the two candidates.
  return Math.max(t1, t2);
}

// When clocks fall back across midnight, 00:00 happens twice; the day starts at the first.
function earlierRepeat(t: number, offset: number, wall: number, timeZone: string): number {
  const before = zoneOffsetMs(t - 3 * 3_600_000, timeZone);
  if (before > offset) {
    const earlier = wall - before;
    if (zoneOffsetMs(earlier, timeZone) === before) return earlier;
  }
  return t;
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
