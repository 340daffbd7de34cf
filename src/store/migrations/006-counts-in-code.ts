import type { Migration } from '../migrate.js';

// store_counts (003) was kept by a trigger per inserted row: an UPDATE of the one counts
// row for every event, mention and figure, a third of the store's CPU time on ingest.
// The store now adds an article's counts in one statement (store/analysis-writer.ts,
// bumpCounts), so the insert triggers go. The delete triggers stay: deletes are rare
// (re-extraction, a cascade from an article deleted by hand) and must still count down.
// Counts are recomputed once here, so a database carried over starts exact.
export const countsInCode: Migration = {
  version: 6,
  name: 'counts-in-code',
  sql: `
DROP TRIGGER IF EXISTS articles_count_add;
DROP TRIGGER IF EXISTS events_count_add;
DROP TRIGGER IF EXISTS mentions_count_add;
DROP TRIGGER IF EXISTS figures_count_add;
UPDATE store_counts SET articles = (SELECT count(*) FROM articles), events = (SELECT count(*) FROM events),
  mentions = (SELECT count(*) FROM mentions), power_figures = (SELECT count(*) FROM power_figures),
  last_fetched_at = (SELECT max(fetched_at) FROM articles)
  WHERE id = 1;
`,
};
