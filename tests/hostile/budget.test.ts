import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadAnalyzer } from '../../src/ingest/load-analyzer.js';
import { createHttpClient } from '../../src/fetch/http-client.js';
import { ingestOnce } from '../../src/ingest/ingest-once.js';
import type * as PoolSource from '../../src/ingest/reader-pool.js';
import type { FeedConfig } from '../../src/model.js';
import { openStore, type Store } from '../../src/store/store.js';
import { articleHtml, articleSpec, rssXml } from '../fixture-site/index.js';
import { entityHeavyFeed, repeatedEventPage } from './cases.js';
import { serve, type Site } from './serve.js';

// Issue 11: a CPU budget per document, enforced on reader threads. Feeds and articles
// that run past their deadline fail with a clear error and the rest goes on (on a loaded
// machine the wall-clock backstop, 10 budgets, may stop them first: either is the budget). Reader
// threads run compiled JavaScript, so the pool comes from dist/ (built by `npm test`).

const repoRoot = join(import.meta.dirname, '..', '..');
const builtPool = join(repoRoot, 'dist', 'src', 'ingest', 'reader-pool.js');
const config = join(repoRoot, 'config');

function feed(id: string, url: string, over: Partial<FeedConfig> = {}): FeedConfig {
  return { id, url, name: id, intervalMs: 900_000, cron: null, enabled: true, maxBytes: null, fullText: 'always', timezone: null, ...over };
}

function oneItemFeed(base: string, path: string): string {
  return rssXml({ title: path, link: `${base}/`, items: [{ title: path, link: `${base}${path}`, published: '2025-06-01T08:00:00Z' }] });
}

describe.skipIf(!existsSync(builtPool))('a deadline per document (built dist/)', () => {
  let site: Site;
  let store: Store;

  beforeAll(async () => {
    site = await serve({
      '/ok.xml': () => oneItemFeed(site.base, '/a/ok.html'),
      '/a/ok.html': () => articleHtml(articleSpec(3)),
      '/runaway.xml': () => oneItemFeed(site.base, '/a/runaway.html'),
      // ~5 s of CPU for main text and analysis: past a 1 s article budget.
      '/a/runaway.html': () => repeatedEventPage(5_000_000),
      // 34 MB of entity-laden text: ~1.5 s of CPU, past a 300 ms feed budget.
      '/huge.xml': () => entityHeavyFeed(2_000_000),
    });
    store = openStore(join(mkdtempSync(join(tmpdir(), 'newsmon-budget-')), 'newsmon.db'));
  });

  afterAll(async () => {
    store?.close();
    await site?.close();
  });

  it('ingest: a runaway feed and a runaway article fail with parse-timeout, the rest is stored, and the article is not tried again', async () => {
    const { ReaderPool } = (await import(pathToFileURL(builtPool).href)) as typeof PoolSource;
    const pool = ReaderPool.create(config, 2, { feedDeadlineMs: 300, articleDeadlineMs: 1_000 })!;
    const http = createHttpClient({
      userAgent: 'newsmon-test', timeoutMs: 10_000, connectTimeoutMs: 2_000, maxBytes: 64 * 1024 * 1024,
      maxRedirects: 5, perHostConcurrency: 8, perHostMinGapMs: 0, allowPrivateNetwork: true,
    });
    const feeds = [feed('ok', `${site.base}/ok.xml`), feed('runaway', `${site.base}/runaway.xml`), feed('huge', `${site.base}/huge.xml`)];
    const deps = { http, store, analyzer: loadAnalyzer(config), reader: pool, parser: pool, now: () => new Date(), maxBackoffMs: 60_000 };
    try {
      const first = await ingestOnce(feeds, deps);
      const byId = new Map(store.listFeeds().map((f) => [f.id, f]));
      expect(byId.get('huge')).toMatchObject({ lastErrorKind: 'feed-parse-timeout', lastError: expect.stringMatching(/^parse-timeout: parsing the feed .*huge\.xml (took over 0\.3 s of CPU time|was still running after)/) });
      expect(byId.get('ok')?.lastErrorKind).toBeNull();
      expect(byId.get('runaway')?.lastErrorKind).toBeNull();
      expect(first.articlesStored).toBe(1);
      expect(first.failures).toHaveLength(2);
      expect(first.failures).toEqual(expect.arrayContaining([
        expect.objectContaining({ feed: 'huge', kind: 'feed-parse-timeout' }),
        expect.objectContaining({ feed: 'runaway', url: `${site.base}/a/runaway.html`, kind: 'parse-timeout', message: expect.stringMatching(/^parse-timeout: main text and analysis of .* (took over 1 s of CPU time|was still running after)/) }),
      ]));
      const again = await ingestOnce(feeds.slice(0, 2), deps);
      expect(again.articlesQueued).toBe(0);
    } finally {
      http.close();
      await pool.close();
    }
  });
});
