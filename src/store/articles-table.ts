import type Database from 'better-sqlite3';
import { AnalysisWriter, type TextRow } from './analysis-writer.js';
import { isoOrNull } from './iso-date.js';
import type { ArticleAnalysis, ArticleInput, BatchSaveResult, ArticleListQuery, SaveResult, StoredArticle } from './types.js';

// articles, and their analysis through AnalysisWriter. Every write of one article is one
// transaction (a savepoint within a batch).

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

/** One article's save, with its sentence index rows still to write. */
interface Saved {
  result: SaveResult;
  text: TextRow[];
}

export class ArticlesTable {
  private readonly byCanonical: Database.Statement<[string], { id: number }>;
  private readonly byUrl: Database.Statement<[string], { id: number }>;
  private readonly byHash: Database.Statement<[string], { id: number }>;
  private readonly insertArticle: Database.Statement;
  private readonly articleDate: Database.Statement<[number], { sort_at: string; feed_id: string | null; lang: string; url: string; title: string; published: string | null; fetched_at: string }>;
  private readonly linkItem: Database.Statement;
  private readonly analysis: AnalysisWriter;
  private readonly getOne: Database.Statement<[number], ArticleRow>;
  private readonly listStatements = new Map<string, Database.Statement>();
  private readonly saveTx: Database.Transaction<(input: ArticleInput) => SaveResult>;
  private readonly articleTx: Database.Transaction<(input: ArticleInput) => Saved>;
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
    this.articleDate = db.prepare('SELECT sort_at, feed_id, lang, url, title, published, fetched_at FROM articles WHERE id = ?');
    this.linkItem = db.prepare(`INSERT INTO feed_items (feed_id, item_id, url, first_seen_at, article_id) VALUES (?, ?, ?, ?, ?)
      ON CONFLICT (feed_id, item_id) DO UPDATE SET article_id = excluded.article_id WHERE article_id IS NULL`);
    this.analysis = new AnalysisWriter(db);
    this.getOne = db.prepare(`SELECT ${ARTICLE_COLUMNS} FROM articles WHERE id = ?`);
    this.saveTx = db.transaction((input: ArticleInput) => {
      const saved = this.saveInTransaction(input);
      this.analysis.writeText(saved.text);
      return saved.result;
    });
    // Each article in its own savepoint (a nested transaction), so one bad article rolls
    // back alone while the batch shares one commit; the sentence index rows of the
    // articles kept are written at the end, together (see analysis-writer.ts).
    this.articleTx = db.transaction((input: ArticleInput) => this.saveInTransaction(input));
    this.saveManyTx = db.transaction((inputs: ArticleInput[]) => {
      const text: TextRow[] = [];
      const results = inputs.map((input): BatchSaveResult => {
        try {
          const saved = this.articleTx(input);
          text.push(...saved.text);
          return saved.result;
        } catch (err) {
          return { status: 'failed', error: err instanceof Error ? err.message : String(err) };
        }
      });
      this.analysis.writeText(text);
      return results;
    });
    this.replaceTx = db.transaction((articleId: number, analysis: ArticleAnalysis) => {
      this.analysis.deleteFor(articleId);
      const a = this.articleDate.get(articleId)!;
      const article = { url: a.url, title: a.title, published: a.published, fetchedAt: a.fetched_at, feedId: a.feed_id };
      const written = this.analysis.write(articleId, analysis, { sortAt: a.sort_at, feedId: a.feed_id, lang: a.lang, article });
      this.analysis.bumpCounts(written, null);
      this.analysis.writeText(written.text);
      return { events: written.events };
    });
  }

  /** Stories for the cards written without one (AnalysisWriter.settleStories), in one transaction; how many. */
  settleStories(): number {
    return this.db.transaction(() => this.analysis.settleStories())();
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

  private saveInTransaction(input: ArticleInput): Saved {
    const fetchedAt = isoOrNull(input.fetchedAt);
    if (fetchedAt === null) throw new Error(`saveArticle: fetchedAt is not a date: ${JSON.stringify(input.fetchedAt)}`);
    const link = (articleId: number): void => {
      if (input.feedId !== null && input.feedItemId !== null) this.linkItem.run(input.feedId, input.feedItemId, input.url, fetchedAt, articleId);
    };

    const byUrl = this.byCanonical.get(input.canonicalUrl) ?? this.byUrl.get(input.url);
    if (byUrl) {
      link(byUrl.id);
      return { result: { status: 'duplicate', articleId: byUrl.id, reason: 'url' }, text: [] };
    }
    const textChars = input.text.trim().length;
    if (textChars >= MIN_CONTENT_DEDUPE_CHARS) {
      const byHash = this.byHash.get(input.contentHash);
      if (byHash) {
        link(byHash.id);
        return { result: { status: 'duplicate', articleId: byHash.id, reason: 'content' }, text: [] };
      }
    }

    const articleId = Number(
      this.insertArticle.run({
        url: input.url, canonicalUrl: input.canonicalUrl, feedId: input.feedId, title: input.title, author: input.author,
        published: isoOrNull(input.published), fetchedAt, lang: input.lang, text: input.text, textChars, contentHash: input.contentHash,
      }).lastInsertRowid,
    );
    const written = this.analysis.write(articleId, input, {
      sortAt: isoOrNull(input.published) ?? fetchedAt, feedId: input.feedId, lang: input.lang,
      article: { url: input.url, title: input.title, published: isoOrNull(input.published), fetchedAt, feedId: input.feedId },
    });
    this.analysis.bumpCounts(written, fetchedAt);
    link(articleId);
    return { result: { status: 'inserted', articleId, events: written.events }, text: written.text };
  }
}
