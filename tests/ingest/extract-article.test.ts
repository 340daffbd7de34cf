import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadAnalyzer } from '../../src/ingest/load-analyzer.js';
import { readArticle } from '../../src/ingest/extract-article.js';
import type { ArticleJob } from '../../src/ingest/types.js';
import { articleHtml, articleSpec } from '../fixture-site/index.js';
import { repoRoot } from './helpers.js';

// The CPU part of the extract stage alone: page bytes in, the stored form out. No
// network, no database.

const analyzer = loadAnalyzer(join(repoRoot, 'config'));
const FETCHED = '2025-03-01T10:00:00.000Z';

function job(over: Partial<ArticleJob> = {}): ArticleJob {
  return {
    feedId: 'f', itemId: 'i-1', url: 'https://news.example.com/a/1?utm_source=rss', canonicalUrl: 'https://news.example.com/a/1',
    title: 'From the feed', published: '2025-03-01T08:00:00.000Z', author: null, feedContent: null, summary: 'The feed summary.', ...over,
  };
}

const page = (html: string, url = 'https://news.example.com/a/1') => ({ bytes: new TextEncoder().encode(html), contentType: 'text/html; charset=utf-8', url });

describe('readArticle', () => {
  it.each([
    ['an English article', articleSpec(101, { lang: 'en' })],
    ['a Chinese article', articleSpec(202, { lang: 'zh' })],
  ])('%s: main text, its language, and the watch-list entities it names', (_n, spec) => {
    const a = readArticle(job(), page(articleHtml(spec)), analyzer, FETCHED);
    expect(a.title).toBe(spec.title);
    expect(a.lang).toBe(spec.lang);
    expect(a.text).toContain(spec.paragraphs[0]!.slice(0, 40));
    expect(a.fetchedAt).toBe(FETCHED);
    expect(a.feedItemId).toBe('i-1');
    expect(a.contentHash).toMatch(/^[0-9a-f]{64}$/);
    const found = [...new Set(a.events.flatMap((e) => e.entities))].sort();
    for (const id of spec.entities) expect(found).toContain(id);
  });

  it('keeps the feed\'s published date over the page\'s', () => {
    const a = readArticle(job(), page(articleHtml(articleSpec(7))), analyzer, FETCHED);
    expect(a.published).toBe('2025-03-01T08:00:00.000Z');
  });

  it('takes the canonical URL the page declares', () => {
    const html = articleHtml(articleSpec(8)).replace('<head>', '<head><link rel="canonical" href="https://www.news.example.com/story/8/">');
    expect(readArticle(job(), page(html), analyzer, FETCHED).canonicalUrl).toBe('https://news.example.com/story/8');
  });

  it('falls back to the feed summary when the page yields next to no text', () => {
    const summary = 'Huawei said its Ascend 910C chips will ship to Chinese data centres this quarter, drawing 2.5 GW in total.';
    const a = readArticle(job({ summary }), page('<html><body><p>Subscribe to read.</p></body></html>'), analyzer, FETCHED);
    expect(a.text).toBe(summary);
    expect(a.events.flatMap((e) => e.entities)).toContain('huawei');
  });

  it('reads the feed\'s own full text when there is no page', () => {
    const spec = articleSpec(9);
    const a = readArticle(job({ feedContent: spec.paragraphs.map((p) => `<p>${p}</p>`).join('') }), null, analyzer, FETCHED);
    expect(a.text).toContain(spec.paragraphs[1]!.slice(0, 40));
  });
});
