import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalizeUrl } from '../../src/ingest/canonical-url.js';
import { loadSettings } from '../../src/config/settings.js';
import { articleJobId, digestSchedulerId } from '../../src/queue/job-ids.js';
import { silentLogger } from '../../src/service/logger.js';
import { startService, type Service } from '../../src/service/service.js';
import { openStore, type Store } from '../../src/store/store.js';
import { startSmtpSink, type SmtpSink } from '../digest/smtp-sink.js';
import { rssXml, startFixtureSite, type FixtureSite } from '../fixture-site/index.js';
import { cleanPrefix, freshPrefix, makeConfig, REDIS_URL, waitFor } from './harness.js';

// What the workers do with trouble, and the digest role: a page that cannot be fetched
// for good fails at once and its item is remembered as seen; one that may come back is
// retried with backoff and stays unseen; a failing feed is recorded and skipped until due;
// the digest is scheduled at its local time and mailed once per day.

describe('workers and failures', () => {
  let site: FixtureSite;
  let service: Service;
  let store: Store;
  const prefix = freshPrefix();

  beforeAll(async () => {
    site = await startFixtureSite({ seed: 3 }); // with its request log: the backoff test counts requests
    const items = [
      { title: 'good', link: `${site.url}/articles/jobs-good.html`, published: '2025-01-01T00:00:00Z' },
      { title: 'gone', link: `${site.url}/status/404`, published: '2025-01-02T00:00:00Z' },
      { title: 'flaky', link: `${site.url}/status/500`, published: '2025-01-03T00:00:00Z' },
    ];
    site.setFeed('/feeds/jobs.xml', rssXml({ title: 'Jobs', link: site.url, items }));
    const cfg = makeConfig([
      { id: 'jobs', url: `${site.url}/feeds/jobs.xml`, interval: '1h' },
      { id: 'broken', url: `${site.url}/status/503`, interval: '1s' },
    ]);
    const settings = loadSettings({ configDir: cfg.configDir, dbPath: cfg.dbPath, redisUrl: REDIS_URL }, {});
    service = await startService({
      settings,
      roles: ['poll', 'extract', 'store'],
      prefix,
      log: silentLogger(),
      jobDefaults: { extract: { attempts: 2, backoff: { type: 'exponential', delay: 100 } } },
    });
    store = openStore(cfg.dbPath, { readonly: true });
  });

  afterAll(async () => {
    await service?.close();
    store?.close();
    await site?.close();
    await cleanPrefix(prefix);
  });

  it('a 404 page fails at once (no retry) and its item is marked seen', async () => {
    const id = articleJobId(canonicalizeUrl(`${site.url}/status/404`)!);
    await waitFor('the 404 job to fail', async () => (await service.queues.extract.getJobState(id)) === 'failed', 15_000);
    const job = await service.queues.extract.getJob(id);
    expect(job?.attemptsMade).toBe(1);
    expect(job?.failedReason).toMatch(/not-found/);
    await waitFor('the item marked seen', () => store.seenItemIds('jobs', [`${site.url}/status/404`]).size === 1, 10_000);
  });

  it('a 500 page is retried with backoff, then kept failed with its error, and its item stays unseen', async () => {
    const id = articleJobId(canonicalizeUrl(`${site.url}/status/500`)!);
    await waitFor('the 500 job to fail for good', async () => (await service.queues.extract.getJobState(id)) === 'failed', 15_000);
    const job = await service.queues.extract.getJob(id);
    expect(job?.attemptsMade).toBe(2);
    expect(job?.failedReason).toMatch(/http-server-error/);
    expect(store.seenItemIds('jobs', [`${site.url}/status/500`]).size).toBe(0);
  });

  it('the good article is stored beside them', async () => {
    await waitFor('the good article', () => store.stats().articles === 1, 15_000);
  });

  it('a failing feed is recorded, and polls before its backoff ends skip it', async () => {
    const state = await waitFor('the broken feed to be recorded', () => store.getFeed('broken'), 10_000);
    expect(state.failureCount).toBeGreaterThanOrEqual(1);
    expect(state.lastErrorKind).toBe('http-server-error');
    // The feed is scheduled every second but its backoff (and Retry-After 90 s) is longer.
    const before = site.requests.filter((r) => r.path === '/status/503').length;
    const skipped = service.metrics.polls.get({ status: 'skipped-not-due' });
    await waitFor('two more scheduled polls to be skipped', () => service.metrics.polls.get({ status: 'skipped-not-due' }) >= skipped + 2, 15_000);
    expect(site.requests.filter((r) => r.path === '/status/503').length).toBe(before);
  });
});

describe('digest role', () => {
  let smtp: SmtpSink;
  let service: Service;
  const prefix = freshPrefix();

  beforeAll(async () => {
    smtp = await startSmtpSink();
    const cfg = makeConfig([], { digest: { to: 'analyst@example.com', time: '06:30', timezone: 'Asia/Shanghai' } });
    const settings = loadSettings({ configDir: cfg.configDir, dbPath: cfg.dbPath, redisUrl: REDIS_URL, smtpUrl: smtp.url }, {});
    service = await startService({ settings, roles: ['digest'], prefix, log: silentLogger() });
  });

  afterAll(async () => {
    await service?.close();
    await smtp?.close();
    await cleanPrefix(prefix);
  });

  it('schedules the digest daily at the local time', async () => {
    const [s] = await service.queues.digest.getJobSchedulers();
    expect(s).toMatchObject({ key: digestSchedulerId('analyst@example.com'), pattern: '30 6 * * *', tz: 'Asia/Shanghai' });
  });

  it('mails a day once, however often its job runs', async () => {
    const a = await service.queues.digest.add('daily', { date: '2025-03-01' });
    await waitFor('the digest job', async () => (await a.getState()) === 'completed', 15_000);
    const b = await service.queues.digest.add('daily', { date: '2025-03-01' });
    await waitFor('the repeat', async () => (await b.getState()) === 'completed', 15_000);
    // The boot's catch-up mails the last due day too; 1 March goes out once.
    const march1 = smtp.mails.filter((m) => m.raw.includes('X-Newsmon-Digest-Date: 2025-03-01'));
    expect(march1.length).toBe(1);
    expect(march1[0]!.to).toEqual(['analyst@example.com']);
    expect((await service.queues.digest.getJob(b.id!))?.returnvalue).toMatchObject({ results: [{ status: 'already-sent', date: '2025-03-01' }] });
  });
});
