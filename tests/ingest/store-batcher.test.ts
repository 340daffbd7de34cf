import { describe, expect, it } from 'vitest';
import { StoreBatcher } from '../../src/ingest/store-batcher.js';
import { openStore } from '../../src/store/store.js';
import { article, tempDbPath } from '../store/make-article.js';

describe('StoreBatcher', () => {
  it('writes full batches at once and the rest after the delay, one result per article', async () => {
    const store = openStore(tempDbPath());
    const batcher = new StoreBatcher(store, 3, 10);
    const first = [1, 2, 3].map((n) => batcher.save(article(n)));
    // A full batch is written synchronously, before any timer.
    expect(store.stats().articles).toBe(3);
    const rest = [4, 5].map((n) => batcher.save(article(n)));
    expect(store.stats().articles).toBe(3);
    const results = await Promise.all([...first, ...rest]);
    expect(store.stats().articles).toBe(5);
    expect(results.map((r) => r.status)).toEqual(['inserted', 'inserted', 'inserted', 'inserted', 'inserted']);
    store.close();
  });

  it('a duplicate in a batch is reported as such and the others are stored', async () => {
    const store = openStore(tempDbPath());
    const batcher = new StoreBatcher(store, 10, 5);
    const results = await Promise.all([batcher.save(article(1)), batcher.save(article(1)), batcher.save(article(2))]);
    expect(results.map((r) => r.status)).toEqual(['inserted', 'duplicate', 'inserted']);
    store.close();
  });

  it('a store that cannot write rejects every waiting save with its error', async () => {
    const store = openStore(tempDbPath());
    const batcher = new StoreBatcher(store, 10, 5);
    store.close();
    await expect(batcher.save(article(1))).rejects.toThrow();
  });
});
