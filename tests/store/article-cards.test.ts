import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { blobTerms, termsBlob } from '../../src/store/article-cards.js';
import { storyTokens, termHash } from '../../src/text/story-tokens.js';
import { article, readDb, storesClosedAfterEach, tempDbPath } from './make-article.js';

// Article cards (migration 007): what the digest reads of each article instead of its
// events. Written with the events, replaced on re-extraction, gone with the article, and
// made from the events for a file written before 007.

const opened = storesClosedAfterEach();

const DAY = ['2025-03-01T00:00:00.000Z', '2025-04-01T00:00:00.000Z'] as const;
const hashes = (...texts: string[]): number[] => texts.flatMap((t) => storyTokens(t).map(termHash));

/** The terms and title-term count a card was stored with. */
function storedTerms(path: string, articleId: number): { terms: number[]; titleTerms: number } {
  const r = readDb(path, (db) => db.prepare('SELECT terms, title_terms FROM article_cards WHERE article_id = ?').get(articleId) as { terms: Buffer; title_terms: number });
  return { terms: [...blobTerms(r.terms)], titleTerms: r.title_terms };
}

const cardsOf = (path: string): unknown[] => readDb(path, (db) => db.prepare('SELECT * FROM article_cards ORDER BY article_id').all());

describe('article cards', () => {
  it('hold the hashed terms of the title and the first three event sentences in sentence order, each event\'s labels, and the figure sentences', () => {
    const path = tempDbPath();
    const store = opened(path);
    const a = article(1);
    const extra = [2, 3, 4].map((sentence) => ({ sentence, text: `Sentence ${sentence} names Cambricon.`, entities: ['cambricon'], tags: [], powerFigures: [] }));
    // Given out of order: the card still reads the article from its first sentence.
    store.saveArticle({ ...a, events: [extra[2]!, a.events[1]!, ...extra.slice(0, 2), a.events[0]!] });
    const [card] = [...store.dayCards(...DAY, true)];
    expect(card!.article).toEqual({ id: 1, site: 'https://news.example.com', published: '2025-03-02T08:00:00.000Z', feed: 'example-feed' });
    expect(store.articleLinks([1, 99])).toEqual(new Map([[1, { url: a.url, title: a.title }]]));
    expect(storedTerms(path, 1)).toEqual({ terms: hashes(a.title, a.events[0]!.text, a.events[1]!.text, extra[0]!.text), titleTerms: storyTokens(a.title).length });
    expect(card!.story).toBe(1);
    expect(card!.entities).toEqual([['huawei', 1], ['moore-threads', 1], ['biren', 1], ['nvidia', 1], ['cambricon', 3]]);
    expect(card!.tags).toEqual(['product', 'power', 'export-control']);
    expect(JSON.parse(card!.labelsJson)).toEqual([
      [['huawei'], ['product', 'power']],
      [['moore-threads', 'biren', 'nvidia'], ['export-control']],
      [['cambricon'], []],
      [['cambricon'], []],
      [['cambricon'], []],
    ]);
    expect(card!.figures).toEqual([{ event: 0, text: a.events[0]!.text, entities: ['huawei'], tags: ['product', 'power'], powerFigures: a.events[0]!.powerFigures }]);
  });

  it('are read by the day of their article, and an article without events has none', () => {
    const store = opened(tempDbPath());
    store.saveArticles([article(1, { published: '2025-03-02T08:00:00Z' }), article(2, { published: '2025-03-03T08:00:00Z' }), article(3, { events: [] })]);
    expect([...store.dayCards('2025-03-02T00:00:00Z', '2025-03-03T00:00:00Z')].map((c) => c.article.id)).toEqual([1]);
    expect([...store.dayCards(...DAY)].map((c) => c.article.id).sort()).toEqual([1, 2]);
  });

  it('are replaced on re-extraction and deleted with their article', () => {
    const path = tempDbPath();
    const store = opened(path);
    const { articleId } = store.saveArticle(article(1)) as { articleId: number };
    store.replaceArticleAnalysis(articleId, { mentions: [], powerFigures: [], events: [{ sentence: 0, text: 'MetaX lists in Shanghai.', entities: ['metax'], tags: ['ipo'], powerFigures: [] }] });
    const [card] = [...store.dayCards(...DAY, true)];
    expect(JSON.parse(card!.labelsJson)).toEqual([[['metax'], ['ipo']]]);
    expect(card!.article).toMatchObject({ site: 'https://news.example.com', published: '2025-03-02T08:00:00.000Z' });
    expect(store.articleLinks([articleId]).get(articleId)).toEqual({ url: article(1).url, title: article(1).title });
    expect(storedTerms(path, articleId).terms).toEqual(hashes(article(1).title, 'MetaX lists in Shanghai.'));
    store.replaceArticleAnalysis(articleId, { mentions: [], powerFigures: [], events: [] });
    expect([...store.dayCards(...DAY)]).toEqual([]);
    store.replaceArticleAnalysis(articleId, { mentions: [], powerFigures: [], events: article(1).events });
    const db = new Database(path);
    db.pragma('foreign_keys = ON');
    db.prepare('DELETE FROM articles WHERE id = ?').run(articleId);
    db.close();
    expect([...store.dayCards(...DAY)]).toEqual([]);
  });

  it('give the site (scheme and host) of every kind of URL', () => {
    const store = opened(tempDbPath());
    const urls = ['http://a.example.org/x/y', 'https://b.example.com', 'https://c.example.net?page=2', 'http://d.example.org/'];
    store.saveArticles(urls.map((url, i) => article(i + 1, { url, canonicalUrl: url })));
    expect([...store.dayCards(...DAY)].map((c) => c.article.site).sort()).toEqual(['http://a.example.org', 'http://d.example.org', 'https://b.example.com', 'https://c.example.net?page=2']);
  });

  it('are made from the events when a file written before migration 007 is opened, the same as written now (stories too: 008)', () => {
    const path = tempDbPath();
    const store = opened(path);
    store.saveArticles(Array.from({ length: 30 }, (_, i) => article(i + 1, i % 7 === 0 ? { events: [] } : {})));
    store.close();
    const native = cardsOf(path);
    expect(native).toHaveLength(25);
    // The file as 006 left it: no cards table, version 6.
    const db = new Database(path);
    db.exec('DROP TABLE article_cards; DELETE FROM schema_migrations WHERE version >= 7;');
    db.pragma('user_version = 6');
    db.close();
    opened(path).close();
    expect(cardsOf(path)).toEqual(native);
  });

  it('keep terms as little-endian int32, negative hashes included', () => {
    const terms = Int32Array.from([0, 1, -1, 2 ** 31 - 1, -(2 ** 31), termHash('huawei')]);
    const blob = termsBlob(terms);
    expect(blob.readInt32LE(8)).toBe(-1);
    expect([...blobTerms(blob)]).toEqual([...terms]);
  });
});
