import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadAnalyzer } from '../../src/ingest/load-analyzer.js';
import type { HttpClient } from '../../src/fetch/types.js';
import type { ArticleJob } from '../../src/ingest/types.js';
import type { ExtractJobResult, StoreQueueData } from '../../src/queue/jobs.js';
import type { ArticleInput } from '../../src/store/types.js';
import { extractProcessor } from '../../workers/extract.js';
import { startFixtureSite, type FixtureSite } from '../fixture-site/index.js';
import { httpClient, repoRoot } from '../ingest/helpers.js';
import { jobOf, recordingQueue } from './helpers.js';

// Under `newsmon run` the rules ride in the extract job's payload (as they would through
// Redis): the store job gets the rule's text, and a rule that matched nothing is recorded
// in the job's result.

const analyzer = loadAnalyzer(join(repoRoot, 'config'));
const page = readFileSync(join(repoRoot, 'tests', 'fixtures', 'site-rules', 'wrapped-news.html'), 'utf8');

describe('extractProcessor with site rules', () => {
  let site: FixtureSite;
  let http: HttpClient;
  const store = recordingQueue<StoreQueueData>();
  let processor: ReturnType<typeof extractProcessor>;

  const job = (content: string): ArticleJob => JSON.parse(JSON.stringify({
    feedId: 'wire', itemId: 'biren', url: `${site.url}/news/biren.html`, canonicalUrl: 'https://siliconwire.example.com/biren',
    title: null, published: null, author: null, feedContent: null, summary: null,
    siteRules: { content, remove: ['.ad-wrapper', '.inline-related', '.newsletter-signup'] },
  })) as ArticleJob;

  beforeAll(async () => {
    site = await startFixtureSite({ seed: 5 });
    site.setResource('/news/biren.html', page, { 'content-type': 'text/html; charset=utf-8' });
    http = httpClient();
    processor = extractProcessor({ http, analyzer: () => analyzer, now: () => new Date('2025-07-15T00:00:00Z'), store });
  });
  afterAll(async () => {
    http?.close();
    await site?.close();
  });

  it('the store job carries the rule\'s text', async () => {
    store.added.length = 0;
    const r = (await processor(jobOf('extract', job('.rich-text'), { id: 'art-rule' }))) as ExtractJobResult;
    expect(r).not.toHaveProperty('siteRuleFallback');
    const input = (store.added[0]!.data as { input: ArticleInput }).input;
    expect(input.text.split('\n')).toHaveLength(5);
    expect(input.text).not.toMatch(/Advertisement|Read also|Sign up/);
  });

  it('a content selector that matches nothing: automatic text stored, the reason in the job result', async () => {
    store.added.length = 0;
    const r = (await processor(jobOf('extract', job('.story__body'), { id: 'art-nomatch' }))) as ExtractJobResult;
    expect(r.next).toBe('store');
    expect(r.siteRuleFallback).toBe('content selector ".story__body" matched nothing on the page');
    expect((store.added[0]!.data as { input: ArticleInput }).input.text).toContain('Shanghai-based Biren Technology');
  });
});
