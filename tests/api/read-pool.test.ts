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
      // Two reads that would take far longer than any limit occupy both threads (for 10 s, their own limit).
      const slow = [0, 1].map(() => store.pool!.run({ op: 'sql', sql: SLOW_SQL, params: [5e9] }, 10_000));
      let slowSettled = false;
      const slowDone = Promise.all(slow.map((p) => p.then(() => 'done', (e: Error) => e.name))).finally(() => (slowSettled = true));
      await new Promise((r) => setTimeout(r, 200));

      const health = await fetch(`${base}/healthz`);
      expect(health.status).toBe(200);
      expect(((await health.json()) as { db: string }).db).toBe('ok');
      const metrics = await fetch(`${base}/metrics`);
      expect(await metrics.text()).toMatch(/newsmon_store_events 5/);
      // Answered while both threads were still held: neither waited for a thread. (An
      // order, not a time, so a loaded machine cannot fail it.)
      expect(slowSettled).toBe(false);

      // An events query queues behind them and is answered 503 at its limit, not held.
      const events = await fetch(`${base}/events`);
      expect(events.status).toBe(503);
      expect(events.headers.get('retry-after')).toBe('1');
      expect(((await events.json()) as { message: string }).message).toMatch(/longer than 1500 ms/);

      // The slow reads were stopped with their threads, and fresh threads answer again.
      expect(await slowDone).toEqual(['QueryTimeoutError', 'QueryTimeoutError']);
      // (A client retries a 503 after Retry-After; on a loaded machine a fresh thread's
      // start can itself outlast the 1.5 s limit, so this does too, a bounded number of times.)
      let again = await fetch(`${base}/events?entity=huawei`);
      for (let i = 0; i < 10 && again.status === 503; i++) {
        await new Promise((r) => setTimeout(r, 1000 * Number(again.headers.get('retry-after'))));
        again = await fetch(`${base}/events?entity=huawei`);
      }
      expect(again.status).toBe(200);
      expect(((await again.json()) as unknown[]).length).toBe(2);
    } finally {
      await app.close();
    }
  }, 60_000);

  it('the pool cannot write', async () => {
    const store = PooledReadStore.open(db.dbPath, { size: 1 });
    try {
      // A generous limit: on a loaded machine the thread's start alone can take seconds.
      await expect(store.pool!.run({ op: 'sql', sql: 'DELETE FROM events RETURNING id', params: [] }, 20_000)).rejects.toThrow(/readonly|read-only/i);
    } finally {
      store.close();
    }
  });
});
