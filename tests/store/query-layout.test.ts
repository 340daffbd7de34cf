import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { eventPageStatement } from '../../src/store/events-query.js';
import { latestVersion } from '../../src/store/migrate.js';
import { initial } from '../../src/store/migrations/001-initial.js';
import { migrations } from '../../src/store/migrations/index.js';
import { openDatabase } from '../../src/store/open-database.js';
import type { ArticleInput, EventQuery } from '../../src/store/types.js';
import { article, figure, storesClosedAfterEach, tempDbPath } from './make-article.js';

const fresh = storesClosedAfterEach();

/** Articles on many days, from two feeds, with entities, tags and figures varying by n. */
function varied(n: number): ArticleInput {
  const entity = ['huawei', 'nvidia', 'cambricon'][n % 3] as string;
  const tag = ['ipo', 'product'][n % 2] as string;
  const gw = figure(0, `${n} GW`, n, 'GW', n * 1e9);
  return article(n, {
    feedId: n % 4 === 0 ? 'scmp' : 'reuters',
    published: new Date(Date.UTC(2025, 0, 1) + n * 3_600_000).toISOString(),
    events: [
      { sentence: 0, text: `${entity} supply chain note ${n}, drawing ${n} GW.`, entities: [entity], tags: [tag], powerFigures: [gw] },
      { sentence: 1, text: `Second sentence ${n} about chips.`, entities: [entity, 'biren'], tags: [], powerFigures: [] },
    ],
    powerFigures: [gw],
  });
}

describe('query plans: every shape is one index read, newest first, no sort', () => {
  const shapes: Array<[string, EventQuery, RegExp]> = [
    ['newest', {}, /SEARCH d USING COVERING INDEX events_k/],
    ['company + time', { entity: 'huawei', since: '2025-01-02' }, /SEARCH d USING PRIMARY KEY \(key=\? AND k>\? AND k<\?\)/],
    ['tag', { tag: 'ipo' }, /SEARCH d USING PRIMARY KEY \(key=\? AND k>\? AND k<\?\)/],
    ['tag + company + time', { entity: 'huawei', tag: 'ipo', until: '2025-02-01' }, /SEARCH d USING PRIMARY KEY \(key=\? AND k>\? AND k<\?\)/],
    ['company + feed', { entity: 'huawei', feed: 'scmp' }, /SEARCH d USING PRIMARY KEY \(key=\? AND k>\? AND k<\?\)/],
    ['power figures by kind and range', { figureKind: 'power', minSi: 1e9, since: '2025-01-01' }, /SEARCH d USING PRIMARY KEY \(scope=\? AND kind=\? AND k>\? AND k<\?\)/],
    ['company + power figures', { entity: 'huawei', figureKind: 'power', minSi: 1e9 }, /SEARCH d USING PRIMARY KEY \(scope=\? AND kind=\? AND k>\? AND k<\?\)/],
    ['company + tag + feed + power figures', { entity: 'huawei', tag: 'ipo', feed: 'scmp', figureKind: 'power', maxSi: 1e12 }, /SEARCH d USING PRIMARY KEY \(scope=\? AND kind=\? AND k>\? AND k<\?\)/],
    ['phrase + power figures', { q: 'GW', figureKind: 'power', minSi: 1e9 }, /SCAN events_fts VIRTUAL TABLE INDEX \d+:M/],
    ['phrase search', { q: '"supply chain"' }, /SCAN events_fts VIRTUAL TABLE INDEX \d+:M/],
    ['phrase + company + time', { q: 'chips', entity: 'huawei', since: '2025-01-02' }, /SCAN events_fts VIRTUAL TABLE INDEX \d+:M/],
    ['keyset page', { entity: 'nvidia', after: { key: 2 ** 50, id: 9 } }, /SEARCH d USING PRIMARY KEY \(key=\? AND k>\? AND k<\?\)/],
    ['phrase + entities any + language', { q: 'chips', entities: ['huawei', 'biren'], lang: 'en' }, /SCAN events_fts VIRTUAL TABLE INDEX \d+:M/],
    ['phrase + entities all + tags any', { q: 'chips', entities: ['huawei', 'biren'], match: 'all', tags: ['ipo', 'product'] }, /SCAN events_fts VIRTUAL TABLE INDEX \d+:M/],
    ['language + time', { lang: 'en', since: '2025-01-02' }, /SEARCH d USING PRIMARY KEY \(key=\? AND k>\? AND k<\?\)/],
  ];

  it.each(shapes)('%s', (_name, q, driver) => {
    const store = fresh();
    for (let n = 1; n <= 30; n++) store.saveArticle(varied(n));
    const db = new Database(store.path, { readonly: true });
    try {
      const s = eventPageStatement(q)!;
      const plan = (db.prepare(`EXPLAIN QUERY PLAN ${s.sql}`).all(s.params) as Array<{ detail: string }>).map((r) => r.detail);
      // The driver (the page co-routine) reads one index in key order; only the page it
      // yields (limit + 1 rows) is looked up and put in order.
      const split = plan.indexOf('SCAN page');
      expect(plan[0]).toBe('CO-ROUTINE page');
      const choose = plan.slice(1, split);
      expect(choose[0]).toMatch(driver);
      // A regression to a scan or to a sort of every match fails here.
      expect(choose.filter((d) => /TEMP B-TREE|^SCAN (?!events_fts VIRTUAL)/.test(d))).toEqual([]);
      expect(choose.slice(1).every((d) => /^(CORRELATED SCALAR SUBQUERY \d+|SEARCH x_?\w+ USING PRIMARY KEY \((key=\? AND k=\?|scope=\? AND kind=\? AND k=\?( AND si[<>]=?\?)?)\))$/.test(d))).toBe(true);
      expect(plan.slice(split + 1)).toEqual(['SEARCH e USING INDEX events_k (k=?)', 'SEARCH a USING INTEGER PRIMARY KEY (rowid=?)', 'USE TEMP B-TREE FOR ORDER BY']);
    } finally {
      db.close();
    }
  });
});

describe('stats for /healthz and /metrics', () => {
  it('read one row of counts kept on write, not a scan of articles or events', () => {
    const store = fresh();
    for (let n = 1; n <= 5; n++) store.saveArticle(varied(n));
    const db = new Database(store.path, { readonly: true });
    try {
      const sql = (store as unknown as { statsStmt: { source: string } }).statsStmt.source;
      const plan = (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as Array<{ detail: string }>).map((r) => r.detail);
      expect(plan.filter((d) => /^SCAN (?!feeds)/.test(d))).toEqual([]);
      expect(plan.join('\n')).toMatch(/SEARCH c USING INTEGER PRIMARY KEY/);
    } finally {
      db.close();
    }
    expect(store.stats()).toMatchObject({ articles: 5, events: 10, mentions: 10, powerFigures: 5, lastFetchedAt: '2025-03-29T12:00:00.000Z' });
  });
});

describe('keyset paging', () => {
  it('pages through everything without repeats or gaps while new events arrive', () => {
    const store = fresh();
    for (let n = 1; n <= 20; n++) store.saveArticle(varied(n));
    const original = store.queryEvents({ entity: 'biren', limit: 1000 }).map((e) => e.id);
    expect(original.length).toBe(20);
    const seen: number[] = [];
    let page = store.queryEventPage({ entity: 'biren', limit: 3 });
    let inserted = 100;
    for (;;) {
      seen.push(...page.events.map((e) => e.id));
      if (!page.next) break;
      // New stories arrive between pages: newer than everything, and in the middle of the history.
      store.saveArticle(varied(inserted++));
      store.saveArticle(article(inserted++, { published: '2025-01-01T05:30:00Z', events: [{ sentence: 0, text: 'Biren late news', entities: ['biren'], tags: [], powerFigures: [] }] }));
      page = store.queryEventPage({ entity: 'biren', limit: 3, after: page.next });
    }
    expect(new Set(seen).size).toBe(seen.length);
    // Every event there was when paging began, in order; what arrived meanwhile shows
    // up only where it sorts after the page being read, never twice.
    expect(seen.filter((id) => original.includes(id))).toEqual(original);
    expect(seen.length).toBeGreaterThan(original.length);
  });

  it('orders by article date, then later-stored article first, then sentence order', () => {
    const store = fresh();
    store.saveArticle(article(1, { published: '2025-05-01T10:00:00Z' }));
    store.saveArticle(article(2, { published: '2025-05-01T10:00:00Z' }));
    store.saveArticle(article(3, { published: '2025-04-01T10:00:00Z' }));
    expect(store.queryEvents().map((e) => [e.article.id, e.sentence])).toEqual([[2, 0], [2, 1], [1, 0], [1, 1], [3, 0], [3, 1]]);
    const first = store.queryEventPage({ limit: 3 });
    expect(first.next).toEqual({ key: expect.any(Number), id: first.events[2]!.id });
    const rest = store.queryEventPage({ limit: 3, after: first.next! });
    expect(rest.next).toBeNull();
    expect(rest.events.map((e) => [e.article.id, e.sentence])).toEqual([[1, 1], [3, 0], [3, 1]]);
    expect(store.eventPosition(first.events[2]!.id)).toEqual(first.next);
    expect(store.eventPosition(999)).toBeUndefined();
  });

  it('re-extraction keeps the indexes in step with the events', () => {
    const store = fresh();
    const id = store.saveArticle(varied(3)).articleId;
    store.replaceArticleAnalysis(id, { mentions: [], powerFigures: [], events: [{ sentence: 4, text: 'Enflame only now', entities: ['enflame'], tags: ['funding'], powerFigures: [] }] });
    expect(store.queryEvents({ entity: 'huawei' })).toEqual([]);
    expect(store.queryEvents({ q: 'supply' })).toEqual([]);
    expect(store.queryEvents({ figureKind: 'power' })).toEqual([]);
    expect(store.queryEvents({ entity: 'enflame', tag: 'funding', feed: 'reuters', q: 'Enflame' }).map((e) => e.text)).toEqual(['Enflame only now']);
    expect(store.stats()).toMatchObject({ articles: 1, events: 1, powerFigures: 0 });
  });
});

/** A v1 database with the same articles, written as version 1 wrote them (raw rows). */
function v1Database(path: string, articles: ArticleInput[]): void {
  const db = openDatabase(path, [initial]);
  const art = db.prepare(`INSERT INTO articles (url, canonical_url, feed_id, title, author, published, fetched_at, lang, text, text_chars, content_hash)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const ev = db.prepare('INSERT INTO events (article_id, sentence, text, entities, tags, figures) VALUES (?, ?, ?, ?, ?, ?)');
  const fig = db.prepare(`INSERT INTO power_figures (article_id, seq, event_id, sentence, start, "end", text, value, unit, kind, si) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const men = db.prepare('INSERT INTO mentions (article_id, seq, entity, alias, sentence, start, "end") VALUES (?, ?, ?, ?, ?, ?, ?)');
  for (const a of articles) {
    const id = Number(art.run(a.url, a.canonicalUrl, a.feedId, a.title, a.author, a.published && new Date(a.published).toISOString(), a.fetchedAt, a.lang, a.text, a.text.length, a.contentHash).lastInsertRowid);
    a.mentions.forEach((m, i) => men.run(id, i, m.entity, m.alias, m.sentence, m.start, m.end));
    let seq = 0;
    for (const e of a.events) {
      const eid = Number(ev.run(id, e.sentence, e.text, JSON.stringify(e.entities), JSON.stringify(e.tags), JSON.stringify(e.powerFigures)).lastInsertRowid);
      for (const f of e.powerFigures) fig.run(id, seq++, eid, f.sentence, f.start, f.end, f.text, f.value, f.unit, f.kind, f.si);
    }
  }
  db.close();
}

describe('the later migrations (003 to 005) carry a v1 database over', () => {
  const data = (): ArticleInput[] => [
    ...Array.from({ length: 12 }, (_, i) => varied(i + 1)),
    article(50, { published: null, title: '华为', text: '华为发布昇腾芯片。'.repeat(30), events: [{ sentence: 0, text: '华为发布昇腾芯片，功耗700瓦。', entities: ['huawei'], tags: ['chip-power'], powerFigures: [figure(0, '700瓦', 700, 'W', 700)] }] }),
  ];
  const queries: EventQuery[] = [
    {}, { entity: 'huawei' }, { entity: 'huawei', tag: 'ipo' }, { tag: 'chip-power' }, { feed: 'scmp' }, { q: '"supply chain"' }, { q: '昇腾' },
    { figureKind: 'power', minSi: 5e9 }, { since: '2025-01-01T05:00:00Z', until: '2025-01-01T09:00:00Z' }, { limit: 4, offset: 3 },
    { lang: 'en' }, { lang: 'zh' }, { entities: ['huawei', 'biren'], match: 'all' },
  ];

  it('gives the same answers as a store written by this version', () => {
    const oldPath = tempDbPath();
    v1Database(oldPath, data());
    const migrated = fresh(oldPath);
    const direct = fresh();
    for (const a of data()) direct.saveArticle(a);
    const strip = (q: EventQuery): unknown => migrated.queryEvents(q).map((e) => [e.text, e.article.url]);
    for (const q of queries) expect(strip(q), JSON.stringify(q)).toEqual(direct.queryEvents(q).map((e) => [e.text, e.article.url]));
    expect(migrated.entityCounts(['huawei', 'biren', 'nvidia'])).toEqual(direct.entityCounts(['huawei', 'biren', 'nvidia']));
    const { articles, events, mentions } = direct.stats();
    expect(migrated.stats()).toMatchObject({ articles, events, mentions, schemaVersion: latestVersion(migrations), lastFetchedAt: data()[0]!.fetchedAt });
    // Written after the migration, found like the rest.
    migrated.saveArticle(varied(99));
    expect(migrated.queryEvents({ entity: 'huawei', q: '"note 99"' }).map((e) => e.sentence)).toEqual([0]);
  });

  it('applies in number order with 002 (the digest sent log) between them', () => {
    const path = tempDbPath();
    v1Database(path, data());
    const db = openDatabase(path, [...migrations].reverse());
    expect(db.prepare('SELECT version FROM schema_migrations ORDER BY version').all()).toEqual(migrations.map((m) => ({ version: m.version })).sort((a, b) => a.version - b.version));
    expect(db.pragma('user_version', { simple: true })).toBe(latestVersion(migrations));
    db.close();
  });
});
