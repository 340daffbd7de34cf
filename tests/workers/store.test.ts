import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoreJobResult, StoreQueueData } from '../../src/queue/jobs.js';
import { openStore, type Store } from '../../src/store/store.js';
import { storeProcessor } from '../../workers/store.js';
import { tempStore } from '../ingest/helpers.js';
import { article } from '../store/make-article.js';
import { jobOf } from './helpers.js';

// The store processor with a real SQLite file; no Redis.

describe('storeProcessor', () => {
  let store: Store;
  const results: Array<[string, StoreJobResult]> = [];
  let run: (name: string, data: StoreQueueData) => Promise<StoreJobResult>;

  beforeAll(() => {
    store = tempStore();
    const processor = storeProcessor({ store, now: () => new Date('2025-03-01T00:00:00Z'), onResult: (name, _d, r) => void results.push([name, r]) });
    run = (name, data) => processor(jobOf(name, data)) as Promise<StoreJobResult>;
  });
  afterAll(() => store?.close());

  it('writes an article once: a repeat of the job is a duplicate', async () => {
    const first = await run('article', { input: article(1) });
    expect(first).toMatchObject({ status: 'inserted', events: 2 });
    expect(await run('article', { input: article(1) })).toEqual({ status: 'duplicate', articleId: first.articleId });
    expect(store.queryEvents({ limit: 100 })).toHaveLength(2);
    expect(results.map(([, r]) => r.status)).toEqual(['inserted', 'duplicate']);
  });

  it('a skip job remembers the item as seen', async () => {
    store.upsertFeed({ id: 'example-feed', url: 'https://news.example.com/feed', name: null });
    expect(await run('skip', { feedId: 'example-feed', itemId: 'gone-1', url: 'https://news.example.com/gone', error: 'not-found: 404' })).toEqual({ status: 'skipped' });
    expect(store.seenItemIds('example-feed', ['gone-1'])).toEqual(new Set(['gone-1']));
  });

  it('a reextract job replaces the analysis; for an article since deleted it says "missing"', async () => {
    const id = store.findArticleIdByCanonicalUrl(article(1).canonicalUrl)!;
    const analysis = { mentions: [], powerFigures: [], events: [{ sentence: 0, text: 'Nvidia.', entities: ['nvidia'], tags: [], powerFigures: [] }] };
    expect(await run('reextract', { runId: 'r', articleId: id, analysis })).toEqual({ status: 'replaced', articleId: id, events: 1 });
    expect(store.queryEvents({ limit: 100 }).map((e) => e.entities)).toEqual([['nvidia']]);
    expect(await run('reextract', { runId: 'r', articleId: 999, analysis })).toEqual({ status: 'missing', articleId: 999 });
  });

  it('a store refusal is thrown as a store-error, for a retry', async () => {
    // A read-only connection to the same file: SQLite itself refuses the write.
    const readonly = openStore(store.path, { readonly: true });
    try {
      const processor = storeProcessor({ store: readonly, now: () => new Date() });
      await expect(processor(jobOf('article', { input: article(2) }))).rejects.toThrow(/^store-error: .*readonly/);
    } finally {
      readonly.close();
    }
  });

  it('an unknown job name is an error', async () => {
    await expect(run('nonsense', { input: article(3) })).rejects.toThrow(/unknown store job "nonsense"/);
  });
});
