import { parseFeedBytes } from '../feed/parse-feed.js';
import type { FeedItem } from '../model.js';
import { zonelessDateZone } from '../time/zoneless.js';
import type { Store } from '../store/store.js';
import { canonicalizeUrl } from './canonical-url.js';
import { nextPollAt, type Jitter } from './feed-due.js';
import { feedFailure } from './outcome.js';
import { fragmentText, isFullText } from './full-text.js';
import type { FeedParser } from './reader-pool.js';
import type { ArticleJob, PollOutcome, StageDeps } from './types.js';
import type { FeedConfig } from '../model.js';

export interface PollDeps extends StageDeps {
  store: Store;
  maxBackoffMs: number;
  /** Where the feed is parsed (a reader thread with a deadline); this thread if absent. */
  parser?: FeedParser | null;
  /** Spreads next checks (settings poll.jitter); none when absent. */
  jitter?: Jitter;
  /**
   * Send no ETag / Last-Modified. A poll re-run after a crash, or after Redis lost its
   * queues, must see the items again even if the feed is unchanged since the run that
   * recorded its validators and then lost the article jobs.
   */
  unconditional?: boolean;
}

const FEED_ACCEPT = 'application/rss+xml, application/atom+xml, application/rdf+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5';

/** The article job for one item, or null for an item with nothing to fetch. */
export function itemToJob(feed: FeedConfig, item: FeedItem, feedUrl: string, zone = feed.timezone ?? 'UTC'): ArticleJob | null {
  const canonical = item.link ? canonicalizeUrl(item.link, feedUrl) : null;
  if (!canonical || !item.link) return null;
  const body = item.content ?? item.summary;
  // A content rule describes the site's pages: under 'auto' the page is fetched for it.
  const carriesFullText = feed.fullText === 'never' || (feed.fullText === 'auto' && !feed.siteRules?.content && isFullText(body));
  return {
    feedId: feed.id,
    itemId: item.id,
    url: new URL(item.link, feedUrl).href,
    canonicalUrl: canonical,
    title: item.title,
    published: item.published ?? item.updated,
    author: item.author,
    feedContent: carriesFullText ? body : null,
    summary: item.summary ? fragmentText(item.summary) : null,
    timezone: zone,
    ...(feed.siteRules ? { siteRules: feed.siteRules } : {}),
  };
}

/**
 * The poll stage: conditional GET of one feed, parse, and the items not seen before as
 * article jobs (oldest first). The feed's state (validators, errors, next try) is
 * recorded either way; a failure is a value in the outcome, never a throw.
 */
export async function pollFeed(feed: FeedConfig, deps: PollDeps): Promise<PollOutcome> {
  const { http, store, now } = deps;
  store.upsertFeed({ id: feed.id, url: feed.url, name: feed.name });
  const state = store.getFeed(feed.id);
  const started = now();
  try {
    const res = await http.fetch({
      url: feed.url,
      etag: deps.unconditional ? null : (state?.etag ?? null),
      lastModified: deps.unconditional ? null : (state?.lastModified ?? null),
      accept: FEED_ACCEPT,
      ...(feed.maxBytes !== null ? { maxBytes: feed.maxBytes } : {}),
    });
    const polled = { now: now(), failureCount: 0, maxBackoffMs: deps.maxBackoffMs, headers: res.headers };
    if (res.status === 'not-modified') {
      // A 304 carries no body, hence no <ttl> (and the store keeps none): headers and interval decide.
      const next = nextPollAt(feed, polled, deps.jitter).toISOString();
      store.recordFeedFetch(feed.id, { ok: true, at: started.toISOString(), etag: state?.etag ?? null, lastModified: state?.lastModified ?? null, nextCheckAt: next, notModified: true });
      return { feedId: feed.id, ok: true, notModified: true, newItems: [], error: null, nextCheckAt: next };
    }
    const parseOpts = { url: res.url, contentType: res.contentType, timezone: feed.timezone };
    const parsed = deps.parser ? await deps.parser.parseFeed(res.body, parseOpts) : parseFeedBytes(res.body, parseOpts);
    // The zone of the feed's zoneless dates, which its pages' dates share.
    const zone = zonelessDateZone(feed.timezone, parsed.language);
    const next = nextPollAt(feed, { ...polled, ttlMinutes: parsed.ttlMinutes ?? null }, deps.jitter).toISOString();
    const jobs = dedupeJobs(parsed.items.map((item) => itemToJob(feed, item, res.url, zone)).filter((j): j is ArticleJob => j !== null));
    const seen = store.seenItemIds(feed.id, jobs.map((j) => j.itemId));
    const fresh: ArticleJob[] = [];
    const alreadyStored: Array<{ id: string; url: string }> = [];
    for (const job of jobs) {
      if (seen.has(job.itemId)) continue;
      // Another feed (or an earlier item id) already brought this story: remember the item, fetch nothing.
      if (store.findArticleIdByCanonicalUrl(job.canonicalUrl) !== undefined) alreadyStored.push({ id: job.itemId, url: job.url });
      else fresh.push(job);
    }
    if (alreadyStored.length) store.markItemsSeen(feed.id, alreadyStored, started.toISOString());
    store.recordFeedFetch(feed.id, { ok: true, at: started.toISOString(), etag: res.etag, lastModified: res.lastModified, nextCheckAt: next, notModified: false });
    if (parsed.title?.trim()) store.setFeedTitle(feed.id, parsed.title);
    fresh.sort((a, b) => (a.published ?? '').localeCompare(b.published ?? ''));
    return { feedId: feed.id, ok: true, notModified: false, newItems: fresh, error: null, nextCheckAt: next };
  } catch (err) {
    const error = feedFailure(err);
    const failures = (state?.failureCount ?? 0) + 1;
    const next = nextPollAt(
      feed,
      { now: now(), failureCount: failures, maxBackoffMs: deps.maxBackoffMs, ...(error.retryAfterMs !== undefined ? { retryAfterMs: error.retryAfterMs } : {}) },
      deps.jitter,
    ).toISOString();
    store.recordFeedFetch(feed.id, { ok: false, at: started.toISOString(), error: error.message, errorKind: error.kind, nextCheckAt: next });
    return { feedId: feed.id, ok: false, notModified: false, newItems: [], error: { kind: error.kind, message: error.message }, nextCheckAt: next };
  }
}

/** A feed that lists the same story twice (two ids, one URL) yields one job. */
function dedupeJobs(jobs: ArticleJob[]): ArticleJob[] {
  const byUrl = new Map<string, ArticleJob>();
  for (const job of jobs) if (!byUrl.has(job.canonicalUrl)) byUrl.set(job.canonicalUrl, job);
  return [...byUrl.values()];
}
