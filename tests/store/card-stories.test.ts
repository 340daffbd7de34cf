import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { ArticleEvent } from '../../src/model.js';
import { openStore } from '../../src/store/store.js';
import { article, readDb, storesClosedAfterEach, tempDbPath } from './make-article.js';

// Each card gets its story as it is written (store/story-assigner.ts, text/story-index.ts):
// copies of one story share the id of the first one stored, other news stays apart, and the
// stories stored before carry on across a restart, a re-analysis and an upgrade (008).

const opened = storesClosedAfterEach();

// Two stories of one company and one of another, each told by several outlets in their own
// words, on a day with other news around them (IDF needs a day to be a day).
const STORIES: Record<string, { entity: string; lede: string[] }> = {
  listing: { entity: 'moore-threads', lede: ['Moore Threads shares jumped 425% on their STAR Market debut in Shanghai', 'the GPU maker raised 8 billion yuan at 114.28 yuan a share'] },
  cluster: { entity: 'moore-threads', lede: ['Moore Threads unveiled its KUAE 10,000-card training cluster in Beijing', 'the cluster links MTT S4000 cards over MTLink fabric'] },
  ascend: { entity: 'huawei', lede: ['Huawei shipped the Ascend 950PR to Baidu and ByteDance data centers', 'the chip pairs HiBL 1.0 memory with a new interconnect'] },
};

function copy(n: number, story: string, outlet: number, published: string) {
  const { entity, lede } = STORIES[story]!;
  const spin = ['Reports said', 'According to people familiar,', 'In a statement,', 'Analysts noted'][outlet % 4];
  const events: ArticleEvent[] = lede.map((text, sentence) => ({ sentence, text: `${spin} ${text} (outlet ${outlet}).`, entities: [entity], tags: [], powerFigures: [] }));
  return article(n, { title: `${lede[0]} — outlet ${outlet}`, url: `https://o${outlet}.example.com/${n}`, canonicalUrl: `https://o${outlet}.example.com/${n}`, published, events, mentions: [], powerFigures: [] });
}

/** Other news of the day: each article its own words, about one of three companies. */
function other(n: number, published: string) {
  const entity = ['nvidia', 'cambricon', 'biren'][n % 3]!;
  const words = Array.from({ length: 12 }, (_, i) => `w${(n * 7919 + i * 104729) % 5000}`).join(' ');
  const events: ArticleEvent[] = [{ sentence: 0, text: `${entity} ${words}.`, entities: [entity], tags: [], powerFigures: [] }];
  return article(n, { title: `Note ${n} ${words.slice(0, 20)}`, url: `https://x.example.com/${n}`, canonicalUrl: `https://x.example.com/${n}`, published, events, mentions: [], powerFigures: [] });
}

const at = (minute: number): string => new Date(Date.UTC(2025, 2, 2, 0, minute)).toISOString();
const background = Array.from({ length: 60 }, (_, i) => other(1000 + i, at(i)));

function storiesOf(path: string): Map<string, number | null> {
  const rows = readDb(path, (db) => db.prepare('SELECT url, story FROM article_cards').all() as Array<{ url: string; story: number | null }>);
  return new Map(rows.map((r) => [r.url, r.story]));
}

describe('stories given as cards are written', () => {
  it('copies of one story share the first copy’s id; the same company’s other news and a rival’s stay apart', () => {
    const path = tempDbPath();
    const store = opened(path);
    store.saveArticles(background);
    const first = store.saveArticle(copy(1, 'listing', 0, at(100))) as { articleId: number };
    store.saveArticles([copy(2, 'cluster', 1, at(101)), copy(3, 'listing', 2, at(102)), copy(4, 'ascend', 3, at(103)), copy(5, 'listing', 1, at(104)), copy(6, 'cluster', 3, at(105))]);
    const s = storiesOf(path);
    const story = (n: number, outlet: number): number | null => s.get(`https://o${outlet}.example.com/${n}`)!;
    expect([story(1, 0), story(3, 2), story(5, 1)]).toEqual([first.articleId, first.articleId, first.articleId]);
    expect(story(6, 3)).toBe(story(2, 1));
    expect(new Set([story(1, 0), story(2, 1), story(4, 3)]).size).toBe(3);
    // The digest reads them as one story with its outlets.
    expect([...store.dayCards(at(0), at(200))].filter((c) => c.story === first.articleId)).toHaveLength(3);
  });

  it('carry on across a restart: a copy stored by the next run joins the story stored by the last', () => {
    const path = tempDbPath();
    const store = opened(path);
    store.saveArticles([...background, copy(1, 'listing', 0, at(100))]);
    store.close();
    const again = opened(path);
    again.saveArticle(copy(2, 'listing', 1, at(130)));
    const s = storiesOf(path);
    expect(s.get('https://o1.example.com/2')).toBe(s.get('https://o0.example.com/1'));
  });

  it('an article far from the ones being written waits without a story, then settles in date order with its own copies', () => {
    const path = tempDbPath();
    const store = opened(path);
    const later = 60 * 1440; // two months on
    const away = background.map((a, i) => other(2000 + i, at(later + i)));
    store.saveArticles([...background, copy(1, 'listing', 0, at(100))]);
    // In any order, as an archive comes: the far ones wait, the near one joins at once.
    const saved = store.saveArticles([away[0]!, copy(2, 'cluster', 1, at(later + 100)), copy(3, 'listing', 1, at(110)), ...away.slice(1), copy(4, 'cluster', 2, at(later + 120))]);
    let s = storiesOf(path);
    expect(s.get('https://o1.example.com/3')).toBe(s.get('https://o0.example.com/1'));
    expect(s.get('https://o1.example.com/2')).toBeNull();
    expect(store.settleStories()).toBe(away.length + 2);
    s = storiesOf(path);
    expect(s.get('https://o2.example.com/4')).toBe(s.get('https://o1.example.com/2'));
    expect([...s.values()].every((v) => typeof v === 'number')).toBe(true);
    expect(store.settleStories()).toBe(0);
    // Re-analysed while the writer holds another month, it keeps its story (nothing waits again).
    const { articleId } = saved[1] as { articleId: number };
    store.replaceArticleAnalysis(articleId, { mentions: [], powerFigures: [], events: copy(2, 'cluster', 1, at(later + 100)).events });
    expect(storiesOf(path).get('https://o1.example.com/2')).toBe(s.get('https://o1.example.com/2'));
  });

  it('do not reach across days: the same words two weeks later start a story of their own', () => {
    const path = tempDbPath();
    const store = opened(path);
    store.saveArticles([...background, copy(1, 'listing', 0, at(100)), copy(2, 'listing', 1, at(14 * 1440 + 100))]);
    store.settleStories();
    const s = storiesOf(path);
    expect(s.get('https://o1.example.com/2')).not.toBe(s.get('https://o0.example.com/1'));
  });

  it('a re-analysed article keeps its story; an upgraded file gets the stories a writer would have given', () => {
    const path = tempDbPath();
    const store = opened(path);
    store.saveArticles([...background, copy(1, 'listing', 0, at(100)), copy(2, 'cluster', 1, at(101))]);
    const [a] = store.saveArticles([copy(3, 'listing', 2, at(102))]) as Array<{ articleId: number }>;
    const before = storiesOf(path);
    store.replaceArticleAnalysis(a!.articleId, { mentions: [], powerFigures: [], events: copy(3, 'listing', 2, at(102)).events });
    expect(storiesOf(path)).toEqual(before);
    store.close();
    // The file as 007 left it: cards without stories.
    const db = new Database(path);
    db.exec('DROP INDEX article_cards_unsettled; ALTER TABLE article_cards DROP COLUMN story; DELETE FROM schema_migrations WHERE version >= 8;');
    db.pragma('user_version = 7');
    db.close();
    openStore(path).close();
    expect(storiesOf(path)).toEqual(before);
  });
});
