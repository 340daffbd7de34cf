import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { loadAnalyzer, type Analyzer } from '../analyze/analyzer.js';
import { buildApi } from '../api/build-api.js';
import { FEEDS_FILE, loadFeeds } from '../config/feeds.js';
import type { Role, Settings } from '../config/settings-types.js';
import { createMailTransport } from '../digest/mail-transport.js';
import { openSentLog } from '../digest/sent-log.js';
import { createHttpClient } from '../fetch/http-client.js';
import type { HttpClient } from '../fetch/types.js';
import { ReaderPool } from '../ingest/reader-pool.js';
import { StoreBatcher } from '../ingest/store-batcher.js';
import type { FeedConfig } from '../ingest/types.js';
import type { Clock } from '../model.js';
import { openStore, type Store } from '../store/store.js';
import { digestProcessor } from '../../workers/digest.js';
import { extractProcessor } from '../../workers/extract.js';
import { pollProcessor } from '../../workers/poll.js';
import { storeProcessor } from '../../workers/store.js';
import { watchConfigFiles, type ConfigWatch } from './config-watch.js';
import { FeedRegistry } from './feed-registry.js';
import { observedHttp } from './http-wrappers.js';
import { JOB_NAMES, type StoreAnalysisData } from './jobs.js';
import { createLogger } from './logger.js';
import { serviceMetrics, type ServiceMetrics } from './metrics.js';
import { DEFAULT_PREFIX, openQueues, type JobDefaults, type ServiceQueues } from './queues.js';
import { probeRedis, redactRedisUrl, serviceRedis } from './redis.js';
import { watchRedis, type RedisWatch } from './redis-watch.js';
import { recordReanalysis } from './reextract.js';
import { startSampler, type Sampler } from './sampler.js';
import { syncDigestScheduler } from './scheduler-sync.js';
import { withDeadline } from './shutdown.js';
import { startWorker, type RoleWorker, type WorkerSetup } from './worker-factory.js';

// The composition root of `newsmon run`: builds every client (Redis, SQLite, HTTP, SMTP)
// from the one frozen Settings object, starts the workers of the chosen roles, and owns
// the order they stop in.

export const ALL_ROLES: readonly Role[] = ['poll', 'extract', 'store', 'digest', 'api'];

export interface ServiceOptions {
  settings: Readonly<Settings>;
  roles?: readonly Role[];
  /** Redis key prefix of the queues (tests use a fresh one each). */
  prefix?: string;
  log?: Logger;
  now?: Clock;
  /** Stall detection: a job whose worker went silent this long runs again. Default 30 s. */
  lockDurationMs?: number;
  /** How long running jobs get to finish on shutdown before they are handed back. Default 10 s. */
  shutdownTimeoutMs?: number;
  jobDefaults?: Partial<JobDefaults>;
  /** Reload feeds when feeds.yaml changes (default true; SIGHUP reloads either way). */
  watchConfig?: boolean;
  loadFeeds?: () => FeedConfig[];
  sampleIntervalMs?: number;
  /**
   * Reader threads that parse feeds (poll role) and read articles (extract role), each
   * document under a deadline, off the event loop. Default 1: each thread holds its own
   * watch-list and tagger (~30 MB), and the service scales out with more processes instead.
   */
  threads?: number;
}

export interface Service {
  roles: readonly Role[];
  prefix: string;
  queues: ServiceQueues;
  metrics: ServiceMetrics;
  /** http://host:port when the api role listens. */
  apiUrl: string | null;
  health(): Record<string, unknown>;
  /** Re-reads feeds.yaml (poll role) and the watch-list (extract role). */
  reload(): Promise<void>;
  /** Stops taking jobs, lets running ones finish (or hands them back), closes everything. Safe to call twice. */
  close(): Promise<void>;
}

export async function startService(o: ServiceOptions): Promise<Service> {
  const settings = o.settings;
  const roles = o.roles?.length ? [...new Set(o.roles)] : [...ALL_ROLES];
  const has = (r: Role) => roles.includes(r);
  const prefix = o.prefix ?? DEFAULT_PREFIX;
  const log = o.log ?? createLogger(settings.log.level);
  const now = o.now ?? (() => new Date());
  const lockDurationMs = o.lockDurationMs ?? 30_000;
  const shutdownTimeoutMs = o.shutdownTimeoutMs ?? 10_000;
  const metrics = serviceMetrics();

  const redisInfo = await probeRedis(settings.redisUrl);
  log.info({ redis: redactRedisUrl(settings.redisUrl), version: redisInfo.version, roles, prefix }, 'starting newsmon service');

  // Everything opened so far, closed in reverse if start-up fails half-way.
  const undo: Array<() => unknown> = [];
  const fail = async (err: unknown): Promise<never> => {
    for (const u of undo.reverse()) await Promise.resolve().then(u).catch(() => {});
    throw err;
  };

  let producer: Redis;
  let queues: ServiceQueues;
  let redisWatch: RedisWatch;
  let store: Store | null = null;
  let http: HttpClient | null = null;
  let analyzer: Analyzer | null = null;
  let readers: ReaderPool | null = null;
  const threads = o.threads ?? 1;
  let registry: FeedRegistry | null = null;
  let configWatch: ConfigWatch | null = null;
  let sampler: Sampler | null = null;
  let apiUrl: string | null = null;
  const workers: RoleWorker[] = [];
  let reloading: Promise<void> = Promise.resolve();

  try {
    producer = serviceRedis(settings.redisUrl, 'newsmon-producer');
    undo.push(async () => {
      if ((await withDeadline(producer.quit(), 1_000)) !== 'done') producer.disconnect();
    });
    queues = openQueues({ connection: producer, prefix, ...(o.jobDefaults ? { jobDefaults: o.jobDefaults } : {}) });
    undo.push(() => queues.close());

    if (has('poll') || has('store') || has('digest') || has('api')) {
      store = openStore(settings.dbPath);
      const s = store;
      undo.push(() => s.close());
    }
    if (has('poll') || has('extract')) {
      http = createHttpClient(settings.http);
      const h = http;
      undo.push(() => h.close());
    }
    if (has('extract')) analyzer = loadAnalyzer(settings.configDir);
    if (has('extract') || has('poll')) {
      // Feeds and articles are parsed on reader threads, each document under a deadline.
      readers = ReaderPool.create(settings.configDir, threads);
      undo.push(() => readers?.close());
    }

    const setup = (role: Exclude<Role, 'api'>): WorkerSetup => ({
      redisUrl: settings.redisUrl,
      prefix,
      concurrency: settings.concurrency[role],
      lockDurationMs,
      log,
      metrics,
      redisUp: () => redisWatch?.isUp() ?? true,
    });

    if (has('poll')) {
      const load = o.loadFeeds ?? (() => loadFeeds(settings.configDir, { defaultIntervalMs: settings.poll.defaultIntervalMs }));
      registry = new FeedRegistry({ load, queue: queues.poll, store: store!, jitterMs: settings.poll.jitterMs, now, log });
      const feeds = registry.load();
      if (feeds.filter((f) => f.enabled).length === 0) log.warn('no enabled feeds: add one with "newsmon feeds add URL"; feeds.yaml is watched');
      const reg = registry;
      const feedHttp = observedHttp(http!, (outcome, seconds) => metrics.fetchSeconds.observe({ target: 'feed', outcome }, seconds));
      workers.push(
        startWorker(
          'poll',
          pollProcessor({ store: store!, http: feedHttp, now, maxBackoffMs: settings.poll.maxBackoffMs, feeds: () => reg.map(), articles: queues.article, parser: () => readers }),
          setup('poll'),
        ),
      );
      workers[workers.length - 1]!.worker.on('completed', (_job, r: { status: string; feedId: string; newItems: number; error?: string }) => {
        metrics.polls.inc({ status: r.status });
        if (r.status === 'polled' || r.status === 'failed') log.info({ queue: 'poll', feedId: r.feedId, status: r.status, newItems: r.newItems, error: r.error }, 'feed polled');
      });
      await registry.sync('boot');
      metrics.feedsScheduled.set({}, [...reg.map().values()].filter((f) => f.enabled).length);
    }
    if (has('extract')) {
      const pageHttp = observedHttp(http!, (outcome, seconds) => metrics.fetchSeconds.observe({ target: 'page', outcome }, seconds));
      workers.push(
        startWorker('article', extractProcessor({ http: pageHttp, analyzer: () => analyzer!, reader: () => readers, now, store: queues.store }), setup('extract')),
      );
    }
    if (has('store')) {
      const st = store!;
      // Store jobs in flight at once are written in one commit (each article its own savepoint).
      const batcher = new StoreBatcher(st, Math.max(1, settings.concurrency.store), 10);
      workers.push(
        startWorker(
          'store',
          storeProcessor({
            store: st,
            now,
            save: (input) => batcher.save(input),
            onResult: async (name, data, r) => {
              if (r.status === 'inserted') {
                metrics.articlesStored.inc();
                metrics.eventsStored.inc({}, r.events ?? 0);
              } else if (r.status === 'duplicate') metrics.duplicates.inc();
              else if (r.status === 'replaced') metrics.eventsStored.inc({}, r.events ?? 0);
              if (name === JOB_NAMES.analysis) {
                await recordReanalysis(producer, prefix, (data as StoreAnalysisData).runId, r.events ?? 0, r.status === 'missing');
              }
            },
          }),
          setup('store'),
        ),
      );
    }
    if (has('digest')) {
      const sentLog = openSentLog(settings.dbPath);
      undo.push(() => sentLog.close());
      let transport: ReturnType<typeof createMailTransport> | null = null;
      undo.push(() => transport?.close());
      const getTransport = () => {
        if (!settings.smtpUrl) throw new Error('no SMTP server configured: set SMTP_URL or smtp_url in config/newsmon.yaml');
        return (transport ??= createMailTransport(settings.smtpUrl));
      };
      workers.push(startWorker('digest', digestProcessor({ store: store!, transport: getTransport, sentLog, settings, now }), setup('digest')));
      await syncDigest(queues, settings, log);
    }

    redisWatch = await watchRedis(producer, {
      log,
      epochKey: `${prefix}:newsmon:epoch`,
      onStateChange: (up) => metrics.redisUp.set({}, up ? 1 : 0),
      onDataLost: async () => {
        if (registry) await registry.sync('recovery');
        if (has('digest')) await syncDigest(queues, settings, log);
      },
    });
    metrics.redisUp.set({}, 1);
    undo.push(() => redisWatch.close());

    sampler = startSampler({ queues, metrics, store, log, intervalMs: o.sampleIntervalMs ?? 5_000, isUp: () => redisWatch.isUp() });
    const smp = sampler;
    undo.push(() => smp.stop());

    if (has('api')) {
      const app = buildApi({
        store: store!,
        metrics: () => metrics.registry.render(),
        health: () => healthFacts(),
        now,
      });
      try {
        apiUrl = await app.listen({ host: settings.api.host, port: settings.api.port });
      } catch (err) {
        await app.close();
        throw new Error(`cannot listen on ${settings.api.host}:${settings.api.port}: ${(err as Error).message}`);
      }
      undo.push(() => app.close());
      log.info({ url: apiUrl }, 'HTTP API listening');
    }
  } catch (err) {
    for (const w of workers) undo.push(() => w.close(true));
    return fail(err);
  }

  function healthFacts(): Record<string, unknown> {
    const up = redisWatch.isUp();
    return {
      status: up ? 'ok' : 'error',
      redis: up ? 'ok' : 'down',
      roles,
      workers: Object.fromEntries(workers.map((w) => [w.queue, w.worker.isRunning() ? 'running' : 'stopped'])),
    };
  }

  const reloadFeeds = async (): Promise<void> => {
    if (!registry) return;
    try {
      registry.load();
      await registry.sync('reload');
      metrics.feedsScheduled.set({}, [...registry.map().values()].filter((f) => f.enabled).length);
    } catch (err) {
      log.error({ err: (err as Error).message }, 'feeds not reloaded; the previous feeds stay in effect');
    }
  };
  const reloadAnalyzer = (): void => {
    if (!analyzer && !readers) return;
    try {
      if (analyzer) analyzer = loadAnalyzer(settings.configDir);
      if (readers) {
        // New threads read the new watch-list; the old ones finish what they hold first.
        const old = readers;
        readers = ReaderPool.create(settings.configDir, threads);
        setTimeout(() => void old.close(), 30_000).unref();
        undo.push(() => old.close());
      }
      log.info('watch-list reloaded');
    } catch (err) {
      log.error({ err: (err as Error).message }, 'watch-list not reloaded; the previous one stays in effect');
    }
  };
  // Reloads run one after another, never two at once.
  const reload = (): Promise<void> => {
    reloading = reloading.then(async () => {
      await reloadFeeds();
      reloadAnalyzer();
    });
    return reloading;
  };

  if (registry && o.watchConfig !== false) {
    configWatch = watchConfigFiles(settings.configDir, [FEEDS_FILE], () => {
      log.info({ file: FEEDS_FILE }, 'feeds file changed; reloading');
      reloading = reloading.then(reloadFeeds);
    });
  }

  let closing: Promise<void> | null = null;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      const started = Date.now();
      log.info({ timeoutMs: shutdownTimeoutMs }, 'shutting down: no new jobs; running jobs may finish');
      configWatch?.close();
      sampler?.stop();
      await withDeadline(reloading, 2_000);
      // 1. Workers stop taking jobs; running ones get until the deadline, then are handed back.
      const closingWorkers = Promise.all(workers.map((w) => w.close()));
      if ((await withDeadline(closingWorkers, shutdownTimeoutMs)) === 'timeout') {
        log.warn('jobs still running at the deadline: handing them back to the queue');
        for (const w of workers) w.worker.cancelAllJobs('shutdown');
        if ((await withDeadline(closingWorkers, 3_000)) === 'timeout') log.warn('some jobs did not stop; their locks expire and another worker runs them');
      }
      // 2. Then, in reverse order of opening: the API, the sampler, the mail transport,
      // the HTTP client, the database, the queues and the Redis connection.
      for (const u of undo.splice(0).reverse()) await withDeadline(Promise.resolve().then(u), 3_000);
      log.info({ ms: Date.now() - started }, 'stopped');
    })();
    return closing;
  };

  return { roles, prefix, queues, metrics, apiUrl, health: healthFacts, reload, close };
}

async function syncDigest(queues: ServiceQueues, settings: Readonly<Settings>, log: Logger): Promise<void> {
  const enabled = Boolean(settings.smtpUrl) && settings.digest.to.length > 0;
  await syncDigestScheduler(queues.digest, settings.digest, enabled);
  if (enabled) log.info({ at: settings.digest.time, timezone: settings.digest.timezone, to: settings.digest.to.length }, 'daily digest scheduled');
  else log.info('daily digest not scheduled: needs SMTP_URL (or smtp_url) and digest.to in config/newsmon.yaml');
}
