import { ReadPool, type ReadPoolOptions } from './read-pool.js';
import { openStore, type DayCountQuery, type DayCountSeries, type Store } from './store.js';
import type { ArticleWithEvents, EntityCount, EventPage, EventPageJson, EventQuery, FeedState, StoredArticle, StoredEvent, StoreStats } from './types.js';

/**
 * The read side for a server: queries on the read pool's threads (with their time limit),
 * and the O(1) counts (stats) on a read-only connection in this thread, so /healthz never
 * waits behind a query. Where threads cannot run (the TypeScript sources under the test
 * runner) every read is on that connection.
 */
export class PooledReadStore {
  private constructor(
    private readonly store: Store,
    readonly pool: ReadPool | null,
  ) {}

  static open(path: string, opts: ReadPoolOptions = {}): PooledReadStore {
    const store = openStore(path, { readonly: true });
    try {
      // store.file: the threads read what this connection reads, a snapshot included.
      return new PooledReadStore(store, ReadPool.create(store.file, opts));
    } catch (err) {
      store.close();
      throw err;
    }
  }

  async queryEventPage(q: EventQuery): Promise<EventPage> {
    return this.pool ? this.pool.queryEventPage(q) : this.store.queryEventPage(q);
  }
  async queryEventPageJson(q: EventQuery): Promise<EventPageJson> {
    if (this.pool) return this.pool.queryEventPageJson(q);
    const page = this.store.queryEventPage(q);
    return { json: JSON.stringify(page.events), next: page.next };
  }
  async queryEvents(q: EventQuery): Promise<StoredEvent[]> {
    return (await this.queryEventPage(q)).events;
  }
  async getArticle(id: number): Promise<StoredArticle | undefined> {
    return this.pool ? this.pool.getArticle(id) : this.store.getArticle(id);
  }
  async getArticleWithEvents(id: number): Promise<ArticleWithEvents | undefined> {
    return this.pool ? this.pool.getArticleWithEvents(id) : this.store.getArticleWithEvents(id);
  }
  async getEvent(id: number): Promise<StoredEvent | undefined> {
    return this.pool ? this.pool.getEvent(id) : this.store.getEvent(id);
  }
  /** On this thread's connection, like stats(): a few rows, no query worth a thread. */
  entityCounts(entities: readonly string[]): EntityCount[] {
    return this.store.entityCounts(entities);
  }
  async listFeeds(): Promise<FeedState[]> {
    return this.pool ? this.pool.listFeeds() : this.store.listFeeds();
  }
  async countEventsByDay(q: DayCountQuery): Promise<DayCountSeries[]> {
    return this.pool ? this.pool.countEventsByDay(q) : this.store.countEventsByDay(q);
  }
  stats(): StoreStats {
    return this.store.stats();
  }
  close(): void {
    void this.pool?.close();
    this.store.close();
  }
}
