import { Queue, type DefaultJobOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import { queueSettings } from './digest-repeat.js';
import type {
  ExtractQueueData,
  DigestJobData,
  PollJobData,
  QueueName,
  StoreQueueData,
} from './jobs.js';

// The four queues and the options every job gets. Retention is bounded by count and
// age: completed jobs are dropped soon (the database is the record), failed ones are kept
// for inspection (`newsmon status`, or any BullMQ UI) for days.

export const DEFAULT_PREFIX = 'newsmon';

const HOUR = 3_600;
const DAY = 24 * HOUR;

export type JobDefaults = Record<QueueName, DefaultJobOptions>;

export const JOB_DEFAULTS: JobDefaults = {
  // pollFeed records failures as values; a throw here is Redis or SQLite trouble.
  poll: {
    attempts: 3,
    backoff: { type: 'exponential', delay: 5_000 },
    removeOnComplete: { count: 1_000, age: DAY },
    removeOnFail: { count: 1_000, age: 7 * DAY },
  },
  // A page that fails for a reason a retry can fix gets 4 tries over ~3.5 minutes; then
  // it stays unseen and its feed's validators cleared, and the next poll removes the
  // failed job and offers the item again (workers/poll.ts, src/queue/re-offer.ts).
  extract: {
    attempts: 4,
    backoff: { type: 'exponential', delay: 30_000 },
    removeOnComplete: { count: 1_000, age: HOUR },
    removeOnFail: { count: 5_000, age: DAY },
  },
  // Store jobs carry article text: do not keep them once written.
  store: {
    attempts: 5,
    backoff: { type: 'exponential', delay: 1_000 },
    removeOnComplete: true,
    removeOnFail: { count: 5_000, age: 7 * DAY },
  },
  digest: {
    attempts: 3,
    backoff: { type: 'exponential', delay: 60_000 },
    removeOnComplete: { count: 60 },
    removeOnFail: { count: 60 },
  },
};

export interface ServiceQueues {
  poll: Queue<PollJobData>;
  extract: Queue<ExtractQueueData>;
  store: Queue<StoreQueueData>;
  digest: Queue<DigestJobData>;
  byName(name: QueueName): Queue;
  close(): Promise<void>;
}

export interface QueueSetup {
  connection: Redis;
  prefix: string;
  jobDefaults?: Partial<JobDefaults>;
}

export function openQueues(o: QueueSetup): ServiceQueues {
  const make = <T>(name: QueueName) => {
    const settings = queueSettings(name);
    return new Queue<T>(name, {
      connection: o.connection,
      prefix: o.prefix,
      defaultJobOptions: { ...JOB_DEFAULTS[name], ...o.jobDefaults?.[name] },
      ...(settings ? { settings } : {}),
    });
  };
  const queues = {
    poll: make<PollJobData>('poll'),
    extract: make<ExtractQueueData>('extract'),
    store: make<StoreQueueData>('store'),
    digest: make<DigestJobData>('digest'),
  };
  for (const q of Object.values(queues)) q.on('error', () => {}); // connection state is logged by the service
  return {
    ...queues,
    byName: (name) => queues[name] as Queue,
    close: async () => {
      await Promise.allSettled(Object.values(queues).map((q) => q.close()));
    },
  };
}
