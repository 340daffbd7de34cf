// IANA time zones from Intl alone (no tz database of our own): offsets, names, and the
// instant a wall-clock time in a zone stands for.

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    // Building a DateTimeFormat costs ~50 µs; dates and digests ask for the same zone many times.
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

// Area/Location names ("Asia/Shanghai", "Etc/GMT-8") and UTC. Not offsets ("+08:00"),
// which say nothing of daylight saving, nor the tz database's old slashless aliases
// ("CST", "PRC", "EST"), which read as abbreviations and are ambiguous to people
// ("CST" is China Standard Time to some, US Central to the database).
const IANA_NAME = /^(?:UTC|GMT|[A-Za-z][A-Za-z0-9_+-]*(?:\/[A-Za-z0-9_+-]+){1,2})$/i;

/** The IANA zone name, capitalised as the database has it ("asia/shanghai" → "Asia/Shanghai"), or null when it is not one. */
export function canonicalTimeZone(name: string): string | null {
  const trimmed = name.trim();
  if (!IANA_NAME.test(trimmed)) return null;
  try {
    const resolved = new Intl.DateTimeFormat('en-US', { timeZone: trimmed }).resolvedOptions().timeZone;
    // ICU resolves links to its own older names (Asia/Kolkata → Asia/Calcutta): keep the
    // name as given, with ICU's capitals when it is the same name.
    return resolved.toLowerCase() === trimmed.toLowerCase() ? resolved : trimmed;
  } catch {
    return null;
  }
}

export function isValidTimeZone(timeZone: string): boolean {
  return canonicalTimeZone(timeZone) !== null;
}

export interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

export function localParts(t: number, timeZone: string): WallTime {
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

const DAY_MS = 86_400_000;

/** The instants at which clocks in the zone read this wall time: one, two (clocks fall back) or none (a spring-forward gap). */
function instantsOfWallTime(wallMs: number, timeZone: string): { instants: number[]; before: number; after: number } {
  // Offsets a day either side of the wall time: both are in force near it unless two
  // transitions fall within a day, which no zone does.
  const before = zoneOffsetMs(wallMs - DAY_MS, timeZone);
  const after = zoneOffsetMs(wallMs + DAY_MS, timeZone);
  const instants = [...new Set([wallMs - before, wallMs - after])].filter((t) => t + zoneOffsetMs(t, timeZone) === wallMs);
  return { instants, before, after };
}

/**
 * The instant (ms) at which clocks in the zone read this wall time, given as ms since
 * the epoch as if the wall time were UTC (`Date.UTC(...)`). Resolved as RFC 9557 and
 * Temporal's "compatible" do: a time that happens twice (clocks fall back) is the
 * earlier; a time skipped by a spring-forward gap is read with the offset in force
 * before the gap, which lands after it (02:30 in a 02:00→03:00 gap is 03:30).
 */
export function instantOfWallTime(wallMs: number, timeZone: string): number {
  if (timeZone === 'UTC') return wallMs;
  const { instants, before } = instantsOfWallTime(wallMs, timeZone);
  return instants.length ? Math.min(...instants) : wallMs - before;
}

/**
 * The first instant (ms) at which clocks in the zone read this wall time or later: the
 * time itself; the earlier of two when clocks fall back; the end of the gap when a
 * spring-forward skips it (02:30 in a 02:00→03:00 gap is 03:00). When a daily event is
 * due, unlike where a written date points (instantOfWallTime).
 */
export function firstInstantReaching(wallMs: number, timeZone: string): number {
  if (timeZone === 'UTC') return wallMs;
  const { instants, before, after } = instantsOfWallTime(wallMs, timeZone);
  if (instants.length) return Math.min(...instants);
  // In the gap the clock reads earlier than the wall time at `lo` and later at `hi`, and
  // rises in between (one transition): find, to the second, where it first reaches it.
  let lo = Math.floor((wallMs - after) / 1000);
  let hi = Math.ceil((wallMs - before) / 1000);
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (mid * 1000 + zoneOffsetMs(mid * 1000, timeZone) >= wallMs) hi = mid;
    else lo = mid;
  }
  return hi * 1000;
}
