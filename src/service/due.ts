import type { FeedConfig } from '../model.js';

// "What is due" is kept in the database (feeds.next_check_at, set by every poll from the
// interval, the server's freshness headers and the failure backoff). The schedulers only
// wake the poll worker; this decides whether the wake-up becomes a fetch.

/** How early a poll may come before next_check_at and still run: timer drift and the last poll's own duration. */
export function dueTolerance(intervalMs: number): number {
  return Math.min(60_000, Math.max(1_000, intervalMs / 10));
}

/** Whether the feed's recorded next check allows a poll at `nowMs`. Cron feeds follow only the failure backoff. */
export function isDue(feed: FeedConfig, state: { nextCheckAt: string | null; failureCount: number } | undefined, nowMs: number): boolean {
  if (!state?.nextCheckAt) return true;
  if (feed.cron && state.failureCount === 0) return true;
  const at = Date.parse(state.nextCheckAt);
  return Number.isNaN(at) || at - nowMs <= dueTolerance(feed.intervalMs);
}
