import { isValidTimeZone } from '../time/zones.js';
import { isBareAddress, isSenderAddress } from './mail-address.js';
import { rejectUnknownKeys, type YamlSource } from './yaml-source.js';
import type { DigestRecipient, DigestSettings, OnEmptyDay } from './settings-types.js';

// The digest section of config/newsmon.yaml: sender, default time and zone, the old single
// `to` list, and `recipients`, each with the companies and tags followed, a zone, a send
// time and what to do on an empty day. Every mistake is reported with its line and key.

export const DIGEST_KEYS = ['to', 'from', 'time', 'timezone', 'on_empty_day', 'recipients', 'web_base'] as const;
const RECIPIENT_KEYS = ['address', 'companies', 'tags', 'timezone', 'time', 'on_empty_day'] as const;
const TIME_OF_DAY = /^([01]\d|2[0-3]):[0-5]\d$/;
// Entity ids and tags are slugs (config/entities.yaml keys, the tag names of DESIGN.md).
const SLUG = /^[a-z0-9][a-z0-9_-]*$/;

type Obj = Record<string, unknown>;

function str(src: YamlSource, obj: Obj, path: string, key: string): string | undefined {
  const v = obj[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string' || v.trim() === '') throw src.error(`${path}.${key}`, 'expected a non-empty string');
  return v;
}

function timeOfDay(src: YamlSource, obj: Obj, path: string): string | undefined {
  const time = str(src, obj, path, 'time');
  if (time !== undefined && !TIME_OF_DAY.test(time)) throw src.error(`${path}.time`, `expected a time of day "HH:MM", got ${JSON.stringify(time)}`);
  return time;
}

function zone(src: YamlSource, obj: Obj, path: string): string | undefined {
  const tz = str(src, obj, path, 'timezone');
  if (tz !== undefined && !isValidTimeZone(tz)) throw src.error(`${path}.timezone`, `expected an IANA time zone like "Asia/Shanghai", got ${JSON.stringify(tz)}`);
  return tz;
}

function onEmpty(src: YamlSource, obj: Obj, path: string): OnEmptyDay | undefined {
  const v = str(src, obj, path, 'on_empty_day');
  if (v !== undefined && v !== 'note' && v !== 'skip') throw src.error(`${path}.on_empty_day`, `expected "note" (send a short note) or "skip" (send nothing), got ${JSON.stringify(v)}`);
  return v;
}

/** A list of slugs, or null when the key is absent ("all"). */
function slugs(src: YamlSource, obj: Obj, path: string, key: string, what: string): string[] | null {
  const v = obj[key];
  if (v === undefined || v === null) return null;
  const list = typeof v === 'string' ? [v] : v;
  if (!Array.isArray(list) || list.length === 0) throw src.error(`${path}.${key}`, `expected a list of ${what} (leave the key out to follow all)`);
  list.forEach((x, i) => {
    if (typeof x !== 'string' || !SLUG.test(x)) throw src.error(`${path}.${key}.${i}`, `expected ${what.replace(/s$/, '')} like "huawei" or "export-control", got ${JSON.stringify(x)}`);
  });
  return [...new Set(list as string[])];
}

function webBase(src: YamlSource, obj: Obj): string | null {
  const v = str(src, obj, 'digest', 'web_base');
  if (v === undefined) return null;
  let u: URL | null = null;
  try {
    u = new URL(v);
  } catch {
    u = null;
  }
  if (!u || (u.protocol !== 'http:' && u.protocol !== 'https:')) throw src.error('digest.web_base', `expected an http(s) URL like "https://newsmon.example.org", got ${JSON.stringify(v)}`);
  return v.replace(/\/+$/, '');
}

function recipient(src: YamlSource, item: unknown, i: number, d: Omit<DigestRecipient, 'address' | 'companies' | 'tags'>): DigestRecipient {
  const path = `digest.recipients.${i}`;
  if (typeof item === 'string') {
    if (!isBareAddress(item)) throw src.error(path, `expected an e-mail address, got ${JSON.stringify(item)}`);
    return { address: item, companies: null, tags: null, ...d };
  }
  if (!item || typeof item !== 'object' || Array.isArray(item)) throw src.error(path, 'expected an address or a mapping with address, companies, tags, timezone, time, on_empty_day');
  const o = item as Obj;
  rejectUnknownKeys(src, path, o, RECIPIENT_KEYS);
  const address = str(src, o, path, 'address');
  if (address === undefined) throw src.error(path, 'expected an address: key');
  if (!isBareAddress(address)) throw src.error(`${path}.address`, `expected an e-mail address like "analyst@example.com", got ${JSON.stringify(address)}`);
  return {
    address,
    companies: slugs(src, o, path, 'companies', 'company ids'),
    tags: slugs(src, o, path, 'tags', 'tags'),
    timezone: zone(src, o, path) ?? d.timezone,
    time: timeOfDay(src, o, path) ?? d.time,
    onEmptyDay: onEmpty(src, o, path) ?? d.onEmptyDay,
  };
}

/** The digest section, validated; unset keys keep `base`. */
export function readDigest(src: YamlSource, digest: Obj, base: DigestSettings): DigestSettings {
  let to = base.to;
  if (digest.to !== undefined && digest.to !== null) {
    const list = typeof digest.to === 'string' ? [digest.to] : digest.to;
    if (!Array.isArray(list) || !list.every((a) => typeof a === 'string' && isBareAddress(a))) throw src.error('digest.to', 'expected an e-mail address or a list of them');
    to = list as string[];
  }
  const from = str(src, digest, 'digest', 'from');
  if (from !== undefined && !isSenderAddress(from)) {
    throw src.error('digest.from', `expected an e-mail address like "newsmon@example.com" or "Newsmon <newsmon@example.com>" (no line breaks), got ${JSON.stringify(from)}`);
  }
  const defaults = { time: timeOfDay(src, digest, 'digest') ?? base.time, timezone: zone(src, digest, 'digest') ?? base.timezone, onEmptyDay: onEmpty(src, digest, 'digest') ?? base.onEmptyDay };
  let recipients = base.recipients;
  if (digest.recipients !== undefined && digest.recipients !== null) {
    if (!Array.isArray(digest.recipients)) throw src.error('digest.recipients', 'expected a list of recipients');
    recipients = digest.recipients.map((item, i) => recipient(src, item, i, defaults));
    const seen = new Set<string>();
    recipients.forEach((r, i) => {
      const key = r.address.toLowerCase();
      if (seen.has(key)) throw src.error(`digest.recipients.${i}.address`, `${r.address} is listed twice; give each recipient one entry`);
      seen.add(key);
    });
  }
  return { to, from: from ?? base.from, ...defaults, recipients, webBase: webBase(src, digest) ?? base.webBase };
}
