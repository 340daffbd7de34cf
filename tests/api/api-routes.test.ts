import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApi } from '../../src/api/build-api.js';
import { openStore, type Store } from '../../src/store/store.js';
import { filledDb, type FilledDb } from './store-fixture.js';

let db: FilledDb;
let store: Store;
let app: FastifyInstance;

beforeAll(async () => {
  db = filledDb();
  store = openStore(db.dbPath, { readonly: true });
  app = buildApi({ store, metrics: () => '# TYPE newsmon_queue_waiting gauge\nnewsmon_queue_waiting{queue="poll"} 3\n' });
  await app.ready();
});
afterAll(async () => {
  await app.close();
  store.close();
  db.cleanup();
});

describe('GET /articles/:id', () => {
  it('returns the stored article', async () => {
    const res = await app.inject({ url: `/articles/${db.articleIds[3]}` });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id: db.articleIds[3], title: '寒武纪发布新芯片', lang: 'zh', feedId: 'cn-tech', canonicalUrl: 'https://cn.example.com/cambricon' });
  });

  it.each([
    { name: 'unknown id', url: '/articles/999999', status: 404, message: 'no article 999999' },
    { name: 'id not a number', url: '/articles/abc', status: 400, message: 'id must be integer' },
    { name: 'id zero', url: '/articles/0', status: 400, message: 'id must be >= 1' },
  ])('$name → $status', async ({ url, status, message }) => {
    const res = await app.inject({ url });
    expect(res.statusCode).toBe(status);
    expect(res.json()).toMatchObject({ statusCode: status, message });
  });
});

describe('GET /feeds', () => {
  it('lists every feed with its poll state', async () => {
    const res = await app.inject({ url: '/feeds' });
    expect(res.statusCode).toBe(200);
    const feeds = res.json() as Array<{ id: string; failureCount: number; lastErrorKind: string | null }>;
    expect(feeds.map((f) => f.id).sort()).toEqual(['cn-tech', 'example-news', 'power-weekly']);
    expect(feeds.find((f) => f.id === 'cn-tech')).toMatchObject({ failureCount: 2, lastErrorKind: 'http_5xx', lastError: 'HTTP 503 Service Unavailable' });
    expect(feeds.find((f) => f.id === 'example-news')).toMatchObject({ failureCount: 0, etag: '"e1"' });
  });
});

describe('GET /healthz', () => {
  it('is ok when the database answers', async () => {
    const res = await app.inject({ url: '/healthz' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'ok', db: 'ok', version: expect.any(String) });
  });

  it.each([
    { name: 'a check that is not ok', health: () => ({ status: 'degraded', redis: 'down' }), want: { status: 'error', redis: 'down' } },
    { name: 'a check that throws', health: async () => { throw new Error('redis: connect ECONNREFUSED'); }, want: { status: 'error', check: 'redis: connect ECONNREFUSED' } },
    { name: 'a check that adds facts', health: () => ({ redis: 'ok', workers: 3 }), want: { status: 'ok', redis: 'ok', workers: 3 } },
  ])('$name', async ({ health, want }) => {
    const other = buildApi({ store, health });
    try {
      const res = await other.inject({ url: '/healthz' });
      expect(res.statusCode).toBe(want.status === 'ok' ? 200 : 503);
      expect(res.json()).toMatchObject(want);
    } finally {
      await other.close();
    }
  });
});

describe('GET /metrics', () => {
  it('speaks the Prometheus text format: requests by route, store counts, extra metrics', async () => {
    await app.inject({ url: '/events?limit=1' });
    await app.inject({ url: '/events?limit=0' });
    await app.inject({ url: '/articles/12345' });
    const res = await app.inject({ url: '/metrics' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/plain; version=0.0.4; charset=utf-8');
    const text = res.body;
    expect(text).toMatch(/^newsmon_api_requests_total\{method="GET",route="\/events",status="200"\} [1-9]\d*$/m);
    expect(text).toMatch(/^newsmon_api_requests_total\{method="GET",route="\/events",status="400"\} [1-9]\d*$/m);
    // The route pattern, not the URL: ids do not become series.
    expect(text).toMatch(/^newsmon_api_requests_total\{method="GET",route="\/articles\/:id",status="404"\} [1-9]\d*$/m);
    expect(text).toMatch(/^newsmon_api_request_duration_seconds_count\{method="GET",route="\/events",status="200"\} \d+$/m);
    expect(text).toContain('newsmon_store_events 5\n');
    expect(text).toContain('newsmon_store_feeds_failing 1\n');
    expect(text).toContain('newsmon_queue_waiting{queue="poll"} 3\n');
    expect(text).not.toMatch(/NaN|undefined/);
  });
});

describe('errors', () => {
  it('an unknown route is a JSON 404', async () => {
    const res = await app.inject({ url: '/nothing/here?x=1' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ statusCode: 404, error: 'Not Found', message: 'no route GET /nothing/here' });
  });

  it('a failing store is a 500 that leaks nothing, and /healthz says 503', async () => {
    const broken = openStore(db.dbPath, { readonly: true });
    const other = buildApi({ store: broken });
    try {
      broken.close();
      const res = await other.inject({ url: '/events' });
      expect(res.statusCode).toBe(500);
      expect(res.json()).toEqual({ statusCode: 500, error: 'Internal Server Error', message: 'internal error; see the server log' });
      const health = await other.inject({ url: '/healthz' });
      expect(health.statusCode).toBe(503);
      expect(health.json()).toMatchObject({ status: 'error', db: expect.stringMatching(/not open/) });
    } finally {
      await other.close();
    }
  });

  it('closeStore hands the store to the app, which closes it on close', async () => {
    const own = openStore(db.dbPath, { readonly: true });
    const other = buildApi({ store: own, closeStore: true });
    await other.ready();
    await other.close();
    expect(() => own.queryEvents({})).toThrow(/not open/);
  });
});
