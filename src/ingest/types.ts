import type { HttpClient } from '../fetch/types.js';
import type { ArticleInput, SaveResult } from '../store/types.js';
import type { Clock, SiteRules } from '../model.js';

// The three pipeline stages that both `ingest --once` (in-process) and the BullMQ
// service (workers/) call. Implementations: src/ingest/poll-feed.ts,
// src/ingest/extract-article.ts, src/ingest/store-article.ts.

/** One configured feed (config/feeds.yaml), validated. */
export interface FeedConfig {
  id: string;
  url: string;
  name: string | null;
  /** Poll interval in milliseconds. */
  intervalMs: number;
  /** A cron pattern, when the feed gives one instead of an interval. */
  cron: string | null;
  enabled: boolean;
  /** Per-feed override of the body cap. */
  maxBytes: number | null;
  /** 'auto': fetch the page unless the feed already carries the full text. */
  fullText: 'auto' | 'always' | 'never';
  /** feeds.yaml `content` / `remove`: how to read this site's pages; absent when the feed sets none. */
  siteRules?: SiteRules;
}

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
