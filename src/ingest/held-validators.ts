import type { Store } from '../store/store.js';

// A feed's new items are only in the body of a full fetch: once its validators are
// stored, the next poll gets a 304 and shows none of them. So while a pass is still
// working on a feed's new items, the validators are held back (the stored ones cleared),
// and written again only when every item was stored or known bad. A pass killed half-way,
// or an item that failed for a reason a retry can fix (timeout, 5xx, database full or
// locked), leaves them cleared: the next pass fetches the feed in full and retries
// exactly the items not yet seen.

interface Held {
  etag: string | null;
  lastModified: string | null;
  pending: number;
  retry: boolean;
}

export class HeldValidators {
  private readonly held = new Map<string, Held>();

  constructor(private readonly store: Store) {}

  /** The feed was just polled with `items` new items: clear its stored validators until they are done. */
  hold(feedId: string, items: number): void {
    if (items === 0) return;
    const state = this.store.getFeed(feedId);
    this.held.set(feedId, { etag: state?.etag ?? null, lastModified: state?.lastModified ?? null, pending: items, retry: false });
    this.write(feedId, null, null);
  }

  /** One of the feed's items failed for a reason a retry can fix: keep the validators cleared. */
  retryLater(feedId: string): void {
    const h = this.held.get(feedId);
    if (h) h.retry = true;
  }

  /** One of the feed's items is done (stored, duplicate, or failed); the last one restores the validators if none needs a retry. */
  done(feedId: string): void {
    const h = this.held.get(feedId);
    if (!h || --h.pending > 0) return;
    this.held.delete(feedId);
    if (!h.retry) this.write(feedId, h.etag, h.lastModified);
  }

  private write(feedId: string, etag: string | null, lastModified: string | null): void {
    try {
      this.store.setFeedValidators(feedId, etag, lastModified);
    } catch {
      // The database is failing (full, locked); the pass reports that. Cleared or not,
      // the worst case is one conditional GET that could have been a full one, or the
      // reverse until the feed next changes.
    }
  }
}
