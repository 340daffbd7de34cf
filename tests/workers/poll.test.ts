import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HttpClient } from '../../src/fetch/types.js';
import type { FeedConfig } from '../../src/model.js';
import { articleJobId } from '../../src/queue/job-ids.js';
import type { ExtractQueueData, PollJobData, PollJobResult } from '../../src/queue/jobs.js';
import type { Store } from '../../src/store/store.js';
import { pollProcessor } from '../../workers/poll.js';
import { startFixtureSite, type FixtureSite } from '../fixture-site/index.js';
import { feed, httpClient, tempStore } from '../ingest/helpers.js';
import { jobOf, recordingQueue } from './helpers.js';

// The poll processor with a real SQLite file and real HTTP on loopback; no Redis.

describe('pollProcessor', () => {
  let site: FixtureSite;
  let store: Store;
  let http: HttpClient;
  const feeds = new Map<string, FeedConfig>();
  const extract = recordingQueue<ExtractQueueData>();
  let run: (data: PollJobData, attemptsMade?: number) => Promise<PollJobResult>;

  beforeAll(async () => {
    site = await startFixtureSite({ seed: 5 });
    store = tempStore();
    http = httpClient();
    feeds.set('rss', feed('rss', `${site.url}/feeds/rss.xml`));
    feeds.set('off', feed('off', `${site.url}/feeds/atom.xml`, { enabled: false }));
    const processor = pollProcessor({ store, http, now: () => new Date(), maxBackoffMs: 3_600_000, feeds: () => feeds, extract });
    run = (data, attemptsMade = 0) => processor(jobOf('poll', data, { attemptsMade })) as Promise<PollJobResult>;
  });
  afterAll(async () => {
    http?.close();
    store?.close();
    await site?.close();
  });

  it('queues one extract job per new item, its id from the canonical URL', async () => {
    const r = await run({ feedId: 'rss' });
    expect(r).toMatchObject({ feedId: 'rss', status: 'polled', newItems: 5 });
    expect(extract.added).toHaveLength(5);
    for (const a of extract.added) {
      expect(a.name).toBe('extract');
      expect(a.jobId).toBe(articleJobId((a.data as { canonicalUrl: string }).canonicalUrl));
    }
  });

  it('a wake-up before the feed is due fetches nothing', async () => {
    site.resetLog();
    expect(await run({ feedId: 'rss' })).toMatchObject({ status: 'skipped-not-due', newItems: 0 });
    expect(site.requests).toEqual([]);
  });

  it('a re-run polls anyway, unconditionally, and offers the items again (the queue drops repeats by id)', async () => {
    extract.added.length = 0;
    site.resetLog();
    expect(await run({ feedId: 'rss' }, 1)).toMatchObject({ status: 'polled', newItems: 5 });
    expect(site.requests.map((r) => [r.status, r.headers['if-none-match'] ?? null])).toEqual([[200, null]]);
  });

  it.each([
    ['an unknown feed', 'gone'],
    ['a disabled feed', 'off'],
  ])('%s is skipped', async (_n, feedId) => {
    expect(await run({ feedId })).toEqual({ feedId, status: 'skipped-unknown-feed', newItems: 0 });
  });

  it('a failing feed is a result, not a throw', async () => {
    feeds.set('bad', feed('bad', `${site.url}/status/404`));
    expect(await run({ feedId: 'bad', force: true })).toMatchObject({ status: 'failed', newItems: 0, error: expect.stringMatching(/^not-found: /) });
  });
});
