import type { ArticleJob } from '../ingest/types.js';
import type { ArticleAnalysis } from '../model.js';
import type { ArticleInput } from '../store/types.js';

// The queues of the service and what their jobs carry. Job data stays small: ids and
// URLs into the article queue, the compact extraction result (never raw HTML) into the
// store queue.

export const QUEUE_NAMES = { poll: 'poll', extract: 'extract', store: 'store', digest: 'digest' } as const;
export type QueueName = (typeof QUEUE_NAMES)[keyof typeof QUEUE_NAMES];
export const ALL_QUEUES: readonly QueueName[] = ['poll', 'extract', 'store', 'digest'];

/** Why a poll was enqueued; `force` drops the validators (an unconditional GET). */
export interface PollJobData {
  feedId: string;
  reason?: 'schedule' | 'boot' | 'reload' | 'recovery';
  force?: boolean;
}

export interface PollJobResult {
  feedId: string;
  status: 'polled' | 'not-modified' | 'failed' | 'skipped-not-due' | 'skipped-unknown-feed';
  newItems: number;
  error?: string;
}

/** Extract queue, job name "extract": a new feed item to fetch and analyse. */
export type ExtractJobData = ArticleJob;

/** Extract queue, job name "reextract": a stored article's text to analyse again (no refetch). */
export interface ReextractJobData {
  runId: string;
  articleId: number;
  text: string;
  lang: string;
}

export type ExtractQueueData = ExtractJobData | ReextractJobData;

export interface ExtractJobResult {
  next: 'store' | 'skip' | 'reextract';
  events: number;
  /** The analysis was cut at the per-article caps. */
  truncated?: boolean;
  /** The feed's site rules were set but not used on this page: why (automatic extraction ran instead). */
  siteRuleFallback?: string;
}

/** Store queue, job name "article": one article and its analysis, written in one transaction. */
export interface StoreArticleData {
  input: ArticleInput;
}

/** Store queue, job name "skip": an item that cannot be fetched, remembered as seen so polls stop offering it. */
export interface SkipItemData {
  feedId: string;
  itemId: string;
  url: string;
  error: string;
}

/** Store queue, job name "retry-later": an item whose article job failed for good for a reason a retry can fix; it stays unseen. */
export interface RetryItemData {
  feedId: string;
  itemId: string;
  url: string;
  error: string;
}

/** Store queue, job name "reextract": a re-extraction's result, replacing the article's events. */
export interface StoreReextractData {
  runId: string;
  articleId: number;
  analysis: ArticleAnalysis;
}

export type StoreQueueData = StoreArticleData | SkipItemData | RetryItemData | StoreReextractData;

export interface StoreJobResult {
  status: 'inserted' | 'duplicate' | 'skipped' | 'held' | 'replaced' | 'missing';
  articleId?: number;
  events?: number;
}

/**
 * Digest queue: one recipient's digest (every recipient when `recipient` is absent);
 * `date` (YYYY-MM-DD) defaults to the recipient's local yesterday at the job's due time.
 */
export interface DigestJobData {
  recipient?: string;
  date?: string;
}

export const JOB_NAMES = {
  poll: 'poll',
  extract: 'extract',
  reextract: 'reextract',
  storeArticle: 'article',
  skip: 'skip',
  retryLater: 'retry-later',
  storeReextract: 'reextract',
  digest: 'daily',
} as const;
