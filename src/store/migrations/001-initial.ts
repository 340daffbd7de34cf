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

-- Which items each feed has shown. article_id is informational (no foreign key): an
-- index for one would cost a page write per article and nothing reads it that way.
CREATE TABLE feed_items (
  feed_id       TEXT NOT NULL,
  item_id       TEXT NOT NULL,
  url           TEXT,
  first_seen_at TEXT NOT NULL,
  article_id    INTEGER,
  PRIMARY KEY (feed_id, item_id)
) STRICT, WITHOUT ROWID;

-- One row per sentence that mentions a watched entity or states a figure. entities,
-- tags and figures are JSON arrays: the copy the API prints. event_labels indexes them.
CREATE TABLE events (
  id         INTEGER PRIMARY KEY,
  article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  sentence   INTEGER NOT NULL,
  text       TEXT NOT NULL,
  entities   TEXT NOT NULL,
  tags       TEXT NOT NULL,
  figures    TEXT NOT NULL,
  UNIQUE (article_id, sentence)
) STRICT;

-- The entity and tag filters: an inverted index from label to event ids (rowid = events.id),
-- one token per label (see labels.ts). Not a (label, event_id) b-tree: with a commit per
-- article that writes one page per distinct label, a third of all pages written (measured:
-- 19 pages an article against 6 here), while FTS5 buffers a commit's labels into one segment.
CREATE VIRTUAL TABLE event_labels USING fts5(
  labels,
  content = '', contentless_delete = 1, detail = none,
  tokenize = 'ascii'
);

-- Keyed by article so one article's rows are appended together (one page written, not
-- one per index). event_id names the event that lists the figure; NULL when none does.
CREATE TABLE power_figures (
  article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  seq        INTEGER NOT NULL,
  event_id   INTEGER,
  sentence   INTEGER NOT NULL,
  start      INTEGER NOT NULL,
  "end"      INTEGER NOT NULL,
  text       TEXT NOT NULL,
  value      REAL NOT NULL,
  unit       TEXT NOT NULL,
  kind       TEXT NOT NULL CHECK (kind IN ('power', 'energy')),
  si         REAL NOT NULL,
  PRIMARY KEY (article_id, seq)
) STRICT, WITHOUT ROWID;

CREATE TABLE mentions (
  article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  seq        INTEGER NOT NULL,
  entity     TEXT NOT NULL,
  alias      TEXT NOT NULL,
  sentence   INTEGER NOT NULL,
  start      INTEGER NOT NULL,
  "end"      INTEGER NOT NULL,
  PRIMARY KEY (article_id, seq)
) STRICT, WITHOUT ROWID;

-- Full-text search over title and text. Contentless (the text lives in articles) and
-- fed by the store, not by triggers, because CJK text is indexed one character per
-- token (see fts.ts): unicode61 alone would make a whole Chinese run one token.
CREATE VIRTUAL TABLE articles_fts USING fts5(
  title, text,
  content = '', contentless_delete = 1,
  tokenize = 'unicode61 remove_diacritics 2'
);
`,
};
