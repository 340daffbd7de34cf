import type { EventQuery, FeedState, StoredEvent } from '../store/types.js';

// What the API needs of the store: the real Store (src/store/store.ts) has more, and
// is passed as is. Methods may be sync (better-sqlite3) or async.

type MaybePromise<T> = T | Promise<T>;

export interface ApiStore {
  queryEvents(q: EventQuery): MaybePromise<StoredEvent[]>;
  listFeeds(): MaybePromise<FeedState[]>;
  getArticle(id: number): MaybePromise<object | null | undefined>;
  stats(): MaybePromise<object>;
  close(): void;
}
