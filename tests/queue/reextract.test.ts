import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reextractJobId } from '../../src/queue/job-ids.js';
import type { ExtractQueueData, ReextractJobData } from '../../src/queue/jobs.js';
import { enqueueReextract } from '../../src/queue/reextract.js';
import type { Store } from '../../src/store/store.js';
import { tempStore } from '../ingest/helpers.js';
import { article } from '../store/make-article.js';
import { recordingQueue } from '../workers/helpers.js';

// `newsmon reextract` queues every stored article (or those since a date) once, in pages,
// each job carrying the stored text: a real SQLite file, the queue's addBulk recorded.

describe('enqueueReextract', () => {
  let store: Store;
  const N = 1_203; // more than two pages of 500

  beforeAll(() => {
    store = tempStore();
    store.saveArticles(Array.from({ length: N }, (_, i) => article(i)));
  });
  afterAll(() => store?.close());

  it('one reextract job per stored article, its id from the run and the article', async () => {
    const queue = recordingQueue<ExtractQueueData>();
    const progress: number[] = [];
    const total = await enqueueReextract({ store, queue, runId: 'run1', onProgress: (n) => progress.push(n) });
    expect(total).toBe(N);
    expect(progress).toEqual([500, 1000, N]);
    const ids = new Set(queue.added.map((a) => a.jobId));
    expect(ids.size).toBe(N);
    const first = queue.added[0]!;
    const data = first.data as ReextractJobData;
    expect(first.name).toBe('reextract');
    expect(first.jobId).toBe(reextractJobId('run1', data.articleId));
    expect(data.text).toBe(store.getArticle(data.articleId)!.text);
  });

  it('--since limits it to the articles published since', async () => {
    const queue = recordingQueue<ExtractQueueData>();
    const since = '2025-03-28T00:00:00Z';
    const total = await enqueueReextract({ store, queue, runId: 'run2', since });
    const want = store.listArticles({ since, limit: 10_000 }).length;
    expect(want).toBeGreaterThan(0);
    expect(want).toBeLessThan(N);
    expect(total).toBe(want);
  });
});
