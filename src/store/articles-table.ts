import type Database from 'better-sqlite3';
import type { ArticleEvent, PowerFigure } from '../model.js';
import { ftsIndexText } from './fts.js';
import { isoOrNull } from './iso-date.js';
import { labelsText } from './labels.js';
import type { ArticleAnalysis, ArticleInput, BatchSaveResult, ArticleListQuery, SaveResult, StoredArticle } from './types.js';

// articles, their analysis (events, event_entities, event_tags, power_figures, mentions)
// and articles_fts. Every write of one article is one transaction.

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
  private readonly insertFts: Database.Statement;
  private readonly insertEvent: Database.Statement;
  private readonly insertLabels: Database.Statement;
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
    this.insertFts = db.prepare('INSERT INTO articles_fts (rowid, title, text) VALUES (?, ?, ?)');
    this.insertEvent = db.prepare('INSERT INTO events (article_id, sentence, text, entities, tags, figures) VALUES (?, ?, ?, ?, ?, ?)');
    this.insertLabels = db.prepare('INSERT INTO event_labels (rowid, labels) VALUES (?, ?)');
    this.insertFigure = db.prepare(`INSERT INTO power_figures (article_id, seq, event_id, sentence, start, "end", text, value, unit, kind, si)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    this.insertMention = db.prepare('INSERT INTO mentions (article_id, seq, entity, alias, sentence, start, "end") VALUES (?, ?, ?, ?, ?, ?, ?)');
    this.linkItem = db.prepare(`INSERT INTO feed_items (feed_id, item_id, url, first_seen_at, article_id) VALUES (?, ?, ?, ?, ?)
      ON CONFLICT (feed_id, item_id) DO UPDATE SET article_id = excluded.article_id WHERE article_id IS NULL`);
    this.deleteAnalysis = [
      'DELETE FROM event_labels WHERE rowid IN (SELECT id FROM events WHERE article_id = ?)',
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
      for (const stmt of this.deleteAnalysis) stmt.run(articleId);
      return { events: this.writeAnalysis(articleId, analysis) };
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
    this.insertFts.run(articleId, ftsIndexText(input.title), ftsIndexText(input.text));
    const events = this.writeAnalysis(articleId, input);
    link(articleId);
    return { status: 'inserted', articleId, events };
  }

  /** Writes mentions, events (with their labels) and figures; returns the events written. */
  private writeAnalysis(articleId: number, a: ArticleAnalysis): number {
    a.mentions.forEach((m, i) => this.insertMention.run(articleId, i, m.entity, m.alias, m.sentence, m.start, m.end));

    // A figure belongs to the event that lists it; one no event lists is kept for the article.
    const figureEvent = new Map<string, number>();
    const figures = new Map<string, PowerFigure>();
    for (const f of a.powerFigures) figures.set(figureKey(f), f);
    const events = eventsBySentence(a.events);
    for (const e of events) {
      const entities = [...new Set(e.entities)];
      const tags = [...new Set(e.tags)];
      const eventId = Number(
        this.insertEvent.run(articleId, e.sentence, e.text, JSON.stringify(entities), JSON.stringify(tags), JSON.stringify(e.powerFigures)).lastInsertRowid,
      );
      if (entities.length || tags.length) this.insertLabels.run(eventId, labelsText(entities, tags));
      for (const f of e.powerFigures) {
        const key = figureKey(f);
        if (!figureEvent.has(key)) figureEvent.set(key, eventId);
        if (!figures.has(key)) figures.set(key, f);
      }
    }
    let seq = 0;
    for (const [key, f] of figures) {
      // A figure without a finite value says nothing; storing it would fail the article.
      if (!Number.isFinite(f.value) || !Number.isFinite(f.si)) continue;
      this.insertFigure.run(articleId, seq++, figureEvent.get(key) ?? null, f.sentence, f.start, f.end, f.text, f.value, f.unit, f.kind, f.si);
    }
    return events.length;
  }
}
