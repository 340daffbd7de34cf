import type { TextAnalyzer } from '../extract/extract-document.js';
import type { ArticleReader } from './extract-article.js';
import { FetchError } from '../fetch/fetch-error.js';
import type { HttpClient } from '../fetch/types.js';
import type { Clock } from '../model.js';
import type { Store } from '../store/store.js';
import { extractArticle } from './extract-article.js';
import { pollFeed } from './poll-feed.js';
import { StoreBatcher } from './store-batcher.js';
import { TaskPool } from './task-pool.js';
import type { ArticleInput, ArticleJob, FeedConfig } from './types.js';

/** The store refused one article of a batch (the rest of the batch is unaffected). */
class StoreSaveError extends Error {}

export interface IngestDeps {
  http: HttpClient;
  store: Store;
  analyzer: TextAnalyzer;
  /** Where main text and analysis run (e.g. a ReaderPool of threads); this thread if absent. */
  reader?: ArticleReader;
  now: Clock;
  maxBackoffMs: number;
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
  duplicates: number;
  failures: IngestFailure[];
  elapsedMs: number;
}

/**
 * One pass over the given feeds, in-process: poll each, then fetch, extract and store
 * every new item. Feed and article failures are counted and recorded, never thrown: the
 * other feeds go on. Items that failed for a reason a retry could fix stay unseen, so the
 * next pass tries them again; the others are marked seen.
 */
export async function ingestOnce(feeds: FeedConfig[], deps: IngestDeps): Promise<IngestSummary> {
  const startedAt = deps.now().getTime();
  const s: IngestSummary = {
    feedsTotal: feeds.length, feedsDone: 0, articlesQueued: 0, articlesDone: 0, articlesStored: 0, events: 0, errors: 0,
    feedsOk: 0, feedsNotModified: 0, feedsFailed: 0, duplicates: 0, failures: [], ruleFallbacks: [], elapsedMs: 0,
  };
  const report = () => deps.onProgress?.({ ...s });
  const articles = new TaskPool(deps.articleConcurrency ?? 16);
  const feedPool = new TaskPool(deps.feedConcurrency ?? 8);
  const saver = new StoreBatcher(deps.store);

  const fail = (job: ArticleJob, err: unknown): void => {
    s.errors++;
    const kind = err instanceof FetchError ? err.kind : err instanceof StoreSaveError ? 'store-error' : 'extract-error';
    // A page that cannot be read now may be readable later; a page our extractor chokes
    // on will choke it again, so it is remembered as seen rather than refetched forever.
    const retryable = err instanceof FetchError ? err.retryable : err instanceof StoreSaveError;
    s.failures.push({ feed: job.feedId, url: job.url, kind, message: err instanceof Error ? err.message : String(err) });
    if (!retryable) deps.store.markItemsSeen(job.feedId, [{ id: job.itemId, url: job.url }], deps.now().toISOString());
  };
  const done = (): void => {
    s.articlesDone++;
    report();
  };
  const save = async (job: ArticleJob, input: ArticleInput): Promise<void> => {
    try {
      const saved = await saver.save(input);
      if (saved.status === 'inserted') {
        s.articlesStored++;
        s.events += saved.events;
      } else if (saved.status === 'duplicate') {
        s.duplicates++;
      } else {
        throw new StoreSaveError(saved.error);
      }
    } catch (err) {
      fail(job, err);
    } finally {
      done();
    }
  };
  // The fetch-and-extract slot is free again as soon as the article is read: waiting for
  // its batch to commit must not hold back the next fetch.
  const saving = new Set<Promise<void>>();
  const runArticle = async (job: ArticleJob): Promise<void> => {
    let input: ArticleInput;
    try {
      input = await extractArticle(job, deps);
    } catch (err) {
      fail(job, err);
      done();
      return;
    }
    if (input.siteRule?.fallback) s.ruleFallbacks.push({ feed: job.feedId, url: job.url, kind: 'site-rule', message: input.siteRule.fallback });
    const p = save(job, input).finally(() => saving.delete(p));
    saving.add(p);
  };

  for (const feed of feeds) {
    feedPool.push(async () => {
      const outcome = await pollFeed(feed, deps);
      s.feedsDone++;
      if (!outcome.ok) {
        s.feedsFailed++;
        s.errors++;
        s.failures.push({ feed: feed.id, url: feed.url, kind: outcome.error?.kind ?? 'unknown', message: outcome.error?.message ?? '' });
      } else if (outcome.notModified) {
        s.feedsNotModified++;
      } else {
        s.feedsOk++;
      }
      s.articlesQueued += outcome.newItems.length;
      for (const job of outcome.newItems) articles.push(() => runArticle(job));
      report();
    });
  }
  await feedPool.drain();
  await articles.drain();
  saver.flush();
  await Promise.all(saving);
  s.elapsedMs = deps.now().getTime() - startedAt;
  return s;
}
