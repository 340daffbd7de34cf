import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Queue, Worker } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HttpClient } from '../../src/fetch/types.js';
import { HeldValidators } from '../../src/ingest/held-validators.js';
import { loadAnalyzer } from '../../src/ingest/load-analyzer.js';
import type { FeedConfig } from '../../src/model.js';
import { dropFinishedJob } from '../../src/queue/re-offer.js';
import { articleJobId, storeJobId } from '../../src/queue/job-ids.js';
import type { ExtractQueueData, PollJobData, PollJobResult, StoreJobResult, StoreQueueData } from '../../src/queue/jobs.js';
import { openStore, type Store } from '../../src/store/store.js';
import { extractProcessor } from '../../workers/extract.js';
import { pollProcessor } from '../../workers/poll.js';
import { storeProcessor } from '../../workers/store.js';
import { articleHtml, articleSpec, rssXml, startFixtureSite, type FixtureSite } from '../fixture-site/index.js';
import { feed, httpClient, manualClock, repoRoot } from '../ingest/helpers.js';
import { jobOf, until } from './helpers.js';

// A store job that fails all its attempts after its page was read: the database is held
// locked by another connection (a real SQLite lock, a short busy timeout), so every save is
// refused. The item must stay unseen and, once the database is back, the next poll of the
// unchanged feed (which would answer 304 to its ETag) must offer it again and store it
// once: the held validators are cleared and the finished article job is removed, so the
// re-offer is not dropped as a repeat (real Redis under a prefix of its own).

const REDIS = { host: '127.0.0.1', port: 6379, maxRetriesPerRequest: null };
const STORE_ATTEMPTS = 2;

describe('a store job that fails for good is offered again by the next poll', () => {
  const prefix = `t${randomBytes(5).toString('hex')}`;
  const dbPath = join(mkdtempSync(join(tmpdir(), 'newsmon-giveup-')), 'newsmon.db');
  let site: FixtureSite;
  let store: Store;
  let http: HttpClient;
  let extractQ: Queue<ExtractQueueData>;
  let storeQ: Queue<StoreQueueData>;
  const workers: Worker[] = [];
  const stored: StoreJobResult[] = [];
  const storeFailures: string[] = [];
  let pageHits = 0;
  const clock = manualClock('2026-03-01T00:00:00Z');
  let poll: () => Promise<PollJobResult>;
  let startStoring: () => void;

  beforeAll(async () => {
    site = await startFixtureSite({ seed: 12, log: true });
    const spec = articleSpec(3);
    site.setRoute('/news/locked', (_req, res) => {
      pageHits++;
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(articleHtml(spec, { url: `${site.url}/news/locked` }));
    });
    site.setFeed('/feeds/locked.xml', rssXml({ title: 'Locked', link: site.url, items: [{ title: spec.title, link: `${site.url}/news/locked`, guid: 'locked-1', published: spec.published }] }));
    store = openStore(dbPath, { busyTimeoutMs: 50 });
    http = httpClient();
    const connection = REDIS;
    extractQ = new Queue('extract', { connection, prefix, defaultJobOptions: { attempts: 2, backoff: { type: 'fixed', delay: 20 }, removeOnComplete: { age: 3_600 } } });
    storeQ = new Queue('store', { connection, prefix, defaultJobOptions: { attempts: STORE_ATTEMPTS, backoff: { type: 'fixed', delay: 20 }, removeOnFail: { age: 86_400 } } });
    const held = new HeldValidators(store);
    const analyzer = loadAnalyzer(join(repoRoot, 'config'));
    const storeWorker = new Worker('store', storeProcessor({
      store, now: clock.now, held,
      onResult: (_n, _d, r) => void stored.push(r),
      forgetArticleJob: async (id) => void (await dropFinishedJob(extractQ, id)),
    }), { connection, prefix, autorun: false });
    storeWorker.on('failed', (_job, err) => void storeFailures.push(err.message));
    startStoring = () => void storeWorker.run();
    workers.push(new Worker('extract', extractProcessor({ http, analyzer: () => analyzer, now: clock.now, store: storeQ }), { connection, prefix }), storeWorker);
    const feeds = new Map<string, FeedConfig>([['locked', feed('locked', `${site.url}/feeds/locked.xml`, { intervalMs: 60_000 })]]);
    const processor = pollProcessor({ store, http, now: clock.now, maxBackoffMs: 3_600_000, feeds: () => feeds, extract: extractQ, held });
    poll = async () => {
      clock.advance(3_600_000); // due again
      return processor(jobOf<PollJobData>('poll', { feedId: 'locked' })) as Promise<PollJobResult>;
    };
  });
  afterAll(async () => {
    await Promise.all(workers.map((w) => w.close()));
    for (const q of [extractQ, storeQ]) {
      await q?.obliterate({ force: true });
      await q?.close();
    }
    http?.close();
    store?.close();
    await site?.close();
  });

  it('stays unseen while the database refuses, then the unchanged feed offers it again and it is stored once', async () => {
    // The poll records the feed's ETag: without the fix, the next poll would be a 304
    // that offers nothing. Then the database is locked before the store role starts.
    expect(await poll()).toMatchObject({ status: 'polled', newItems: 1 });
    const [first] = await extractQ.getJobs(['waiting', 'active', 'delayed', 'completed']);
    const id = first?.id as string;
    expect(id).toBe(articleJobId((first?.data as { canonicalUrl: string }).canonicalUrl));
    const other = new Database(dbPath);
    other.exec('BEGIN IMMEDIATE'); // holds the write lock: every save is refused
    startStoring();
    await until('the store job failed for good', async () => (await storeQ.getJobState(storeJobId(id))) === 'failed');
    expect(storeFailures).toHaveLength(STORE_ATTEMPTS);
    expect(storeFailures[0]).toMatch(/lock|busy/i);
    await until('the finished article job was removed', async () => (await extractQ.getJobState(id)) === 'unknown');
    other.exec('ROLLBACK');
    other.close();
    expect(store.seenItemIds('locked', ['locked-1']).size).toBe(0);
    expect(store.getFeed('locked')).toMatchObject({ etag: null, lastModified: null });
    expect(pageHits).toBe(1);

    site.resetLog();
    expect(await poll()).toMatchObject({ status: 'polled', newItems: 1 });
    expect(site.requests.find((r) => r.path === '/feeds/locked.xml')?.headers['if-none-match']).toBeUndefined();
    await until('the article was stored', () => stored.some((r) => r.status === 'inserted'));
    expect(pageHits).toBe(2);
    expect(store.seenItemIds('locked', ['locked-1']).size).toBe(1);

    // Done: the ETag is back and the next poll offers nothing; stored exactly once.
    site.resetLog();
    expect(await poll()).toMatchObject({ status: 'not-modified', newItems: 0 });
    expect(stored.filter((r) => r.status === 'inserted')).toHaveLength(1);
  }, 90_000);
});
