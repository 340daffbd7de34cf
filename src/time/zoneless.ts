import { instantOfWallTime } from './zones.js';

// The one rule for dates written without a zone ("2024年5月1日 10:30", "2024-05-01 10:30"),
// in feeds and in pages alike: the zone the feed is configured with (feeds.yaml
// `timezone`), else the zone its language implies, else UTC. Never the machine's
// local zone, which would make the result depend on where newsmon runs.

/** Zones implied by a language, where one zone covers nearly all its publishers. */
const ZONE_OF_LANGUAGE: ReadonlyMap<string, string> = new Map([['zh', 'Asia/Shanghai']]);

/** The zone that zoneless dates in text of this language are read in ("zh-CN" → Asia/Shanghai); UTC by default. */
export function zoneForLanguage(language: string | null | undefined): string {
  const primary = /^\s*([a-z]{2,3})(?:$|[-_\s])/i.exec(language ?? '')?.[1]?.toLowerCase() ?? '';
  return ZONE_OF_LANGUAGE.get(primary) ?? 'UTC';
}

/** The zone for a source's zoneless dates: the configured one when set, else its language's. */
export function zonelessDateZone(configured: string | null | undefined, language: string | null | undefined): string {
  return configured || zoneForLanguage(language);
}

/** The instant (ms) of a zoneless wall-clock time in a zone; hour 24 is the next midnight. */
export function zonelessToInstant(w: { year: number; month: number; day: number; hour: number; minute: number; second: number }, zone: string): number {
  return instantOfWallTime(Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second), zone);
}
