// Dates as pages state them → ISO 8601 UTC. A date with no zone is read as UTC (never as
// the machine's local time, which would make the result depend on where it runs), except
// Chinese 年月日 dates, which are read as China Standard Time (UTC+8), the zone such pages use.

const ISO_NO_ZONE = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)$/;
const ISO_COMPACT_OFFSET = /^(\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)\s*([+-]\d{2})(\d{2})$/;
const HAS_ZONE = /(Z|GMT|UTC|[+-]\d{2}:?\d{2})\s*$/i;
const CHINESE = /(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日(?:\s*(\d{1,2})\s*[:：时]\s*(\d{1,2}))?/;

function valid(ms: number): string | null {
  if (!Number.isFinite(ms)) return null;
  const d = new Date(ms);
  const y = d.getUTCFullYear();
  return y >= 1990 && y <= 2100 ? d.toISOString() : null;
}

export function toIsoUtc(input: string | null | undefined): string | null {
  if (!input) return null;
  const s = input.trim();
  if (!s || s.length > 64) return null;
  const zh = CHINESE.exec(s);
  if (zh) {
    const [, y, mo, d, h, mi] = zh;
    const pad = (v: string | undefined): string => (v ?? '0').padStart(2, '0');
    return valid(Date.parse(`${y}-${pad(mo)}-${pad(d)}T${pad(h)}:${pad(mi)}:00+08:00`));
  }
  const noZone = ISO_NO_ZONE.exec(s);
  if (noZone) return valid(Date.parse(`${noZone[1]}T${noZone[2]}Z`));
  const compact = ISO_COMPACT_OFFSET.exec(s);
  if (compact) return valid(Date.parse(`${compact[1]?.replace(' ', 'T')}${compact[2]}:${compact[3]}`));
  if (/^\d{4}-\d{2}-\d{2}$/.test(s) || /^\d{4}-\d{2}-\d{2}T/.test(s)) return valid(Date.parse(s));
  // Unix seconds or milliseconds, as some meta tags give them.
  if (/^\d{10}$/.test(s)) return valid(Number(s) * 1000);
  if (/^\d{13}$/.test(s)) return valid(Number(s));
  // Free-form ("Nov 19, 2019 10:41 AM"): V8 reads a zoneless string as local time, so pin it to UTC.
  return valid(Date.parse(HAS_ZONE.test(s) ? s : `${s} UTC`));
}
