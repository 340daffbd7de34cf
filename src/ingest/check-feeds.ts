import { parseFeedBytes } from '../feed/parse-feed.js';
import type { HttpClient } from '../fetch/types.js';
import type { FeedConfig } from '../model.js';
import { feedFailure } from './outcome.js';
import { TaskPool } from './task-pool.js';
import { redactUrl } from '../text/redact-url.js';

export interface FeedCheck {
  id: string;
  url: string;
  ok: boolean;
  /** The URL after redirects. */
  finalUrl: string | null;
  statusCode: number | null;
  elapsedMs: number | null;
  bytes: number | null;
  title: string | null;
  items: number | null;
  newest: string | null;
  error: { kind: string; message: string } | null;
}

/**
 * Fetch and parse each feed now, unconditionally, and say what came back. A dry run:
 * nothing is stored and no feed state changes, so it is safe beside a running service.
 */
export async function checkFeeds(feeds: FeedConfig[], http: HttpClient, concurrency = 8): Promise<FeedCheck[]> {
  const results: FeedCheck[] = new Array(feeds.length);
  const pool = new TaskPool(concurrency);
  feeds.forEach((feed, i) => {
    pool.push(async () => {
      results[i] = await checkOne(feed, http);
    });
  });
  await pool.drain();
  return results;
}

async function checkOne(feed: FeedConfig, http: HttpClient): Promise<FeedCheck> {
  const base: FeedCheck = {
    id: feed.id, url: redactUrl(feed.url), ok: false, finalUrl: null, statusCode: null, elapsedMs: null, bytes: null,
    title: null, items: null, newest: null, error: null,
  };
  try {
    const res = await http.fetch({ url: feed.url, ...(feed.maxBytes !== null ? { maxBytes: feed.maxBytes } : {}) });
    if (res.status !== 'ok') return { ...base, error: { kind: 'internal', message: 'unexpected 304 without validators' } };
    const fetched = { ...base, finalUrl: redactUrl(res.url), statusCode: res.statusCode, elapsedMs: Math.round(res.elapsedMs), bytes: res.body.length };
    try {
      const parsed = parseFeedBytes(res.body, { url: res.url, contentType: res.contentType, timezone: feed.timezone });
      const dates = parsed.items.map((it) => it.published ?? it.updated).filter((d): d is string => d !== null).sort();
      return { ...fetched, ok: true, title: parsed.title, items: parsed.items.length, newest: dates.at(-1) ?? null };
    } catch (err) {
      const { kind, message } = feedFailure(err);
      return { ...fetched, error: { kind, message } };
    }
  } catch (err) {
    const { kind, message } = feedFailure(err);
    return { ...base, error: { kind, message } };
  }
}
