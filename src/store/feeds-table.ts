import type Database from 'better-sqlite3';
import type { FeedFetchOutcome, FeedRef, FeedState, SeenItem } from './types.js';

// The feeds table (poll state per feed) and feed_items (which items each feed has shown).

interface FeedRow {
  id: string;
  url: string;
  name: string | null;
  etag: string | null;
  last_modified: string | null;
  last_checked_at: string | null;
  last_success_at: string | null;
  last_error: string | null;
  last_error_kind: string | null;
  failure_count: number;
  failing_since: string | null;
  next_check_at: string | null;
  items_seen: number;
  articles_stored: number;
}

const SELECT_FEED = `SELECT f.*,
  (SELECT count(*) FROM feed_items i WHERE i.feed_id = f.id) AS items_seen,
  (SELECT count(*) FROM articles a WHERE a.feed_id = f.id) AS articles_stored
FROM feeds f`;

function toState(r: FeedRow): FeedState {
  return {
    id: r.id,
    url: r.url,
    name: r.name,
    etag: r.etag,
    lastModified: r.last_modified,
    lastCheckedAt: r.last_checked_at,
    lastSuccessAt: r.last_success_at,
    lastError: r.last_error,
    lastErrorKind: r.last_error_kind,
    failureCount: r.failure_count,
    nextCheckAt: r.next_check_at,
    failingSince: r.failing_since,
    itemsSeen: r.items_seen,
    articlesStored: r.articles_stored,
  };
}

export class FeedsTable {
  private readonly upsert: Database.Statement;
  private readonly remove: Database.Statement;
  private readonly removeItems: Database.Statement;
  private readonly get: Database.Statement<[string], FeedRow>;
  private readonly all: Database.Statement<[], FeedRow>;
  private readonly due: Database.Statement<[string], FeedRow>;
  private readonly success: Database.Statement;
  private readonly failure: Database.Statement;
  private readonly validators: Database.Statement;
  private readonly seen: Database.Statement<[string, string], { item_id: string }>;
  private readonly markSeen: Database.Statement;
  private readonly markAll: Database.Transaction<(feedId: string, items: SeenItem[], at: string) => number>;

  constructor(private readonly db: Database.Database) {
    // A changed URL drops the validators: they belonged to the old address.
    this.upsert = db.prepare(`INSERT INTO feeds (id, url, name) VALUES (@id, @url, @name)
      ON CONFLICT (id) DO UPDATE SET
        etag = CASE WHEN url = excluded.url THEN etag END,
        last_modified = CASE WHEN url = excluded.url THEN last_modified END,
        url = excluded.url, name = excluded.name
      WHERE url IS NOT excluded.url OR name IS NOT excluded.name`);
    this.remove = db.prepare('DELETE FROM feeds WHERE id = ?');
    this.removeItems = db.prepare('DELETE FROM feed_items WHERE feed_id = ?');
    this.get = db.prepare(`${SELECT_FEED} WHERE f.id = ?`);
    this.all = db.prepare(`${SELECT_FEED} ORDER BY f.id`);
    this.due = db.prepare(`${SELECT_FEED} WHERE f.next_check_at IS NULL OR f.next_check_at <= ? ORDER BY f.next_check_at`);
    // On a 304 the server may omit the validators; the ones we sent still hold.
    this.success = db.prepare(`UPDATE feeds SET
        etag = CASE WHEN @notModified THEN coalesce(@etag, etag) ELSE @etag END,
        last_modified = CASE WHEN @notModified THEN coalesce(@lastModified, last_modified) ELSE @lastModified END,
        last_checked_at = @at, last_success_at = @at,
        last_error = NULL, last_error_kind = NULL, failure_count = 0, failing_since = NULL,
        next_check_at = @nextCheckAt
      WHERE id = @id`);
    this.failure = db.prepare(`UPDATE feeds SET
        last_checked_at = @at, last_error = @error, last_error_kind = @errorKind,
        failure_count = failure_count + 1, failing_since = coalesce(failing_since, @at),
        next_check_at = @nextCheckAt
      WHERE id = @id`);
    this.validators = db.prepare('UPDATE feeds SET etag = ?, last_modified = ? WHERE id = ?');
    this.seen = db.prepare('SELECT item_id FROM feed_items WHERE feed_id = ? AND item_id IN (SELECT value FROM json_each(?))');
    this.markSeen = db.prepare('INSERT OR IGNORE INTO feed_items (feed_id, item_id, url, first_seen_at) VALUES (?, ?, ?, ?)');
    this.markAll = db.transaction((feedId: string, items: SeenItem[], at: string): number => {
      let n = 0;
      for (const item of items) n += this.markSeen.run(feedId, item.id, item.url, at).changes;
      return n;
    });
  }

  upsertFeed(feed: FeedRef): void {
    this.upsert.run({ id: feed.id, url: feed.url, name: feed.name });
  }

  /** Forgets a feed's poll state and seen items; its articles stay. True if it existed. */
  removeFeed(id: string): boolean {
    return this.db.transaction(() => {
      this.removeItems.run(id);
      return this.remove.run(id).changes > 0;
    }).immediate();
  }

  getFeed(id: string): FeedState | undefined {
    const row = this.get.get(id);
    return row ? toState(row) : undefined;
  }

  listFeeds(): FeedState[] {
    return this.all.all().map(toState);
  }

  /** Feeds never checked or whose next check is at or before `now` (ISO 8601), soonest first. */
  listDueFeeds(now: string): FeedState[] {
    return this.due.all(now).map(toState);
  }

  /**
   * Records one poll. A success clears the error and the failure count; a failure keeps the
   * validators, counts one more consecutive failure and remembers when the run began.
   * Throws for a feed never upserted: that is a caller's bug, not a feed's failure.
   */
  recordFeedFetch(id: string, outcome: FeedFetchOutcome): FeedState {
    const changes = outcome.ok
      ? this.success.run({ id, at: outcome.at, etag: outcome.etag, lastModified: outcome.lastModified, notModified: outcome.notModified ? 1 : 0, nextCheckAt: outcome.nextCheckAt }).changes
      : this.failure.run({ id, at: outcome.at, error: outcome.error, errorKind: outcome.errorKind, nextCheckAt: outcome.nextCheckAt }).changes;
    if (changes === 0) throw new Error(`recordFeedFetch: no feed "${id}" (upsertFeed it first)`);
    return this.getFeed(id) as FeedState;
  }

  /** Sets (or with nulls, forgets) the validators the next conditional GET sends. */
  setValidators(id: string, etag: string | null, lastModified: string | null): void {
    this.validators.run(etag, lastModified, id);
  }

  /** Which of these item ids the feed has shown before: one query for the whole batch. */
  seenItemIds(feedId: string, ids: string[]): Set<string> {
    if (!ids.length) return new Set();
    return new Set(this.seen.all(feedId, JSON.stringify(ids)).map((r) => r.item_id));
  }

  /** Remembers items as seen (idempotent). Returns how many were new. */
  markItemsSeen(feedId: string, items: SeenItem[], at: string): number {
    return items.length ? this.markAll.immediate(feedId, items, at) : 0;
  }
}
