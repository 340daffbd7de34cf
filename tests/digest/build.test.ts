import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildDigest } from '../../src/digest/build.js';
import type { FeedState, StoredEvent } from '../../src/store/types.js';
import { digestEntities } from '../../src/digest/watch-list.js';

// The repository's watch-list (config/entities.yaml): its order and names.
const entities = digestEntities(join(import.meta.dirname, '..', '..', 'config'));

const fixture = (name: string): unknown => JSON.parse(readFileSync(fileURLToPath(new URL(`../fixtures/digest/${name}`, import.meta.url)), 'utf8'));
const events = fixture('day-events.json') as StoredEvent[];
const feeds = fixture('feeds.json') as FeedState[];

describe('buildDigest', () => {
  const d = buildDigest(events, { entities, date: '2025-03-01', timezone: 'Asia/Shanghai', feeds });

  it('keeps the local day only, and each event once', () => {
    expect(d.range).toEqual({ start: '2025-02-28T16:00:00.000Z', end: '2025-03-01T16:00:00.000Z' });
    expect(d.totals).toEqual({ events: 5, articles: 4, powerFigures: 3 });
  });

  it('orders sections by the watch-list, unknown entities after it, power figures last', () => {
    expect(d.sections.map((s) => [s.id, s.kind, s.events])).toEqual([
      ['moore-threads', 'entity', 1],
      ['huawei', 'entity', 2],
      ['nvidia', 'entity', 1],
      ['hygon', 'entity', 1],
      ['power', 'power', 2],
    ]);
  });

  it('counts every watch-list entity, zeros included', () => {
    expect(d.entityCounts.map((c) => `${c.name}:${c.events}/${c.articles}`)).toEqual([
      'Moore Threads:1/1', 'MetaX:0/0', 'Biren:0/0', 'Enflame:0/0', 'Huawei:2/1', 'Cambricon:0/0', 'Nvidia:1/1', 'Hygon:1/1',
    ]);
  });

  it('groups sentences under their article, in text order', () => {
    const huawei = d.sections.find((s) => s.id === 'huawei')!;
    expect(huawei.articles).toHaveLength(1);
    expect(huawei.articles[0]!.article.title).toBe("Huawei's Ascend push");
    expect(huawei.articles[0]!.sentences.map((s) => s.sentence)).toEqual([2, 5]);
  });

  it('keeps events with no published date (the store dated them by fetch time)', () => {
    const power = d.sections.find((s) => s.id === 'power')!;
    expect(power.articles.map((a) => a.article.id)).toEqual([10, 12]);
  });

  it('lists failing feeds, most failures first', () => {
    expect(d.failingFeeds.map((f) => [f.id, f.failureCount])).toEqual([['down', 4], ['bad', 1]]);
  });

  it('follows a given watch-list', () => {
    const custom = buildDigest(events, {
      date: '2025-03-01',
      timezone: 'Asia/Shanghai',
      entities: [{ id: 'nvidia', name: 'NVIDIA' }, { id: 'huawei', name: 'Huawei Technologies' }],
    });
    expect(custom.sections.map((s) => s.title)).toEqual(['NVIDIA', 'Huawei Technologies', 'Hygon', 'Moore Threads', 'Power figures']);
    expect(custom.failingFeeds).toEqual([]);
  });

  it.each([
    { name: 'UTC day: the late-February Shanghai article stays out', tz: 'UTC', want: 5 },
    { name: 'New York day starts at 05:00 UTC; the undated article fetched at 03:00 UTC is out', tz: 'America/New_York', want: 2 },
  ])('$name', ({ tz, want }) => {
    expect(buildDigest(events, { entities, date: '2025-03-01', timezone: tz }).totals.events).toBe(want);
  });

  it('caps articles per section and sentences per article, keeping the full counts', () => {
    const many: StoredEvent[] = [];
    for (let a = 1; a <= 5; a++) {
      for (let n = 0; n < a; n++) {
        many.push({
          id: a * 100 + n, sentence: n, text: `Huawei sentence ${n} of article ${a}.`, entities: ['huawei'], tags: [], powerFigures: [],
          article: { id: a, url: `https://x.example/${a}`, title: `Article ${a}`, published: '2025-03-01T08:00:00Z', feed: null, fetchedAt: '2025-03-01T08:00:00Z' },
        });
      }
    }
    const capped = buildDigest(many, { entities, date: '2025-03-01', timezone: 'UTC', maxArticlesPerSection: 2, maxSentencesPerArticle: 3 });
    const s = capped.sections[0]!;
    expect([s.events, s.articleCount]).toEqual([15, 5]);
    expect(s.articles.map((g) => [g.article.id, g.sentences.length, g.moreSentences])).toEqual([[5, 3, 2], [4, 3, 1]]);
    expect(capped.entityCounts.find((c) => c.id === 'huawei')).toMatchObject({ events: 15, articles: 5 });
  });

  it('an empty day is a digest with no sections', () => {
    const empty = buildDigest([], { entities, date: '2025-03-01', timezone: 'UTC' });
    expect(empty.sections).toEqual([]);
    expect(empty.totals).toEqual({ events: 0, articles: 0, powerFigures: 0 });
    expect(empty.entityCounts).toHaveLength(7);
  });
});
