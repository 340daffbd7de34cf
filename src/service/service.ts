import type { Logger } from 'pino';
import type { Role, Settings } from '../config/settings-types.js';
import type { Clock, FeedConfig } from '../model.js';
import { DEFAULT_PREFIX, openQueues, type JobDefaults, type ServiceQueues } from '../queue/queues.js';
import { Lifecycle } from './lifecycle.js';
import { createLogger } from './logger.js';
import { serviceMetrics, type ServiceMetrics } from './metrics.js';
import { probeRedis, redactRedisUrl, serviceRedis } from './redis.js';
import { watchRedis, type RedisWatch } from './redis-watch.js';
import { startApiRole } from './roles/api.js';
import { roleContext, type RoleContext, type StartedRole } from './roles/context.js';
import { startDigestRole } from './roles/digest.js';
import { startExtractRole } from './roles/extract.js';
import { startPollRole } from './roles/poll.js';
import { startStoreRole } from './roles/store.js';
import { startSampler } from './sampler.js';
import { once, withDeadline } from './shutdown.js';
import type { RoleWorker } from './worker-factory.js';

// The composition root of `newsmon run`: builds the shared clients from the one frozen
// Settings object, starts one module per chosen role (src/service/roles/), and owns the
// order they stop in: first every worker (running jobs get until the deadline, then are
// handed back), then everything else in reverse order of opening (lifecycle.ts).

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
   * Threads for main text and analysis in the extract role. Default 1 (none: the main
   * thread does it): each thread holds its own watch-list and tagger (~30 MB), and the
   * service scales out with more extract processes instead.
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
  /** Re-reads feeds.yaml (poll role) and the watch-list (extract and digest roles). */
  reload(): Promise<void>;
  /** Stops taking jobs, lets running ones finish (or hands them back), closes everything. Safe to call twice. */
  close(): Promise<void>;
}

const STARTERS: Record<Exclude<Role, 'api'>, (ctx: RoleContext) => StartedRole | Promise<StartedRole>> = {
  poll: startPollRole,
  extract: startExtractRole,
  store: startStoreRole,
  digest: startDigestRole,
};

export async function startService(o: ServiceOptions): Promise<Service> {
  const settings = o.settings;
  const roles = o.roles?.length ? [...new Set(o.roles)] : [...ALL_ROLES];
  const prefix = o.prefix ?? DEFAULT_PREFIX;
  const log = o.log ?? createLogger(settings.log.level);
  const metrics = serviceMetrics();

  const redisInfo = await probeRedis(settings.redisUrl);
  log.info({ redis: redactRedisUrl(settings.redisUrl), version: redisInfo.version, roles, prefix }, 'starting newsmon service');

  const life = new Lifecycle({ onStepTrouble: (name, outcome) => log.warn({ step: name, outcome }, 'shutdown step did not finish cleanly') });
  const producer = serviceRedis(settings.redisUrl, 'newsmon-producer');
  life.push('redis connection', async () => {
    if ((await withDeadline(producer.quit(), 1_000)) !== 'done') producer.disconnect();
  });
  const queues = openQueues({ connection: producer, prefix, ...(o.jobDefaults ? { jobDefaults: o.jobDefaults } : {}) });
  life.push('queues', () => queues.close());

  const redis: { watch: RedisWatch | null } = { watch: null };
  const ctx = roleContext({
    settings, prefix, log, now: o.now ?? (() => new Date()), metrics, producer, queues, life,
    options: { lockDurationMs: o.lockDurationMs ?? 30_000, watchConfig: o.watchConfig !== false, threads: o.threads ?? 1, sampleIntervalMs: o.sampleIntervalMs ?? 5_000, ...(o.loadFeeds ? { loadFeeds: o.loadFeeds } : {}) },
    redisUp: () => redis.watch?.isUp() ?? true,
  });
  const started: StartedRole[] = [];
  const workers = (): RoleWorker[] => started.flatMap((r) => r.workers);
  const health = (): Record<string, unknown> => {
    const up = redis.watch?.isUp() ?? false;
    return {
      status: up ? 'ok' : 'error',
      redis: up ? 'ok' : 'down',
      roles,
      workers: Object.fromEntries(workers().map((w) => [w.queue, w.worker.isRunning() ? 'running' : 'stopped'])),
    };
  };

  let apiUrl: string | null = null;
  try {
    for (const role of ALL_ROLES) if (role !== 'api' && roles.includes(role)) started.push(await STARTERS[role](ctx));
    redis.watch = await watchService(ctx, started, roles);
    if (roles.includes('api')) apiUrl = await startApiRole(ctx, health);
  } catch (err) {
    await Promise.allSettled(workers().map((w) => w.close(true)));
    await life.close();
    throw err;
  }

  // Reloads run one after another, never two at once.
  let reloading: Promise<void> = Promise.resolve();
  const reload = (): Promise<void> => {
    reloading = reloading.then(async () => {
      for (const r of started) await r.reload?.();
    });
    return reloading;
  };
  const close = once(async () => {
    const t0 = Date.now();
    const shutdownTimeoutMs = o.shutdownTimeoutMs ?? 10_000;
    log.info({ timeoutMs: shutdownTimeoutMs }, 'shutting down: no new jobs; running jobs may finish');
    await withDeadline(reloading, 2_000);
    await stopWorkers(workers(), shutdownTimeoutMs, log);
    await life.close();
    log.info({ ms: Date.now() - t0 }, 'stopped');
  });
  return { roles, prefix, queues, metrics, apiUrl, health, reload, close };
}

/** Watches the Redis connection (roles put back what they keep there when it comes back empty) and samples the gauges. */
async function watchService(ctx: RoleContext, started: readonly StartedRole[], roles: readonly Role[]): Promise<RedisWatch> {
  const { metrics, log, life, queues } = ctx;
  const watch = await watchRedis(ctx.producer, {
    log,
    epochKey: `${ctx.prefix}:newsmon:epoch`,
    onStateChange: (up) => metrics.redisUp.set({}, up ? 1 : 0),
    onDataLost: async () => {
      for (const r of started) await r.recover?.();
    },
  });
  metrics.redisUp.set({}, 1);
  life.push('redis watch', () => watch.close());
  const store = roles.some((r) => r !== 'extract') ? ctx.store() : null;
  const sampler = startSampler({ queues, metrics, store, log, intervalMs: ctx.options.sampleIntervalMs, isUp: () => watch.isUp() });
  life.push('sampler', () => sampler.stop());
  return watch;
}

/** Workers stop taking jobs; running ones get until the deadline, then are handed back to the queue. */
async function stopWorkers(workers: RoleWorker[], timeoutMs: number, log: Logger): Promise<void> {
  const closing = Promise.all(workers.map((w) => w.close()));
  if ((await withDeadline(closing, timeoutMs)) !== 'timeout') return;
  log.warn('jobs still running at the deadline: handing them back to the queue');
  for (const w of workers) w.worker.cancelAllJobs('shutdown');
  if ((await withDeadline(closing, 3_000)) === 'timeout') log.warn('some jobs did not stop; their locks expire and another worker runs them');
}
