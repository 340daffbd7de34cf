import type { ArticleEvent, Mention, PowerFigure } from '../model.js';

// The SQLite edge's contract. Only src/store/ touches the database file.

export interface FeedState {
  id: string;
  url: string;
  name: string | null;
  etag: string | null;
  lastModified: string | null;
  lastCheckedAt: string | null;
  lastSuccessAt: string | null;
  lastError: string | null;
  lastErrorKind: string | null;
  /** Consecutive failures; 0 after a success. */
  failureCount: number;
  nextCheckAt: string | null;
  itemsSeen: number;
  articlesStored: number;
}

export type FeedFetchOutcome =
  | { ok: true; at: string; etag: string | null; lastModified: string | null; nextCheckAt: string; notModified: boolean }
  | { ok: false; at: string; error: string; errorKind: string; nextCheckAt: string };

/** Everything stored for one article, written in one transaction. */
export interface ArticleInput {
  url: string;
  canonicalUrl: string;
  feedId: string | null;
  /** The feed item's normalized id, so the item is marked seen in the same transaction. */
  feedItemId: string | null;
  title: string;
  author: string | null;
  published: string | null;
  fetchedAt: string;
  lang: string;
  text: string;
  /** sha256 hex of the normalized main text: the same story under a new URL is stored once. */
  contentHash: string;
  mentions: Mention[];
  powerFigures: PowerFigure[];
  events: ArticleEvent[];
}

export type SaveResult =
  | { status: 'inserted'; articleId: number; events: number }
  | { status: 'duplicate'; articleId: number; reason: 'url' | 'content' };

export interface EventQuery {
  entity?: string;
  tag?: string;
  /** ISO 8601; compared with the article's published date, else its fetch date. */
  since?: string;
  until?: string;
  /** FTS5 query over event text, article title and text. */
  q?: string;
  feed?: string;
  limit?: number;
  offset?: number;
}

export interface StoredEvent {
  id: number;
  text: string;
  sentence: number;
  entities: string[];
  tags: string[];
  powerFigures: PowerFigure[];
  article: { id: number; url: string; title: string; published: string | null; feed: string | null };
}
