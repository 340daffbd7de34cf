import type { HttpClient } from '../fetch/types.js';
import type { ArticleInput, SaveResult } from '../store/types.js';
import type { Clock, SiteRules } from '../model.js';

// The three pipeline stages that both `ingest --once` (in-process) and the BullMQ
// service (workers/) call. Implementations: src/ingest/poll-feed.ts,
// src/ingest/extract-article.ts; the store stage is Store.saveArticles, read through ingest/outcome.ts.

/** A new feed item, ready to fetch: the article job's payload (small: ids and URLs). */
export interface ArticleJob {
  feedId: string;
  itemId: string;
  url: string;
  canonicalUrl: string;
  title: string | null;
  published: string | null;
  author: string | null;
  /** The feed's own HTML content, when long enough to stand for the article. */
  feedContent: string | null;
  /** The feed's summary, as plain text: the fallback when the page yields no article text. */
  summary: string | null;
  /** IANA zone of dates the page states without one: the feed's (absent in jobs queued before it existed). */
  timezone?: string;
  /** The feed's site rules, carried with the job to extraction (a reader thread, another machine). */
  siteRules?: SiteRules;
}

export interface PollOutcome {
  feedId: string;
  ok: boolean;
  notModified: boolean;
  newItems: ArticleJob[];
  error: { kind: string; message: string } | null;
  nextCheckAt: string;
}

export interface StageDeps {
  http: HttpClient;
  now: Clock;
}

export type { ArticleInput, SaveResult };
