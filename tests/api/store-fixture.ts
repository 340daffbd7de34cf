import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openStore } from '../../src/store/store.js';
import type { ArticleInput } from '../../src/store/types.js';

// A real SQLite file filled through the store's own writes: four articles from three
// feeds, one of which is failing.

export const FIXTURE_ARTICLES = JSON.parse(
  readFileSync(fileURLToPath(new URL('../fixtures/api/articles.json', import.meta.url)), 'utf8'),
) as ArticleInput[];

export interface FilledDb {
  dir: string;
  dbPath: string;
  articleIds: number[];
  cleanup(): void;
}

export function filledDb(articles: readonly ArticleInput[] = FIXTURE_ARTICLES): FilledDb {
  const dir = mkdtempSync(join(tmpdir(), 'newsmon-api-'));
  const dbPath = join(dir, 'newsmon.db');
  const store = openStore(dbPath);
  const articleIds: number[] = [];
  try {
    store.upsertFeed({ id: 'example-news', url: 'https://news.example.com/feed.xml', name: 'Example News' });
    store.upsertFeed({ id: 'power-weekly', url: 'https://power.example.org/rss', name: 'Power Weekly' });
    store.upsertFeed({ id: 'cn-tech', url: 'https://cn.example.com/atom', name: null });
    store.recordFeedFetch('example-news', { ok: true, at: '2025-03-01T10:00:00Z', etag: '"e1"', lastModified: null, nextCheckAt: '2025-03-01T10:15:00Z', notModified: false });
    store.recordFeedFetch('cn-tech', { ok: false, at: '2025-03-01T10:00:00Z', error: 'HTTP 503 Service Unavailable', errorKind: 'http_5xx', nextCheckAt: '2025-03-01T10:30:00Z' });
    store.recordFeedFetch('cn-tech', { ok: false, at: '2025-03-01T10:30:00Z', error: 'HTTP 503 Service Unavailable', errorKind: 'http_5xx', nextCheckAt: '2025-03-01T11:30:00Z' });
    for (const a of articles) {
      const r = store.saveArticle(a);
      articleIds.push(r.articleId);
    }
  } finally {
    store.close();
  }
  return { dir, dbPath, articleIds, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
