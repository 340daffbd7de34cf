import type { AnalysisTruncation, ArticleEvent, Mention, PowerFigure, SiteRuleOutcome } from '../model.js';

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
  /** When the current run of consecutive failures began; null while the feed is healthy. */
  failingSince: string | null;
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
  /** Set when the analysis was cut at a per-article cap: the counts found (not stored; drivers report it). */
  analysisTruncated?: AnalysisTruncation;
  /** What the feed's site rules did (not stored; drivers report a fallback). */
  siteRule?: SiteRuleOutcome;
}

export type SaveResult =
  | { status: 'inserted'; articleId: number; events: number }
  | { status: 'duplicate'; articleId: number; reason: 'url' | 'content' };

/** One article's outcome in a batch save: a failure is rolled back alone and reported, not thrown. */
export type BatchSaveResult = SaveResult | { status: 'failed'; error: string };

export interface EventQuery {
  entity?: string;
  tag?: string;
  /** More entities (with `entity`, if given): see `match`. */
  entities?: string[];
  /** More tags (with `tag`, if given): see `match`. */
  tags?: string[];
  /**
   * How a list of entities (and of tags) must match: 'any' (default) — an event naming
   * at least one of them; 'all' — an event naming every one, i.e. in the same sentence.
   */
  match?: 'any' | 'all';
  /** The article's language as stored (primary tag: en, zh, ja…). */
  lang?: string;
  /** ISO 8601; compared, to the second, with the article's published date, else its fetch date. */
  since?: string;
  until?: string;
  /** Search over the event's own sentence: words, "phrases", prefix*, OR, -exclusion (fts.ts). */
  q?: string;
  feed?: string;
  /** Events stating a power figure of this kind; with minSi/maxSi (W or Wh, inclusive), one in that range. */
  figureKind?: 'power' | 'energy';
  minSi?: number;
  maxSi?: number;
  /** Keyset paging: only events after this one in the listing (its `next` from the previous page). */
  after?: EventPosition;
  limit?: number;
  /** Skips this many matches; costs a step per skipped event. Prefer `after`. */
  offset?: number;
}

/** A page whose events are JSON text already (the API's body as is). */
export interface EventPageJson {
  json: string;
  next: EventPosition | null;
}

/** Where an event sits in the newest-first listing: its sort key (unique) and id. */
export interface EventPosition {
  key: number;
  id: number;
}

/** One page of events; `next` is where the following page starts, null when this one is the last. */
export interface EventPage {
  events: StoredEvent[];
  next: EventPosition | null;
}

export interface StoredEvent {
  id: number;
  text: string;
  sentence: number;
  entities: string[];
  tags: string[];
  powerFigures: PowerFigure[];
  /** `feed` is the feed id; `fetchedAt` is when newsmon read the article. */
  article: { id: number; url: string; title: string; published: string | null; feed: string | null; fetchedAt: string };
}

/** What the store keeps of a configured feed; its poll state is recorded separately. */
export interface FeedRef {
  id: string;
  url: string;
  name: string | null;
}

/** A feed item to remember as seen, so the next poll skips it. */
export interface SeenItem {
  id: string;
  url: string | null;
}

export type { ArticleAnalysis } from '../model.js';

/** An article as stored (without its analysis). */
/** An article as stored: what was saved, less what lives in its own tables, plus its id. */
export type StoredArticle = Omit<ArticleInput, 'feedItemId' | 'mentions' | 'powerFigures' | 'events'> & { id: number };

/** Pages through stored articles by id (keyset), e.g. for re-extraction. */
export interface ArticleListQuery {
  /** ISO 8601; compared with the published date, else the fetch date. */
  since?: string;
  feed?: string;
  /** Only articles with a larger id: pass the last id of the previous page. */
  afterId?: number;
  /** Default 500. */
  limit?: number;
}

/** Events naming an entity, and when the newest of them is dated (null when there is none). */
export interface EntityCount {
  entity: string;
  events: number;
  latest: string | null;
}

/** An article as stored, with the events found in it, in sentence order. */
export type ArticleWithEvents = StoredArticle & { events: StoredEvent[] };

/** Counts for `newsmon status` and metrics. */
export interface StoreStats {
  feeds: number;
  /** Feeds with failures since their last success: the SQL form of ingest/feed-health.ts's isFailing, for the API's metrics. */
  feedsFailing: number;
  articles: number;
  events: number;
  mentions: number;
  powerFigures: number;
  /** fetched_at of the newest article, or null when there is none. */
  lastFetchedAt: string | null;
  schemaVersion: number;
}
