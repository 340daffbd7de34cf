import type Database from 'better-sqlite3';
import type { Migration } from '../migrate.js';
import { CardWriter, type CardArticle, type CardEvent } from '../article-cards.js';
import type { PowerFigure } from '../../model.js';

// Article cards (store/article-cards.ts): one row per article with events, keyed by the
// sort key of its first event: the table is stored in k order, so a day's cards are one
// run of adjacent pages (measured: reading 28,500 of them through an index on k and the
// articles table took about 2.5x as long). Written by the store
// with the events from now on; an existing file gets its cards here, from its events (a
// year of 200,000 articles takes a minute or so, once).
export const articleCards: Migration = {
  version: 7,
  name: 'article-cards',
  sql: `
CREATE TABLE article_cards (
  k           INTEGER PRIMARY KEY,
  article_id  INTEGER NOT NULL UNIQUE REFERENCES articles(id) ON DELETE CASCADE,
  url         TEXT NOT NULL,
  title       TEXT NOT NULL,
  published   TEXT,
  fetched_at  TEXT NOT NULL,
  feed_id     TEXT,
  terms       BLOB NOT NULL,
  title_terms INTEGER NOT NULL,
  entities    TEXT NOT NULL,
  tags        TEXT NOT NULL,
  labels      TEXT NOT NULL,
  figures     TEXT NOT NULL
) STRICT;
`,
  run: backfill,
};

interface Row {
  article_id: number;
  url: string;
  title: string;
  published: string | null;
  fetched_at: string;
  feed_id: string | null;
  k: number;
  sentence: number;
  text: string;
  entities: string;
  tags: string;
  figures: string;
}

// better-sqlite3 cannot write while a statement is being iterated: the events are read in
// chunks of whole articles (keyset on article_id), each chunk's cards written after it.
const CHUNK = 2000;

function backfill(db: Database.Database): void {
  // The cards as 007 made them; 008 adds their stories.
  const cards = new CardWriter(db, null);
  const chunk = db.prepare(`SELECT e.article_id, a.url, a.title, a.published, a.fetched_at, a.feed_id, e.k, e.sentence, e.text, e.entities, e.tags, e.figures
    FROM events e JOIN articles a ON a.id = e.article_id
    WHERE e.article_id IN (SELECT DISTINCT article_id FROM events WHERE article_id > ? ORDER BY article_id LIMIT ${CHUNK})
    ORDER BY e.article_id, e.sentence`);
  for (let after = 0; ; ) {
    const rows = chunk.all(after) as Row[];
    if (rows.length === 0) return;
    const byArticle = new Map<number, { article: CardArticle; k: number; events: CardEvent[] }>();
    for (const r of rows) {
      let a = byArticle.get(r.article_id);
      const article = { url: r.url, title: r.title, published: r.published, fetchedAt: r.fetched_at, feedId: r.feed_id };
      if (!a) byArticle.set(r.article_id, (a = { article, k: r.k, events: [] }));
      a.k = Math.max(a.k, r.k);
      a.events.push({
        sentence: r.sentence, text: r.text, entities: JSON.parse(r.entities) as string[], tags: JSON.parse(r.tags) as string[],
        powerFigures: JSON.parse(r.figures) as PowerFigure[],
      });
    }
    for (const [id, a] of byArticle) cards.write(id, a.k, a.article, a.events);
    after = rows[rows.length - 1]!.article_id;
  }
}
