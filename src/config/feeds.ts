import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { isMap, isSeq, parseDocument, YAMLSeq } from 'yaml';
import type { FeedConfig, SiteRules } from '../model.js';
import { canonicalTimeZone } from '../time/zones.js';
import { formatDuration, parseDuration, parseSize } from '../time/duration.js';
import { cronProblem } from './cron.js';
import { SITE_RULE_KEYS, siteRulesEntry, siteRulesOf } from './site-rules.js';
import { ConfigError, rejectUnknownKeys, YamlSource } from './yaml-source.js';

// config/feeds.yaml: the feeds newsmon polls. Loading validates every value and names
// file, line and key on error; editing (feeds add/remove/import) goes through the yaml
// Document API so the file's comments and layout survive.

export const FEEDS_FILE = 'feeds.yaml';
/** Used when neither the feed nor the file's `defaults` set an interval, and no caller default is given. */
export const DEFAULT_INTERVAL_MS = 15 * 60_000;

const TOP_KEYS = ['defaults', 'feeds'] as const;
const DEFAULT_KEYS = ['interval', 'enabled', 'max_bytes', 'full_text', 'timezone'] as const;
const FEED_KEYS = ['url', 'name', 'id', 'interval', 'cron', 'enabled', 'max_bytes', 'full_text', 'timezone', ...SITE_RULE_KEYS] as const;
const FULL_TEXT = ['auto', 'always', 'never'] as const;
// C0, DEL, C1, and the Unicode line and paragraph separators.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

const EMPTY_FILE = `# Feeds newsmon polls. Per feed: url (required), name, id, interval ("15m", "1h") or
# cron, enabled, max_bytes ("5MB"), full_text (auto | always | never), timezone (IANA
# name, e.g. "Asia/Shanghai", for dates the feed writes without a zone; by default the
# feed's language decides: zh → Asia/Shanghai, else UTC), and site rules: content (a CSS
# selector for the article body), remove (a list of selectors to drop first).
feeds: []
`;

export interface LoadFeedsOptions {
  /** The interval of feeds that set none (settings poll.default_interval). */
  defaultIntervalMs?: number;
}

export interface NewFeed {
  url: string;
  name?: string | null;
  /** A duration as written in the file, e.g. "30m". */
  interval?: string | null;
  /** Site rules to write with the feed (`content`, `remove`). */
  siteRules?: SiteRules | null;
}

export interface AddFeedsResult {
  added: FeedConfig[];
  skipped: Array<{ url: string; reason: string }>;
}

export function feedsFilePath(configDir: string): string {
  return join(configDir, FEEDS_FILE);
}

/** An absolute http(s) URL, or null. */
function httpUrl(text: string): URL | null {
  try {
    const url = new URL(text.trim());
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '' ? url : null;
  } catch {
    return null;
  }
}

/**
 * A feed URL reduced to what identifies the feed: no scheme, host lower-cased without
 * "www.", no default port, no fragment, no trailing "/". The query is kept: on many
 * sites it selects the feed. Two entries with the same key are the same feed.
 */
export function feedUrlKey(text: string): string | null {
  const url = httpUrl(text);
  if (!url) return null;
  const host = url.hostname.toLowerCase().replace(/^www\./, '').replace(/\.$/, '');
  const port = url.port && url.port !== '80' && url.port !== '443' ? `:${url.port}` : '';
  const path = url.pathname.length > 1 ? url.pathname.replace(/\/+$/, '') : '';
  return `${host}${port}${path}${url.search}`;
}

/**
 * The default id of a feed: the host as a slug and 8 hex digits of the URL key's hash,
 * e.g. "aicnbc-com-1f0c9a2e". Deterministic, short, safe as a BullMQ job id (no ":",
 * never digits only). Throws for a URL that is not absolute http(s).
 */
export function feedIdFor(urlText: string): string {
  const key = feedUrlKey(urlText);
  if (key === null) throw new TypeError(`not an absolute http(s) URL: ${urlText}`);
  const host = (httpUrl(urlText) as URL).hostname.toLowerCase().replace(/^www\./, '');
  const slug = host.replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40) || 'feed';
  return `${slug}-${createHash('sha256').update(key).digest('hex').slice(0, 8)}`;
}

/** A feed given on the command line (`ingest --feed URL`): defaults for everything else. */
export function feedFromUrl(url: string, defaultIntervalMs = DEFAULT_INTERVAL_MS): FeedConfig {
  if (!httpUrl(url)) throw new ConfigError('--feed', null, null, `expected an absolute http(s) URL, got ${JSON.stringify(url)}`);
  return { id: feedIdFor(url), url: url.trim(), name: null, intervalMs: defaultIntervalMs, cron: null, enabled: true, maxBytes: null, fullText: 'auto', timezone: null };
}

type Obj = Record<string, unknown>;

/** Field readers that turn YAML values into typed ones or located errors. */
class Fields {
  constructor(private readonly src: YamlSource) {}

  str(o: Obj, path: string, key: string): string | undefined {
    const v = o[key];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'string' || v.trim() === '') throw this.src.error(`${path}.${key}`, `expected a non-empty string, got ${JSON.stringify(v)}`);
    return v.trim();
  }

  interval(o: Obj, path: string): number | undefined {
    const v = o.interval;
    if (v === undefined || v === null) return undefined;
    const ms = typeof v === 'string' || typeof v === 'number' ? parseDuration(v) : null;
    if (ms === null || ms < 1000) throw this.src.error(`${path}.interval`, `expected a duration of at least 1s like "30s", "15m" or "1h", got ${JSON.stringify(v)}`);
    return ms;
  }

  /** Names are printed one per line (feeds list, the text digest): no line breaks or escapes. */
  name(o: Obj, path: string): string | null {
    const v = this.str(o, path, 'name');
    if (v !== undefined && CONTROL.test(v)) throw this.src.error(`${path}.name`, `expected a name without control characters (line breaks, tabs, escapes), got ${JSON.stringify(v)}`);
    return v ?? null;
  }

  enabled(o: Obj, path: string): boolean | undefined {
    const v = o.enabled;
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'boolean') throw this.src.error(`${path}.enabled`, `expected true or false, got ${JSON.stringify(v)}`);
    return v;
  }

  maxBytes(o: Obj, path: string): number | undefined {
    const v = o.max_bytes;
    if (v === undefined || v === null) return undefined;
    const bytes = typeof v === 'string' || typeof v === 'number' ? parseSize(v) : null;
    if (bytes === null || bytes <= 0) throw this.src.error(`${path}.max_bytes`, `expected a size like "10MB" or "512KiB", got ${JSON.stringify(v)}`);
    return bytes;
  }

  fullText(o: Obj, path: string): FeedConfig['fullText'] | undefined {
    const v = o.full_text;
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'string' || !(FULL_TEXT as readonly string[]).includes(v)) {
      throw this.src.error(`${path}.full_text`, `expected one of ${FULL_TEXT.join(', ')}, got ${JSON.stringify(v)}`);
    }
    return v as FeedConfig['fullText'];
  }

  timezone(o: Obj, path: string): string | undefined {
    const v = o.timezone;
    if (v === undefined || v === null) return undefined;
    const zone = typeof v === 'string' ? canonicalTimeZone(v) : null;
    if (zone === null) throw this.src.error(`${path}.timezone`, `expected an IANA time zone name like "Asia/Shanghai" or "UTC", got ${JSON.stringify(v)}`);
    return zone;
  }

  /** The feed's id as given, else derived from its URL; checked either way. */
  id(o: Obj, path: string, url: string): string {
    const id = this.str(o, path, 'id') ?? feedIdFor(url);
    if (!ID_PATTERN.test(id) || /^\d+$/.test(id)) {
      throw this.src.error(`${path}.id`, `expected letters, digits, ".", "_" or "-" (at most 64, not digits only), got ${JSON.stringify(id)}`);
    }
    return id;
  }

  mapping(v: unknown, path: string, what: string): Obj {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) throw this.src.error(path, `expected ${what}`);
    return v as Obj;
  }
}

/** The feeds of a parsed feeds.yaml, validated. Pure: the source is already read. */
export function parseFeeds(src: YamlSource, opts: LoadFeedsOptions = {}): FeedConfig[] {
  const f = new Fields(src);
  const raw = src.value();
  if (raw === null || raw === undefined) return [];
  const top = f.mapping(raw, '', 'a mapping with a "feeds" list');
  rejectUnknownKeys(src, '', top, TOP_KEYS);
  const defaults = top.defaults === undefined || top.defaults === null ? {} : f.mapping(top.defaults, 'defaults', 'a mapping of feed defaults');
  rejectUnknownKeys(src, 'defaults', defaults, DEFAULT_KEYS);
  const base = {
    intervalMs: f.interval(defaults, 'defaults') ?? opts.defaultIntervalMs ?? DEFAULT_INTERVAL_MS,
    enabled: f.enabled(defaults, 'defaults') ?? true,
    maxBytes: f.maxBytes(defaults, 'defaults') ?? null,
    fullText: f.fullText(defaults, 'defaults') ?? 'auto',
    timezone: f.timezone(defaults, 'defaults') ?? null,
  };
  const list = top.feeds;
  if (list === undefined || list === null) return [];
  if (!Array.isArray(list)) throw src.error('feeds', 'expected a list of feeds ("- url: ...")');

  const ids = new Map<string, number>();
  const urls = new Map<string, number>();
  return list.map((item, i): FeedConfig => {
    const path = `feeds.${i}`;
    const o = f.mapping(item, path, 'a feed: a mapping with at least "url"');
    rejectUnknownKeys(src, path, o, FEED_KEYS);
    const url = f.str(o, path, 'url');
    if (url === undefined) throw src.error(path, 'a feed needs a "url"');
    const key = feedUrlKey(url);
    if (key === null) throw src.error(`${path}.url`, `expected an absolute http(s) URL, got ${JSON.stringify(url)}`);
    const id = f.id(o, path, url);
    const sameId = ids.get(id);
    if (sameId !== undefined) throw src.error(o.id !== undefined ? `${path}.id` : `${path}.url`, `duplicate feed id "${id}" (also feeds.${sameId})`);
    const sameUrl = urls.get(key);
    if (sameUrl !== undefined) throw src.error(`${path}.url`, `duplicate feed: the same URL as feeds.${sameUrl}`);
    ids.set(id, i);
    urls.set(key, i);

    const interval = f.interval(o, path);
    const cron = f.str(o, path, 'cron') ?? null;
    if (cron !== null) {
      if (interval !== undefined) throw src.error(`${path}.cron`, 'give "interval" or "cron", not both');
      const problem = cronProblem(cron);
      if (problem !== null) throw src.error(`${path}.cron`, `expected a cron pattern like "*/20 * * * *", got ${JSON.stringify(cron)}: ${problem}`);
    }
    return {
      ...siteRulesOf(src, o, path),
      id,
      url,
      name: f.name(o, path),
      intervalMs: interval ?? base.intervalMs,
      cron,
      enabled: f.enabled(o, path) ?? base.enabled,
      maxBytes: f.maxBytes(o, path) ?? base.maxBytes,
      fullText: f.fullText(o, path) ?? base.fullText,
      timezone: f.timezone(o, path) ?? base.timezone,
    };
  });
}

/** The configured feeds. No feeds file means no feeds (a fresh install); a bad one throws ConfigError. */
export function loadFeeds(configDir: string, opts: LoadFeedsOptions = {}): FeedConfig[] {
  const file = feedsFilePath(configDir);
  if (!existsSync(file)) return [];
  return parseFeeds(YamlSource.read(file), opts);
}

/** The file's text and its validated feeds; the default text when the file does not exist yet. */
function readForEdit(file: string, opts: LoadFeedsOptions): { text: string; feeds: FeedConfig[] } {
  const text = existsSync(file) ? readFileSync(file, 'utf8') : EMPTY_FILE;
  // A broken file is reported, never edited: the user should see their own mistake.
  return { text, feeds: parseFeeds(YamlSource.parse(file, text), opts) };
}

/** Writes next to the file and renames, so a crash never leaves half a feeds file. */
function writeValidated(file: string, text: string, opts: LoadFeedsOptions): FeedConfig[] {
  const feeds = parseFeeds(YamlSource.parse(file, text), opts);
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.tmp-${process.pid}`;
  writeFileSync(tmp, text);
  renameSync(tmp, file);
  return feeds;
}

/** Adds feeds to feeds.yaml, keeping its comments. Invalid or already listed URLs are skipped with a reason. */
export function addFeeds(configDir: string, entries: NewFeed[], opts: LoadFeedsOptions = {}): AddFeedsResult {
  const file = feedsFilePath(configDir);
  const { text, feeds } = readForEdit(file, opts);
  const doc = parseDocument(text);
  if (!isMap(doc.contents)) throw new ConfigError(file, 1, null, 'expected a mapping with a "feeds" list');
  let seq = doc.get('feeds');
  if (!isSeq(seq)) {
    seq = new YAMLSeq();
    doc.set('feeds', seq);
  }
  const list = seq as YAMLSeq;
  list.flow = false; // `feeds: []` would otherwise keep every new feed on one line

  const knownIds = new Set(feeds.map((f) => f.id));
  const knownUrls = new Set(feeds.map((f) => feedUrlKey(f.url)));
  const addedIds: string[] = [];
  const skipped: AddFeedsResult['skipped'] = [];
  for (const entry of entries) {
    const url = entry.url.trim();
    const key = feedUrlKey(url);
    if (key === null) {
      skipped.push({ url, reason: 'not an absolute http(s) URL' });
      continue;
    }
    const id = feedIdFor(url);
    if (knownUrls.has(key) || knownIds.has(id)) {
      skipped.push({ url, reason: 'already in the feeds file' });
      continue;
    }
    const interval = entry.interval?.trim() || null;
    const intervalMs = interval === null ? null : parseDuration(interval);
    if (interval !== null && (intervalMs === null || intervalMs < 1000)) {
      skipped.push({ url, reason: `interval ${JSON.stringify(interval)} is not a duration like "30s", "15m" or "1h"` });
      continue;
    }
    // Names from OPML files or the command line: line breaks and escapes become spaces.
    const name = entry.name?.replace(new RegExp(CONTROL.source, 'g'), ' ').replace(/\s+/g, ' ').trim() || null;
    const node = doc.createNode({ url, ...(name !== null ? { name } : {}), ...(interval !== null ? { interval } : {}), ...siteRulesEntry(entry.siteRules) });
    // Follow the file's layout: a blank line between feeds if the others have one.
    node.spaceBefore = list.items.length > 1 && list.items.slice(1).every((item) => (item as { spaceBefore?: boolean }).spaceBefore === true);
    list.add(node);
    knownUrls.add(key);
    knownIds.add(id);
    addedIds.push(id);
  }
  if (!addedIds.length) return { added: [], skipped };
  // What was added, as the file now reads (the file's defaults apply).
  const written = new Map(writeValidated(file, doc.toString(), opts).map((f) => [f.id, f]));
  return { added: addedIds.map((id) => written.get(id) as FeedConfig), skipped };
}

/** Adds one feed; throws ConfigError when it is invalid or already there. */
export function addFeed(configDir: string, entry: NewFeed, opts: LoadFeedsOptions = {}): FeedConfig {
  const { added, skipped } = addFeeds(configDir, [entry], opts);
  const first = added[0];
  if (first) return first;
  throw new ConfigError(feedsFilePath(configDir), null, 'url', `cannot add ${entry.url}: ${skipped[0]?.reason ?? 'unknown reason'}`);
}

/** Removes the feed with this id or URL from feeds.yaml, keeping the other entries' comments. Returns it. */
export function removeFeed(configDir: string, idOrUrl: string, opts: LoadFeedsOptions = {}): FeedConfig {
  const file = feedsFilePath(configDir);
  if (!existsSync(file)) throw new ConfigError(file, null, null, 'no feeds file');
  const { text, feeds } = readForEdit(file, opts);
  const key = feedUrlKey(idOrUrl);
  const index = feeds.findIndex((f) => f.id === idOrUrl.trim() || (key !== null && feedUrlKey(f.url) === key));
  if (index === -1) throw new ConfigError(file, null, null, `no feed with id or URL ${JSON.stringify(idOrUrl)}`);
  const doc = parseDocument(text);
  const seq = doc.get('feeds') as YAMLSeq;
  seq.items.splice(index, 1);
  writeValidated(file, doc.toString(), opts);
  return feeds[index] as FeedConfig;
}

/** How an interval reads in `feeds list`: "15m", or the cron pattern. */
export function describeSchedule(feed: FeedConfig): string {
  return feed.cron ?? formatDuration(feed.intervalMs);
}
