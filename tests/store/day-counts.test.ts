import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dayCountStatement, KNOWN_LABELS_SQL } from '../../src/store/day-counts.js';
import { openStore, type Store } from '../../src/store/store.js';
import type { ArticleInput, StoredEvent } from '../../src/store/types.js';
import { dayBuckets } from '../../src/time/day-buckets.js';
import { localDate } from '../../src/time/zoned-day.js';
import { article, tempDbPath } from './make-article.js';

// Counts per day against a real file, checked against the events themselves (read back
// in full and bucketed here), and the plans checked for an index-only read.

const ENTITIES = ['huawei', 'nvidia', 'cambricon', '摩尔线程'];
const TAGS = ['ipo', 'product', 'earnings'];

/** Articles every 5 h 17 min over ~40 days, so days straddle UTC and Shanghai midnights. */
function varied(n: number): ArticleInput {
  const entity = ENTITIES[n % ENTITIES.length] as string;
  const tag = TAGS[n % TAGS.length] as string;
  return article(n, {
    feedId: n % 3 === 0 ? 'scmp' : 'reuters',
    published: new Date(Date.UTC(2025, 0, 1) + n * 19_020_000).toISOString(),
    events: [
      { sentence: 0, text: `${entity} note ${n}.`, entities: [entity], tags: [tag], powerFigures: [] },
      { sentence: 1, text: `Second ${n}.`, entities: n % 2 ? [entity, 'biren'] : [], tags: n % 5 ? [] : ['ipo', 'funding'], powerFigures: [] },
    ],
    powerFigures: [],
  });
}

let store: Store;
let all: StoredEvent[];
beforeAll(() => {
  store = openStore(tempDbPath());
  for (let n = 1; n <= 180; n++) store.saveArticle(varied(n));
  all = store.queryEvents({ limit: 100_000 });
});
afterAll(() => store.close());

/** The same counts the slow way: every event, bucketed by its local date. */
function bruteForce(days: string[], tz: string, match: (e: StoredEvent) => boolean): number[] {
  const counts = days.map(() => 0);
  for (const e of all) {
    if (!match(e)) continue;
    const i = days.indexOf(localDate(new Date(e.article.published as string), tz));
    if (i >= 0) counts[i] = (counts[i] as number) + 1;
  }
  return counts;
}

describe('events per day from the label index', () => {
  const cases = [
    { name: 'per entity, UTC', by: 'entity' as const, tz: 'UTC', filter: {}, match: (key: string) => (e: StoredEvent) => e.entities.includes(key) },
    { name: 'per entity, Shanghai days', by: 'entity' as const, tz: 'Asia/Shanghai', filter: {}, match: (key: string) => (e: StoredEvent) => e.entities.includes(key) },
    { name: 'per entity within a tag', by: 'entity' as const, tz: 'UTC', filter: { tags: ['ipo'] }, match: (key: string) => (e: StoredEvent) => e.entities.includes(key) && e.tags.includes('ipo') },
    { name: 'per tag within an entity and a feed', by: 'tag' as const, tz: 'America/New_York', filter: { entities: ['huawei'], feed: 'scmp' }, match: (key: string) => (e: StoredEvent) => e.tags.includes(key) && e.entities.includes('huawei') && e.article.feed === 'scmp' },
  ];
  it.each(cases)('$name', ({ by, tz, filter, match }) => {
    const { days, bounds } = dayBuckets('2025-01-05T00:00:00Z', '2025-02-03T00:00:00Z', tz, 400);
    const got = store.countEventsByDay({ by, bounds, ...filter });
    const expectKeys = by === 'entity' ? [...ENTITIES, 'biren'].sort() : ['earnings', 'funding', 'ipo', 'product'];
    expect(got.map((s) => s.key).sort()).toEqual(expectKeys);
    let nonZero = 0;
    for (const s of got) {
      expect(s.counts, s.key).toEqual(bruteForce(days, tz, match(s.key)));
      nonZero += s.counts.reduce((a, b) => a + b, 0);
    }
    expect(nonZero).toBeGreaterThan(0);
  });

  it('named series keep their order and get zeros when they have no events', () => {
    const { bounds } = dayBuckets('2025-01-05', '2025-01-07', 'UTC', 10);
    const got = store.countEventsByDay({ by: 'entity', entities: ['nvidia', 'intel'], bounds });
    expect(got.map((s) => s.key)).toEqual(['nvidia', 'intel']);
    expect(got[1]!.counts).toEqual([0, 0]);
  });

  it('lists the entities and tags present', () => {
    const db = new Database(store.path, { readonly: true });
    try {
      const keys = db.prepare(KNOWN_LABELS_SQL).pluck().all({ prefix: 't:', end: 't;' });
      expect(keys).toEqual(['t:earnings', 't:funding', 't:ipo', 't:product']);
    } finally {
      db.close();
    }
  });
});

describe('query plans: index ranges only, never a scan of a table', () => {
  const plan = (sql: string, params: Record<string, string>): string[] => {
    const db = new Database(store.path, { readonly: true });
    try {
      return (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params) as Array<{ detail: string }>).map((r) => r.detail);
    } finally {
      db.close();
    }
  };
  const { bounds } = dayBuckets('2025-01-01', '2025-12-31', 'Asia/Shanghai', 400);

  it.each([
    ['per entity', { by: 'entity' as const, bounds }, 'none' as const],
    ['per tag within an entity, checking a feed', { by: 'tag' as const, bounds, entities: ['huawei'], feed: 'scmp' }, 'check-feed' as const],
    ['per entity, driven by a feed', { by: 'entity' as const, bounds, feed: 'scmp' }, 'drive-by-feed' as const],
  ])('%s', (_name, q, mode) => {
    const s = dayCountStatement(q, [{ label: 'e:huawei' }, { label: 'e:nvidia' }], mode);
    const steps = plan(s.sql, s.params);
    // The only scans allowed are of the two small json_each lists (series, days).
    expect(steps.filter((d) => /^SCAN /.test(d) && !/VIRTUAL TABLE/.test(d))).toEqual([]);
    // Nothing is sorted or grouped: each (series, day) is counted by its own range.
    expect(steps.filter((d) => /TEMP B-TREE/.test(d))).toEqual([]);
    const [ranged, probed] = mode === 'drive-by-feed' ? ['f', 'x'] : ['x', 'f'];
    expect(steps).toContain(`SEARCH ${ranged} USING PRIMARY KEY (key=? AND k>? AND k<?)`);
    if (mode !== 'none') expect(steps).toContain(`SEARCH ${probed} EXISTS USING PRIMARY KEY (key=? AND k=?)`);
  });

  it('both ways of applying a feed count the same', () => {
    const q = { by: 'entity' as const, bounds, feed: 'scmp' };
    const db = new Database(store.path, { readonly: true });
    try {
      const run = (mode: 'check-feed' | 'drive-by-feed') => {
        const s = dayCountStatement(q, [{ label: 'e:huawei' }, { label: 'e:nvidia' }], mode);
        return db.prepare(s.sql).all(s.params);
      };
      const driven = run('drive-by-feed');
      expect(driven).toEqual(run('check-feed'));
      expect((driven as Array<{ n: number }>).some((r) => r.n > 0)).toBe(true);
    } finally {
      db.close();
    }
  });

  it('finding the labels present seeks once per label', () => {
    const steps = plan(KNOWN_LABELS_SQL, { prefix: 'e:', end: 'e;' });
    expect(steps.filter((d) => /^SCAN (?!ks)/.test(d))).toEqual([]);
    expect(steps.filter((d) => /event_keys/.test(d)).every((d) => /^SEARCH event_keys USING PRIMARY KEY \(key>\? AND key<\?\)$/.test(d))).toBe(true);
  });
});
