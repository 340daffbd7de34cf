import type { Migration } from '../migrate.js';

// The first schema. Dates are ISO 8601 UTC strings (saveArticle normalizes them), so they
// sort as text. Feed rows hold poll state only: articles and seen items keep their
// feed_id without a foreign key, because history outlives a feed's configuration.
export const initial: Migration = {
  version: 1,
  name: 'initial',
  sql: `
CREATE TABLE feeds (
  id              TEXT PRIMARY KEY,
  url             TEXT NOT NULL,
  name            TEXT,
  etag            TEXT,
  last_modified   TEXT,
  last_checked_at TEXT,
  last_success_at TEXT,
  last_error      TEXT,
  last_error_kind TEXT,
  failure_count   INTEGER NOT NULL DEFAULT 0,
  -- start of the current run of failures: "failing for 3 days" in feeds list
  failing_since   TEXT,
  next_check_at   TEXT
) STRICT;
CREATE INDEX feeds_next_check ON feeds(next_check_at);

CREATE TABLE articles (
  id            INTEGER PRIMARY KEY,
  url           TEXT NOT NULL,
  canonical_url TEXT NOT NULL UNIQUE,
  feed_id       TEXT,
  title         TEXT NOT NULL,
  author        TEXT,
  published     TEXT,
  fetched_at    TEXT NOT NULL,
  lang          TEXT NOT NULL,
  text          TEXT NOT NULL,
  text_chars    INTEGER NOT NULL,
  content_hash  TEXT NOT NULL,
  -- the date queries use: when the story says it was published, else when we fetched it
  sort_at       TEXT GENERATED ALWAYS AS (coalesce(published, fetched_at)) VIRTUAL
) STRICT;
CREATE INDEX articles_url ON articles(url);
CREATE INDEX articles_sort_at ON articles(sort_at);
CREATE INDEX articles_feed_sort_at ON articles(feed_id, sort_at);
-- The same story under a new URL is stored once, but a short text (a paywall notice,
-- an empty extraction) says too little to call two articles the same.
CREATE UNIQUE INDEX articles_content_hash ON articles(content_hash) WHERE text_chars >= 200;

CREATE TABLE feed_items (
  feed_id       TEXT NOT NULL,
  item_id       TEXT NOT NULL,
  url           TEXT,
  first_seen_at TEXT NOT NULL,
  article_id    INTEGER REFERENCES articles(id) ON DELETE SET NULL,
  PRIMARY KEY (feed_id, item_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX feed_items_article ON feed_items(article_id) WHERE article_id IS NOT NULL;

CREATE TABLE events (
  id         INTEGER PRIMARY KEY,
  article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  sentence   INTEGER NOT NULL,
  text       TEXT NOT NULL,
  UNIQUE (article_id, sentence)
) STRICT;

CREATE TABLE event_entities (
  event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
  entity   TEXT NOT NULL,
  pos      INTEGER NOT NULL,
  PRIMARY KEY (event_id, entity)
) STRICT, WITHOUT ROWID;
CREATE INDEX event_entities_entity ON event_entities(entity, event_id);

CREATE TABLE event_tags (
  event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
  tag      TEXT NOT NULL,
  pos      INTEGER NOT NULL,
  PRIMARY KEY (event_id, tag)
) STRICT, WITHOUT ROWID;
CREATE INDEX event_tags_tag ON event_tags(tag, event_id);

CREATE TABLE power_figures (
  id         INTEGER PRIMARY KEY,
  article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  -- the event that lists this figure; NULL for a figure no event carries
  event_id   INTEGER REFERENCES events(id) ON DELETE CASCADE,
  sentence   INTEGER NOT NULL,
  start      INTEGER NOT NULL,
  "end"      INTEGER NOT NULL,
  text       TEXT NOT NULL,
  value      REAL NOT NULL,
  unit       TEXT NOT NULL,
  kind       TEXT NOT NULL CHECK (kind IN ('power', 'energy')),
  si         REAL NOT NULL
) STRICT;
CREATE INDEX power_figures_article ON power_figures(article_id);
CREATE INDEX power_figures_event ON power_figures(event_id) WHERE event_id IS NOT NULL;
CREATE INDEX power_figures_kind_si ON power_figures(kind, si);

CREATE TABLE mentions (
  id         INTEGER PRIMARY KEY,
  article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  entity     TEXT NOT NULL,
  alias      TEXT NOT NULL,
  sentence   INTEGER NOT NULL,
  start      INTEGER NOT NULL,
  "end"      INTEGER NOT NULL
) STRICT;
CREATE INDEX mentions_article ON mentions(article_id);
CREATE INDEX mentions_entity ON mentions(entity, article_id);

-- Full-text search over title and text. Contentless (the text lives in articles) and
-- fed by the store, not by triggers, because CJK text is indexed one character per
-- token (see fts.ts): unicode61 alone would make a whole Chinese run one token.
CREATE VIRTUAL TABLE articles_fts USING fts5(
  title, text,
  content = '', contentless_delete = 1,
  tokenize = 'porter unicode61 remove_diacritics 2'
);
`,
};
