import type { DayCountQuery, DayCountSeries } from '../store/day-counts.js';
import type { ArticleWithEvents, EntityCount, EventPage, EventPageJson, EventQuery, FeedState, StoredEvent } from '../store/types.js';

// What the API needs of the store: the real Store (src/store/store.ts) has more, and
// is passed as is. Methods may be sync (better-sqlite3) or async.

type MaybePromise<T> = T | Promise<T>;

export interface ApiStore {
  /** A page of events and where the next starts; see Store.queryEventPage. */
  queryEventPage(q: EventQuery): MaybePromise<EventPage>;
  /** The same page with its events as JSON text, when the store can serialize off this thread. */
  queryEventPageJson?(q: EventQuery): MaybePromise<EventPageJson>;
  listFeeds(): MaybePromise<FeedState[]>;
  /** An article with its events, for GET /articles/:id. */
  getArticleWithEvents(id: number): MaybePromise<ArticleWithEvents | null | undefined>;
  getEvent(id: number): MaybePromise<StoredEvent | null | undefined>;
  /** Events per entity, in the order asked; must be cheap (a row and a seek each). */
  entityCounts(entities: readonly string[]): MaybePromise<EntityCount[]>;
  /** Events per day per entity or tag (/stats); see Store.countEventsByDay. */
  countEventsByDay(q: DayCountQuery): MaybePromise<DayCountSeries[]>;
  getArticle(id: number): MaybePromise<object | null | undefined>;
  /** Must be cheap (O(1)): /healthz and /metrics call it on every request. */
  stats(): MaybePromise<object>;
  close(): void;
}
