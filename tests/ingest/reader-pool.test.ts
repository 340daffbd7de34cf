import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadAnalyzer } from '../../src/ingest/load-analyzer.js';
import { readArticle } from '../../src/ingest/extract-article.js';
import type { ArticleJob } from '../../src/ingest/types.js';
import type * as PoolSource from '../../src/ingest/reader-pool.js';

type PoolModule = typeof PoolSource;
import { articleHtml, articleSpec, rssXml } from '../fixture-site/index.js';
import { parseFeedBytes } from '../../src/feed/parse-feed.js';
import { entityHeavyFeed, repeatedEventPage } from '../hostile/cases.js';

// Worker threads run compiled JavaScript, so this test drives the built pool in dist/.
const repoRoot = join(import.meta.dirname, '..', '..');
const built = join(repoRoot, 'dist', 'src', 'ingest', 'reader-pool.js');
const config = join(repoRoot, 'config');

function job(n: number): ArticleJob {
  return {
    feedId: 'f', itemId: `i${n}`, url: `https://news.example.com/a/${n}.html`, canonicalUrl: `https://news.example.com/a/${n}.html`,
    title: null, published: '2025-06-01T00:00:00Z', author: null, feedContent: null, summary: null,
  };
}

describe.skipIf(!existsSync(built))('ReaderPool (built dist/)', () => {
  it('gives the same articles as reading in this thread, for many pages at once', async () => {
    const { ReaderPool } = (await import(pathToFileURL(built).href)) as PoolModule;
    const pool = ReaderPool.create(config, 2);
    expect(pool).not.toBeNull();
    const analyzer = loadAnalyzer(config);
    const pages = Array.from({ length: 12 }, (_, n) => ({
      bytes: Buffer.from(articleHtml(articleSpec(100 + n))),
      contentType: 'text/html; charset=utf-8',
      url: job(n).url,
    }));
    const pooled = await Promise.all(pages.map((p, n) => pool!.read(job(n), p, '2025-06-02T00:00:00Z')));
    await pool!.close();
    const inline = pages.map((p, n) => readArticle(job(n), p, analyzer, '2025-06-02T00:00:00Z'));
    expect(pooled).toEqual(inline);
    expect(pooled.every((a) => a.events.length > 0)).toBe(true);
    await expect(pool!.read(job(0), pages[0]!, 'x')).rejects.toThrow(/closed/);
  });

  it('one thread is a pool too: it keeps the event loop free and enforces the deadlines', async () => {
    const { ReaderPool } = (await import(pathToFileURL(built).href)) as PoolModule;
    const pool = ReaderPool.create(config, 1);
    expect(pool).not.toBeNull();
    await pool!.close();
  });

  it('parses feeds like this thread does, and a bad feed fails with the same kind of error', async () => {
    const { ReaderPool } = (await import(pathToFileURL(built).href)) as PoolModule;
    const pool = ReaderPool.create(config, 2)!;
    try {
      const items = [1, 2, 3].map((n) => ({ title: `Story ${n} &amp; more`, link: `/a/${n}.html`, published: `2025-06-0${n}T08:00:00Z`, summary: '<p>Huawei said 5 GW.</p>' }));
      const xml = Buffer.from(rssXml({ title: 'T', link: 'http://feed.test/', items }));
      const opts = { url: 'http://feed.test/rss.xml', contentType: 'application/rss+xml' };
      expect(await pool.parseFeed(xml, opts)).toEqual(parseFeedBytes(xml, opts));
      const err = await pool.parseFeed(Buffer.from('<rss><channel><item><title>cut'), opts).catch((e: unknown) => e);
      // dist's own FeedParseError class, so compared by name.
      expect(err).toMatchObject({ name: 'FeedParseError', code: 'malformed', message: expect.stringMatching(/ends inside <title>/) });
    } finally {
      await pool.close();
    }
  });

  it('stops a document that runs past its deadline, replaces the thread, and goes on with the rest', async () => {
    const { ReaderPool, DocumentTimeoutError } = (await import(pathToFileURL(built).href)) as PoolModule;
    // 5 MB of one repeated sentence: ~5 s of CPU for main text and analysis.
    const runaway = { bytes: Buffer.from(repeatedEventPage(5_000_000)), contentType: 'text/html', url: job(1).url };
    const good = { bytes: Buffer.from(articleHtml(articleSpec(7))), contentType: 'text/html', url: job(2).url };
    const pool = ReaderPool.create(config, 1, { articleDeadlineMs: 1_000, feedDeadlineMs: 100 })!;
    try {
      const [slow, fine] = await Promise.allSettled([pool.read(job(1), runaway, 'x'), pool.read(job(2), good, 'x')]);
      expect(slow.status).toBe('rejected');
      const reason = (slow as PromiseRejectedResult).reason as Error;
      expect(reason).toBeInstanceOf(DocumentTimeoutError);
      // On a loaded machine the wall-clock backstop (10 budgets) may come first.
      expect(reason.message).toMatch(/^parse-timeout: main text and analysis of https:\/\/news.example.com\/a\/1.html (took over 1 s of CPU time|was still running after)/);
      expect(fine.status).toBe('fulfilled');
      expect((fine as PromiseFulfilledResult<{ events: unknown[] }>).value.events.length).toBeGreaterThan(0);
      // ~0.5 s of CPU against a 100 ms budget.
      const huge = pool.parseFeed(Buffer.from(entityHeavyFeed(600_000)), { url: 'http://feed.test/huge.xml' });
      await expect(huge).rejects.toMatchObject({ code: 'parse-timeout', message: expect.stringMatching(/parsing the feed http:\/\/feed.test\/huge.xml (took over 0.1 s of CPU time|was still running after)/) });
      expect((await pool.parseFeed(Buffer.from(entityHeavyFeed(10)), {})).items).toHaveLength(1);
    } finally {
      await pool.close();
    }
  });

  it('re-analyses text under the caps it was given', async () => {
    const { ReaderPool } = (await import(pathToFileURL(built).href)) as PoolModule;
    const pool = ReaderPool.create(config, 1, { analysisLimits: { maxMentions: 10, maxPowerFigures: 10, maxEvents: 1 } })!;
    try {
      const r = await pool.analyze('Huawei said 5 GW. Nvidia said 6 GW.', { lang: 'en' });
      expect(r.events.map((e) => e.text)).toEqual(['Huawei said 5 GW.']);
      expect(r.truncated).toEqual({ mentions: 2, powerFigures: 2, events: 2 });
    } finally {
      await pool.close();
    }
  });

  it('a thread that cannot load the watch-list fails its work once, without respawning forever', async () => {
    const { ReaderPool } = (await import(pathToFileURL(built).href)) as PoolModule;
    const bad = mkdtempSync(join(tmpdir(), 'newsmon-badcfg-'));
    writeFileSync(join(bad, 'entities.yaml'), 'entities: [not: valid: yaml');
    const pool = ReaderPool.create(bad, 2)!;
    try {
      await expect(pool.parseFeed(Buffer.from('<rss/>'), {})).rejects.toThrow(/entities.yaml/);
      await expect(pool.parseFeed(Buffer.from('<rss/>'), {})).rejects.toThrow(/entities.yaml/);
    } finally {
      await pool.close();
    }
  });
});
