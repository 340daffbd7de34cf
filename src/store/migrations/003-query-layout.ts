import type Database from 'better-sqlite3';
import type { Migration } from '../migrate.js';
import { ftsIndexText } from '../fts.js';
import { SLOTS, secondSql } from '../sort-key.js';

// The layout for the queries analysts run (company, tag, feed, power figures, sentence
// text; each with a time range, newest first, keyset-paged). Every query is served by
// one index read in key order, newest first, stopping at the page size:
//
// - events.k: the event's sort key (sort-key.ts), unique; the order of every listing.
// - event_keys (key, k): one row per label of an event — e:<entity>, t:<tag>,
//   et:<entity>\x1f<tag>, f:<feed> — so "huawei + ipo + last 30 days" is one range of one
//   b-tree, read backwards.
// - event_figures (scope, kind, k, si): power figures by kind in key order, for all
//   events (scope '') and again under each entity the event names, so "Huawei + above
//   1 GW" reads only Huawei's figures. A value range is checked in the index row, so
//   "newest 50 above 1 GW" reads only as far as it must (a (kind, si) key would sort
//   every figure in range before the 50 newest are known).
// - events_fts: the sentence's own text (rowid = k), so `q` matches the event, not its
//   article, and FTS5 walks its matches newest first.
// - store_counts: counts and the newest fetch time kept by triggers, so /healthz and
//   /metrics read one row instead of scanning.
//
// Dropped: event_labels (replaced by event_keys) and articles_fts (q is over sentences).
export const queryLayout: Migration = {
  version: 3,
  name: 'query-layout',
  sql: `
ALTER TABLE events ADD COLUMN k INTEGER;
WITH ranked AS (
  SELECT e.id,
    ${secondSql('a.sort_at')} AS sec,
    row_number() OVER (PARTITION BY ${secondSql('a.sort_at')} ORDER BY a.id, e.sentence DESC) - 1 AS slot
  FROM events e JOIN articles a ON a.id = e.article_id)
UPDATE events SET k = ranked.sec * ${SLOTS} + ranked.slot FROM ranked WHERE ranked.id = events.id;
CREATE UNIQUE INDEX events_k ON events(k);

CREATE TABLE event_keys (
  key      TEXT NOT NULL,
  k        INTEGER NOT NULL,
  event_id INTEGER NOT NULL,
  PRIMARY KEY (key, k)
) STRICT, WITHOUT ROWID;
INSERT OR IGNORE INTO event_keys (key, k, event_id)
  SELECT 'e:' || j.value, e.k, e.id FROM events e, json_each(e.entities) j
  UNION ALL SELECT 't:' || j.value, e.k, e.id FROM events e, json_each(e.tags) j
  UNION ALL SELECT 'et:' || je.value || char(31) || jt.value, e.k, e.id FROM events e, json_each(e.entities) je, json_each(e.tags) jt
  UNION ALL SELECT 'f:' || a.feed_id, e.k, e.id FROM events e JOIN articles a ON a.id = e.article_id WHERE a.feed_id IS NOT NULL;

CREATE TABLE event_figures (
  scope    TEXT NOT NULL,
  kind     TEXT NOT NULL,
  k        INTEGER NOT NULL,
  si       REAL NOT NULL,
  event_id INTEGER NOT NULL,
  PRIMARY KEY (scope, kind, k, si)
) STRICT, WITHOUT ROWID;
INSERT OR IGNORE INTO event_figures (scope, kind, k, si, event_id)
  SELECT '', f.kind, e.k, f.si, e.id FROM power_figures f JOIN events e ON e.id = f.event_id
  UNION ALL SELECT j.value, f.kind, e.k, f.si, e.id FROM power_figures f JOIN events e ON e.id = f.event_id, json_each(e.entities) j;

CREATE VIRTUAL TABLE events_fts USING fts5(
  text,
  content = '', contentless_delete = 1,
  tokenize = 'unicode61 remove_diacritics 2'
);

DROP TABLE event_labels;
DROP TABLE articles_fts;

CREATE TABLE store_counts (
  id              INTEGER PRIMARY KEY CHECK (id = 1),
  articles        INTEGER NOT NULL,
  events          INTEGER NOT NULL,
  mentions        INTEGER NOT NULL,
  power_figures   INTEGER NOT NULL,
  last_fetched_at TEXT
) STRICT;
INSERT INTO store_counts SELECT 1, (SELECT count(*) FROM articles), (SELECT count(*) FROM events),
  (SELECT count(*) FROM mentions), (SELECT count(*) FROM power_figures), (SELECT max(fetched_at) FROM articles);
CREATE TRIGGER articles_count_add AFTER INSERT ON articles BEGIN
  UPDATE store_counts SET articles = articles + 1,
    last_fetched_at = CASE WHEN last_fetched_at IS NULL OR NEW.fetched_at > last_fetched_at THEN NEW.fetched_at ELSE last_fetched_at END;
END;
CREATE TRIGGER articles_count_del AFTER DELETE ON articles BEGIN UPDATE store_counts SET articles = articles - 1; END;
CREATE TRIGGER events_count_add AFTER INSERT ON events BEGIN UPDATE store_counts SET events = events + 1; END;
CREATE TRIGGER events_count_del AFTER DELETE ON events BEGIN UPDATE store_counts SET events = events - 1; END;
CREATE TRIGGER mentions_count_add AFTER INSERT ON mentions BEGIN UPDATE store_counts SET mentions = mentions + 1; END;
CREATE TRIGGER mentions_count_del AFTER DELETE ON mentions BEGIN UPDATE store_counts SET mentions = mentions - 1; END;
CREATE TRIGGER figures_count_add AFTER INSERT ON power_figures BEGIN UPDATE store_counts SET power_figures = power_figures + 1; END;
CREATE TRIGGER figures_count_del AFTER DELETE ON power_figures BEGIN UPDATE store_counts SET power_figures = power_figures - 1; END;
`,
  // The sentence index needs the same CJK spacing as every later write (fts.ts), which is JavaScript.
  run(db: Database.Database): void {
    db.function('newsmon_fts_text', { deterministic: true }, (text: unknown) => ftsIndexText(String(text)));
    db.exec('INSERT INTO events_fts (rowid, text) SELECT k, newsmon_fts_text(text) FROM events');
  },
};
