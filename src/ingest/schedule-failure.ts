import type { Store } from '../store/store.js';
import type { FeedConfig } from '../model.js';

// A feed whose schedule cannot be made (a cron pattern the scheduler refuses) is a feed
// failure like a 500: recorded on the feed, shown in `feeds list`, /feeds and the digest,
// while every other feed goes on. Config validation should have caught it; this is the
// runtime's answer when it did not.

export const SCHEDULE_ERROR_KIND = 'schedule';

/** Records that the feed could not be scheduled. Its next try is the next config reload. */
export function recordScheduleFailure(store: Store, feed: FeedConfig, reason: string, now: Date): void {
  store.upsertFeed({ id: feed.id, url: feed.url, name: feed.name });
  store.recordFeedFetch(feed.id, {
    ok: false,
    at: now.toISOString(),
    error: `cannot schedule ${feed.cron !== null ? `cron ${JSON.stringify(feed.cron)}` : `every ${feed.intervalMs} ms`}: ${reason}`,
    errorKind: SCHEDULE_ERROR_KIND,
    nextCheckAt: now.toISOString(),
  });
}
