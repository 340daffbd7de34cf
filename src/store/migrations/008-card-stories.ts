import type Database from 'better-sqlite3';
import type { Migration } from '../migrate.js';
import { StoryAssigner, settleStories } from '../story-assigner.js';

// Each card's story (text/story-index.ts), decided as the card is written from now on, so
// the morning digest groups a day's cards by a number instead of clustering them (a busy
// day's clustering was a third of the digest's time). An existing file gets its stories
// here, its cards taken in date order as a writer would have met them.
export const cardStories: Migration = {
  version: 8,
  name: 'card-stories',
  // The partial index finds the cards still waiting for a story (story-assigner.ts) without a scan.
  sql: `
ALTER TABLE article_cards ADD COLUMN story INTEGER;
CREATE INDEX article_cards_unsettled ON article_cards (k) WHERE story IS NULL;
`,
  run: backfill,
};

function backfill(db: Database.Database): void {
  settleStories(db, new StoryAssigner(db));
}
