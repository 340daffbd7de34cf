import { parseDuration } from './duration.js';

// Time bounds as people type them in a query string or a flag: "7d", "24h", "30m",
// "2w" (that long before now), "2025-03-01" (a UTC calendar day), or an ISO 8601
// time. Pure: `now` is passed in. Shared by the HTTP API and `newsmon events`.

/** A bound that could not be read; the message is for the user. */
export class TimeRangeError extends RangeError {
  /** What is wrong, without the parameter's name. */
  readonly detail: string;
  constructor(
    readonly param: string,
    readonly value: string,
    detail = `must be a duration before now (7d, 24h, 30m, 2w), a date YYYY-MM-DD or an ISO 8601 time, got ${JSON.stringify(value)}`,
  ) {
    super(`"${param}" ${detail}`);
    this.detail = detail;
    this.name = 'TimeRangeError';
  }
}

/** The earliest time a JavaScript Date holds (ECMA-262 §21.4.1.22). */
const EARLIEST_MS = -8.64e15;

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/** Midnight UTC of a YYYY-MM-DD day, in ms, or null when the date does not exist (2025-02-30). */
export function utcDayStart(date: string): number | null {
  const m = DATE_ONLY.exec(date);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = Date.UTC(y, mo - 1, d);
  const back = new Date(t);
  return back.getUTCFullYear() === y && back.getUTCMonth() === mo - 1 && back.getUTCDate() === d ? t : null;
}

const DAY_MS = 86_400_000;

type DateMeans = 'start' | 'end';

function parseBound(value: string, now: Date, param: string, dateMeans: DateMeans): string {
  const v = value.trim();
  const day = utcDayStart(v);
  if (day !== null) return new Date(dateMeans === 'start' ? day : day + DAY_MS).toISOString();
  if (DATE_TIME.test(v)) {
    // A time with no zone is read as UTC, not as the server's local time.
    const zoned = /(Z|[+-]\d{2}(?::?\d{2})?)$/i.test(v) ? v : `${v}Z`;
    const t = Date.parse(zoned.replace(' ', 'T'));
    if (Number.isFinite(t)) return new Date(t).toISOString();
  }
  // A bare number is not taken as seconds here: "2025" reads more like a year.
  if (/[a-z]$/i.test(v)) {
    const ms = parseDuration(v);
    if (ms !== null && ms > 0) {
      // "9999999999d" is a duration, but no date is that long ago.
      const at = now.getTime() - ms;
      if (!(at >= EARLIEST_MS)) throw new TimeRangeError(param, value, `reaches back further than any date (${JSON.stringify(value)}); use a date instead`);
      return new Date(at).toISOString();
    }
  }
  throw new TimeRangeError(param, value);
}

/**
 * The lower bound of a time range, as an ISO 8601 UTC string (inclusive).
 * A date means the start of that UTC day. Throws TimeRangeError.
 */
export function parseSince(value: string, now: Date, param = 'since'): string {
  return parseBound(value, now, param, 'start');
}

/**
 * The upper bound of a time range, as an ISO 8601 UTC string (exclusive). A date means
 * the END of that UTC day, so `since=2025-03-01&until=2025-03-01` is that whole day.
 * Throws TimeRangeError.
 */
export function parseUntil(value: string, now: Date, param = 'until'): string {
  return parseBound(value, now, param, 'end');
}
