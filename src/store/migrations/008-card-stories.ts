import type Database from 'better-sqlite3';
import type { Migration } from '../migrate.js';
import { blobTerms, cardEntityCounts } from '../article-cards.js';
import { SLOTS } from '../sort-key.js';
import { StoryAssigner } from '../story-assigner.js';

// Each card's story (text/story-index.ts), decided as the card is written from now on, so
// the morning digest groups a day's cards by a number instead of clustering them (a busy
// day's clustering was a third of the digest's time). An existing file gets its stories
// here, its cards taken in date order as a writer would have met them.
export const cardStories: Migration = {
  version: 8,
  name: 'card-stories',
  sql: `ALTER TABLE article_cards ADD COLUMN story INTEGER;`,
  run: backfill,
};

type Row = [k: number, articleId: number, terms: Buffer, entities: string];

// better-sqlite3 cannot write while a statement is being iterated: cards are read in chunks (keyset on k).
const CHUNK = 2000;

function backfill(db: Database.Database): void {
  const stories = new StoryAssigner(db);
  const chunk = db.prepare(`SELECT k, article_id, terms, entities FROM article_cards WHERE k > ? ORDER BY k LIMIT ${CHUNK}`).raw(true);
  const set = db.prepare('UPDATE article_cards SET story = ? WHERE k = ?');
  for (let after = -1; ; ) {
    const rows = chunk.all(after) as Row[];
    if (rows.length === 0) return;
    for (const [k, id, terms, entities] of rows) set.run(stories.assign(id, Math.floor(k / SLOTS), blobTerms(terms), cardEntityCounts(entities)), k);
    after = rows[rows.length - 1]![0];
  }
}
