import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpClient } from '../../src/fetch/http-client.js';
import { checkFeeds } from '../../src/ingest/check-feeds.js';
import type { FeedConfig } from '../../src/model.js';
import { startFixtureSite, type FixtureSite } from '../fixture-site/index.js';

function feed(id: string, url: string): FeedConfig {
  return { id, url, name: id, intervalMs: 60_000, cron: null, enabled: true, maxBytes: null, fullText: 'auto', timezone: null };
}

describe('checkFeeds', () => {
  let site: FixtureSite;
  beforeAll(async () => {
    site = await startFixtureSite({ seed: 3 });
  });
  afterAll(async () => {
    await site?.close();
  });

  it('reports each feed: parsed, unparseable, failing — in the order given', async () => {
    const http = createHttpClient({
      userAgent: 'newsmon-test', timeoutMs: 2000, connectTimeoutMs: 1000, maxBytes: 1_000_000, maxRedirects: 5,
      perHostConcurrency: 4, perHostMinGapMs: 0, allowPrivateNetwork: true,
    });
    const checks = await checkFeeds(
      [feed('rss', `${site.url}/feeds/rss.xml`), feed('bad', `${site.url}/feeds/malformed.xml`), feed('down', `${site.url}/status/500`), feed('chain', `${site.url}/redirect/chain/2`)],
      http,
    );
    http.close();
    expect(checks.map((c) => [c.id, c.ok])).toEqual([['rss', true], ['bad', false], ['down', false], ['chain', true]]);
    expect(checks[0]).toMatchObject({ statusCode: 200, items: 5, error: null });
    expect(checks[0]?.newest).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(checks[1]?.error?.kind).toMatch(/^feed-/);
    expect(checks[2]?.error?.kind).toBe('http-server-error');
    expect(checks[3]?.finalUrl).toBe(`${site.url}/feeds/rss.xml`);
  });
});
