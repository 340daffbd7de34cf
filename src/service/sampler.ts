import type { Logger } from 'pino';
import { failingFeeds } from '../ingest/feed-health.js';
import type { Store } from '../store/store.js';
import { ALL_QUEUES } from '../queue/jobs.js';
import type { ServiceMetrics } from './metrics.js';
import type { ServiceQueues } from '../queue/queues.js';

// Refreshes the gauges that live in Redis and SQLite (queue depth, totals, workers,
// failing feeds) every few seconds, so /metrics answers from memory without awaiting.

export const QUEUE_STATES = ['waiting', 'active', 'delayed', 'prioritized', 'failed', 'completed', 'waiting-children'] as const;

export interface Sampler {
  sample(): Promise<void>;
  stop(): void;
}

export function startSampler(o: { queues: ServiceQueues; metrics: ServiceMetrics; store: Store | null; log: Logger; intervalMs?: number; isUp: () => boolean }): Sampler {
  let running = false;
  const sample = async (): Promise<void> => {
    if (running || !o.isUp()) return;
    running = true;
    try {
      for (const name of ALL_QUEUES) {
        const q = o.queues.byName(name);
        const counts = await q.getJobCounts(...QUEUE_STATES);
        for (const state of QUEUE_STATES) o.metrics.queueJobs.set({ queue: name, state }, counts[state] ?? 0);
        const [done, failed, workers] = await Promise.all([q.getMetrics('completed', 0, 0), q.getMetrics('failed', 0, 0), q.getWorkersCount()]);
        o.metrics.jobsCompleted.setTotal({ queue: name }, done.meta.count);
        o.metrics.jobsFailed.setTotal({ queue: name }, failed.meta.count);
        o.metrics.workers.set({ queue: name }, workers);
      }
      if (o.store) o.metrics.feedsFailing.set({}, failingFeeds(o.store.listFeeds()).length);
    } catch (err) {
      o.log.debug({ err }, 'metrics sample failed');
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void sample(), o.intervalMs ?? 5_000);
  timer.unref();
  void sample();
  return { sample, stop: () => clearInterval(timer) };
}
