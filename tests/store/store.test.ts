import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { latestVersion } from '../../src/store/migrate.js';
import { migrations } from '../../src/store/migrations/index.js';
import { openStore, StoreError, type Store } from '../../src/store/store.js';
import type { EventQuery } from '../../src/store/types.js';
import { article, figure, storesClosedAfterEach, tempDbPath, readDb } from './make-article.js';

const fresh = storesClosedAfterEach();

const TABLES = ['articles', 'events', 'power_figures', 'mentions', 'feed_items', 'feeds'] as const;

/** Row counts of every table, read through a separate connection. */
function counts(path: string): Record<string, number> {
  return readDb(path, (db) => Object.fromEntries(TABLES.map((t) => [t, (db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n])));
}

describe('openStore: migrations', () => {
  it('creates the folder and the schema from nothing, WAL on', () => {
    const path = tempDbPath();
    const store = fresh(path);
    expect(existsSync(path)).toBe(true);
    expect(store.stats().schemaVersion).toBe(latestVersion(migrations));
    const db = new Database(path, { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.prepare('SELECT version, name FROM schema_migrations').all()).toEqual(migrations.map((m) => ({ version: m.version, name: m.name })));
    db.close();
  });

  it('re-opening applies nothing twice and keeps the data', () => {
    const path = tempDbPath();
    const first = openStore(path);
    first.saveArticle(article(1));
    first.close();
    first.close(); // safe twice
    const again = fresh(path);
    expect(again.stats().articles).toBe(1);
    const db = new Database(path, { readonly: true });
    expect((db.prepare('SELECT count(*) AS n FROM schema_migrations').get() as { n: number }).n).toBe(migrations.length);
    db.close();
  });

  it('opens read-only without writing, and refuses a missing file', () => {
    const path = tempDbPath();
    fresh(path).saveArticle(article(1));
    const ro = fresh(path, { readonly: true });
    expect(ro.queryEvents({}).length).toBe(2);
    expect(() => ro.saveArticle(article(2))).toThrow(/readonly/i);
    expect(() => openStore(`${path}.missing`, { readonly: true })).toThrow(StoreError);
  });

  it('refuses a file from a newer newsmon', () => {
    const path = tempDbPath();
    fresh(path);
    const db = new Database(path);
    db.pragma('user_version = 99');
    db.close();
    expect(() => openStore(path)).toThrow(/newer than this newsmon/);
    expect(() => openStore(path, { readonly: true })).toThrow(/newer than this newsmon/);
  });
});

describe('saveArticle', () => {
  it('inserts the article with its analysis and marks the item seen', () => {
    const path = tempDbPath();
    const store = fresh(path);
    const res = store.saveArticle(article(1));
    expect(res).toEqual({ status: 'inserted', articleId: 1, events: 2 });
    expect(counts(path)).toEqual({ articles: 1, events: 2, power_figures: 2, mentions: 2, feed_items: 1, feeds: 0 });
    const a = store.getArticle(1);
    expect(a).toMatchObject({ canonicalUrl: 'https://news.example.com/story/1', published: '2025-03-02T08:00:00.000Z', lang: 'en', feedId: 'example-feed' });
    expect(store.seenItemIds('example-feed', ['item-1', 'item-2'])).toEqual(new Set(['item-1']));
  });

  it('twice writes nothing new', () => {
    const path = tempDbPath();
    const store = fresh(path);
    store.saveArticle(article(1));
    const before = counts(path);
    expect(store.saveArticle(article(1))).toEqual({ status: 'duplicate', articleId: 1, reason: 'url' });
    expect(counts(path)).toEqual(before);
  });

  const dupes: Array<[name: string, second: Parameters<typeof article>[1], reason: 'url' | 'content' | null]> = [
    ['same canonical URL from another feed', { feedId: 'other-feed', feedItemId: 'x-1', url: 'http://news.example.com/story/1?fbclid=1', contentHash: 'f'.repeat(64) }, 'url'],
    ['same fetched URL, page declares a new canonical', { canonicalUrl: 'https://news.example.com/amp/1', contentHash: 'e'.repeat(64) }, 'url'],
    ['same story text under a new URL', { url: 'https://mirror.example.org/a', canonicalUrl: 'https://mirror.example.org/a', feedItemId: 'm-1' }, 'content'],
    ['same hash but text too short to compare', { url: 'https://mirror.example.org/b', canonicalUrl: 'https://mirror.example.org/b', text: 'Subscribe to read.' }, null],
    ['a different story', { url: 'https://news.example.com/story/2', canonicalUrl: 'https://news.example.com/story/2', contentHash: 'd'.repeat(64) }, null],
  ];
  it.each(dupes)('%s', (_name, over, reason) => {
    const path = tempDbPath();
    const store = fresh(path);
    const base = article(1, { text: article(1).text.repeat(2) });
    store.saveArticle(base);
    const second = { ...base, ...over };
    const res = store.saveArticle(second);
    if (reason === null) {
      expect(res.status).toBe('inserted');
      expect(counts(path).articles).toBe(2);
    } else {
      expect(res).toEqual({ status: 'duplicate', articleId: 1, reason });
      expect(counts(path).articles).toBe(1);
      // The duplicate's feed item is remembered, linked to the stored article.
      expect(store.seenItemIds(second.feedId as string, [second.feedItemId as string]).size).toBe(1);
    }
  });

  it('saveArticles: one commit, same results, a bad article rolled back alone', () => {
    const path = tempDbPath();
    const store = fresh(path);
    const res = store.saveArticles([article(1), article(2, { fetchedAt: 'yesterday-ish' }), article(3), article(1, { feedItemId: 'again' })]);
    expect(res).toEqual([
      { status: 'inserted', articleId: 1, events: 2 },
      { status: 'failed', error: expect.stringMatching(/fetchedAt is not a date/) },
      { status: 'inserted', articleId: 2, events: 2 },
      { status: 'duplicate', articleId: 1, reason: 'url' },
    ]);
    expect(counts(path)).toMatchObject({ articles: 2, events: 4, feed_items: 3 });
    expect(store.saveArticles([])).toEqual([]);
  });

  it('skips a figure without a finite value instead of failing the article', () => {
    const path = tempDbPath();
    const store = fresh(path);
    const nan = { ...figure(0, '? GW', Number.NaN, 'GW', Number.NaN) };
    expect(store.saveArticle(article(1, { powerFigures: [nan, figure(2, '300 TWh', 300, 'TWh', 3e14, 60)] })).status).toBe('inserted');
    expect(counts(path).power_figures).toBe(2); // the TWh figure and the event's 2.5 GW
  });

  it('finds articles by canonical URL and by content hash', () => {
    const store = fresh();
    const a = article(1, { text: article(1).text.repeat(2) });
    store.saveArticle(a);
    expect(store.findArticleIdByCanonicalUrl(a.canonicalUrl)).toBe(1);
    expect(store.findArticleIdByCanonicalUrl(a.url)).toBe(1);
    expect(store.findArticleIdByCanonicalUrl('https://news.example.com/none')).toBeUndefined();
    expect(store.findArticleIdByContentHash(a.contentHash)).toBe(1);
    expect(store.findArticleIdByContentHash('0'.repeat(64))).toBeUndefined();
  });

  it('stores an article without feed or published date, and merges a repeated sentence', () => {
    const path = tempDbPath();
    const store = fresh(path);
    const a = article(1, { feedId: null, feedItemId: null, published: 'not a date' });
    a.events.push({ sentence: 0, text: a.events[0]!.text, entities: ['cambricon', 'huawei'], tags: ['partnership'], powerFigures: [] });
    expect(store.saveArticle(a)).toMatchObject({ status: 'inserted', events: 2 });
    expect(store.getArticle(1)?.published).toBeNull();
    const [first] = store.queryEvents({ entity: 'cambricon' });
    expect(first?.entities).toEqual(['huawei', 'cambricon']);
    expect(first?.tags).toEqual(['product', 'power', 'partnership']);
    expect(counts(path).feed_items).toBe(0);
  });
});

describe('queryEvents', () => {
  function seeded(): Store {
    const store = fresh();
    store.saveArticle(article(1, { feedId: 'scmp' })); // published 2025-03-02
    store.saveArticle(article(2, { published: null, fetchedAt: '2025-03-20T00:00:00Z' })); // dated by fetch
    store.saveArticle(
      article(3, {
        title: '华为昇腾芯片功耗',
        text: '华为发布昇腾910C芯片，单卡功耗约为700瓦。寒武纪股价上涨。'.repeat(12),
        lang: 'zh',
        events: [{ sentence: 0, text: '华为发布昇腾910C芯片，单卡功耗约为700瓦。', entities: ['huawei'], tags: ['product', 'tdp'], powerFigures: [figure(0, '700瓦', 700, 'W', 700, 18)] }],
        mentions: [],
        powerFigures: [figure(0, '700瓦', 700, 'W', 700, 18)],
      }),
    ); // published 2025-03-04
    return store;
  }

  const cases: Array<[name: string, q: EventQuery, articleIds: number[]]> = [
    ['all, newest article first', {}, [2, 2, 3, 1, 1]],
    ['by entity', { entity: 'nvidia' }, [2, 1]],
    ['by entity, none', { entity: 'metax' }, []],
    ['by tag', { tag: 'tdp' }, [3]],
    ['by feed', { feed: 'scmp' }, [1, 1]],
    ['since (inclusive)', { since: '2025-03-04T08:00:00Z' }, [2, 2, 3]],
    ['until (exclusive)', { until: '2025-03-04T08:00:00Z' }, [1, 1]],
    ['since a date', { since: '2025-03-10' }, [2, 2]],
    ['range and entity', { since: '2025-03-01', until: '2025-03-10', entity: 'huawei' }, [3, 1]],
    ['limit', { limit: 1 }, [2]],
    ['offset', { limit: 2, offset: 3 }, [1, 1]],
    ['q: a word', { q: 'huawei', tag: 'power' }, [2, 1]],
    ['q: words in any order', { q: 'chips Biren' }, [2, 1]],
    ['q: only the sentence, not the rest of its article', { q: 'Mongolia' }, []],
    ['entity and tag together', { entity: 'huawei', tag: 'tdp' }, [3]],
    ['entity and tag, no event has both', { entity: 'nvidia', tag: 'tdp' }, []],
    ['tag that is a prefix of another is exact', { tag: 'pow' }, []],
    ['q: a phrase', { q: '"training chips"' }, [2, 1]],
    ['q: a phrase is in order', { q: '"chips training"' }, []],
    ['q: Chinese', { q: '昇腾' }, [3]],
    ['q: Chinese elsewhere in the article', { q: '寒武纪' }, []],
    ['q: Chinese two characters', { q: '华为' }, [3]],
    ['q: the title is not the sentence', { q: 'Story' }, []],
    ['q: alternatives minus an exclusion', { q: '华为 OR Huawei -Ascend' }, [3]],
    ['q: prefix', { q: 'Bir*' }, [2, 1]],
    ['q with entity', { q: 'chips', entity: 'biren' }, [2, 1]],
    ['q with a figure range', { q: 'Huawei', figureKind: 'power', minSi: 1e9 }, [2, 1]],
    ['figures of a kind', { figureKind: 'power' }, [2, 3, 1]],
    ['figures above 1 GW', { figureKind: 'power', minSi: 1e9 }, [2, 1]],
    ['figures in a range', { figureKind: 'power', minSi: 100, maxSi: 1000 }, [3]],
    ['figures and entity', { entity: 'huawei', figureKind: 'power', maxSi: 1e6 }, [3]],
    ['figures of another kind', { figureKind: 'energy' }, []],
    ['entity and feed', { entity: 'huawei', feed: 'scmp' }, [1]],
    ['q: no match', { q: 'Enflame' }, []],
  ];
  it.each(cases)('%s', (_name, q, articleIds) => {
    const store = seeded();
    expect(store.queryEvents(q).map((e) => e.article.id)).toEqual(articleIds);
    expect(store.countEvents({ ...q, limit: undefined, offset: undefined })).toBe(q.limit || q.offset ? 5 : articleIds.length);
  });

  it('returns the JSON contract shape', () => {
    const store = seeded();
    const [e] = store.queryEvents({ tag: 'tdp' });
    expect(e).toEqual({
      id: 5, text: '华为发布昇腾910C芯片，单卡功耗约为700瓦。', sentence: 0, entities: ['huawei'], tags: ['product', 'tdp'],
      powerFigures: [{ text: '700瓦', value: 700, unit: 'W', kind: 'power', si: 700, sentence: 0, start: 18, end: 22 }],
      article: { id: 3, url: 'https://news.example.com/story/3?utm_source=rss', title: '华为昇腾芯片功耗', published: '2025-03-04T08:00:00.000Z', feed: 'example-feed', fetchedAt: '2025-03-29T12:00:00.000Z' },
    });
    const [gw] = store.queryEvents({ entity: 'huawei', feed: 'scmp' });
    expect(gw?.powerFigures.map((f) => f.si)).toEqual([2.5e9]);
  });

  const hostile = ['Huawei "Ascend', '"', '""', '*', '-', 'AND', 'OR', 'NOT', 'NEAR(', ')))(((', "'; DROP TABLE events; --", 'title:Huawei', '^Huawei', 'a OR OR b', '\u0000', '{col1 col2}: x', '-"', 'Huawei*" -'];
  it.each(hostile)('q %j does not throw, and the count agrees with the rows', (q) => {
    const store = seeded();
    const rows = store.queryEvents({ q, limit: 1000 });
    expect(store.countEvents({ q })).toBe(rows.length);
  });
});

describe('feed state', () => {
  it('records success, failures with backoff state, and recovery', () => {
    const store = fresh();
    store.upsertFeed({ id: 'aicnbc', url: 'https://www.aicnbc.com/feed', name: 'AI CNBC' });
    expect(store.getFeed('aicnbc')).toMatchObject({ failureCount: 0, lastCheckedAt: null, nextCheckAt: null, failingSince: null, itemsSeen: 0 });

    store.recordFeedFetch('aicnbc', { ok: true, at: '2025-03-01T00:00:00Z', etag: '"v1"', lastModified: 'Sat, 01 Mar 2025 00:00:00 GMT', nextCheckAt: '2025-03-01T00:15:00Z', notModified: false });
    const fail1 = store.recordFeedFetch('aicnbc', { ok: false, at: '2025-03-01T00:15:00Z', error: 'HTTP 503', errorKind: 'http-server-error', nextCheckAt: '2025-03-01T00:45:00Z' });
    expect(fail1).toMatchObject({ failureCount: 1, lastError: 'HTTP 503', lastErrorKind: 'http-server-error', failingSince: '2025-03-01T00:15:00Z', etag: '"v1"', lastSuccessAt: '2025-03-01T00:00:00Z', nextCheckAt: '2025-03-01T00:45:00Z' });
    const fail2 = store.recordFeedFetch('aicnbc', { ok: false, at: '2025-03-03T00:45:00Z', error: 'timed out', errorKind: 'timeout', nextCheckAt: '2025-03-03T06:45:00Z' });
    expect(fail2).toMatchObject({ failureCount: 2, lastError: 'timed out', lastErrorKind: 'timeout', failingSince: '2025-03-01T00:15:00Z' });
    expect(store.stats().feedsFailing).toBe(1);

    // A 304 without validators keeps the ones we sent.
    const ok = store.recordFeedFetch('aicnbc', { ok: true, at: '2025-03-03T06:45:00Z', etag: null, lastModified: null, nextCheckAt: '2025-03-03T07:00:00Z', notModified: true });
    expect(ok).toMatchObject({ failureCount: 0, lastError: null, lastErrorKind: null, failingSince: null, etag: '"v1"', lastSuccessAt: '2025-03-03T06:45:00Z' });
    expect(store.stats().feedsFailing).toBe(0);
    expect(() => store.recordFeedFetch('nope', { ok: false, at: 'x', error: 'e', errorKind: 'k', nextCheckAt: 'y' })).toThrow(/upsertFeed/);
  });

  it('a new URL drops the validators; due feeds come from next_check_at', () => {
    const store = fresh();
    store.upsertFeed({ id: 'a', url: 'https://a.example/feed', name: null });
    store.upsertFeed({ id: 'b', url: 'https://b.example/feed', name: null });
    store.recordFeedFetch('a', { ok: true, at: '2025-03-01T00:00:00Z', etag: 'e', lastModified: null, nextCheckAt: '2025-03-01T01:00:00Z', notModified: false });
    store.upsertFeed({ id: 'a', url: 'https://a.example/feed', name: 'A' });
    expect(store.getFeed('a')).toMatchObject({ etag: 'e', name: 'A' });
    expect(store.listDueFeeds('2025-03-01T00:30:00Z').map((f) => f.id)).toEqual(['b']);
    expect(store.listDueFeeds('2025-03-01T01:00:00Z').map((f) => f.id).sort()).toEqual(['a', 'b']);
    store.upsertFeed({ id: 'a', url: 'https://a.example/rss', name: 'A' });
    expect(store.getFeed('a')?.etag).toBeNull();
    expect(store.listFeeds().map((f) => f.id)).toEqual(['a', 'b']);
    expect(store.removeFeed('b')).toBe(true);
    expect(store.removeFeed('b')).toBe(false);
  });

  it('remembers seen items in batches', () => {
    const store = fresh();
    const items = Array.from({ length: 50 }, (_, i) => ({ id: `guid-${i}`, url: `https://x.example/${i}` }));
    expect(store.markItemsSeen('f', items.slice(0, 20), '2025-03-01T00:00:00Z')).toBe(20);
    expect(store.markItemsSeen('f', items.slice(10, 30), '2025-03-01T00:00:00Z')).toBe(10);
    const seen = store.seenItemIds('f', items.map((i) => i.id).concat(['guid-"quoted"', '']));
    expect(seen.size).toBe(30);
    expect(store.seenItemIds('other', ['guid-1']).size).toBe(0);
    expect(store.seenItemIds('f', []).size).toBe(0);
  });
});

describe('re-extraction', () => {
  it('replaces the analysis atomically and pages through articles', () => {
    const path = tempDbPath();
    const store = fresh(path);
    for (let n = 1; n <= 5; n++) store.saveArticle(article(n));
    const res = store.replaceArticleAnalysis(2, {
      mentions: [{ entity: 'metax', alias: '沐曦', sentence: 3, start: 0, end: 2 }],
      powerFigures: [],
      events: [{ sentence: 3, text: 'MetaX news.', entities: ['metax'], tags: [], powerFigures: [] }],
    });
    expect(res).toEqual({ events: 1 });
    expect(store.queryEvents({ entity: 'metax' }).map((e) => e.article.id)).toEqual([2]);
    // The old events' labels went with them.
    expect(store.queryEvents({ entity: 'huawei' }).map((e) => e.article.id)).toEqual([5, 4, 3, 1]);
    expect(counts(path)).toMatchObject({ events: 9, mentions: 9, power_figures: 8 });
    expect(() => store.replaceArticleAnalysis(99, { mentions: [], powerFigures: [], events: [] })).toThrow(/no article 99/);

    const page1 = store.listArticles({ limit: 2 });
    const page2 = store.listArticles({ limit: 2, afterId: page1[1]!.id });
    expect([...page1, ...page2].map((a) => a.id)).toEqual([1, 2, 3, 4]);
    expect(store.listArticles({ since: '2025-03-05' }).map((a) => a.id)).toEqual([4, 5]);
  });

  it('labels with any characters match exactly', () => {
    const store = fresh();
    const odd = ['sk.hynix', 'Moore Threads', '摩尔线程', 'a"b', 'x AND y', '*'];
    store.saveArticle(article(1, { events: odd.map((label, i) => ({ sentence: i, text: `s${i}`, entities: [label], tags: [label], powerFigures: [] })) }));
    for (const label of odd) {
      expect(store.queryEvents({ entity: label }).map((e) => e.entities)).toEqual([[label]]);
      expect(store.queryEvents({ tag: label, entity: label }).length).toBe(1);
    }
    expect(store.queryEvents({ entity: 'moore threads' })).toEqual([]);
  });

  it('stats count what is stored', () => {
    const store = fresh();
    store.saveArticle(article(1));
    store.saveArticle(article(2));
    expect(store.stats()).toEqual({ feeds: 0, feedsFailing: 0, articles: 2, events: 4, mentions: 4, powerFigures: 4, lastFetchedAt: '2025-03-29T12:00:00.000Z', schemaVersion: latestVersion(migrations) });
  });
});
