// Formatting values for the page. Pure: no DOM here, so tests can import it.

const PREFIXES = [
  [1e12, 'T'],
  [1e9, 'G'],
  [1e6, 'M'],
  [1e3, 'k'],
];

/** A figure in watts (kind power) or watt-hours (kind energy) with the largest fitting prefix: 2.5e9 → "2.5 GW". */
export function formatFigure(si, kind) {
  const unit = kind === 'energy' ? 'Wh' : 'W';
  if (typeof si !== 'number' || !Number.isFinite(si)) return `? ${unit}`;
  const [factor, prefix] = PREFIXES.find(([f]) => Math.abs(si) >= f) ?? [1, ''];
  return `${Number((si / factor).toPrecision(3))} ${prefix}${unit}`;
}

/** The link to a source, only for http(s) URLs: anything else (javascript:, data:) is not a link. */
export function safeHref(url) {
  try {
    const u = new URL(String(url));
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}

/** "2025-03-01 09:30" in the given zone (the reader's by default). */
export function formatTime(iso, timeZone) {
  const t = Date.parse(iso ?? '');
  if (!Number.isFinite(t)) return '';
  // The Swedish locale writes dates as YYYY-MM-DD HH:MM, readable everywhere.
  return new Intl.DateTimeFormat('sv-SE', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }).format(new Date(t));
}

/** The URL of the next page's Link header (RFC 8288), or null. */
export function nextLink(header) {
  if (!header) return null;
  for (const part of header.split(',')) {
    const m = /^\s*<([^>]*)>\s*;(.*)$/.exec(part);
    if (m && /(^|;)\s*rel="?([^";]*\s)?next(\s[^";]*)?"?\s*(;|$)/i.test(m[2])) return m[1];
  }
  return null;
}
