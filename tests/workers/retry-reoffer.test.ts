import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { Queue, Worker, type Job } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HttpClient } from '../../src/fetch/types.js';
import { HeldValidators } from '../../src/ingest/held-validators.js';
import { loadAnalyzer } from '../../src/ingest/load-analyzer.js';
import type { FeedConfig } from '../../src/model.js';
import { articleJobId } from '../../src/queue/job-ids.js';
import type { ExtractQueueData, PollJobData, PollJobResult, StoreJobResult, StoreQueueData } from '../../src/queue/jobs.js';
import type { Store } from '../../src/store/store.js';
import { extractProcessor } from '../../workers/extract.js';
import { pollProcessor } from '../../workers/poll.js';
import { storeProcessor } from '../../workers/store.js';
import { articleHtml, articleSpec, rssXml, startFixtureSite, type FixtureSite } from '../fixture-site/index.js';
import { feed, httpClient, manualClock, repoRoot, tempStore } from '../ingest/helpers.js';
import { jobOf, until } from './helpers.js';

// At-least-once under BullMQ, with real Redis (a prefix of its own), a real SQLite file
// and a loopback site: an article page answers 500 to its first tries, so the extract job
// fails for good with a kind a retry can fix. The feed answers 304 to its stored ETag, so
// only the held-cleared validators (the rule `ingest --once` follows) and the removal of
// the failed job let the next poll offer the article again; it ends stored exactly once.

const REDIS = { host: '127.0.0.1', port: 6379, maxRetriesPerRequest: null };
const ATTEMPTS = 2;

describe('an article job that fails for good for a retryable reason is offered again by the next poll', () => {
  const prefix = `t${randomBytes(5).toString('hex')}`;
  let site: FixtureSite;
  let store: Store;
  let http: HttpClient;
  let extractQ: Queue<ExtractQueueData>;
  let storeQ: Queue<StoreQueueData>;
  const workers: Worker[] = [];
  const stored: StoreJobResult[] = [];
  let pageHits = 0;
  const clock = manualClock('2026-03-01T00:00:00Z');
  let poll: () => Promise<PollJobResult>;

  beforeAll(async () => {
    site = await startFixtureSite({ seed: 11, log: true });
    const spec = articleSpec(7);
    site.setRoute('/news/flaky', (_req, res) => {
      pageHits++;
      if (pageHits <= ATTEMPTS) return void res.writeHead(500, { 'content-type': 'text/plain' }).end('down');
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(articleHtml(spec, { url: `${site.url}/news/flaky` }));
    });
    site.setFeed('/feeds/flaky.xml', rssXml({ title: 'Flaky', link: site.url, items: [{ title: spec.title, link: `${site.url}/news/flaky`, guid: 'flaky-1', published: spec.published }] }));
    store = tempStore();
    http = httpClient();
    const connection = REDIS;
    extractQ = new Queue('extract', { connection, prefix, defaultJobOptions: { attempts: ATTEMPTS, backoff: { type: 'fixed', delay: 20 }, removeOnFail: { age: 86_400 } } });
    storeQ = new Queue('store', { connection, prefix, defaultJobOptions: { attempts: 3, backoff: { type: 'fixed', delay: 20 }, removeOnComplete: true } });
    const held = new HeldValidators(store);
    const analyzer = loadAnalyzer(join(repoRoot, 'config'));
    workers.push(
      new Worker('extract', extractProcessor({ http, analyzer: () => analyzer, now: clock.now, store: storeQ }), { connection, prefix }),
      new Worker('store', storeProcessor({ store, now: clock.now, held, onResult: (_n, _d, r) => void stored.push(r) }), { connection, prefix }),
    );
    const feeds = new Map<string, FeedConfig>([['flaky', feed('flaky', `${site.url}/feeds/flaky.xml`, { intervalMs: 60_000 })]]);
    const processor = pollProcessor({ store, http, now: clock.now, maxBackoffMs: 3_600_000, feeds: () => feeds, extract: extractQ, held });
    poll = async () => {
      clock.advance(3_600_000); // due again
      return processor(jobOf<PollJobData>('poll', { feedId: 'flaky' })) as Promise<PollJobResult>;
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

  it('fails for good, is not marked seen, then is re-offered by a conditional poll and stored once', async () => {
    expect(await poll()).toMatchObject({ status: 'polled', newItems: 1 });
    const [first] = await extractQ.getJobs(['waiting', 'active', 'delayed', 'failed']);
    const { id, data } = first as Job<ExtractQueueData>;
    const canonical = (data as { canonicalUrl: string }).canonicalUrl;
    expect(id).toBe(articleJobId(canonical));
    await until('the article job failed for good', async () => (await extractQ.getJobState(id as string)) === 'failed');
    await until('the store role heard of it', () => stored.some((r) => r.status === 'held'));
    expect(pageHits).toBe(ATTEMPTS);
    expect(store.seenItemIds('flaky', ['flaky-1']).size).toBe(0);
    expect(store.getFeed('flaky')).toMatchObject({ etag: null, lastModified: null });

    // The feed has not changed: with its ETag sent it would answer 304 and offer nothing.
    site.resetLog();
    expect(await poll()).toMatchObject({ status: 'polled', newItems: 1 });
    expect(site.requests.find((r) => r.path === '/feeds/flaky.xml')?.headers['if-none-match']).toBeUndefined();
    await until('the article was stored', () => stored.some((r) => r.status === 'inserted'), 30_000);
    expect(store.findArticleIdByCanonicalUrl(canonical)).toBeDefined();

    // The success released the hold: the ETag is back, and the next poll is a 304 offering nothing.
    expect(store.getFeed('flaky')?.etag).not.toBeNull();
    site.resetLog();
    expect(await poll()).toMatchObject({ status: 'not-modified', newItems: 0 });
    expect(site.requests.find((r) => r.path === '/feeds/flaky.xml')?.status).toBe(304);
    expect(stored.filter((r) => r.status === 'inserted')).toHaveLength(1);
    expect(pageHits).toBe(ATTEMPTS + 1);
  }, 90_000);
});
