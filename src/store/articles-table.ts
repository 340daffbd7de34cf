import type Database from 'better-sqlite3';
import type { ArticleEvent, PowerFigure } from '../model.js';
import { ftsIndexText } from './fts.js';
import { isoOrNull } from './iso-date.js';
import { eventKeys } from './event-keys.js';
import { SLOTS, secondOf } from './sort-key.js';
import type { ArticleAnalysis, ArticleInput, BatchSaveResult, ArticleListQuery, SaveResult, StoredArticle } from './types.js';

// articles and their analysis (events with their sort keys, event_keys, event_figures,
// events_fts, power_figures, mentions). Every write of one article is one transaction.

/** Below this many characters a text does not identify a story; must match articles_content_hash in 001. */
export const MIN_CONTENT_DEDUPE_CHARS = 200;

interface ArticleRow {
  id: number;
  url: string;
  canonical_url: string;
  feed_id: string | null;
  title: string;
  author: string | null;
  published: string | null;
  fetched_at: string;
  lang: string;
  text: string;
  content_hash: string;
}

const ARTICLE_COLUMNS = 'id, url, canonical_url, feed_id, title, author, published, fetched_at, lang, text, content_hash';

function toArticle(r: ArticleRow): StoredArticle {
  return {
    id: r.id, url: r.url, canonicalUrl: r.canonical_url, feedId: r.feed_id, title: r.title, author: r.author,
    published: r.published, fetchedAt: r.fetched_at, lang: r.lang, text: r.text, contentHash: r.content_hash,
  };
}

function figureKey(f: PowerFigure): string {
  return `${f.sentence}\u0000${f.start}\u0000${f.end}\u0000${f.text}`;
}

/** One event per sentence (the table's unique key): a repeated sentence merges into the first. */
function eventsBySentence(events: ArticleEvent[]): ArticleEvent[] {
  const bySentence = new Map<number, ArticleEvent>();
  for (const e of events) {
    const prev = bySentence.get(e.sentence);
    if (!prev) bySentence.set(e.sentence, { ...e, entities: [...e.entities], tags: [...e.tags], powerFigures: [...e.powerFigures] });
    else {
      prev.entities.push(...e.entities);
      prev.tags.push(...e.tags);
      prev.powerFigures.push(...e.powerFigures);
    }
  }
  return [...bySentence.values()];
}

export class ArticlesTable {
  private readonly byCanonical: Database.Statement<[string], { id: number }>;
  private readonly byUrl: Database.Statement<[string], { id: number }>;
  private readonly byHash: Database.Statement<[string], { id: number }>;
  private readonly insertArticle: Database.Statement;
  private readonly insertEvent: Database.Statement;
  private readonly maxKey: Database.Statement<[number, number], { m: number | null }>;
  private readonly insertKey: Database.Statement;
  private readonly insertEventFigure: Database.Statement;
  private readonly insertEventText: Database.Statement;
  private readonly oldEvents: Database.Statement<[number], { k: number; entities: string; tags: string; feed_id: string | null; lang: string }>;
  private readonly deleteKey: Database.Statement;
  private readonly deleteEventFigures: Database.Statement;
  private readonly deleteEventText: Database.Statement;
  private readonly articleDate: Database.Statement<[number], { sort_at: string; feed_id: string | null; lang: string }>;
  private readonly countEntity: Database.Statement<[string, number]>;
  private readonly insertFigure: Database.Statement;
  private readonly insertMention: Database.Statement;
  private readonly linkItem: Database.Statement;
  private readonly deleteAnalysis: Database.Statement[];
  private readonly getOne: Database.Statement<[number], ArticleRow>;
  private readonly listStatements = new Map<string, Database.Statement>();
  private readonly saveTx: Database.Transaction<(input: ArticleInput) => SaveResult>;
  private readonly saveManyTx: Database.Transaction<(inputs: ArticleInput[]) => BatchSaveResult[]>;
  private readonly replaceTx: Database.Transaction<(articleId: number, analysis: ArticleAnalysis) => { events: number }>;

  constructor(private readonly db: Database.Database) {
    this.byCanonical = db.prepare('SELECT id FROM articles WHERE canonical_url = ?');
    this.byUrl = db.prepare('SELECT id FROM articles WHERE url = ? ORDER BY id LIMIT 1');
    // The partial index's WHERE, repeated as a literal (not a parameter), lets SQLite use that index.
    this.byHash = db.prepare(`SELECT id FROM articles WHERE content_hash = ? AND text_chars >= ${MIN_CONTENT_DEDUPE_CHARS}`);
    this.insertArticle = db.prepare(`INSERT INTO articles
      (url, canonical_url, feed_id, title, author, published, fetched_at, lang, text, text_chars, content_hash)
      VALUES (@url, @canonicalUrl, @feedId, @title, @author, @published, @fetchedAt, @lang, @text, @textChars, @contentHash)`);
    this.insertEvent = db.prepare('INSERT INTO events (article_id, sentence, text, entities, tags, figures, k) VALUES (?, ?, ?, ?, ?, ?, ?)');
    this.maxKey = db.prepare('SELECT max(k) AS m FROM events WHERE k >= ? AND k < ?');
    this.insertKey = db.prepare('INSERT OR IGNORE INTO event_keys (key, k, event_id) VALUES (?, ?, ?)');
    this.insertEventFigure = db.prepare('INSERT OR IGNORE INTO event_figures (scope, kind, k, si, event_id) VALUES (?, ?, ?, ?, ?)');
    this.insertEventText = db.prepare('INSERT INTO events_fts (rowid, text) VALUES (?, ?)');
    this.oldEvents = db.prepare('SELECT e.k, e.entities, e.tags, a.feed_id, a.lang FROM events e JOIN articles a ON a.id = e.article_id WHERE e.article_id = ?');
    this.deleteKey = db.prepare('DELETE FROM event_keys WHERE key = ? AND k = ?');
    this.deleteEventFigures = db.prepare("DELETE FROM event_figures WHERE scope = ? AND kind IN ('power', 'energy') AND k = ?");
    this.deleteEventText = db.prepare('DELETE FROM events_fts WHERE rowid = ?');
    this.articleDate = db.prepare('SELECT sort_at, feed_id, lang FROM articles WHERE id = ?');
    this.countEntity = db.prepare('INSERT INTO entity_counts (entity, events) VALUES (?, ?) ON CONFLICT (entity) DO UPDATE SET events = events + excluded.events');
    this.insertFigure = db.prepare(`INSERT INTO power_figures (article_id, seq, event_id, sentence, start, "end", text, value, unit, kind, si)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    this.insertMention = db.prepare('INSERT INTO mentions (article_id, seq, entity, alias, sentence, start, "end") VALUES (?, ?, ?, ?, ?, ?, ?)');
    this.linkItem = db.prepare(`INSERT INTO feed_items (feed_id, item_id, url, first_seen_at, article_id) VALUES (?, ?, ?, ?, ?)
      ON CONFLICT (feed_id, item_id) DO UPDATE SET article_id = excluded.article_id WHERE article_id IS NULL`);
    this.deleteAnalysis = [
      'DELETE FROM power_figures WHERE article_id = ?',
      'DELETE FROM mentions WHERE article_id = ?',
      'DELETE FROM events WHERE article_id = ?',
    ].map((sql) => db.prepare(sql));
    this.getOne = db.prepare(`SELECT ${ARTICLE_COLUMNS} FROM articles WHERE id = ?`);
    this.saveTx = db.transaction((input: ArticleInput) => this.saveInTransaction(input));
    // Each article in its own savepoint (a nested transaction), so one bad article rolls
    // back alone while the batch shares one commit.
    this.saveManyTx = db.transaction((inputs: ArticleInput[]) =>
      inputs.map((input): BatchSaveResult => {
        try {
          return this.saveTx(input);
        } catch (err) {
          return { status: 'failed', error: err instanceof Error ? err.message : String(err) };
        }
      }),
    );
    this.replaceTx = db.transaction((articleId: number, analysis: ArticleAnalysis) => {
      this.deleteEventIndexes(articleId);
      for (const stmt of this.deleteAnalysis) stmt.run(articleId);
      const { sort_at: sortAt, feed_id: feedId, lang } = this.articleDate.get(articleId)!;
      return { events: this.writeAnalysis(articleId, analysis, sortAt, feedId, lang) };
    });
  }

  /** The article stored under this canonical URL, else one fetched from this exact URL. */
  findByCanonicalUrl(url: string): number | undefined {
    return (this.byCanonical.get(url) ?? this.byUrl.get(url))?.id;
  }

  /** The article with this text fingerprint, among those long enough to be compared. */
  findByContentHash(hash: string): number | undefined {
    return this.byHash.get(hash)?.id;
  }

  /**
   * Stores one article with its analysis in ONE transaction, or finds it stored already:
   * first by canonical URL (or the same fetched URL), then by content hash. Either way the
   * feed item is marked seen, so a repeat writes nothing new.
   */
  save(input: ArticleInput): SaveResult {
    return this.saveTx.immediate(input);
  }

  /**
   * Saves several articles in one commit, each still all-or-nothing (a savepoint per
   * article). Same results as calling save() for each in turn, at a fraction of the I/O:
   * the index pages every article touches are written once per batch, not once per article.
   */
  saveMany(inputs: ArticleInput[]): BatchSaveResult[] {
    return inputs.length ? this.saveManyTx.immediate(inputs) : [];
  }

  /** Replaces an article's mentions, figures and events at once (re-extraction). */
  replaceAnalysis(articleId: number, analysis: ArticleAnalysis): { events: number } {
    if (!this.getOne.get(articleId)) throw new Error(`replaceArticleAnalysis: no article ${articleId}`);
    return this.replaceTx.immediate(articleId, analysis);
  }

  get(id: number): StoredArticle | undefined {
    const row = this.getOne.get(id);
    return row ? toArticle(row) : undefined;
  }

  /** A page of articles in id order, after `afterId`. */
  list(q: ArticleListQuery = {}): StoredArticle[] {
    const where = ['id > @afterId'];
    if (q.since !== undefined) where.push('sort_at >= @since');
    if (q.feed !== undefined) where.push('feed_id = @feed');
    const sql = `SELECT ${ARTICLE_COLUMNS} FROM articles WHERE ${where.join(' AND ')} ORDER BY id LIMIT @limit`;
    let stmt = this.listStatements.get(sql);
    if (!stmt) this.listStatements.set(sql, (stmt = this.db.prepare(sql)));
    const params: Record<string, string | number> = { afterId: q.afterId ?? 0, limit: Math.max(1, Math.trunc(q.limit ?? 500)) };
    if (q.since !== undefined) params.since = isoOrNull(q.since) ?? q.since;
    if (q.feed !== undefined) params.feed = q.feed;
    return (stmt.all(params) as ArticleRow[]).map(toArticle);
  }

  private saveInTransaction(input: ArticleInput): SaveResult {
    const fetchedAt = isoOrNull(input.fetchedAt);
    if (fetchedAt === null) throw new Error(`saveArticle: fetchedAt is not a date: ${JSON.stringify(input.fetchedAt)}`);
    const link = (articleId: number): void => {
      if (input.feedId !== null && input.feedItemId !== null) this.linkItem.run(input.feedId, input.feedItemId, input.url, fetchedAt, articleId);
    };

    const byUrl = this.byCanonical.get(input.canonicalUrl) ?? this.byUrl.get(input.url);
    if (byUrl) {
      link(byUrl.id);
      return { status: 'duplicate', articleId: byUrl.id, reason: 'url' };
    }
    const textChars = input.text.trim().length;
    if (textChars >= MIN_CONTENT_DEDUPE_CHARS) {
      const byHash = this.byHash.get(input.contentHash);
      if (byHash) {
        link(byHash.id);
        return { status: 'duplicate', articleId: byHash.id, reason: 'content' };
      }
    }

    const articleId = Number(
      this.insertArticle.run({
        url: input.url, canonicalUrl: input.canonicalUrl, feedId: input.feedId, title: input.title, author: input.author,
        published: isoOrNull(input.published), fetchedAt, lang: input.lang, text: input.text, textChars, contentHash: input.contentHash,
      }).lastInsertRowid,
    );
    const events = this.writeAnalysis(articleId, input, isoOrNull(input.published) ?? fetchedAt, input.feedId, input.lang);
    link(articleId);
    return { status: 'inserted', articleId, events };
  }

  /** The index rows of an article's events, before its events are replaced. */
  private deleteEventIndexes(articleId: number): void {
    const counts = new Map<string, number>();
    for (const old of this.oldEvents.all(articleId)) {
      const entities = JSON.parse(old.entities) as string[];
      for (const key of eventKeys(entities, JSON.parse(old.tags) as string[], old.feed_id, old.lang)) this.deleteKey.run(key, old.k);
      for (const scope of ['', ...entities]) this.deleteEventFigures.run(scope, old.k);
      this.deleteEventText.run(old.k);
      for (const e of entities) counts.set(e, (counts.get(e) ?? 0) - 1);
    }
    for (const [entity, n] of counts) this.countEntity.run(entity, n);
  }

  /**
   * Sort keys for `n` events of an article dated `sortAt`: above every key already in
   * that second, the first sentence highest (sort-key.ts).
   */
  private allocateKeys(sortAt: string, n: number): number[] {
    const lo = secondOf(sortAt) * SLOTS;
    const hi = lo + SLOTS;
    const top = this.maxKey.get(lo, hi)?.m;
    const base = top === null || top === undefined ? lo : top + 1;
    if (base + n > hi) throw new Error(`more than ${SLOTS} events dated within the second of ${sortAt}`);
    return Array.from({ length: n }, (_, i) => base + n - 1 - i);
  }

  /** Writes mentions, events (with their index rows) and figures; returns the events written. */
  private writeAnalysis(articleId: number, a: ArticleAnalysis, sortAt: string, feedId: string | null, lang: string): number {
    a.mentions.forEach((m, i) => this.insertMention.run(articleId, i, m.entity, m.alias, m.sentence, m.start, m.end));

    // A figure belongs to the event that lists it; one no event lists is kept for the article.
    const figureEvent = new Map<string, number>();
    const figures = new Map<string, PowerFigure>();
    for (const f of a.powerFigures) figures.set(figureKey(f), f);
    const events = eventsBySentence(a.events).sort((x, y) => x.sentence - y.sentence);
    const keys = this.allocateKeys(sortAt, events.length);
    // Events per entity (migration 005): one upsert per entity of the article, not per event.
    const counts = new Map<string, number>();
    events.forEach((e, i) => {
      const k = keys[i] as number;
      const entities = [...new Set(e.entities)];
      const tags = [...new Set(e.tags)];
      const eventId = Number(
        this.insertEvent.run(articleId, e.sentence, e.text, JSON.stringify(entities), JSON.stringify(tags), JSON.stringify(e.powerFigures), k).lastInsertRowid,
      );
      for (const key of eventKeys(entities, tags, feedId, lang)) this.insertKey.run(key, k, eventId);
      for (const entity of entities) counts.set(entity, (counts.get(entity) ?? 0) + 1);
      this.insertEventText.run(k, ftsIndexText(e.text));
      for (const f of e.powerFigures) {
        if (Number.isFinite(f.si) && (f.kind === 'power' || f.kind === 'energy')) {
          for (const scope of ['', ...entities]) this.insertEventFigure.run(scope, f.kind, k, f.si, eventId);
        }
        const key = figureKey(f);
        if (!figureEvent.has(key)) figureEvent.set(key, eventId);
        if (!figures.has(key)) figures.set(key, f);
      }
    });
    for (const [entity, n] of counts) this.countEntity.run(entity, n);
    let seq = 0;
    for (const [key, f] of figures) {
      // A figure without a finite value says nothing; storing it would fail the article.
      if (!Number.isFinite(f.value) || !Number.isFinite(f.si)) continue;
      this.insertFigure.run(articleId, seq++, figureEvent.get(key) ?? null, f.sentence, f.start, f.end, f.text, f.value, f.unit, f.kind, f.si);
    }
    return events.length;
  }
}
