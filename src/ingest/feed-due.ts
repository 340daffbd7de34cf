import { nextCheckAt } from '../fetch/freshness.js';
import type { FeedConfig } from '../model.js';
import type { FeedState } from '../store/types.js';

// When a feed is due, for both drivers. "What is due" is kept in the database
// (feeds.next_check_at), set by every poll from the interval, what the server and the
// feed say about freshness (Cache-Control, Expires, <ttl>), Retry-After and the failure
// backoff. The service's schedulers only wake the poll worker and `ingest --once` runs
// when it is run; both ask `isDue` whether the wake-up becomes a fetch.

/** How early a poll may come before next_check_at and still run: timer drift and the last poll's own duration. */
export function dueTolerance(intervalMs: number): number {
  return Math.min(60_000, Math.max(1_000, intervalMs / 10));
}

/** Whether the feed's recorded next check allows a poll at `nowMs`. Cron feeds follow only the failure backoff. */
export function isDue(feed: Pick<FeedConfig, 'cron' | 'intervalMs'>, state: Pick<FeedState, 'nextCheckAt' | 'failureCount'> | undefined, nowMs: number): boolean {
  if (!state?.nextCheckAt) return true;
  if (feed.cron && state.failureCount === 0) return true;
  const at = Date.parse(state.nextCheckAt);
  return Number.isNaN(at) || at - nowMs <= dueTolerance(feed.intervalMs);
}

/** How the next check is spread: up to `jitterMs` (settings poll.jitter), drawn with `random` (0 ≤ r < 1). */
export interface Jitter {
  jitterMs: number;
  random: () => number;
}

export interface PollResultFacts {
  now: Date;
  /** Consecutive failures including this poll; 0 on success. */
  failureCount: number;
  maxBackoffMs: number;
  headers?: Record<string, string>;
  ttlMinutes?: number | null;
  retryAfterMs?: number;
}

/**
 * The feed's next check after a poll. The jitter spreads feeds that fell due together,
 * but never past half the slack `isDue` allows, so a scheduled poll is never skipped
 * because of it.
 */
export function nextPollAt(feed: Pick<FeedConfig, 'intervalMs'>, facts: PollResultFacts, jitter?: Jitter): Date {
  const span = jitter ? Math.min(Math.max(0, jitter.jitterMs), dueTolerance(feed.intervalMs) / 2) : 0;
  return nextCheckAt({
    now: facts.now,
    intervalMs: feed.intervalMs,
    failureCount: facts.failureCount,
    maxBackoffMs: facts.maxBackoffMs,
    ...(facts.headers ? { headers: facts.headers } : {}),
    ...(facts.ttlMinutes != null ? { ttlMinutes: facts.ttlMinutes } : {}),
    ...(facts.retryAfterMs !== undefined ? { retryAfterMs: facts.retryAfterMs } : {}),
    ...(span > 0 && jitter ? { jitter: Math.floor(jitter.random() * span) } : {}),
  });
}
