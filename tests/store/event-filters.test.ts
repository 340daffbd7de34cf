import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { eventPageStatement } from '../../src/store/events-query.js';
import type { Store } from '../../src/store/store.js';
import type { ArticleInput, EventQuery, StoredEvent } from '../../src/store/types.js';
import { article, figure, storesClosedAfterEach } from './make-article.js';

const fresh = storesClosedAfterEach();

const ENTITIES = ['huawei', 'nvidia', 'cambricon', 'biren'];
const TAGS = ['ipo', 'product', 'funding'];

/** Events naming one, two or three companies, in English and Chinese, from two feeds. */
function mixed(n: number): ArticleInput {
  const pick = (list: string[], i: number): string => list[i % list.length] as string;
  // Every fourth article has a sentence naming three companies with two tags.
  const two = n % 4 === 0 ? [pick(ENTITIES, n), pick(ENTITIES, n + 1), pick(ENTITIES, n + 2)] : [pick(ENTITIES, n), pick(ENTITIES, n + 1 + (n % 2))];
  const tags = n % 4 === 0 ? [pick(TAGS, n), pick(TAGS, n + 1)] : [pick(TAGS, n)];
  const mw = figure(0, `${n * 100} MW`, n * 100, 'MW', n * 1e8);
  return article(n, {
    lang: n % 3 === 0 ? 'zh' : 'en',
    feedId: n % 2 ? 'scmp' : 'reuters',
    published: new Date(Date.UTC(2025, 0, 1) + n * 3_600_000).toISOString(),
    events: [
      { sentence: 0, text: `${two.join(' and ')} sentence ${n} drawing ${n * 100} MW.`, entities: two, tags, powerFigures: [mw] },
      { sentence: 1, text: `Only ${pick(ENTITIES, n + 3)} in sentence ${n}.`, entities: [pick(ENTITIES, n + 3)], tags: [pick(TAGS, n + 1), pick(TAGS, n + 2)], powerFigures: [] },
      { sentence: 2, text: `No company, ${n} GWh.`, entities: [], tags: [], powerFigures: [figure(2, `${n} GWh`, n, 'GWh', n * 1e9)] },
    ],
    powerFigures: [mw],
  });
}

function filled(count = 24): { store: Store; all: StoredEvent[]; langOf: Map<number, string> } {
  const store = fresh();
  const langOf = new Map<number, string>();
  for (let n = 1; n <= count; n++) {
    const a = mixed(n);
    langOf.set(store.saveArticle(a).articleId, a.lang);
  }
  return { store, all: store.queryEvents({ limit: 10_000 }), langOf };
}

/** The filters as a plain predicate over every event: what the indexes must agree with. */
function brute(q: EventQuery, langOf: Map<number, string>) {
  const ents = [...(q.entity ? [q.entity] : []), ...(q.entities ?? [])];
  const tags = [...(q.tag ? [q.tag] : []), ...(q.tags ?? [])];
  const has = (list: string[], want: string[]): boolean => !want.length || (q.match === 'all' ? want.every((w) => list.includes(w)) : want.some((w) => list.includes(w)));
  return (e: StoredEvent): boolean =>
    has(e.entities, ents) && has(e.tags, tags) && (q.lang === undefined || langOf.get(e.article.id) === q.lang) && (q.feed === undefined || e.article.feed === q.feed) &&
    (q.figureKind === undefined || e.powerFigures.some((f) => f.kind === q.figureKind && (q.minSi === undefined || f.si >= q.minSi) && (q.maxSi === undefined || f.si <= q.maxSi)));
}

const SHAPES: Array<[string, EventQuery]> = [
  ['two entities, any', { entities: ['huawei', 'nvidia'] }],
  ['two entities, all (same sentence)', { entities: ['huawei', 'nvidia'], match: 'all' }],
  ['three entities, all', { entities: ['huawei', 'nvidia', 'cambricon'], match: 'all' }],
  ['entity + entities', { entity: 'cambricon', entities: ['biren'] }],
  ['entities any + tags any', { entities: ['huawei', 'nvidia'], tags: ['ipo', 'product'] }],
  ['entities all + tags all', { entities: ['huawei', 'nvidia'], tags: ['product', 'funding'], match: 'all' }],
  ['entity + tags all', { entities: ['biren'], tags: ['ipo', 'funding'], match: 'all' }],
  ['tags any', { tags: ['ipo', 'funding'] }],
  ['language', { lang: 'zh' }],
  ['language + entities any', { lang: 'en', entities: ['biren', 'cambricon'] }],
  ['language + feed + tag', { lang: 'zh', feed: 'reuters', tag: 'product' }],
  ['entities any + power range', { entities: ['huawei', 'biren'], figureKind: 'power', minSi: 5e8, maxSi: 2e9 }],
  ['entities all + power', { entities: ['huawei', 'nvidia'], match: 'all', figureKind: 'power' }],
  ['energy figures + language', { figureKind: 'energy', minSi: 1e10, lang: 'zh' }],
  ['many entities any (a merge of five ranges)', { entities: ['huawei', 'nvidia', 'cambricon', 'biren', 'enflame'] }],
];

describe('any and all, tags and language give what a scan of every event gives', () => {
  it.each(SHAPES)('%s', (_name, q) => {
    const { store, all, langOf } = filled();
    const want = all.filter(brute(q, langOf)).map((e) => e.id);
    expect(want.length).toBeGreaterThan(0);
    expect(store.queryEvents({ ...q, limit: 10_000 }).map((e) => e.id)).toEqual(want);
    expect(store.countEvents(q)).toBe(want.length);
    // Keyset pages of 4 join up to the same list, each event once.
    const paged: number[] = [];
    let page = store.queryEventPage({ ...q, limit: 4 });
    for (;;) {
      paged.push(...page.events.map((e) => e.id));
      if (!page.next) break;
      page = store.queryEventPage({ ...q, limit: 4, after: page.next });
    }
    expect(paged).toEqual(want);
  });

  it('"all" means the same sentence, not the same article', () => {
    const store = fresh();
    store.saveArticle(article(1, { events: [
      { sentence: 0, text: 'Huawei alone.', entities: ['huawei'], tags: [], powerFigures: [] },
      { sentence: 1, text: 'Nvidia alone.', entities: ['nvidia'], tags: [], powerFigures: [] },
    ] }));
    store.saveArticle(article(2, { events: [{ sentence: 0, text: 'Huawei and Nvidia together.', entities: ['huawei', 'nvidia'], tags: [], powerFigures: [] }] }));
    expect(store.queryEvents({ entities: ['huawei', 'nvidia'], match: 'all' }).map((e) => e.text)).toEqual(['Huawei and Nvidia together.']);
    expect(store.queryEvents({ entities: ['huawei', 'nvidia'] }).map((e) => e.text).sort()).toEqual(['Huawei alone.', 'Huawei and Nvidia together.', 'Nvidia alone.']);
  });
});

describe('query plans of the new shapes: index ranges, merged without a sort', () => {
  it.each(SHAPES)('%s', (_name, q) => {
    const { store } = filled(6);
    const db = new Database(store.path, { readonly: true });
    try {
      const s = eventPageStatement(q)!;
      const plan = (db.prepare(`EXPLAIN QUERY PLAN ${s.sql}`).all(s.params) as Array<{ detail: string }>).map((r) => r.detail);
      const split = plan.indexOf('SCAN page');
      expect(plan[0]).toBe('CO-ROUTINE page');
      const choose = plan.slice(1, split);
      // Every line of the driver is a merge step, an index search by key and range, or a check by primary key.
      for (const d of choose) {
        expect(d).toMatch(/^(MERGE \(UNION\)|LEFT|RIGHT|CORRELATED SCALAR SUBQUERY \d+|SEARCH d USING PRIMARY KEY \((key=\?|scope=\? AND kind=\?) AND k>\? AND k<\?\)|SEARCH x\w+( EXISTS)? USING PRIMARY KEY \((key=\? AND k=\?|scope=\? AND kind=\? AND k=\?( AND si[<>]=?\?)?)\))$/);
      }
      expect(choose.some((d) => d.startsWith('SEARCH d USING PRIMARY KEY'))).toBe(true);
      expect(plan.slice(split + 1)).toEqual(['SEARCH e USING INDEX events_k (k=?)', 'SEARCH a USING INTEGER PRIMARY KEY (rowid=?)', 'USE TEMP B-TREE FOR ORDER BY']);
    } finally {
      db.close();
    }
  });

  it('any over two entities merges two ranges; all reads one and checks the other', () => {
    const plan = (q: EventQuery): string[] => {
      const s = eventPageStatement(q)!;
      const db = new Database(store.path, { readonly: true });
      try {
        return (db.prepare(`EXPLAIN QUERY PLAN ${s.sql}`).all(s.params) as Array<{ detail: string }>).map((r) => r.detail);
      } finally {
        db.close();
      }
    };
    const { store } = filled(3);
    expect(plan({ entities: ['huawei', 'nvidia'] }).filter((d) => d.startsWith('SEARCH d'))).toHaveLength(2);
    expect(plan({ entities: ['huawei', 'nvidia'] })).toContain('MERGE (UNION)');
    const all = plan({ entities: ['huawei', 'nvidia'], match: 'all' });
    expect(all.filter((d) => d.startsWith('SEARCH d'))).toHaveLength(1);
    expect(all).toContain('SEARCH x0 USING PRIMARY KEY (key=? AND k=?)');
    expect(plan({ lang: 'zh' })[1]).toBe('SEARCH d USING PRIMARY KEY (key=? AND k>? AND k<?)');
  });
});

describe('single reads and counts', () => {
  it('an event by id, an article with its events, unknown ids', () => {
    const { store, all } = filled(3);
    const e = all[2]!;
    expect(store.getEvent(e.id)).toEqual(e);
    expect(store.getEvent(99_999)).toBeUndefined();
    const a = store.getArticleWithEvents(e.article.id)!;
    expect(a.events.map((x) => x.sentence)).toEqual([0, 1, 2]);
    expect(a.events.every((x) => x.article.id === e.article.id)).toBe(true);
    expect(a).toMatchObject({ id: e.article.id, lang: expect.any(String), text: expect.any(String) });
    expect(store.getArticleWithEvents(99_999)).toBeUndefined();
  });

  it('entity counts agree with the events, also after re-extraction', () => {
    const { store, all } = filled(12);
    const expected = (list: StoredEvent[]) => ENTITIES.map((id) => list.filter((e) => e.entities.includes(id)).length);
    expect(store.entityCounts(ENTITIES).map((c) => c.events)).toEqual(expected(all));
    const newest = all.find((e) => e.entities.includes('huawei'))!;
    expect(store.entityCounts(['huawei'])[0]!.latest).toBe(newest.article.published);
    expect(store.entityCounts(['intel'])).toEqual([{ entity: 'intel', events: 0, latest: null }]);
    store.replaceArticleAnalysis(all[0]!.article.id, { mentions: [], powerFigures: [], events: [{ sentence: 0, text: 'Biren only.', entities: ['biren'], tags: [], powerFigures: [] }] });
    expect(store.entityCounts(ENTITIES).map((c) => c.events)).toEqual(expected(store.queryEvents({ limit: 10_000 })));
  });
});
