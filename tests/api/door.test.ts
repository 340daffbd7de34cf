import { EventEmitter } from 'node:events';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApi } from '../../src/api/build-api.js';
import { bearerToken, bindingRefusal, isLoopbackHost } from '../../src/api/door.js';
import { routesOf } from '../../src/api/route-list.js';
import { serve } from '../../src/cli/serve.js';
import { openStore, type Store } from '../../src/store/store.js';
import { filledDb, type FilledDb } from './store-fixture.js';

// The locked door, over real HTTP on loopback: with a token, every route but /healthz
// wants `Authorization: Bearer <token>`; without one, the API will not bind anything
// but loopback.

const TOKEN = 'k3y-for-the-door-0123456789abcdef';

describe('which addresses are loopback', () => {
  it.each([
    ['127.0.0.1', true], ['127.8.9.10', true], ['::1', true], ['[::1]', true], ['0:0:0:0:0:0:0:1', true],
    ['::ffff:127.0.0.1', true], ['localhost', true], ['LOCALHOST.', true],
    ['0.0.0.0', false], ['::', false], ['192.168.1.20', false], ['10.0.0.5', false], ['fe80::1', false],
    ['::ffff:10.0.0.1', false], ['128.0.0.1', false], ['example.com', false], ['localhost.example.com', false], ['', false],
  ])('%j → %s', (host, loopback) => expect(isLoopbackHost(host)).toBe(loopback));

  it('refuses a non-loopback address without a token, in one line that says what to do', () => {
    for (const host of ['0.0.0.0', '::', '192.168.1.20']) {
      const why = bindingRefusal(host, null);
      expect(why).toMatch(new RegExp(`refusing to serve the API on ${host.replace(/\./g, '\\.')}.*NEWSMON_API_TOKEN`));
      expect(why).not.toContain('\n');
    }
    expect(bindingRefusal('0.0.0.0', TOKEN)).toBeNull();
    expect(bindingRefusal('127.0.0.1', null)).toBeNull();
    expect(bindingRefusal('::1', null)).toBeNull();
  });

  it.each([
    ['Bearer abc', 'abc'], ['bearer abc', 'abc'], ['BEARER   abc ', 'abc'],
    [undefined, null], ['', null], ['Bearer', null], ['Bearer ', null], ['Basic YWJjOmRlZg==', null], ['Token abc', null], ['Bearer a b', null], ['Bearerabc', null],
  ])('Authorization %j → %j', (header, token) => expect(bearerToken(header)).toBe(token));
});

describe('with a token, over real HTTP on loopback', () => {
  let db: FilledDb;
  let store: Store;
  let app: FastifyInstance;
  let base = '';

  beforeAll(async () => {
    db = filledDb();
    store = openStore(db.dbPath, { readonly: true });
    app = buildApi({ store, token: TOKEN });
    await app.listen({ host: '127.0.0.1', port: 0 });
    base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  });
  afterAll(async () => {
    await app.close();
    store.close();
    db.cleanup();
  });

  const get = (path: string, authorization?: string) => fetch(`${base}${path}`, authorization === undefined ? {} : { headers: { authorization } });

  it.each([
    { name: 'no Authorization header', auth: undefined, challenge: 'Bearer realm="newsmon"' },
    { name: 'the wrong token', auth: `Bearer ${TOKEN}x`, challenge: 'Bearer realm="newsmon", error="invalid_token"' },
    { name: 'a prefix of the token', auth: `Bearer ${TOKEN.slice(0, 10)}`, challenge: 'Bearer realm="newsmon", error="invalid_token"' },
    { name: 'the right token under another scheme', auth: `Basic ${TOKEN}`, challenge: 'Bearer realm="newsmon"' },
    { name: 'the bare token', auth: TOKEN, challenge: 'Bearer realm="newsmon"' },
  ])('$name → 401 JSON with WWW-Authenticate', async ({ auth, challenge }) => {
    const res = await get('/events', auth);
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe(challenge);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const body = (await res.json()) as { statusCode: number; error: string; message: string };
    expect(body).toMatchObject({ statusCode: 401, error: 'Unauthorized' });
    expect(body.message).not.toContain(TOKEN.slice(0, 8));
  });

  it('the right token opens it (scheme in any case)', async () => {
    for (const auth of [`Bearer ${TOKEN}`, `bearer ${TOKEN}`]) {
      const res = await get('/events?entity=cambricon', auth);
      expect(res.status).toBe(200);
      expect(((await res.json()) as unknown[]).length).toBe(1);
    }
  });

  it('/healthz stays open (GET and HEAD), and only /healthz', async () => {
    expect((await get('/healthz')).status).toBe(200);
    expect((await fetch(`${base}/healthz`, { method: 'HEAD' })).status).toBe(200);
    expect((await get('/healthz/')).status).toBe(401);
    expect((await get('/healthz/../events')).status).toBe(401);
    expect((await get('/HEALTHZ')).status).toBe(401);
  });

  it('every registered route but /healthz wants the token, so routes added later are locked too', async () => {
    const urls = [...new Set(routesOf(app).map((r) => r.url))].filter((u) => u !== '/healthz');
    expect(urls).toEqual(expect.arrayContaining(['/events', '/events.csv', '/articles/:id', '/feeds', '/metrics', '/openapi.json']));
    for (const url of urls) {
      const path = url.replace(/:[A-Za-z0-9_]+/g, '1').replace(/\*$/, 'x.js');
      const locked = await get(path);
      expect(locked.status, `${path} without a token`).toBe(401);
      const open = await get(path, `Bearer ${TOKEN}`);
      expect(open.status, `${path} with the token`).not.toBe(401);
    }
  });

  it('an unknown path is a 401 too: a stranger learns nothing about the routes', async () => {
    expect((await get('/admin')).status).toBe(401);
    expect((await get('/admin', `Bearer ${TOKEN}`)).status).toBe(404);
  });
});

describe('newsmon serve and the door', () => {
  let db: FilledDb;
  beforeAll(() => {
    db = filledDb();
  });
  afterAll(() => db.cleanup());

  it('refuses a non-loopback address without a token, before listening', async () => {
    let listened = false;
    await expect(
      serve({ settings: { dbPath: db.dbPath, api: { host: '0.0.0.0', port: 0, token: null } }, onListening: () => (listened = true) }),
    ).rejects.toThrow(/^refusing to serve the API on 0\.0\.0\.0, which is not loopback, without NEWSMON_API_TOKEN/);
    expect(listened).toBe(false);
  });

  it('with a token on loopback, serves and asks for it', async () => {
    const signals = new EventEmitter();
    let url = '';
    let exited: Promise<number> = Promise.resolve(-1);
    await new Promise<void>((resolve) => {
      exited = serve({ settings: { dbPath: db.dbPath, api: { host: '127.0.0.1', port: 0, token: TOKEN } }, signals, onListening: (u) => ((url = u), resolve()) });
    });
    try {
      expect((await fetch(`${url}/openapi.json`)).status).toBe(401);
      expect((await fetch(`${url}/openapi.json`, { headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(200);
      expect((await fetch(`${url}/healthz`)).status).toBe(200);
    } finally {
      signals.emit('SIGTERM', 'SIGTERM');
    }
    expect(await exited).toBe(0);
  });
});
