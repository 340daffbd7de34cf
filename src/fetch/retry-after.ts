/**
 * Milliseconds to wait from a Retry-After value (RFC 9110 §10.2.3): delta-seconds or an
 * HTTP-date, the latter measured from `nowMs`. Undefined when absent or unreadable; a
 * date in the past gives 0.
 */
export function parseRetryAfter(value: string | null | undefined, nowMs: number): number | undefined {
  if (value === null || value === undefined) return undefined;
  const v = value.trim();
  if (v === '') return undefined;
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  // Date.parse reads IMF-fixdate and the obsolete RFC 850 / asctime forms; demand a
  // letter so a stray number like "1.5" is not taken for a year.
  if (!/[a-z]/i.test(v)) return undefined;
  const at = Date.parse(v);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - nowMs);
}
