import { defaultRepeatStrategy, Queue, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { digestRepeatStrategy } from '../../src/queue/digest-repeat.js';
import { openQueues, type ServiceQueues } from '../../src/queue/queues.js';
import { silentLogger } from '../../src/service/logger.js';
import { serviceMetrics } from '../../src/service/metrics.js';
import { startWorker } from '../../src/service/worker-factory.js';
import { cleanPrefix, freshPrefix, REDIS_URL, waitFor } from '../service/harness.js';

// When a digest scheduler fires on the days New York's clocks change (2027-03-14 02:00 →
// 03:00, 2027-11-07 02:00 → 01:00): as the pure strategy, through a real BullMQ queue
// (the first run, when the scheduler is made) and a real worker (each next run, made when
// a run starts). What BullMQ's own cron-parser strategy does is pinned beside it: the
// reason newsmon has its own.

const NY = { pattern: '30 2 * * *', tz: 'America/New_York' };
const FALL = { pattern: '30 1 * * *', tz: 'America/New_York' };
const at = (iso: string): number => Date.parse(iso);
const iso = (t: number | undefined): string | null => (t === undefined ? null : new Date(t).toISOString());

describe('digestRepeatStrategy', () => {
  it.each([
    { name: '02:30 on the spring-forward day is due at 03:00 EDT', opts: NY, from: '2027-03-13T12:00:00Z', ours: '2027-03-14T07:00:00.000Z', cron: '2027-03-14T07:30:00.000Z' },
    // cron-parser skips the day although its own 03:30 is still ahead: a scheduler made then loses it.
    // newsmon's 03:00 has passed, and lastDueDay (the boot and reload catch-up) counts 13 Mar as due.
    { name: 'from 03:10 EDT that day: tomorrow', opts: NY, from: '2027-03-14T07:10:00Z', ours: '2027-03-15T06:30:00.000Z', cron: '2027-03-15T06:30:00.000Z' },
    { name: '01:30 on the fall-back day: the first (EDT)', opts: FALL, from: '2027-11-06T12:00:00Z', ours: '2027-11-07T05:30:00.000Z', cron: '2027-11-07T05:30:00.000Z' },
    { name: 'after the first 01:30, the second is not a run', opts: FALL, from: '2027-11-07T05:30:00Z', ours: '2027-11-08T06:30:00.000Z', cron: '2027-11-08T06:30:00.000Z' },
    { name: 'a scheduler made between the two 01:30s: cron-parser runs the second, newsmon waits a day', opts: FALL, from: '2027-11-07T06:20:00Z', ours: '2027-11-08T06:30:00.000Z', cron: '2027-11-07T06:30:00.000Z' },
  ])('$name', ({ opts, from, ours, cron }) => {
    expect(iso(digestRepeatStrategy(at(from), opts) as number)).toBe(ours);
    expect(iso(defaultRepeatStrategy(at(from), opts))).toBe(cron);
  });

  it('counts from the start date when it is later; other patterns are cron-parser\'s', () => {
    expect(iso(digestRepeatStrategy(at('2026-12-01T00:00:00Z'), { ...NY, startDate: '2027-03-14T05:00:00Z' }) as number)).toBe('2027-03-14T07:00:00.000Z');
    const hourly = { pattern: '0 */2 * * *', tz: 'America/New_York' };
    expect(digestRepeatStrategy(at('2027-03-14T05:10:00Z'), hourly)).toBe(defaultRepeatStrategy(at('2027-03-14T05:10:00Z'), hourly));
  });
});

describe('digest schedulers in real BullMQ', () => {
  const prefix = freshPrefix();
  let conn: Redis;
  let queues: ServiceQueues;
  beforeAll(() => {
    conn = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
    queues = openQueues({ connection: conn, prefix });
  });
  afterAll(async () => {
    await queues?.close();
    conn?.disconnect();
    await cleanPrefix(prefix);
  });

  const nextOf = async (q: Queue, id: string): Promise<string | null> => iso((await q.getJobScheduler(id))?.next);

  it('the digest queue makes the first run at the gap\'s end; a plain queue at 03:30', async () => {
    const startDate = '2027-03-14T05:00:00Z'; // midnight EST: the first run is that day's
    await queues.digest.upsertJobScheduler('digest-gap', { ...NY, startDate }, { name: 'daily', data: { recipient: 'ny@example.com' } });
    expect(await nextOf(queues.digest, 'digest-gap')).toBe('2027-03-14T07:00:00.000Z');
    const delayed = (await queues.digest.getDelayed()).find((j) => j.repeatJobKey === 'digest-gap')!;
    expect(iso(delayed.timestamp + delayed.opts.delay!)).toBe('2027-03-14T07:00:00.000Z');
    const plain = new Queue('plain', { connection: conn, prefix });
    try {
      await plain.upsertJobScheduler('digest-gap', { ...NY, startDate }, { name: 'daily', data: {} });
      expect(await nextOf(plain, 'digest-gap')).toBe('2027-03-14T07:30:00.000Z');
    } finally {
      await plain.close();
    }
  });

  it('the worker makes each next run by the same rule: 13 Mar → 14 Mar 03:00 EDT; the first 01:30 → the next day', async () => {
    const seen: string[] = [];
    const worker = startWorker('digest', async (job: Job) => void seen.push(job.repeatJobKey ?? ''), {
      redisUrl: REDIS_URL, prefix, concurrency: 1, lockDurationMs: 30_000, log: silentLogger(), metrics: serviceMetrics(), redisUp: () => true,
    });
    try {
      // Runs due in 2027, run now (promoted): the worker then makes the next from when they were due.
      for (const [id, opts, startDate] of [['digest-spring', NY, '2027-03-13T05:00:00Z'], ['digest-fall', FALL, '2027-11-07T04:00:00Z']] as const) {
        await queues.digest.upsertJobScheduler(id, { ...opts, startDate }, { name: 'daily', data: {} });
        const job = (await queues.digest.getDelayed()).find((j) => j.repeatJobKey === id)!;
        await job.promote();
        await waitFor(`${id} run`, () => seen.includes(id), 10_000);
      }
      await waitFor('the next runs made', async () => (await nextOf(queues.digest, 'digest-fall')) !== '2027-11-07T05:30:00.000Z', 10_000);
      expect(await nextOf(queues.digest, 'digest-spring')).toBe('2027-03-14T07:00:00.000Z');
      expect(await nextOf(queues.digest, 'digest-fall')).toBe('2027-11-08T06:30:00.000Z');
    } finally {
      await worker.close();
    }
  });
});
