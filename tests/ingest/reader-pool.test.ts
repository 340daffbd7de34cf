import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadAnalyzer } from '../../src/ingest/load-analyzer.js';
import { readArticle } from '../../src/ingest/extract-article.js';
import type { ArticleJob } from '../../src/ingest/types.js';
import type * as PoolSource from '../../src/ingest/reader-pool.js';

type PoolModule = typeof PoolSource;
import { articleHtml, articleSpec } from '../fixture-site/index.js';

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

  it('is not made for one thread', async () => {
    const { ReaderPool } = (await import(pathToFileURL(built).href)) as PoolModule;
    expect(ReaderPool.create(config, 1)).toBeNull();
  });
});
