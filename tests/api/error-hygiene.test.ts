import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApi } from '../../src/api/build-api.js';
import { routesOf } from '../../src/api/route-list.js';
import { openStore, type Store } from '../../src/store/store.js';
import { filledDb, type FilledDb } from './store-fixture.js';

// Whatever goes wrong, the answer is JSON in the one Error shape with the right status:
// a bad parameter is a 400 naming it, and nothing internal (stack, SQL, file paths)
// reaches the client.

let db: FilledDb;
let store: Store;
let app: FastifyInstance;

beforeAll(async () => {
  db = filledDb();
  store = openStore(db.dbPath, { readonly: true });
  app = buildApi({ store });
  await app.ready();
});
afterAll(async () => {
  await app.close();
  store.close();
  db.cleanup();
});

const INTERNALS = /\n\s+at |\.[tj]s:\d|node_modules|SQLITE_|sqlite|\/src\/|\/work\//i;

/** The body is the Error shape: these keys only, the status repeated, no internals. */
function expectErrorShape(body: string, status: number): { message: string; param?: string } {
  const json = JSON.parse(body) as Record<string, unknown>;
  expect(Object.keys(json).every((k) => ['statusCode', 'error', 'message', 'param'].includes(k)), body).toBe(true);
  expect(json.statusCode).toBe(status);
  expect(typeof json.error).toBe('string');
  expect(typeof json.message).toBe('string');
  expect(body).not.toMatch(INTERNALS);
  return json as { message: string; param?: string };
}

describe('a bad parameter is a 400 that names it', () => {
  it.each([
    ['/events?limit=0', 'limit'],
    ['/events?limit=abc', 'limit'],
    ['/events?limit=99999999999999999999', 'limit'],
    ['/events?offset=-1', 'offset'],
    ['/events?kind=heat', 'kind'],
    ['/events?since=yesterday', 'since'],
    ['/events?since=9999999999d', 'since'],
    ['/events?until=99999-01-01', 'until'],
    ['/events?cursor=zzz', 'cursor'],
    ['/events?min=5%20parsecs', 'min'],
    ['/events?max=lots', 'max'],
    ['/events?kind=power&max=1TWh', 'max'],
    [`/events?entity=${'a'.repeat(300)}`, 'entity'],
    ['/events.csv?since=tomorrowish', 'since'],
    ['/articles/abc', 'id'],
    ['/articles/0', 'id'],
  ])('%s → param %s', async (url, param) => {
    const res = await app.inject({ url });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    const body = expectErrorShape(res.body, 400);
    expect(body.param).toBe(param);
    expect(body.message).toContain(param);
  });
});

describe('other refusals are the same shape', () => {
  it.each([
    { name: 'a URL that is not valid percent-encoding', method: 'GET' as const, url: '/%E0%A4%A', status: 400 },
    { name: 'an unknown route', method: 'GET' as const, url: '/admin', status: 404 },
    { name: 'a method the route does not take', method: 'POST' as const, url: '/events', status: 404 },
    { name: 'a DELETE', method: 'DELETE' as const, url: '/articles/1', status: 404 },
    { name: 'an unknown article', method: 'GET' as const, url: '/articles/999999', status: 404 },
  ])('$name → $status', async ({ method, url, status }) => {
    const res = await app.inject({ method, url });
    expect(res.statusCode).toBe(status);
    expectErrorShape(res.body, status);
  });
});

describe('a failing store', () => {
  it('every registered route answers JSON errors without internals (or its own healthy text)', async () => {
    const broken = openStore(db.dbPath, { readonly: true });
    const other = buildApi({ store: broken });
    try {
      await other.ready();
      broken.close();
      // The page's files (/assets/:name) read no store; their own answers are tested in tests/web.
      const urls = [...new Set(routesOf(other).map((r) => r.url))].filter((u) => !u.startsWith('/assets/')).map((u) => u.replace(/:[A-Za-z0-9_]+/g, String(db.articleIds[0])));
      let failures = 0;
      for (const url of urls) {
        const res = await other.inject({ url });
        expect(res.body, url).not.toMatch(INTERNALS);
        if (res.statusCode >= 400 && url !== '/healthz') {
          failures += 1;
          expect(res.statusCode, url).toBe(500);
          expect(expectErrorShape(res.body, 500).message).toBe('internal error; see the server log');
        }
      }
      expect(failures).toBeGreaterThanOrEqual(4); // /events, /events.csv, /articles/:id, /feeds at least
    } finally {
      await other.close();
    }
  });
});
