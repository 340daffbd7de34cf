import type Database from 'better-sqlite3';
import { ArticlesTable } from './articles-table.js';
import { DigestLedgerTable } from './digest-ledger-table.js';
import { DigestReads, type ArticleLink, type ArticleSentence, type DayCard, type EntityBucket } from './digest-reads.js';
import { DayCounts, type DayCountQuery, type DayCountSeries } from './day-counts.js';
import { EventsQuery } from './events-query.js';
import { FeedsTable } from './feeds-table.js';
import { migrations } from './migrations/index.js';
import { openDatabase, schemaVersionOf, type OpenOptions } from './open-database.js';
import { latestVersion } from './migrate.js';
import type {
  ArticleAnalysis, ArticleInput, ArticleListQuery, ArticleWithEvents, BatchSaveResult, EntityCount, EventPage, EventPosition, EventQuery, FeedFetchOutcome, FeedRef, FeedState, SaveResult,
  SeenItem, StoredArticle, StoredEvent, StoreStats,
} from './types.js';

export { StoreError } from './store-error.js';
export { ledgerKey, type ClaimResult, type LedgerEntry, type LedgerState } from './digest-ledger-table.js';
export type { ArticleLink, ArticleSentence, DayCard, EntityBucket } from './digest-reads.js';
export type { OpenOptions } from './open-database.js';
export type { DayCountQuery, DayCountSeries } from './day-counts.js';

/**
 * The SQLite store: the only code that touches the database file. Synchronous (better-
 * sqlite3): each call is short, and every write of one article is one transaction.
 * Statements are prepared once per Store.
 */
export class Store {
  private readonly feeds: FeedsTable;
  private readonly articles: ArticlesTable;
  private readonly events: EventsQuery;
  /** The digest's ledger: one row per recipient and local day (migration 004). Writing needs a store opened read-write. */
  readonly digestLedger: DigestLedgerTable;
  /** The digest's reads: a day's events row by row, per-company counts, feed names. */
  readonly digestReads: DigestReads;
  private readonly dayCounts: DayCounts;
  private readonly statsStmt: Database.Statement<[], Omit<StoreStats, 'schemaVersion'>>;
  private closed = false;

  constructor(
    private readonly db: Database.Database,
    readonly path: string,
    readonly readonly: boolean,
  ) {
    this.feeds = new FeedsTable(db);
    this.articles = new ArticlesTable(db);
    this.events = new EventsQuery(db);
    this.digestLedger = new DigestLedgerTable(db);
    this.digestReads = new DigestReads(db);
    this.dayCounts = new DayCounts(db);
    // Counts come from store_counts (kept on write, see analysis-writer.ts), so this is one row, not a scan;
    // feeds are few (the configured list).
    this.statsStmt = db.prepare(`SELECT
      (SELECT count(*) FROM feeds) AS feeds,
      -- failing = a failure since the last success; the rule itself is ingest/feed-health.ts
      (SELECT count(*) FROM feeds WHERE failure_count > 0) AS feedsFailing,
      c.articles, c.events, c.mentions, c.power_figures AS powerFigures, c.last_fetched_at AS lastFetchedAt
      FROM store_counts c WHERE c.id = 1`);
  }

  // Feeds and their poll state.
  upsertFeed(feed: FeedRef): void {
    this.feeds.upsertFeed(feed);
  }
  removeFeed(id: string): boolean {
    return this.feeds.removeFeed(id);
  }
  getFeed(id: string): FeedState | undefined {
    return this.feeds.getFeed(id);
  }
  listFeeds(): FeedState[] {
    return this.feeds.listFeeds();
  }
  listDueFeeds(now: string): FeedState[] {
    return this.feeds.listDueFeeds(now);
  }
  recordFeedFetch(id: string, outcome: FeedFetchOutcome): FeedState {
    return this.feeds.recordFeedFetch(id, outcome);
  }
  setFeedValidators(id: string, etag: string | null, lastModified: string | null): void {
    this.feeds.setValidators(id, etag, lastModified);
  }
  /** The title the feed document gives itself (a feed without a configured name is shown by it). */
  setFeedTitle(id: string, title: string): void {
    this.digestReads.setFeedTitle(id, title);
  }
  seenItemIds(feedId: string, ids: string[]): Set<string> {
    return this.feeds.seenItemIds(feedId, ids);
  }
  markItemsSeen(feedId: string, items: SeenItem[], at: string): number {
    return this.feeds.markItemsSeen(feedId, items, at);
  }

  // Articles.
  findArticleIdByCanonicalUrl(url: string): number | undefined {
    return this.articles.findByCanonicalUrl(url);
  }
  findArticleIdByContentHash(hash: string): number | undefined {
    return this.articles.findByContentHash(hash);
  }
  saveArticle(input: ArticleInput): SaveResult {
    return this.articles.save(input);
  }
  /** saveArticle for several articles in one commit (each in its own savepoint): use it when articles arrive in bursts. */
  saveArticles(inputs: ArticleInput[]): BatchSaveResult[] {
    return this.articles.saveMany(inputs);
  }
  /**
   * Gives their stories to the articles stored without one because they were dated far from
   * the others being written (an archive in any order, a backlog); how many. Cheap when none.
   */
  settleStories(): number {
    return this.articles.settleStories();
  }
  replaceArticleAnalysis(articleId: number, analysis: ArticleAnalysis): { events: number } {
    return this.articles.replaceAnalysis(articleId, analysis);
  }
  getArticle(id: number): StoredArticle | undefined {
    return this.articles.get(id);
  }
  /** An article with its events in sentence order, for GET /articles/:id. */
  getArticleWithEvents(id: number): ArticleWithEvents | undefined {
    const article = this.articles.get(id);
    return article ? { ...article, events: this.events.ofArticle(id) } : undefined;
  }
  listArticles(q: ArticleListQuery = {}): StoredArticle[] {
    return this.articles.list(q);
  }

  // Events.
  queryEvents(q: EventQuery = {}): StoredEvent[] {
    return this.events.query(q);
  }
  /** A page of events and where the next one starts (keyset). */
  queryEventPage(q: EventQuery = {}): EventPage {
    return this.events.page(q);
  }
  /** Where an event sits in the listing, to page after it; undefined for an unknown id. */
  eventPosition(eventId: number): EventPosition | undefined {
    return this.events.positionOf(eventId);
  }
  getEvent(eventId: number): StoredEvent | undefined {
    return this.events.byId(eventId);
  }
  /** Events per entity and the newest one's date: a row and an index seek each. */
  entityCounts(entities: readonly string[]): EntityCount[] {
    return this.events.entityCounts(entities);
  }
  countEvents(q: EventQuery = {}): number {
    return this.events.count(q);
  }
  /** Events per day per entity or tag, from the label index alone (day-counts.ts). */
  countEventsByDay(q: DayCountQuery): DayCountSeries[] {
    return this.dayCounts.counts(q);
  }

  // The digest's reads (DigestReads): a day's events row by row, per-company counts, feed names.
  dayCards(since: string, until: string, labels = false): Generator<DayCard> {
    return this.digestReads.dayCards(since, until, labels);
  }
  articleLinks(ids: Iterable<number>): Map<number, ArticleLink> {
    return this.digestReads.articleLinks(ids);
  }
  articleSentences(articleId: number): ArticleSentence[] {
    return this.digestReads.articleSentences(articleId);
  }
  entityBuckets(since: string, until: string, tags: readonly string[] | null = null): EntityBucket[] {
    return this.digestReads.entityBuckets(since, until, tags);
  }
  feedNames(): Map<string, string> {
    return this.digestReads.feedNames();
  }

  /** The file actually read: `path`, or a read-only snapshot of it (see read-only-open.ts). */
  get file(): string {
    return this.db.name;
  }

  /** Rows of any statement, on a read-only store only (so it cannot write): for the read pool's tools and tests. */
  readOnlyQuery(sql: string, params: unknown[] = []): unknown[] {
    if (!this.readonly) throw new Error('readOnlyQuery needs a read-only store');
    return this.db.prepare(sql).all(...params);
  }

  stats(): StoreStats {
    return { ...this.statsStmt.get()!, schemaVersion: this.db.pragma('user_version', { simple: true }) as number };
  }

  /** Closes the file; safe to call twice. A writer also refreshes the planner's statistics. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    if (!this.readonly) {
      try {
        this.db.pragma('optimize');
      } catch {
        // Best effort: a busy database must not stop a shutdown.
      }
    }
    this.db.close();
  }
}

/** Opens (creating and migrating unless read-only) the database at `path`. */
export function openStore(path: string, opts: OpenOptions = {}): Store {
  return new Store(openDatabase(path, migrations, opts), path, opts.readonly === true);
}

/**
 * Brings the file at `path` to the schema this newsmon needs, then lets it go: for a
 * process that only reads (the api role), so it holds no writer connection. A current
 * file is only looked at.
 */
export function migrateStore(path: string): void {
  if (schemaVersionOf(path) !== latestVersion(migrations)) openStore(path).close();
}
