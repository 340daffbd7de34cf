import { FeedParseError } from '../feed/feed-parse-error.js';
import { FetchError } from '../fetch/fetch-error.js';
import { isDocumentTimeout } from './document-timeout.js';
import { isDatabaseFailure } from '../store/store-error.js';
import type { BatchSaveResult } from '../store/types.js';

// The pipeline's rules for what went wrong and what happens next, in one place for both
// drivers (`ingest --once` in src/ingest/ingest-once.ts, the BullMQ processors in
// workers/). Fetch failures are classified at the edge (FetchError.kind/retryable); this
// turns any error a stage throws into a kind, a message and a decision.

/** Why a feed poll (or a feed check) failed: a FetchError kind, `feed-<code>` for a document that is no feed, else `internal`. */
export interface FeedFailure {
  kind: string;
  message: string;
  /** From a 429/503 Retry-After: the next poll waits at least this long. */
  retryAfterMs?: number;
}

export function feedFailure(err: unknown): FeedFailure {
  if (err instanceof FetchError) return { kind: err.kind, message: err.message, ...(err.retryAfterMs !== undefined ? { retryAfterMs: err.retryAfterMs } : {}) };
  if (err instanceof FeedParseError) return { kind: `feed-${err.code}`, message: err.message };
  if (isDocumentTimeout(err)) return { kind: 'feed-parse-timeout', message: err.message };
  return { kind: 'internal', message: messageOf(err) };
}

/** The store refused one article (its transaction rolled back); the rest of a batch is unaffected. */
export class StoreRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StoreRefusedError';
  }
}

/**
 * What becomes of an article whose fetch, extraction or store failed:
 * - `retry`: a later try can succeed (a timeout, a 503, a busy database). The item stays
 *   unseen: BullMQ retries the job with backoff; `ingest --once` leaves it for the next pass.
 * - `mark-seen`: the same try would fail the same way (a 404, a page the extractor chokes
 *   on). The item is remembered as seen so no poll offers it again.
 */
export interface ArticleFailure {
  kind: string;
  message: string;
  then: 'retry' | 'mark-seen';
}

export function articleFailure(err: unknown): ArticleFailure {
  if (err instanceof FetchError) return { kind: err.kind, message: err.message, then: err.retryable ? 'retry' : 'mark-seen' };
  if (err instanceof StoreRefusedError) return { kind: 'store-error', message: err.message, then: 'retry' };
  // Over its CPU budget: the same page would be again.
  if (isDocumentTimeout(err)) return { kind: 'parse-timeout', message: err.message, then: 'mark-seen' };
  // The database failing (disk full, locked past the busy timeout, I/O error) is never the article's fault.
  if (isDatabaseFailure(err)) return { kind: 'store-error', message: messageOf(err), then: 'retry' };
  return { kind: 'extract-error', message: messageOf(err), then: 'mark-seen' };
}

/** One line for logs and failed jobs: the kind first. */
export function describeFailure(f: { kind: string; message: string }): string {
  return `${f.kind}: ${f.message}`;
}

/** What a store write means for the pipeline. A refusal is thrown (StoreRefusedError): `articleFailure` says retry. */
export type StoredOutcome = { status: 'inserted'; articleId: number; events: number } | { status: 'duplicate'; articleId: number };

export function storedOutcome(saved: BatchSaveResult): StoredOutcome {
  if (saved.status === 'failed') throw new StoreRefusedError(saved.error);
  return saved.status === 'inserted'
    ? { status: 'inserted', articleId: saved.articleId, events: saved.events }
    : { status: 'duplicate', articleId: saved.articleId };
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
