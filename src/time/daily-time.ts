import { utcDayStart } from './time-range.js';
import { addDays, localDate } from './zoned-day.js';
import { firstInstantReaching } from './zones.js';

// A daily local time ("07:30" in a zone) as instants: on each local day, the first instant
// the zone's clocks reach it. So a time skipped by a spring-forward gap is due when the
// gap ends (02:30 in New York on a 02:00→03:00 day is due at 03:00), and one that happens
// twice when clocks fall back is due once, at its first occurrence.

const HH_MM = /^(\d{1,2}):(\d{2})$/;

function wallOffsetMs(time: string): number {
  const m = HH_MM.exec(time);
  if (!m || Number(m[1]) > 23 || Number(m[2]) > 59) throw new RangeError(`expected a time of day "HH:MM", got ${JSON.stringify(time)}`);
  return Number(m[1]) * 3_600_000 + Number(m[2]) * 60_000;
}

/** The instant (ms) a daily `time` is due on the local `date` (YYYY-MM-DD) in `timeZone`. */
export function dailyInstant(date: string, time: string, timeZone: string): number {
  const day = utcDayStart(date);
  if (day === null) throw new RangeError(`expected a date YYYY-MM-DD, got ${JSON.stringify(date)}`);
  return firstInstantReaching(day + wallOffsetMs(time), timeZone);
}

/** The first instant (ms) strictly after `afterMs` at which a daily `time` in `timeZone` is due. */
export function nextDailyInstant(afterMs: number, time: string, timeZone: string): number {
  const today = localDate(new Date(afterMs), timeZone);
  // From yesterday: cheap, and safe in a zone whose clocks once jumped a whole day (Samoa, 2011).
  for (let d = -1; d <= 2; d++) {
    const t = dailyInstant(addDays(today, d), time, timeZone);
    if (t > afterMs) return t;
  }
  throw new RangeError(`no ${time} in ${timeZone} within two days of ${new Date(afterMs).toISOString()}`);
}
