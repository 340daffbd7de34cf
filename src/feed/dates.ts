import { zonelessToInstant } from '../time/zoneless.js';
import type { WallTime } from '../time/zones.js';

// Feed dates as real feeds write them, to UTC ISO 8601 (`YYYY-MM-DDTHH:MM:SSZ`).
// RFC 822/1123/2822 (any weekday spelling, 2- or 4-digit years, named, numeric or
// missing zones, comments), ISO 8601/W3CDTF (full, partial, basic, with a space),
// asctime, numeric Y/M/D, D.M.Y and M/D/Y forms, and Chinese 年月日 dates. A date
// without a zone is read in the zone the caller passes (the feed's: see
// src/time/zoneless.ts), UTC by default as in feedparser. Impossible dates give null.

const MONTHS = table({
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12,
  january: 1, february: 2, march: 3, april: 4, june: 6, july: 7, august: 8, september: 9, october: 10, november: 11, december: 12,
  // French, German, Spanish, Italian, Dutch abbreviations seen in the wild
  janv: 1, févr: 2, fevr: 2, mars: 3, avr: 4, mai: 5, juin: 6, juil: 7, août: 8, aout: 8, déc: 12,
  jän: 1, mär: 3, okt: 10, dez: 12, ene: 1, abr: 4, ago: 8, dic: 12, gen: 1, giu: 6, lug: 7, set: 9, ott: 10, mrt: 3, mei: 5,
});

// Maps, not object literals: a token like "constructor" must not find Object.prototype's.
function table(entries: Record<string, number>): Map<string, number> {
  return new Map(Object.entries(entries));
}

const WEEKDAY = /^(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|sday|urday|rsday)?\.?$/i;

/** Offsets in minutes east of UTC for the zone names feeds use. */
const ZONES = table({
  ut: 0, utc: 0, gmt: 0, z: 0, wet: 0, zulu: 0,
  est: -300, edt: -240, cst: -360, cdt: -300, mst: -420, mdt: -360, pst: -480, pdt: -420,
  akst: -540, akdt: -480, hst: -600, ast: -240, adt: -180, nst: -210, ndt: -150,
  bst: 60, ist: 330, cet: 60, cest: 120, met: 60, mest: 120, eet: 120, eest: 180, west: 60,
  msk: 180, msd: 240, jst: 540, kst: 540, hkt: 480, sgt: 480, awst: 480, acst: 570, aest: 600, aedt: 660,
  nzst: 720, nzdt: 780, pht: 480, wib: 420, ict: 420, pkt: 300, bjt: 480, ctt: 480,
});

interface Parts extends WallTime {
  /** Minutes east of UTC; null when the date states no zone. */
  offset: number | null;
}

/**
 * Parse a feed date; null when it cannot be read or names an impossible day/time.
 * @param zone the IANA zone of a date that states none.
 */
export function parseDate(input: string | null | undefined, zone = 'UTC'): string | null {
  if (!input) return null;
  const s = input.trim().replace(/\s+/g, ' ');
  if (!s || s.length > 100) return null;
  const parts = parseIso(s) ?? parseCjk(s) ?? parseLoose(s);
  return parts ? format(parts, zone) : null;
}

const ISO =
  /^(\d{4})(?:-?(\d{2})(?:-?(\d{2}))?)?(?:(?:T| T? ?)(\d{2})(?::?(\d{2})(?::?(\d{2})(?:[.,]\d+)?)?)?)? ?(Z|[+-]\d{2}(?::?\d{2})?|[A-Za-z]{1,5})?$/i;

function parseIso(s: string): Parts | null {
  const m = ISO.exec(s);
  if (!m) return null;
  // "20040105" is a basic-format date, but "2004" followed by 2 digits alone is a month.
  const offset = m[7] ? zoneOffset(m[7]) : null;
  if (m[7] && offset === null) return null;
  return {
    year: Number(m[1]),
    month: m[2] ? Number(m[2]) : 1,
    day: m[3] ? Number(m[3]) : 1,
    hour: m[4] ? Number(m[4]) : 0,
    minute: m[5] ? Number(m[5]) : 0,
    second: m[6] ? Number(m[6]) : 0,
    offset,
  };
}

// 2024年5月1日 10:30[:00], with optional 星期X and 上午/下午.
function parseCjk(s: string): Parts | null {
  const m = /^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日(?:\s*(?:星期|周)[一二三四五六日天])?\s*(上午|下午|晚上)?\s*(?:(\d{1,2})[:：时](\d{1,2})(?:[:：分](\d{1,2})秒?)?)?/.exec(s);
  if (!m) return null;
  let hour = m[5] ? Number(m[5]) : 0;
  if ((m[4] === '下午' || m[4] === '晚上') && hour < 12) hour += 12;
  return { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]), hour, minute: m[6] ? Number(m[6]) : 0, second: m[7] ? Number(m[7]) : 0, offset: null };
}

const TIME = /^(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?(?:([ap])\.?m\.?)?$/i;
const NUMERIC_ZONE = /^(?:(?:gmt|utc|ut)?([+-])(\d{1,2})(?::?(\d{2}))?)$/i;

/** What the tokens of a loose date have said so far. */
interface Loose {
  month: number | null;
  numbers: string[];
  time: RegExpExecArray | null;
  ampm: string | null;
  offset: number | null;
  ymd: [number, number, number] | null;
}

/** RFC 822 and everything roughly like it: tokens in any reasonable order. */
function parseLoose(s: string): Parts | null {
  const cleaned = s
    .replace(/\([^)]*\)/g, ' ') // "(PST)" comments
    .replace(/(\d)(st|nd|rd|th)\b/gi, '$1') // "1st", "22nd"
    .replace(/(\d)T(\d)/, '$1 $2');
  const st: Loose = { month: null, numbers: [], time: null, ampm: null, offset: null, ymd: null };
  for (const raw of cleaned.split(/[\s,]+/).filter(Boolean)) {
    if (!readToken(st, raw.replace(/\.$/, ''))) return null;
  }
  const date = dayOf(st);
  const time = date ? timeOf(st) : null;
  if (!date || !time) return null;
  return { year: date.year, month: date.month, day: date.day, hour: time.hour, minute: time.minute, second: time.second, offset: st.offset };
}

/** Takes one token into the state; false for a token no date has. */
function readToken(st: Loose, tok: string): boolean {
  const lower = tok.toLowerCase();
  if (WEEKDAY.test(tok)) return true;
  if (lower === 'am' || lower === 'pm' || lower === 'a.m' || lower === 'p.m') {
    st.ampm = lower[0] ?? null;
    return true;
  }
  const t = TIME.exec(tok);
  if (t && !st.time) {
    st.time = t;
    return true;
  }
  // A time glued to its zone: "19:48:21+0800", "10:14:55Z".
  const glued = /^(\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?)(Z|[+-]\d{2}:?\d{2})$/i.exec(tok);
  if (glued && !st.time) {
    st.time = TIME.exec(glued[1] ?? '');
    st.offset = zoneOffset(glued[2] ?? '');
    return true;
  }
  const dated = /^(\d{1,4})([-/.])(\d{1,2}|[a-z]{3,9})\2(\d{1,4})$/i.exec(tok);
  if (dated && !st.ymd && st.month === null) {
    st.ymd = numericDate(dated[1] ?? '', dated[2] ?? '', dated[3] ?? '', dated[4] ?? '');
    return st.ymd !== null;
  }
  if (/^\d{1,4}$/.test(tok)) {
    st.numbers.push(tok);
    return true;
  }
  const mon = MONTHS.get(lower) ?? MONTHS.get(lower.slice(0, 3));
  if (mon !== undefined && st.month === null && /^[a-zäéû]+$/i.test(lower)) {
    st.month = mon;
    return true;
  }
  return readZoneToken(st, tok);
}

/** A zone token: "+0800", "GMT+8", "EST"; or one unknown trailing word, taken as UTC. */
function readZoneToken(st: Loose, tok: string): boolean {
  if (st.offset !== null) return false;
  const num = NUMERIC_ZONE.exec(tok);
  if (num && (st.time || st.ymd || st.month !== null)) {
    const h = Number(num[2]);
    const min = num[3] ? Number(num[3]) : 0;
    // "+530" style (hours and minutes run together without a colon, 3 digits)
    const [hh, mm] = !num[3] && (num[2] ?? '').length > 2 ? [Math.floor(h / 100), h % 100] : [h, min];
    st.offset = (num[1] === '-' ? -1 : 1) * (hh * 60 + mm);
    return true;
  }
  const named = zoneOffset(tok);
  if (named !== null) {
    st.offset = named;
    return true;
  }
  // An unknown word: tolerate one trailing zone-like token, nothing else.
  if (/^[a-z]{2,5}$/i.test(tok) && (st.time !== null || st.numbers.length >= 2)) {
    st.offset = 0;
    return true;
  }
  return false;
}

/** Year, month and day from a numeric date or a month name and two numbers. */
function dayOf(st: Loose): { year: number; month: number; day: number } | null {
  let year: number;
  let day: number;
  let month: number;
  if (st.ymd) {
    [year, month, day] = st.ymd;
  } else {
    if (st.month === null || st.numbers.length !== 2) return null;
    month = st.month;
    const four = st.numbers.findIndex((n) => n.length === 4);
    if (four >= 0) {
      year = Number(st.numbers[four]);
      day = Number(st.numbers[1 - four]);
    } else {
      // "01 Jan 04" (RFC 822) or "Jan 01 04": the day comes first either way.
      day = Number(st.numbers[0]);
      year = Number(st.numbers[1]);
    }
  }
  if (year < 100) year += year < 50 ? 2000 : 1900;
  return { year, month, day };
}

/** Hour, minute and second, with a.m./p.m. applied; null for "13:00 PM". */
function timeOf(st: Loose): { hour: number; minute: number; second: number } | null {
  const { time } = st;
  let hour = time ? Number(time[1]) : 0;
  const minute = time ? Number(time[2]) : 0;
  const second = time && time[3] ? Number(time[3]) : 0;
  const meridiem = (time?.[4] ?? st.ampm)?.toLowerCase() ?? null;
  if (meridiem) {
    if (hour < 1 || hour > 12) return null;
    if (meridiem === 'p' && hour < 12) hour += 12;
    if (meridiem === 'a' && hour === 12) hour = 0;
  }
  return { hour, minute, second };
}

/** "2004-01-05", "2004/01/05", "05.01.2004", "1/5/2004" (US), "05-Jan-2004". */
function numericDate(a: string, sep: string, b: string, c: string): [number, number, number] | null {
  const mon = /^\d+$/.test(b) ? Number(b) : (MONTHS.get(b.toLowerCase()) ?? MONTHS.get(b.toLowerCase().slice(0, 3)));
  if (mon === undefined) return null;
  if (a.length === 4) return [Number(a), mon, Number(c)];
  if (c.length !== 4 && c.length !== 2) return null;
  const year = Number(c) < 100 ? Number(c) + (Number(c) < 50 ? 2000 : 1900) : Number(c);
  if (!/^\d+$/.test(b)) return [year, mon, Number(a)];
  // Slashes with the year last are American (month first); dots and dashes are day first.
  return sep === '/' ? [year, Number(a), mon] : [year, mon, Number(a)];
}

function zoneOffset(zone: string): number | null {
  const z = zone.trim();
  const named = ZONES.get(z.toLowerCase());
  if (named !== undefined) return named;
  const m = /^(?:gmt|utc)?([+-])(\d{2}):?(\d{2})?$/i.exec(z);
  if (m) return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + (m[3] ? Number(m[3]) : 0));
  // RFC 822 military zones are documented as unreliable (RFC 2822 §4.3): read as UTC.
  if (/^[a-ik-y]$/i.test(z)) return 0;
  return null;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function format(p: Parts, zone: string): string | null {
  const { year, month, day, hour, minute } = p;
  let { second } = p;
  if (year < 1000 || year > 9999 || month < 1 || month > 12 || day < 1) return null;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const dim = month === 2 && leap ? 29 : (DAYS_IN_MONTH[month - 1] ?? 31);
  if (day > dim || minute > 59 || second > 60 || hour > 24 || (hour === 24 && (minute > 0 || second > 0))) return null;
  if (second === 60) second = 59; // a leap second; Date cannot hold it
  if (p.offset !== null && Math.abs(p.offset) > 18 * 60) return null;
  const ms =
    p.offset === null && zone !== 'UTC'
      ? zonelessToInstant({ year, month, day, hour, minute, second }, zone)
      : Date.UTC(year, month - 1, day, hour, minute, second) - (p.offset ?? 0) * 60_000;
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
