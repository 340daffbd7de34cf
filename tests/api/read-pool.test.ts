import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as ApiSource from '../../src/api/build-api.js';
import type * as PooledSource from '../../src/store/pooled-store.js';
import { openStore } from '../../src/store/store.js';
import { filledDb, type FilledDb } from './store-fixture.js';

// Worker threads run compiled JavaScript, so this drives the built API and pool in dist/.
const repoRoot = join(import.meta.dirname, '..', '..');
const builtPool = join(repoRoot, 'dist', 'src', 'store', 'pooled-store.js');
const builtApi = join(repoRoot, 'dist', 'src', 'api', 'build-api.js');

/** A read that takes seconds in SQLite itself: a recursive count to `n`. */
const SLOW_SQL = 'WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < ?) SELECT count(*) AS n FROM c';

describe.skipIf(!existsSync(builtPool) || !existsSync(builtApi))('reads on the pool (built dist/)', () => {
  let db: FilledDb;
  let PooledReadStore: typeof PooledSource.PooledReadStore;
  let buildApi: typeof ApiSource.buildApi;

  beforeAll(async () => {
    db = filledDb();
    ({ PooledReadStore } = (await import(pathToFileURL(builtPool).href)) as typeof PooledSource);
    ({ buildApi } = (await import(pathToFileURL(builtApi).href)) as typeof ApiSource);
  });
  afterAll(() => db.cleanup());

  it('answers /events from the threads the same as in-process', async () => {
    const store = PooledReadStore.open(db.dbPath, { size: 2 });
    expect(store.pool).not.toBeNull();
    const app = buildApi({ store, closeStore: true });
    try {
      const res = await app.inject({ url: '/events?limit=2' });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
      const inProcess = openStore(db.dbPath, { readonly: true });
      expect(res.json()).toEqual(inProcess.queryEvents({ limit: 2 }));
      inProcess.close();
      expect(res.headers.link).toMatch(/rel="next"/);
      const article = await app.inject({ url: `/articles/${db.articleIds[0]}` });
      expect(article.statusCode).toBe(200);
      expect(((await app.inject({ url: '/feeds' })).json() as unknown[]).length).toBe(3);
    } finally {
      await app.close();
    }
  });

  it('/healthz and /metrics answer while slow queries hold every thread; a query past its limit is a 503 with Retry-After', async () => {
    const store = PooledReadStore.open(db.dbPath, { size: 2, timeoutMs: 1500 });
    const app = buildApi({ store, closeStore: true });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
    try {
      // Two reads that would take far longer than any limit occupy both threads (for 4 s, their own limit).
      const slow = [0, 1].map(() => store.pool!.run({ op: 'sql', sql: SLOW_SQL, params: [5e9] }, 4000));
      const slowDone = slow.map((p) => p.then(() => 'done', (e: Error) => e.name));
      await new Promise((r) => setTimeout(r, 200));

      const started = Date.now();
      const health = await fetch(`${base}/healthz`);
      expect(health.status).toBe(200);
      expect(((await health.json()) as { db: string }).db).toBe('ok');
      const metrics = await fetch(`${base}/metrics`);
      expect(await metrics.text()).toMatch(/newsmon_store_events 5/);
      // Well inside the limit: neither waited for a thread.
      expect(Date.now() - started).toBeLessThan(1000);

      // An events query queues behind them and is answered 503 at its limit, not held.
      const events = await fetch(`${base}/events`);
      expect(events.status).toBe(503);
      expect(events.headers.get('retry-after')).toBe('1');
      expect(((await events.json()) as { message: string }).message).toMatch(/longer than 1500 ms/);

      // The slow reads were stopped with their threads, and fresh threads answer again.
      expect(await Promise.all(slowDone)).toEqual(['QueryTimeoutError', 'QueryTimeoutError']);
      const again = await fetch(`${base}/events?entity=huawei`);
      expect(again.status).toBe(200);
      expect(((await again.json()) as unknown[]).length).toBe(2);
    } finally {
      await app.close();
    }
  }, 30_000);

  it('the pool cannot write', async () => {
    const store = PooledReadStore.open(db.dbPath, { size: 1 });
    try {
      await expect(store.pool!.run({ op: 'sql', sql: 'DELETE FROM events RETURNING id', params: [] })).rejects.toThrow(/readonly|read-only/i);
    } finally {
      store.close();
    }
  });
});
