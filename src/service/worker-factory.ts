import { hostname } from 'node:os';
import { MetricsTime, Worker, type Job, type Processor } from 'bullmq';
import type { Logger } from 'pino';
import { queueSettings } from '../queue/digest-repeat.js';
import type { QueueName } from '../queue/jobs.js';
import type { ServiceMetrics } from './metrics.js';
import { serviceRedis } from './redis.js';

// One BullMQ worker per role, with the options every role shares: its own connection
// (BullMQ adds a blocking one), stall detection, cross-process metrics in Redis, and
// job events turned into log lines with job and feed ids.

export interface WorkerSetup {
  redisUrl: string;
  prefix: string;
  concurrency: number;
  /** A job whose worker stops renewing its lock for this long is taken as stalled and run again. */
  lockDurationMs: number;
  log: Logger;
  metrics: ServiceMetrics;
  /** Whether Redis is up: connection errors are logged once by the watcher, not by every worker. */
  redisUp: () => boolean;
}

export interface RoleWorker {
  queue: QueueName;
  worker: Worker;
  close(force?: boolean): Promise<void>;
}

function feedOf(job: Job | undefined): string | undefined {
  const d = job?.data as { feedId?: unknown; input?: { feedId?: unknown } } | undefined;
  const id = d?.feedId ?? d?.input?.feedId;
  return typeof id === 'string' ? id : undefined;
}

export function startWorker<D, R>(queue: QueueName, processor: Processor<D, R>, s: WorkerSetup): RoleWorker {
  const connection = serviceRedis(s.redisUrl, `newsmon-${queue}`);
  const settings = queueSettings(queue);
  const worker = new Worker<D, R>(queue, processor, {
    connection,
    prefix: s.prefix,
    concurrency: s.concurrency,
    name: `${hostname()}-${process.pid}`,
    lockDuration: s.lockDurationMs,
    stalledInterval: Math.max(1_000, Math.floor(s.lockDurationMs / 2)),
    maxStalledCount: 2,
    metrics: { maxDataPoints: MetricsTime.ONE_WEEK },
    ...(settings ? { settings } : {}),
  });
  const log = s.log.child({ queue });
  worker.on('completed', (job, result) => {
    s.metrics.jobsProcessed.inc({ queue, outcome: 'completed' });
    if (log.isLevelEnabled('debug')) log.debug({ jobId: job.id, feedId: feedOf(job), result }, 'job completed');
  });
  worker.on('failed', (job, err) => {
    const final = !job || err.name === 'UnrecoverableError' || job.attemptsMade >= (job.opts.attempts ?? 1);
    s.metrics.jobsProcessed.inc({ queue, outcome: final ? 'failed' : 'retried' });
    log.warn(
      { jobId: job?.id, feedId: feedOf(job), attempt: job?.attemptsMade, final, err: err.message },
      final ? 'job failed (kept in the failed list)' : 'job failed, will retry with backoff',
    );
  });
  worker.on('stalled', (jobId) => log.warn({ jobId }, 'job stalled (its worker stopped); it runs again'));
  let lastError = 0;
  worker.on('error', (err) => {
    // While Redis is down every worker would report the same refused connection.
    if (!s.redisUp()) return;
    const t = Date.now();
    if (t - lastError < 10_000) return;
    lastError = t;
    log.error({ err: err.message }, 'worker error');
  });
  return {
    queue,
    worker: worker as unknown as Worker,
    async close(force = false) {
      await worker.close(force);
      connection.disconnect();
    },
  };
}
