import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSettings } from '../../src/config/settings.js';
import type { FeedConfig } from '../../src/model.js';
import { silentLogger } from '../../src/service/logger.js';
import { startService, type Service } from '../../src/service/service.js';
import { openStore, type Store } from '../../src/store/store.js';
import { startFixtureSite, type FixtureSite } from '../fixture-site/index.js';
import { cleanPrefix, freshPrefix, makeConfig, REDIS_URL, waitFor, type TestConfig } from './harness.js';

// A feed whose schedule cannot be made (a cron pattern that got past validation — here
// handed in directly, since feeds.yaml now refuses it at load) must not take the service
// down: the service starts, that feed is recorded as failing, the other feeds go on.

describe('a feed whose schedule cannot be made', () => {
  let site: FixtureSite;
  let cfg: TestConfig;
  let service: Service;
  let store: Store;
  const prefix = freshPrefix();

  beforeAll(async () => {
    site = await startFixtureSite({ seed: 3 });
    const good: FeedConfig = { id: 'good', url: `${site.url}/feeds/rss.xml`, name: null, intervalMs: 3_600_000, cron: null, enabled: true, maxBytes: null, fullText: 'auto', timezone: null };
    const bad: FeedConfig = { ...good, id: 'bad-cron', url: `${site.url}/feeds/atom.xml`, cron: '99 * * * *' };
    cfg = makeConfig([]);
    const settings = loadSettings({ configDir: cfg.configDir, dbPath: cfg.dbPath, redisUrl: REDIS_URL }, {});
    service = await startService({ settings, prefix, roles: ['poll', 'extract', 'store'], log: silentLogger(), loadFeeds: () => [bad, good], watchConfig: false, shutdownTimeoutMs: 3_000 });
    store = openStore(cfg.dbPath, { readonly: true });
  }, 30_000);

  afterAll(async () => {
    await service?.close();
    store?.close();
    await site?.close();
    await cleanPrefix(prefix);
  });

  it('is recorded as failing, with the reason; the other feed is scheduled and polled', async () => {
    const bad = store.getFeed('bad-cron');
    expect(bad).toMatchObject({ lastErrorKind: 'schedule', failureCount: 1 });
    expect(bad?.lastError).toMatch(/cannot schedule cron "99 \* \* \* \*"/);
    const keys = (await service.queues.poll.getJobSchedulers()).map((s) => s.key);
    expect(keys).toEqual(['feed-good']);
    await waitFor('the good feed\'s 5 articles', () => store.stats().articles === 5, 30_000);
    expect(store.listArticles({ feed: 'bad-cron' })).toHaveLength(0);
  }, 40_000);
});
