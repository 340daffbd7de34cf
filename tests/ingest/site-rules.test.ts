import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadAnalyzer } from '../../src/ingest/load-analyzer.js';
import { readArticle } from '../../src/ingest/extract-article.js';
import { itemToJob } from '../../src/ingest/poll-feed.js';
import { sameSite, siteRulesFor } from '../../src/ingest/site-rules-for.js';
import type { ArticleJob } from '../../src/ingest/types.js';
import type { FeedConfig, FeedItem } from '../../src/model.js';
import type * as PoolSource from '../../src/ingest/reader-pool.js';

// The rules travel as a value: feed config → article job → extraction, in this thread or
// on a reader thread, and only onto pages of the feed's own site.

const repoRoot = join(import.meta.dirname, '..', '..');
const config = join(repoRoot, 'config');
const page = readFileSync(join(repoRoot, 'tests', 'fixtures', 'site-rules', 'wrapped-news.html'));
const RULES = { content: '.rich-text', remove: ['.ad-wrapper', '.inline-related', '.newsletter-signup'] };

const feed: FeedConfig = {
  id: 'wire', url: 'https://siliconwire.example.com/feed', name: null, intervalMs: 60_000, cron: null, enabled: true, maxBytes: null, fullText: 'auto', timezone: null,
};
const longContent = `<p>${'Biren ships boards to a cloud customer, people familiar said. '.repeat(40)}</p>`;
const item: FeedItem = {
  id: 'i1', title: 'Biren ships', link: 'https://siliconwire.example.com/2025/07/biren', published: null, updated: null, author: null, summary: null, content: longContent,
};

function job(over: Partial<ArticleJob> = {}): ArticleJob {
  return { ...(itemToJob({ ...feed, siteRules: RULES }, item, feed.url) as ArticleJob), feedContent: null, ...over };
}

describe('rules from feed to job', () => {
  it('the job carries the feed\'s rules; a feed without rules gives the job as before', () => {
    expect(itemToJob({ ...feed, siteRules: RULES }, item, feed.url)?.siteRules).toEqual(RULES);
    expect(itemToJob(feed, item, feed.url)).not.toHaveProperty('siteRules');
  });

  it('a content rule makes the page be fetched though the feed carries full text (full_text: auto)', () => {
    expect(itemToJob(feed, item, feed.url)?.feedContent).toBe(longContent);
    expect(itemToJob({ ...feed, siteRules: RULES }, item, feed.url)?.feedContent).toBeNull();
    expect(itemToJob({ ...feed, siteRules: { content: null, remove: ['.x'] } }, item, feed.url)?.feedContent).toBe(longContent);
    expect(itemToJob({ ...feed, fullText: 'never', siteRules: RULES }, item, feed.url)?.feedContent).toBe(longContent);
  });
});

describe('rules apply on the feed\'s own site only', () => {
  it.each([
    ['https://www.example.com/a', 'https://example.com/b', true],
    ['https://m.example.com/a', 'https://example.com/b', true],
    ['https://example.com/a', 'https://news.example.com/b', true],
    ['https://example.com/a', 'https://example.org/b', false],
    ['https://notexample.com/a', 'https://example.com/b', false],
  ])('%s and %s: %s', (a, b, same) => {
    expect(sameSite(a, b)).toBe(same);
  });

  it('a page that redirected to another site gets automatic extraction, and the reason', () => {
    const r = siteRulesFor(job(), 'https://feedproxy.example.net/x');
    expect(r.rules).toBeNull();
    expect(r.skipped?.fallback).toMatch(/page is on feedproxy\.example\.net, not on the item's site siliconwire\.example\.com/);
    expect(siteRulesFor(job(), 'https://siliconwire.example.com/2025/07/biren?amp=0').rules).toEqual(RULES);
  });
});

describe('readArticle with rules', () => {
  const analyzer = loadAnalyzer(config);
  const at = '2025-07-15T00:00:00Z';

  it('stores the rule\'s text, the ad and boxes gone', () => {
    const a = readArticle(job(), { bytes: page, contentType: 'text/html', url: job().url }, analyzer, at);
    expect(a.text.split('\n')).toHaveLength(5);
    expect(a.text).not.toMatch(/Advertisement|liquid loops|Read also|Sign up/);
    expect(a.siteRule).toEqual({ used: 'content', matched: 1, removed: 3 });
    // The analysis is of the rule's text: the ad's "Nvidia" is no mention.
    expect(a.mentions.map((m) => m.entity)).not.toContain('nvidia');
  });

  it('a page on another site: automatic text, the rule skipped and why', () => {
    const a = readArticle(job(), { bytes: page, contentType: 'text/html', url: 'https://mirror.example.net/biren' }, analyzer, at);
    expect(a.siteRule?.fallback).toMatch(/site rules not applied/);
    expect(a.text).toContain('Shanghai-based Biren Technology');
  });
});

const built = join(repoRoot, 'dist', 'src', 'ingest', 'reader-pool.js');
describe.skipIf(!existsSync(built))('rules through the reader threads (built dist/)', () => {
  it('a reader thread applies the job\'s rules exactly as this thread does', async () => {
    const { ReaderPool } = (await import(pathToFileURL(built).href)) as typeof PoolSource;
    const pool = ReaderPool.create(config, 2);
    expect(pool).not.toBeNull();
    const fetched = { bytes: page, contentType: 'text/html', url: job().url };
    const noMatch = job({ siteRules: { content: '.post-body', remove: [] } });
    try {
      const [ruled, fallback] = await Promise.all([pool!.read(job(), fetched, 'T'), pool!.read(noMatch, fetched, 'T')]);
      const analyzer = loadAnalyzer(config);
      expect(ruled).toEqual(readArticle(job(), fetched, analyzer, 'T'));
      expect(ruled.siteRule?.used).toBe('content');
      expect(fallback.siteRule?.fallback).toMatch(/matched nothing/);
    } finally {
      await pool!.close();
    }
  });
});
