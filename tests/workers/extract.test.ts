import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { UnrecoverableError } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadAnalyzer } from '../../src/ingest/load-analyzer.js';
import type { HttpClient } from '../../src/fetch/types.js';
import type { ArticleJob } from '../../src/ingest/types.js';
import { reextractStoreJobId, retryLaterJobId, skipJobId, storeJobId } from '../../src/queue/job-ids.js';
import type { ExtractJobResult, StoreQueueData } from '../../src/queue/jobs.js';
import type * as PoolSource from '../../src/ingest/reader-pool.js';
import { extractProcessor } from '../../workers/extract.js';
import { articleHtml, articleSpec, startFixtureSite, type FixtureSite } from '../fixture-site/index.js';
import { httpClient, repoRoot } from '../ingest/helpers.js';
import { jobOf, recordingQueue } from './helpers.js';

// The extract processor with real HTTP on loopback; what it hands the store role is
// recorded. No Redis, no database (the role has none).

const analyzer = loadAnalyzer(join(repoRoot, 'config'));

describe('extractProcessor', () => {
  let site: FixtureSite;
  let http: HttpClient;
  const store = recordingQueue<StoreQueueData>();
  let processor: ReturnType<typeof extractProcessor>;

  const articleJob = (path: string): ArticleJob => ({
    feedId: 'f', itemId: path, url: `${site.url}${path}`, canonicalUrl: `https://fixture.example${path}`,
    title: null, published: null, author: null, feedContent: null, summary: null,
  });

  beforeAll(async () => {
    site = await startFixtureSite({ seed: 3 });
    http = httpClient();
    processor = extractProcessor({ http, analyzer: () => analyzer, now: () => new Date('2025-03-01T00:00:00Z'), store });
  });
  afterAll(async () => {
    http?.close();
    await site?.close();
  });

  it('a page becomes one store job, its id derived from the extract job', async () => {
    const spec = articleSpec(31);
    site.setResource('/articles/ok.html', articleHtml(spec));
    store.added.length = 0;
    const r = (await processor(jobOf('extract', articleJob('/articles/ok.html'), { id: 'art-ok' }))) as ExtractJobResult;
    expect(r.next).toBe('store');
    expect(store.added).toHaveLength(1);
    expect(store.added[0]).toMatchObject({ name: 'article', jobId: storeJobId('art-ok') });
    expect((store.added[0]!.data as { input: { title: string } }).input.title).toBe(spec.title);
  });

  it('a page that is gone: a skip job (remember the item as seen) and no retry', async () => {
    store.added.length = 0;
    const err = await processor(jobOf('extract', articleJob('/status/404'), { id: 'art-404' })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UnrecoverableError);
    expect((err as Error).message).toMatch(/^not-found: /);
    expect(store.added).toEqual([{ name: 'skip', data: expect.objectContaining({ itemId: '/status/404', error: expect.stringMatching(/^not-found/) }), jobId: skipJobId('art-404') }]);
  });

  it('a server error: thrown for a retry with backoff, and nothing handed on', async () => {
    store.added.length = 0;
    const err = await processor(jobOf('extract', articleJob('/status/503'), { id: 'art-503' })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect(err).not.toBeInstanceOf(UnrecoverableError);
    expect((err as Error).message).toMatch(/^http-server-error: /);
    expect(store.added).toEqual([]);
  });

  it('a server error on the last try: still thrown (the job fails), and the store role is told the item stays unseen', async () => {
    store.added.length = 0;
    const err = await processor(jobOf('extract', articleJob('/status/503'), { id: 'art-503', attemptsMade: 3, attempts: 4 })).catch((e: unknown) => e);
    expect(err).not.toBeInstanceOf(UnrecoverableError);
    expect((err as Error).message).toMatch(/^http-server-error: /);
    expect(store.added).toEqual([{ name: 'retry-later', data: expect.objectContaining({ feedId: 'f', itemId: '/status/503', error: expect.stringMatching(/^http-server-error/) }), jobId: retryLaterJobId('art-503') }]);
  });

  it('a reextract job analyses the stored text again and hands the analysis to the store role', async () => {
    store.added.length = 0;
    const data = { runId: 'r1', articleId: 42, text: 'Cambricon shipped its new chip, drawing 350 W.', lang: 'en' };
    const r = (await processor(jobOf('reextract', data))) as ExtractJobResult;
    expect(r.next).toBe('reextract');
    expect(store.added).toHaveLength(1);
    expect(store.added[0]).toMatchObject({ name: 'reextract', jobId: reextractStoreJobId('r1', 42), data: { runId: 'r1', articleId: 42 } });
    const analysis = (store.added[0]!.data as { analysis: { events: Array<{ entities: string[] }> } }).analysis;
    expect(analysis.events.flatMap((e) => e.entities)).toContain('cambricon');
  });

  // Worker threads run compiled JavaScript: the built pool in dist/, as tests/ingest/reader-pool.test.ts does.
  const builtPool = join(repoRoot, 'dist', 'src', 'ingest', 'reader-pool.js');
  it.skipIf(!existsSync(builtPool))('a reextract job is analysed on the reader threads when there are any, not on this thread', async () => {
    const { ReaderPool } = (await import(pathToFileURL(builtPool).href)) as typeof PoolSource;
    const pool = ReaderPool.create(join(repoRoot, 'config'), 1)!;
    try {
      const onThisThread = { analyze: (): never => { throw new Error('analysed on the event loop'); } };
      const local = recordingQueue<StoreQueueData>();
      const onThreads = extractProcessor({ http, analyzer: () => onThisThread, reader: () => pool, now: () => new Date('2025-03-01T00:00:00Z'), store: local });
      const data = { runId: 'r2', articleId: 43, text: 'Cambricon shipped its new chip, drawing 350 W.', lang: 'en' };
      expect(((await onThreads(jobOf('reextract', data))) as ExtractJobResult).next).toBe('reextract');
      const analysis = (local.added[0]!.data as { analysis: { events: Array<{ entities: string[] }> } }).analysis;
      expect(analysis.events.flatMap((e) => e.entities)).toContain('cambricon');
    } finally {
      await pool.close();
    }
  });
});
