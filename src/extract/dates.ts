import { zonelessToInstant } from '../time/zoneless.js';
import { instantOfWallTime } from '../time/zones.js';

// Dates as pages state them → ISO 8601 UTC. A date with no zone (an ISO time without an
// offset, a Chinese 年月日 date, free-form text) is read in the zone the caller passes:
// the feed's, by the rule in src/time/zoneless.ts. Never in the machine's local zone.

const ISO_NO_ZONE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?)?$/;
const ISO_COMPACT_OFFSET = /^(\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)\s*([+-]\d{2})(\d{2})$/;
const HAS_ZONE = /(Z|GMT|UTC|[+-]\d{2}:?\d{2})\s*$/i;
const CHINESE = /(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日(?:\s*(\d{1,2})\s*[:：时]\s*(\d{1,2}))?/;

function valid(ms: number): string | null {
  if (!Number.isFinite(ms)) return null;
  const d = new Date(ms);
  const y = d.getUTCFullYear();
  return y >= 1990 && y <= 2100 ? d.toISOString() : null;
}

/** A zoneless wall time from regex groups, or null for an impossible day/time (2025-02-30, 25:00). */
function wallTime(zone: string, ...groups: Array<string | undefined>): string | null {
  const [year, month, day, hour, minute, second] = [0, 1, 2, 3, 4, 5].map((i) => Number(groups[i] ?? 0)) as [number, number, number, number, number, number];
  const check = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day || hour > 23 || minute > 59 || second > 59) return null;
  return valid(zonelessToInstant({ year, month, day, hour, minute, second }, zone));
}

/**
 * A page's date as ISO 8601 UTC, or null when it cannot be read.
 * @param zone the IANA zone of a date that states none.
 */
export function toIsoUtc(input: string | null | undefined, zone = 'UTC'): string | null {
  if (!input) return null;
  const s = input.trim();
  if (!s || s.length > 64) return null;
  const zh = CHINESE.exec(s);
  if (zh) return wallTime(zone, zh[1], zh[2], zh[3], zh[4], zh[5]);
  const noZone = ISO_NO_ZONE.exec(s);
  if (noZone) {
    const iso = wallTime(zone, ...noZone.slice(1, 7));
    // Milliseconds, when given, are kept (zones are whole seconds apart).
    return iso && noZone[7] ? iso.replace(/\.\d{3}Z$/, `.${noZone[7].slice(1, 4).padEnd(3, '0')}Z`) : iso;
  }
  const compact = ISO_COMPACT_OFFSET.exec(s);
  if (compact) return valid(Date.parse(`${compact[1]?.replace(' ', 'T')}${compact[2]}:${compact[3]}`));
  if (/^\d{4}-\d{2}-\d{2}T/.test(s)) return valid(Date.parse(s));
  // Unix seconds or milliseconds, as some meta tags give them.
  if (/^\d{10}$/.test(s)) return valid(Number(s) * 1000);
  if (/^\d{13}$/.test(s)) return valid(Number(s));
  if (HAS_ZONE.test(s)) return valid(Date.parse(s));
  // Free-form ("Nov 19, 2019 10:41 AM"): V8 reads a zoneless string as local time, so
  // read it as UTC and take that wall time in the zone.
  const wall = Date.parse(`${s} UTC`);
  return Number.isFinite(wall) ? valid(instantOfWallTime(wall, zone)) : null;
}
