import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { latestVersion } from '../../src/store/migrate.js';
import { migrations } from '../../src/store/migrations/index.js';
import { openDatabase } from '../../src/store/open-database.js';
import { migrateStore } from '../../src/store/store.js';
import { article, storesClosedAfterEach, tempDbPath } from './make-article.js';

// Migration 006 (store_counts kept by the store, not by a trigger per row) on a file
// written at schema 3, and the write path's own cost checks: counts stay exact through
// batches, failures and re-extraction; the sentence index gets one segment per commit.

const opened = storesClosedAfterEach();

/** A schema-3 file with `n` articles written as schema 3 counted them: rows in, the per-row triggers counting. */
function v3File(n: number): string {
  const path = tempDbPath();
  mkdirSync(dirname(path), { recursive: true });
  const db = openDatabase(path, migrations.filter((m) => m.version <= 3));
  const art = db.prepare(`INSERT INTO articles (url, canonical_url, feed_id, title, author, published, fetched_at, lang, text, text_chars, content_hash)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const ev = db.prepare('INSERT INTO events (article_id, sentence, text, entities, tags, figures, k) VALUES (?, ?, ?, ?, ?, ?, ?)');
  const men = db.prepare('INSERT INTO mentions (article_id, seq, entity, alias, sentence, start, "end") VALUES (?, ?, ?, ?, ?, ?, ?)');
  const fig = db.prepare(`INSERT INTO power_figures (article_id, seq, event_id, sentence, start, "end", text, value, unit, kind, si) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  for (let i = 1; i <= n; i++) {
    const a = article(i, { fetchedAt: `2025-04-0${i}T00:00:00.000Z` });
    const id = Number(art.run(a.url, a.canonicalUrl, a.feedId, a.title, a.author, a.published, a.fetchedAt, a.lang, a.text, a.text.length, a.contentHash).lastInsertRowid);
    a.events.forEach((e, j) => ev.run(id, e.sentence, e.text, JSON.stringify(e.entities), JSON.stringify(e.tags), '[]', i * 1000 + j));
    a.mentions.forEach((m, j) => men.run(id, j, m.entity, m.alias, m.sentence, m.start, m.end));
    fig.run(id, 0, null, 0, 0, 6, '2.5 GW', 2.5, 'GW', 'power', 2.5e9);
  }
  expect(db.pragma('user_version', { simple: true })).toBe(3);
  db.close();
  return path;
}

/** What store_counts must say: the counts by scanning. */
function scanned(path: string): Record<string, unknown> {
  const db = new Database(path, { readonly: true });
  try {
    return db
      .prepare(`SELECT (SELECT count(*) FROM articles) AS articles, (SELECT count(*) FROM events) AS events, (SELECT count(*) FROM mentions) AS mentions,
        (SELECT count(*) FROM power_figures) AS powerFigures, (SELECT max(fetched_at) FROM articles) AS lastFetchedAt`)
      .get() as Record<string, unknown>;
  } finally {
    db.close();
  }
}

function triggers(path: string): string[] {
  const db = new Database(path, { readonly: true });
  try {
    return (db.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' ORDER BY name").all() as Array<{ name: string }>).map((r) => r.name);
  } finally {
    db.close();
  }
}

describe('migration 006: counts kept by the store', () => {
  it('carries a schema-3 file over: the counts as they were, the insert triggers gone, the delete triggers kept', () => {
    const path = v3File(3);
    const before = scanned(path);
    expect(before).toMatchObject({ articles: 3, events: 6, mentions: 6, powerFigures: 3, lastFetchedAt: '2025-04-03T00:00:00.000Z' });
    const store = opened(path);
    expect(store.stats()).toMatchObject({ ...before, schemaVersion: latestVersion(migrations) });
    expect(triggers(path)).toEqual(['articles_count_del', 'events_count_del', 'figures_count_del', 'mentions_count_del']);
  });

  it('migrateStore (the api role) brings a file up to date and lets it go', () => {
    const path = v3File(1);
    migrateStore(path);
    const db = new Database(path, { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(latestVersion(migrations));
    db.close();
    migrateStore(path); // current: only looked at
    expect(triggers(path)).not.toContain('events_count_add');
  });

  it('keeps the counts exact through batches, a failed article, duplicates and re-extraction', () => {
    const path = v3File(2);
    const store = opened(path);
    const bad = article(11, { fetchedAt: 'not a date' });
    const late = article(12, { fetchedAt: '2026-01-01T00:00:00.000Z' });
    const results = store.saveArticles([article(10), bad, late, article(10)]);
    expect(results.map((r) => r.status)).toEqual(['inserted', 'failed', 'inserted', 'duplicate']);
    expect(store.stats()).toMatchObject(scanned(path));
    expect(store.stats().lastFetchedAt).toBe('2026-01-01T00:00:00.000Z');
    const id = results[2]!.status === 'inserted' ? results[2]!.articleId : 0;
    store.replaceArticleAnalysis(id, { mentions: [], powerFigures: [], events: [{ sentence: 0, text: 'Only one now', entities: ['enflame'], tags: [], powerFigures: [] }] });
    store.saveArticle(article(13));
    expect(store.stats()).toMatchObject(scanned(path));
    expect(store.stats()).toMatchObject({ articles: 5 });
  });
});

describe('the sentence index on write', () => {
  it('gets one segment per commit, however the batch is dated', () => {
    const path = tempDbPath();
    const store = opened(path);
    // No background merging, so the segments written are the segments there.
    const side = new Database(path);
    side.exec("INSERT INTO events_fts (events_fts, rank) VALUES ('automerge', 0); INSERT INTO events_fts (events_fts, rank) VALUES ('crisismerge', 64)");
    // Dates in no order, several events an article (their keys descend within it).
    store.saveArticles(Array.from({ length: 12 }, (_, i) => article(i + 1, { published: `2025-0${(i * 7) % 9 + 1}-0${(i % 5) + 1}T08:00:00Z` })));
    const leaves = (side.prepare('SELECT count(*) AS n FROM events_fts_data WHERE id > 10').get() as { n: number }).n;
    side.close();
    // One segment of this size is one leaf page; a segment per sentence would be 24.
    expect(leaves).toBe(1);
    expect(store.queryEvents({ q: 'Ascend' }).length).toBe(12);
  });
});
