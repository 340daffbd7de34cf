import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApi } from '../../src/api/build-api.js';
import { feedsTable, listFeeds } from '../../src/cli/feeds/list.js';
import { loadRecipientView } from '../../src/digest/day-source.js';
import { renderStoryDigest } from '../../src/digest/story-render.js';
import { createHttpClient } from '../../src/fetch/http-client.js';
import { ingestOnce, type IngestSummary } from '../../src/ingest/ingest-once.js';
import type { FeedConfig } from '../../src/model.js';
import { createLogger } from '../../src/service/logger.js';
import { openStore, type Store } from '../../src/store/store.js';
import { startFixtureSite, type FixtureSite } from '../fixture-site/index.js';

// A feed URL with credentials (user:password@ and a token in the query), polled for real
// against the loopback site and failing there: the secret must appear in none of the
// places a feed URL or its error is shown.

const SECRETS = ['hunter2', 'S3CRETTOKEN', 'alice'];

function expectClean(what: string, text: string): void {
  for (const s of SECRETS) expect(text, `${what} shows "${s}"`).not.toContain(s);
  expect(text, `${what} marks what it hid`).toContain('***');
}

describe('feed-URL credentials are redacted wherever the URL is shown', () => {
  let site: FixtureSite;
  let store: Store;
  let summary: IngestSummary;
  let feed: FeedConfig;

  beforeAll(async () => {
    site = await startFixtureSite({ seed: 2, log: false });
    const url = `http://alice:hunter2@127.0.0.1:${site.port}/status/500?token=S3CRETTOKEN&format=rss`;
    feed = { id: 'paid', url, name: null, intervalMs: 3_600_000, cron: null, enabled: true, maxBytes: null, fullText: 'auto', timezone: null };
    store = openStore(join(mkdtempSync(join(tmpdir(), 'newsmon-redact-')), 'r.db'));
    const http = createHttpClient({ userAgent: 't', timeoutMs: 5_000, connectTimeoutMs: 1_000, maxBytes: 1e6, maxRedirects: 2, perHostConcurrency: 2, perHostMinGapMs: 0, allowPrivateNetwork: true });
    try {
      summary = await ingestOnce([feed], { http, store, analyzer: { analyze: () => ({ mentions: [], powerFigures: [], events: [] }) } as never, now: () => new Date('2025-03-01T12:00:00Z'), maxBackoffMs: 60_000 });
    } finally {
      http.close();
    }
  });

  afterAll(async () => {
    store?.close();
    await site?.close();
  });

  it('the poll failed and its error is stored without the secret', () => {
    const state = store.getFeed('paid');
    expect(state?.lastErrorKind).toMatch(/http|5/);
    expectClean('stored last error', state?.lastError ?? '');
  });

  it('ingest --once summary', () => expectClean('ingest summary', JSON.stringify(summary.failures)));

  it('GET /feeds', async () => {
    const app = buildApi({ store });
    try {
      const res = await app.inject({ url: '/feeds' });
      expect(res.statusCode).toBe(200);
      expectClean('/feeds', res.body);
      expect(res.json()[0].url).toBe(`http://***@127.0.0.1:${site.port}/status/500?token=***&format=rss`);
    } finally {
      await app.close();
    }
  });

  it('feeds list (table and JSON)', () => {
    const listed = listFeeds([feed], new Map(store.listFeeds().map((s) => [s.id, s])), new Date('2025-03-01T12:05:00Z'));
    expectClean('feeds list --json', JSON.stringify(listed));
    expectClean('feeds list', feedsTable(listed, new Date('2025-03-01T12:05:00Z')));
  });

  it('the digest\'s failing-feeds section, text and HTML', () => {
    const v = loadRecipientView(store, {
      recipient: { companies: null, tags: null, timezone: 'UTC' }, date: '2025-03-01', watch: [{ id: 'huawei', name: 'Huawei' }], webBase: null,
    });
    expect(v.failingFeeds).toHaveLength(1);
    const r = renderStoryDigest(v);
    expectClean('digest text', r.text);
    expectClean('digest html', r.html);
  });

  it('log lines', () => {
    let out = '';
    const sink = new Writable({ write: (chunk, _enc, cb) => ((out += String(chunk)), cb()) });
    const log = createLogger('info', sink);
    log.info({ url: feed.url, feed: { url: feed.url }, err: new Error(`HTTP 500 from ${feed.url}`) }, `polling ${feed.url}`);
    expectClean('log line', out);
  });
});
