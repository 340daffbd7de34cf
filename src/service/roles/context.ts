import type { Processor } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { Role, Settings } from '../../config/settings-types.js';
import { createHttpClient } from '../../fetch/http-client.js';
import type { HttpClient } from '../../fetch/types.js';
import type { Clock, FeedConfig } from '../../model.js';
import type { QueueName } from '../../queue/jobs.js';
import type { ServiceQueues } from '../../queue/queues.js';
import { HeldValidators } from '../../ingest/held-validators.js';
import { ReaderPool, readerPoolOptions } from '../../ingest/reader-pool.js';
import { openStore, type Store } from '../../store/store.js';
import type { Lifecycle } from '../lifecycle.js';
import type { ServiceMetrics } from '../metrics.js';
import { startWorker, type RoleWorker } from '../worker-factory.js';

// What every role module gets from the composition root (service.ts), and what it hands
// back. A role pushes what it opens onto the shared lifecycle as it opens it, so a
// start-up that fails half-way closes exactly what was opened.

export interface RoleOptions {
  lockDurationMs: number;
  loadFeeds?: () => FeedConfig[];
  watchConfig: boolean;
  threads: number;
  sampleIntervalMs: number;
}

export interface ContextInput {
  settings: Readonly<Settings>;
  prefix: string;
  log: Logger;
  now: Clock;
  metrics: ServiceMetrics;
  producer: Redis;
  queues: ServiceQueues;
  life: Lifecycle;
  options: RoleOptions;
  /** Whether Redis is up (false while the connection watcher sees it down). */
  redisUp(): boolean;
}

export interface RoleContext extends ContextInput {
  /** The database, opened on first use and shared by the roles of this process. */
  store(): Store;
  /** The validators held cleared while feeds' new items are worked on: one per process, shared by the poll and store roles. */
  held(): HeldValidators;
  /** The HTTP client, made on first use and shared (its per-host politeness covers feeds and pages). */
  http(): HttpClient;
  /**
   * The reader threads (feeds, main text, analysis), started on first use and shared by
   * the poll and extract roles of this process: one pool, not one per role. Null where
   * threads cannot run (see ReaderPool.create).
   */
  readers(): ReaderPool | null;
  /** New reader threads (they load the watch-list again); the old ones finish what they hold, then stop. */
  restartReaders(): void;
  /** A BullMQ worker for `queue`, with the options every role shares. */
  worker<D, R>(queue: QueueName, role: Exclude<Role, 'api'>, processor: Processor<D, R>): RoleWorker;
}

/** A started role: its workers (stopped first, together, on shutdown), and what reloads or recovers it. */
export interface StartedRole {
  workers: RoleWorker[];
  /** SIGHUP: re-read the role's configuration; keeps the previous one on a bad file. */
  reload?(): Promise<void> | void;
  /** Redis lost its data: put back what the role keeps there. */
  recover?(): Promise<void>;
}


export function roleContext(i: ContextInput): RoleContext {
  let store: Store | null = null;
  let http: HttpClient | null = null;
  let held: HeldValidators | null = null;
  let readers: ReaderPool | null | undefined;
  const startReaders = (): ReaderPool | null => {
    const pool = ReaderPool.create(i.settings.configDir, i.options.threads, readerPoolOptions(i.settings.limits));
    i.life.push('reader threads', () => pool?.close());
    return pool;
  };
  const openOnce = (): Store => {
    if (!store) {
      const s = openStore(i.settings.dbPath);
      store = s;
      i.life.push('database', () => s.close());
    }
    return store;
  };
  return {
    ...i,
    held: () => (held ??= new HeldValidators(openOnce())),
    store: openOnce,
    http() {
      if (!http) {
        const h = createHttpClient(i.settings.http);
        http = h;
        i.life.push('http client', () => h.close());
      }
      return http;
    },
    readers: () => (readers === undefined ? (readers = startReaders()) : readers),
    restartReaders() {
      if (!readers) return;
      const old = readers;
      readers = startReaders();
      setTimeout(() => void old.close(), 30_000).unref();
    },
    worker(queue, role, processor) {
      return startWorker(queue, processor, {
        redisUrl: i.settings.redisUrl,
        prefix: i.prefix,
        concurrency: i.settings.concurrency[role],
        lockDurationMs: i.options.lockDurationMs,
        log: i.log,
        metrics: i.metrics,
        redisUp: i.redisUp,
      });
    },
  };
}
