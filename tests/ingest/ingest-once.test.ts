import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadAnalyzer } from '../../src/ingest/load-analyzer.js';
import { createHttpClient } from '../../src/fetch/http-client.js';
import { ingestOnce, type IngestSummary } from '../../src/ingest/ingest-once.js';
import type { FeedConfig } from '../../src/model.js';
import { openStore } from '../../src/store/store.js';
import type { Store } from '../../src/store/store.js';
import { articleHtml, articleSpec, rssXml, startFixtureSite, type FixtureSite } from '../fixture-site/index.js';

const repoRoot = join(import.meta.dirname, '..', '..');
const analyzer = loadAnalyzer(join(repoRoot, 'config'));

function feed(id: string, url: string, over: Partial<FeedConfig> = {}): FeedConfig {
  return { id, url, name: id, intervalMs: 900_000, cron: null, enabled: true, maxBytes: null, fullText: 'auto', timezone: null, ...over };
}

function httpClient() {
  return createHttpClient({
    userAgent: 'newsmon-test', timeoutMs: 2_000, connectTimeoutMs: 1_000, maxBytes: 5 * 1024 * 1024,
    maxRedirects: 5, perHostConcurrency: 8, perHostMinGapMs: 0, allowPrivateNetwork: true,
  });
}

describe('ingestOnce against the loopback fixture site', () => {
  let site: FixtureSite;
  let store: Store;
  let first: IngestSummary;
  let feeds: FeedConfig[];

  beforeAll(async () => {
    site = await startFixtureSite({ seed: 7 });
    store = openStore(join(mkdtempSync(join(tmpdir(), 'newsmon-ingest-')), 'newsmon.db'));
    feeds = [
      feed('rss', `${site.url}/feeds/rss.xml`),
      feed('atom', `${site.url}/feeds/atom.xml`),
      feed('gbk', `${site.url}/feeds/gbk.xml`),
      feed('relative', `${site.url}/feeds/relative.xml`),
      feed('malformed', `${site.url}/feeds/malformed.xml`),
      feed('server-error', `${site.url}/status/500`),
      feed('slow', `${site.url}/slow?every=500&bytes=100000`),
      feed('huge', `${site.url}/big?mb=50`),
      feed('loop', `${site.url}/redirect/loop`),
      feed('missing', `${site.url}/status/404`),
    ];
    const http = httpClient();
    try {
      first = await ingestOnce(feeds, { http, store, analyzer, now: () => new Date(), maxBackoffMs: 3_600_000 });
    } finally {
      http.close();
    }
  });

  afterAll(async () => {
    store?.close();
    await site?.close();
  });

  it('stores the articles of the good feeds, with events', () => {
    expect(first.feedsOk).toBe(4);
    expect(first.articlesStored).toBeGreaterThanOrEqual(15);
    expect(first.events).toBeGreaterThan(0);
    const events = store.queryEvents({ limit: 1000 });
    expect(events.length).toBe(first.events);
    const entities = new Set(events.flatMap((e) => e.entities));
    expect(entities.size).toBeGreaterThan(1);
  });

  it('records each bad feed with a clear error and a next try, and the good feeds are unaffected', () => {
    const byId = new Map(store.listFeeds().map((f) => [f.id, f]));
    const expectKind: Record<string, RegExp> = {
      malformed: /^feed-/, 'server-error': /http-server-error/, slow: /timeout/, huge: /too-large/,
      loop: /too-many-redirects/, missing: /not-found/,
    };
    for (const [id, kind] of Object.entries(expectKind)) {
      const state = byId.get(id);
      expect(state, id).toBeDefined();
      expect(state?.lastErrorKind, id).toMatch(kind);
      expect(state?.lastError, id).toBeTruthy();
      expect(state?.failureCount, id).toBe(1);
      expect(Date.parse(state?.nextCheckAt ?? ''), id).toBeGreaterThan(Date.now());
    }
    for (const id of ['rss', 'atom', 'gbk', 'relative']) {
      expect(byId.get(id)?.failureCount, id).toBe(0);
      expect(byId.get(id)?.lastSuccessAt, id).toBeTruthy();
    }
  });

  it('decodes the GBK feed and its Chinese articles', () => {
    const gbkEvents = store.queryEvents({ feed: 'gbk', limit: 1000 });
    expect(gbkEvents.length).toBeGreaterThan(0);
    expect(gbkEvents.some((e) => /[\u4e00-\u9fff]/.test(e.text))).toBe(true);
    expect(gbkEvents.some((e) => e.text.includes('\uFFFD'))).toBe(false);
  });

  it('a second pass right after skips every feed that is not due: no request at all', async () => {
    const http = httpClient();
    site.resetLog();
    const again = await ingestOnce(feeds, { http, store, analyzer, now: () => new Date(), maxBackoffMs: 3_600_000 });
    http.close();
    expect(again.feedsNotDue).toBe(feeds.length);
    expect(again.feedsDone).toBe(feeds.length);
    expect(again.errors).toBe(0);
    expect(site.requests).toEqual([]);
  });

  it('a failing feed backs off and one asked to wait (Retry-After) waits, while a due feed is polled', async () => {
    const clock = { t: Date.now() };
    const now = () => new Date(clock.t);
    const quick = [feed('quick', `${site.url}/feeds/atom.xml`, { intervalMs: 1_000 }), feed('limited', `${site.url}/status/429?retry-after=300`, { intervalMs: 1_000 })];
    const http = httpClient();
    try {
      await ingestOnce(quick, { http, store, analyzer, now, maxBackoffMs: 3_600_000 });
      clock.t += 10_000;
      site.resetLog();
      const later = await ingestOnce(quick, { http, store, analyzer, now, maxBackoffMs: 3_600_000 });
      expect(later.feedsNotDue).toBe(1);
      expect(site.requests.map((r) => r.path)).toEqual(['/feeds/atom.xml']);
      site.resetLog();
      const forced = await ingestOnce(quick, { http, store, analyzer, now, maxBackoffMs: 3_600_000, force: true });
      expect(forced.feedsNotDue).toBe(0);
      expect(site.requests.map((r) => r.path).sort()).toEqual(['/feeds/atom.xml', '/status/429?retry-after=300']);
    } finally {
      http.close();
    }
  });

  it('a forced second pass over unchanged feeds writes nothing new', async () => {
    const http = httpClient();
    const before = store.queryEvents({ limit: 10_000 }).length;
    site.resetLog();
    const again = await ingestOnce(feeds.slice(0, 4), { http, store, analyzer, now: () => new Date(), maxBackoffMs: 3_600_000, force: true });
    http.close();
    expect(again.articlesStored).toBe(0);
    expect(again.feedsNotModified).toBe(4);
    expect(store.queryEvents({ limit: 10_000 }).length).toBe(before);
    expect(site.requests.map((r) => r.status)).toEqual([304, 304, 304, 304]);
  });

  it('the same story under a tracking URL or another scheme in another feed is stored once', async () => {
    const spec = articleSpec(4242);
    site.setResource('/articles/dup-original.html', articleHtml(spec));
    const link = `${site.url}/articles/dup-original.html`;
    site.setFeed('/feeds/dup-a.xml', rssXml({ title: 'A', link: site.url, items: [{ title: spec.title, link, guid: 'a-1', published: new Date().toISOString() }] }));
    site.setFeed('/feeds/dup-b.xml', rssXml({ title: 'B', link: site.url, items: [{ title: spec.title, link: `${link}?utm_source=rss&utm_medium=b`, guid: 'b-1', published: new Date().toISOString() }] }));
    // The same text republished under a new URL.
    site.setResource('/articles/dup-copy.html', articleHtml(spec));
    site.setFeed('/feeds/dup-c.xml', rssXml({ title: 'C', link: site.url, items: [{ title: spec.title, link: `${site.url}/articles/dup-copy.html`, guid: 'c-1', published: new Date().toISOString() }] }));
    const http = httpClient();
    const s = await ingestOnce(
      [feed('dup-a', `${site.url}/feeds/dup-a.xml`), feed('dup-b', `${site.url}/feeds/dup-b.xml`), feed('dup-c', `${site.url}/feeds/dup-c.xml`)],
      { http, store, analyzer, now: () => new Date(), maxBackoffMs: 3_600_000, feedConcurrency: 1, articleConcurrency: 1 },
    );
    http.close();
    expect(s.articlesStored).toBe(1);
    expect(s.errors).toBe(0);
  });
});
