import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadAnalyzer } from '../../src/ingest/load-analyzer.js';
import { createHttpClient } from '../../src/fetch/http-client.js';
import { ingestOnce } from '../../src/ingest/ingest-once.js';
import type { FeedConfig } from '../../src/model.js';
import { openStore, type Store } from '../../src/store/store.js';
import { articleHtml, articleSpec, rssXml, startFixtureSite, type FixtureSite } from '../fixture-site/index.js';

// An item whose page failed for a reason a retry can fix must be tried again on the next
// pass even though the feed has not changed: its validators are not kept while an item
// still needs work, so the next poll is a full fetch instead of a 304 that shows nothing.

const analyzer = loadAnalyzer(join(import.meta.dirname, '..', '..', 'config'));

describe('ingest --once retries a failed item of an unchanged feed', () => {
  let site: FixtureSite;
  let store: Store;
  let feed: FeedConfig;
  let pageCalls = 0;
  const http = createHttpClient({ userAgent: 't', timeoutMs: 5_000, connectTimeoutMs: 1_000, maxBytes: 5e6, maxRedirects: 2, perHostConcurrency: 4, perHostMinGapMs: 0, allowPrivateNetwork: true });
  // force: the feed is not due again for its interval; the point is what the next poll fetches.
  const pass = () => ingestOnce([feed], { http, store, analyzer, now: () => new Date(), maxBackoffMs: 60_000, force: true });

  beforeAll(async () => {
    site = await startFixtureSite({ seed: 21 });
    const items = [0, 1, 2].map((i) => {
      const spec = articleSpec(500 + i);
      const path = `/articles/held-${i}.html`;
      if (i !== 1) site.setResource(path, articleHtml(spec, { url: site.url + path }));
      return { title: spec.title, link: site.url + path, published: `2025-02-0${i + 1}T00:00:00Z`, summary: spec.summary };
    });
    // The middle page fails once (a 503), then reads fine.
    site.setRoute('/articles/held-1.html', (_req, res) => {
      pageCalls++;
      if (pageCalls === 1) return void res.writeHead(503).end('busy');
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(articleHtml(articleSpec(501), { url: `${site.url}/articles/held-1.html` }));
    });
    site.setFeed('/feeds/held.xml', rssXml({ title: 'Held', link: site.url, items }));
    feed = { id: 'held', url: `${site.url}/feeds/held.xml`, name: null, intervalMs: 900_000, cron: null, enabled: true, maxBytes: null, fullText: 'auto', timezone: null };
    store = openStore(join(mkdtempSync(join(tmpdir(), 'newsmon-held-')), 'n.db'));
  });

  afterAll(async () => {
    http.close();
    store?.close();
    await site?.close();
  });

  it('pass 1: two stored, one retryable failure, validators not kept', async () => {
    const s = await pass();
    expect(s.articlesStored).toBe(2);
    expect(s.failures.map((f) => f.kind)).toEqual(['http-server-error']);
    expect(store.getFeed('held')?.etag).toBeNull();
  });

  it('pass 2, the feed unchanged: fetched in full, the failed item stored', async () => {
    const s = await pass();
    expect(s.feedsNotModified).toBe(0);
    expect(s.articlesStored).toBe(1);
    expect(store.stats().articles).toBe(3);
    expect(store.getFeed('held')?.etag).not.toBeNull();
  });

  it('pass 3: everything done, so the validators are kept and the feed answers 304', async () => {
    const s = await pass();
    expect(s.feedsNotModified).toBe(1);
    expect(store.stats().articles).toBe(3);
  });
});
