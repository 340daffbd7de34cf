import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSettings } from '../../src/config/settings.js';
import { articleJobId } from '../../src/queue/job-ids.js';
import { silentLogger } from '../../src/service/logger.js';
import { startService } from '../../src/service/service.js';
import { startFixtureSite, type FixtureSite } from '../fixture-site/index.js';
import { cleanPrefix, freshPrefix, makeConfig, REDIS_URL, waitFor } from './harness.js';

// Shutdown with a job that will not finish in time (a page that never answers): the
// service stops anyway, and the job goes back to the queue untouched — not failed, not
// lost — for the next worker.

describe('graceful shutdown past the deadline', () => {
  let site: FixtureSite;
  const prefix = freshPrefix();

  beforeAll(async () => {
    site = await startFixtureSite({ log: false });
  });
  afterAll(async () => {
    await site?.close();
    await cleanPrefix(prefix);
  });

  it('hands a running job back to the waiting list and closes', async () => {
    const cfg = makeConfig([], { http: { timeout: '60s' } });
    const settings = loadSettings({ configDir: cfg.configDir, dbPath: cfg.dbPath, redisUrl: REDIS_URL }, {});
    const service = await startService({ settings, roles: ['extract'], prefix, log: silentLogger(), shutdownTimeoutMs: 300 });
    const url = `${site.url}/stall`;
    const id = articleJobId(url);
    await service.queues.extract.add(
      'extract',
      { feedId: 'f', itemId: 'i', url, canonicalUrl: url, title: null, published: null, author: null, feedContent: null, summary: null },
      { jobId: id },
    );
    await waitFor('the job to be running', async () => (await service.queues.extract.getJobState(id)) === 'active', 10_000);
    await Promise.all([service.close(), service.close()]);
    // The service's queues are closed with it; read the job through a fresh one.
    const conn = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
    const q = new Queue('extract', { connection: conn, prefix });
    try {
      const job = await q.getJob(id);
      expect(await q.getJobState(id)).toBe('waiting');
      expect(job?.attemptsMade).toBe(0);
      expect(job?.failedReason ?? '').toBe('');
    } finally {
      await q.close();
      conn.disconnect();
    }
  });
});
