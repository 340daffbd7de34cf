import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import type { DayCountQuery, DayCountSeries } from './day-counts.js';
import type { ArticleWithEvents, EventPage, EventPageJson, EventQuery, FeedState, StoredArticle, StoredEvent } from './types.js';

// Reads off the event loop: a few worker threads, each with its own read-only connection,
// so a slow query delays only itself and the API keeps answering. Each query has a time
// limit counted from when it was asked (waiting included); past it the caller gets a
// QueryTimeoutError and, if the query had started, its thread is ended and replaced —
// better-sqlite3 has no interrupt, and a thread is the unit that can be stopped.

export type ReadRequest =
  | { op: 'events'; query: EventQuery }
  /** The page's events already as JSON text: serialized on the thread, sent on as is. */
  | { op: 'eventsJson'; query: EventQuery }
  | { op: 'article'; id: number }
  | { op: 'articleWithEvents'; id: number }
  | { op: 'event'; id: number }
  | { op: 'feeds' }
  | { op: 'dayCounts'; query: DayCountQuery }
  /** Any read-only statement: the connection cannot write. For tools and tests of the limit. */
  | { op: 'sql'; sql: string; params: unknown[] };

export type ReadMessage = { id: number; req: ReadRequest };
export type ReadReply = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: string; name: string; code?: string };

/** A query that ran past its time limit; the API answers 503. */
export class QueryTimeoutError extends Error {
  constructor(readonly limitMs: number) {
    super(`the query took longer than ${limitMs} ms`);
    this.name = 'QueryTimeoutError';
  }
}

interface Job {
  id: number;
  req: ReadRequest;
  resolve: (v: unknown) => void;
  reject: (e: Error) => void;
  limitMs: number;
  timer: NodeJS.Timeout;
  thread?: Thread;
}

interface Thread {
  worker: Worker;
  job: Job | null;
}

export interface ReadPoolOptions {
  /** Threads (connections). */
  size?: number;
  /** Per-query limit in ms, waiting for a thread included. */
  timeoutMs?: number;
}

export class ReadPool {
  private readonly threads: Thread[] = [];
  private readonly queue: Job[] = [];
  private nextId = 1;
  private closed = false;
  readonly timeoutMs: number;

  private constructor(
    private readonly dbPath: string,
    private readonly script: URL,
    opts: ReadPoolOptions,
  ) {
    this.timeoutMs = opts.timeoutMs ?? 2000;
    for (let i = 0; i < Math.max(1, opts.size ?? 2); i++) this.threads.push(this.spawn());
  }

  /** A pool over the database file, or null where threads cannot run (from the TypeScript sources, as under the test runner). */
  static create(dbPath: string, opts: ReadPoolOptions = {}): ReadPool | null {
    const script = new URL('./read-thread.js', import.meta.url);
    return existsSync(script) ? new ReadPool(dbPath, script, opts) : null;
  }

  queryEventPage(query: EventQuery): Promise<EventPage> {
    return this.run({ op: 'events', query }) as Promise<EventPage>;
  }
  queryEventPageJson(query: EventQuery): Promise<EventPageJson> {
    return this.run({ op: 'eventsJson', query }) as Promise<EventPageJson>;
  }
  getArticle(id: number): Promise<StoredArticle | undefined> {
    return this.run({ op: 'article', id }) as Promise<StoredArticle | undefined>;
  }
  listFeeds(): Promise<FeedState[]> {
    return this.run({ op: 'feeds' }) as Promise<FeedState[]>;
  }
  getArticleWithEvents(id: number): Promise<ArticleWithEvents | undefined> {
    return this.run({ op: 'articleWithEvents', id }) as Promise<ArticleWithEvents | undefined>;
  }
  getEvent(id: number): Promise<StoredEvent | undefined> {
    return this.run({ op: 'event', id }) as Promise<StoredEvent | undefined>;
  }
  countEventsByDay(query: DayCountQuery): Promise<DayCountSeries[]> {
    return this.run({ op: 'dayCounts', query }) as Promise<DayCountSeries[]>;
  }

  /** Runs one read; `timeoutMs` overrides the pool's limit for this one. */
  run(req: ReadRequest, timeoutMs = this.timeoutMs): Promise<unknown> {
    if (this.closed) return Promise.reject(new Error('read pool is closed'));
    return new Promise((resolve, reject) => {
      const job: Job = { id: this.nextId++, req, resolve, reject, limitMs: timeoutMs, timer: setTimeout(() => this.expire(job), timeoutMs) };
      this.queue.push(job);
      this.pump();
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const job of this.queue.splice(0)) this.fail(job, new Error('read pool closed'));
    await Promise.all(
      this.threads.map(async (t) => {
        if (t.job) this.fail(t.job, new Error('read pool closed'));
        await t.worker.terminate();
      }),
    );
  }

  private spawn(): Thread {
    const worker = new Worker(this.script, { workerData: { dbPath: this.dbPath } });
    const thread: Thread = { worker, job: null };
    worker.on('message', (reply: ReadReply) => this.settle(thread, reply));
    worker.on('error', (err) => this.replace(thread, err));
    worker.on('exit', () => {
      if (!this.closed && this.threads.includes(thread)) this.replace(thread, new Error('read thread exited'));
    });
    worker.unref();
    return thread;
  }

  private pump(): void {
    for (const thread of this.threads) {
      if (thread.job || this.queue.length === 0) continue;
      const job = this.queue.shift() as Job;
      thread.job = job;
      job.thread = thread;
      thread.worker.ref();
      const msg: ReadMessage = { id: job.id, req: job.req };
      thread.worker.postMessage(msg);
    }
  }

  private settle(thread: Thread, reply: ReadReply): void {
    const job = thread.job;
    if (!job || job.id !== reply.id) return;
    thread.job = null;
    thread.worker.unref();
    clearTimeout(job.timer);
    if (reply.ok) job.resolve(reply.value);
    else job.reject(Object.assign(new Error(reply.error), { name: reply.name, ...(reply.code ? { code: reply.code } : {}) }));
    this.pump();
  }

  private fail(job: Job, err: Error): void {
    clearTimeout(job.timer);
    job.reject(err);
  }

  /** Past its limit: a waiting query leaves the queue; a running one takes its thread down with it. */
  private expire(job: Job): void {
    const i = this.queue.indexOf(job);
    if (i >= 0) this.queue.splice(i, 1);
    else if (job.thread && job.thread.job === job) this.replace(job.thread, null);
    job.reject(new QueryTimeoutError(job.limitMs));
  }

  /** Ends a thread (stuck, or dead) and starts a fresh one in its place. */
  private replace(thread: Thread, err: Error | null): void {
    const i = this.threads.indexOf(thread);
    if (i < 0 || this.closed) return;
    const job = thread.job;
    thread.job = null;
    if (job && err) this.fail(job, err);
    this.threads[i] = this.spawn();
    void thread.worker.terminate();
    this.pump();
  }
}
