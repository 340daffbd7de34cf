import type { DigestRecipient, DigestSettings, Settings } from '../config/settings-types.js';
import { isTag, TAGS } from '../analyze/tags.js';
import { dailyInstant } from '../time/daily-time.js';
import { addDays, localDate } from '../time/zoned-day.js';
import type { DigestEntity } from './watch-list.js';

// Who gets a digest: every entry of digest.recipients, then each address of the old single
// `digest.to` list not listed there, with the digest's defaults (all companies and tags,
// the digest's zone and time). Addresses are compared without case.

export function digestRecipients(d: DigestSettings): DigestRecipient[] {
  const out = [...d.recipients];
  const known = new Set(out.map((r) => r.address.toLowerCase()));
  for (const address of d.to) {
    if (known.has(address.toLowerCase())) continue;
    known.add(address.toLowerCase());
    out.push(defaultRecipient(d, address));
  }
  return out;
}

/** A recipient with the digest's defaults (an address given on the command line). */
export function defaultRecipient(d: DigestSettings, address: string): DigestRecipient {
  return { address, companies: null, tags: null, timezone: d.timezone, time: d.time, onEmptyDay: d.onEmptyDay };
}

/** The configured recipient with this address, else one with the defaults. */
export function recipientFor(d: DigestSettings, address: string): DigestRecipient {
  return digestRecipients(d).find((r) => r.address.toLowerCase() === address.toLowerCase()) ?? defaultRecipient(d, address);
}

/**
 * Names the first company a recipient follows that the watch-list does not have, or the
 * first tag newsmon never gives (a typo would otherwise filter out everything); null when all are known.
 */
export function unknownCompanyProblem(recipients: readonly DigestRecipient[], watch: readonly DigestEntity[]): string | null {
  const ids = new Set(watch.map((w) => w.id));
  for (const r of recipients) {
    const bad = (r.companies ?? []).find((c) => !ids.has(c));
    if (bad) return `digest.recipients: ${r.address} follows "${bad}", which config/entities.yaml does not list (it has: ${[...ids].join(', ')})`;
    const badTag = (r.tags ?? []).find((t) => !isTag(t));
    if (badTag) return `digest.recipients: ${r.address} follows the tag "${badTag}", which newsmon does not give (tags: ${TAGS.join(', ')})`;
  }
  return null;
}

/** The web page the digest links to for the rest of a day: digest.web_base, else the API's own address. */
export function webBaseOf(s: Pick<Settings, 'digest' | 'api'>): string {
  if (s.digest.webBase) return s.digest.webBase;
  const host = s.api.host === '0.0.0.0' || s.api.host === '::' ? '127.0.0.1' : s.api.host;
  return `http://${host.includes(':') ? `[${host}]` : host}:${s.api.port}`;
}

/**
 * The most recent day whose digest was due by `now`: yesterday once today's send time has
 * come in the recipient's zone (as the scheduler reads it: a time skipped by a spring-
 * forward gap comes when the gap ends), else the day before. What a restart catches up on.
 */
export function lastDueDay(r: Pick<DigestRecipient, 'time' | 'timezone'>, now: Date): string {
  const today = localDate(now, r.timezone);
  return addDays(today, now.getTime() >= dailyInstant(today, r.time, r.timezone) ? -1 : -2);
}
