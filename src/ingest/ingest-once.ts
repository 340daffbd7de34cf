import type { TextAnalyzer } from '../extract/extract-document.js';
import type { ArticleReader } from './extract-article.js';
import type { FeedParser } from './reader-pool.js';
import type { HttpClient } from '../fetch/types.js';
import type { Clock } from '../model.js';
import type { Store } from '../store/store.js';
import { extractArticle } from './extract-article.js';
import { HeldValidators } from './held-validators.js';
import { isDue, type Jitter } from './feed-due.js';
import { articleFailure, storedOutcome } from './outcome.js';
import { pollFeed } from './poll-feed.js';
import { StoreBatcher } from './store-batcher.js';
import { TaskPool } from './task-pool.js';
import type { FeedConfig } from '../model.js';
import type { ArticleInput, ArticleJob } from './types.js';
import { redactUrl } from '../text/redact-url.js';

export interface IngestDeps {
  http: HttpClient;
  store: Store;
  analyzer: TextAnalyzer;
  /** Where main text and analysis run (e.g. a ReaderPool of threads); this thread if absent. */
  reader?: ArticleReader;
  /** Where feeds are parsed (the same ReaderPool); this thread if absent. */
  parser?: FeedParser | null;
  now: Clock;
  maxBackoffMs: number;
  /** Spreads the feeds' next checks (settings poll.jitter). */
  jitter?: Jitter;
  /** Poll every feed now, even one backing off or asked by its server to wait. */
  force?: boolean;
  /** Feeds polled at once, and article pages fetched at once (politeness per host is the HTTP client's). */
  feedConcurrency?: number;
  articleConcurrency?: number;
  onProgress?: (p: IngestProgress) => void;
}

export interface IngestProgress {
  feedsTotal: number;
  feedsDone: number;
  articlesQueued: number;
  articlesDone: number;
  articlesStored: number;
  events: number;
  errors: number;
  /** Stored with their events cut at the analyzer's per-article caps. */
  articlesTruncated: number;
}

export interface IngestFailure {
  feed: string;
  url: string;
  kind: string;
  message: string;
}

export interface IngestSummary extends IngestProgress {
  /** Articles whose feed's site rules were set but not used (a content selector that matched nothing, …): why. */
  ruleFallbacks: IngestFailure[];
  feedsOk: number;
  feedsNotModified: number;
  feedsFailed: number;
  /** Feeds not polled: backing off after failures, or their server or <ttl> asked to wait (see --force). */
  feedsNotDue: number;
  duplicates: number;
  failures: IngestFailure[];
  elapsedMs: number;
}

/**
 * One pass over the given feeds, in-process: poll each, then fetch, extract and store
 * every new item. Feed and article failures are counted and recorded, never thrown: the
 * other feeds go on. A feed not due (see isDue) is skipped unless `force`. Items that
 * failed for a reason a retry could fix stay unseen, so the next pass tries them again;
 * the others are marked seen (see articleFailure).
 */
export async function ingestOnce(feeds: FeedConfig[], deps: IngestDeps): Promise<IngestSummary> {
  const startedAt = deps.now().getTime();
  const s: IngestSummary = {
    feedsTotal: feeds.length, feedsDone: 0, articlesQueued: 0, articlesDone: 0, articlesStored: 0, events: 0, errors: 0, articlesTruncated: 0,
    feedsOk: 0, feedsNotModified: 0, feedsFailed: 0, feedsNotDue: 0, duplicates: 0, failures: [], ruleFallbacks: [], elapsedMs: 0,
  };
  const report = () => deps.onProgress?.({ ...s });
  const lane = new ArticleLane(deps, s, report);
  const feedPool = new TaskPool(deps.feedConcurrency ?? 8);
  for (const feed of feeds) feedPool.push(() => pollOne(feed, deps, s, lane, report));
  await feedPool.drain();
  await lane.finish();
  s.elapsedMs = deps.now().getTime() - startedAt;
  return s;
}

async function pollOne(feed: FeedConfig, deps: IngestDeps, s: IngestSummary, lane: ArticleLane, report: () => void): Promise<void> {
  if (!deps.force && !isDue(feed, deps.store.getFeed(feed.id), deps.now().getTime())) {
    s.feedsDone++;
    s.feedsNotDue++;
    report();
    return;
  }
  const outcome = await pollFeed(feed, deps);
  s.feedsDone++;
  if (!outcome.ok) {
    s.feedsFailed++;
    s.errors++;
    s.failures.push({ feed: feed.id, url: redactUrl(feed.url), kind: outcome.error?.kind ?? 'unknown', message: outcome.error?.message ?? '' });
  } else if (outcome.notModified) {
    s.feedsNotModified++;
  } else {
    s.feedsOk++;
  }
  if (outcome.ok) lane.validators.hold(feed.id, outcome.newItems.length);
  for (const job of outcome.newItems) lane.push(job);
  report();
}

/** Fetch, extract and store the articles of one pass, counted into its summary. */
class ArticleLane {
  private readonly pool: TaskPool;
  private readonly saver: StoreBatcher;
  // The fetch-and-extract slot is free again as soon as the article is read: waiting for
  // its batch to commit must not hold back the next fetch.
  private readonly saving = new Set<Promise<void>>();
  /** The validators of feeds whose items are still being worked on (see HeldValidators). */
  readonly validators: HeldValidators;

  constructor(
    private readonly deps: IngestDeps,
    private readonly s: IngestSummary,
    private readonly report: () => void,
  ) {
    this.pool = new TaskPool(deps.articleConcurrency ?? 16);
    // Up to 200 articles or 1 s a commit. Every commit rewrites each index page its articles
    // touched, and an article's label, time and figure index rows land on pages all over
    // those indexes when its date is not the newest (a backlog, a feed's archive), so pages
    // written grow with the number of commits (measured on bench/ingest-ab.js's 4,000
    // articles spread over a year: 185k WAL frames in batches of 10, 143k of 30, 62k of 200).
    // At 100 ms the batches held 13 articles on average. A second of latency is nothing to
    // a pass; what is not committed when the process dies is fetched again next pass (its
    // items are not marked seen and its feed's validators are held, HeldValidators).
    this.saver = new StoreBatcher(deps.store, 200, 1000);
    this.validators = new HeldValidators(deps.store);
  }

  push(job: ArticleJob): void {
    this.s.articlesQueued++;
    this.pool.push(() => this.run(job));
  }

  async finish(): Promise<void> {
    await this.pool.drain();
    this.saver.flush();
    await Promise.all(this.saving);
  }

  private async run(job: ArticleJob): Promise<void> {
    let input: ArticleInput;
    try {
      input = await extractArticle(job, this.deps);
    } catch (err) {
      this.fail(job, err);
      this.done(job);
      return;
    }
    if (input.siteRule?.fallback) this.s.ruleFallbacks.push({ feed: job.feedId, url: job.url, kind: 'site-rule', message: input.siteRule.fallback });
    const p = this.save(job, input).finally(() => this.saving.delete(p));
    this.saving.add(p);
  }

  private async save(job: ArticleJob, input: ArticleInput): Promise<void> {
    try {
      const saved = storedOutcome(await this.saver.save(input));
      if (saved.status === 'inserted') {
        this.s.articlesStored++;
        this.s.events += saved.events;
        if (input.analysisTruncated) this.s.articlesTruncated++;
      } else {
        this.s.duplicates++;
      }
    } catch (err) {
      this.fail(job, err);
    } finally {
      this.done(job);
    }
  }

  private fail(job: ArticleJob, err: unknown): void {
    this.s.errors++;
    const f = articleFailure(err);
    this.s.failures.push({ feed: job.feedId, url: job.url, kind: f.kind, message: f.message });
    // A retry here is the next pass: the item stays unseen, and its feed is fetched in full then.
    if (f.then === 'retry') return this.validators.retryLater(job.feedId);
    try {
      this.deps.store.markItemsSeen(job.feedId, [{ id: job.itemId, url: job.url }], this.deps.now().toISOString());
    } catch (markErr) {
      // The database is failing too (full, locked): the item stays unseen, tried on the next pass.
      this.s.failures.push({ feed: job.feedId, url: job.url, kind: 'store-error', message: markErr instanceof Error ? markErr.message : String(markErr) });
    }
  }

  private done(job: ArticleJob): void {
    this.validators.done(job.feedId);
    this.s.articlesDone++;
    this.report();
  }
}
