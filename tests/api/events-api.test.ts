import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApi } from '../../src/api/build-api.js';
import { openStore, type Store } from '../../src/store/store.js';
import type { StoredEvent } from '../../src/store/types.js';
import { filledDb, type FilledDb } from './store-fixture.js';

const NOW = new Date('2025-03-02T00:00:00Z');
let db: FilledDb;
let store: Store;
let app: FastifyInstance;

beforeAll(async () => {
  db = filledDb();
  store = openStore(db.dbPath, { readonly: true });
  app = buildApi({ store, now: () => NOW, closeStore: true });
  await app.ready();
});
afterAll(async () => {
  await app.close();
  db.cleanup();
});

async function events(query: string): Promise<StoredEvent[]> {
  const res = await app.inject({ method: 'GET', url: `/events${query}` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as StoredEvent[];
}

describe('GET /events filters', () => {
  const cases: Array<{ name: string; query: string; want: string[] }> = [
    {
      name: 'everything, newest article first, reading order within one',
      query: '',
      want: [
        'The data centre needs 300 MW, and each rack 120 kW.',
        'Huawei said its Ascend 910C cluster will draw 2.5 GW when complete.',
        'Nvidia and Huawei now compete for the same buyers.',
        '寒武纪发布了新一代思元芯片，功耗为350瓦。',
        'Moore Threads filed for an initial public offering in Shanghai.',
      ],
    },
    { name: 'entity', query: '?entity=nvidia', want: ['Nvidia and Huawei now compete for the same buyers.'] },
    { name: 'entity with two events', query: '?entity=huawei', want: ['Huawei said its Ascend 910C cluster will draw 2.5 GW when complete.', 'Nvidia and Huawei now compete for the same buyers.'] },
    { name: 'unknown entity', query: '?entity=intel', want: [] },
    { name: 'tag', query: '?tag=funding', want: ['Moore Threads filed for an initial public offering in Shanghai.'] },
    { name: 'since a date (UTC day start)', query: '?since=2025-03-01&tag=power', want: ['The data centre needs 300 MW, and each rack 120 kW.', 'Huawei said its Ascend 910C cluster will draw 2.5 GW when complete.'] },
    { name: 'since a span back from now', query: '?since=7d&entity=moore-threads', want: [] },
    { name: 'since a longer span', query: '?since=2w&entity=moore-threads', want: ['Moore Threads filed for an initial public offering in Shanghai.'] },
    { name: 'until a date includes that whole day', query: '?until=2025-02-28', want: ['寒武纪发布了新一代思元芯片，功耗为350瓦。', 'Moore Threads filed for an initial public offering in Shanghai.'] },
    { name: 'since and until an ISO time', query: '?since=2025-02-28T22:00:00Z&until=2025-03-01T02:00:00%2B00:00', want: ['Huawei said its Ascend 910C cluster will draw 2.5 GW when complete.', 'Nvidia and Huawei now compete for the same buyers.', '寒武纪发布了新一代思元芯片，功耗为350瓦。'] },
    { name: 'feed', query: '?feed=power-weekly', want: ['The data centre needs 300 MW, and each rack 120 kW.'] },
    { name: 'full-text search', query: `?q=${encodeURIComponent('compete')}&entity=nvidia`, want: ['Nvidia and Huawei now compete for the same buyers.'] },
    { name: 'search matches the sentence itself, not its article', query: `?q=${encodeURIComponent('Ascend')}&entity=nvidia`, want: [] },
    { name: 'phrase search', query: `?q=${encodeURIComponent('"same buyers"')}`, want: ['Nvidia and Huawei now compete for the same buyers.'] },
    { name: 'power figures above 1 GW', query: '?min=1GW', want: ['Huawei said its Ascend 910C cluster will draw 2.5 GW when complete.'] },
    { name: 'power figures in a range, with an entity', query: '?kind=power&min=100&max=1kW&entity=cambricon', want: ['寒武纪发布了新一代思元芯片，功耗为350瓦。'] },
    { name: 'energy figures', query: '?kind=energy', want: [] },
    { name: 'full-text search in Chinese', query: `?q=${encodeURIComponent('寒武纪')}`, want: ['寒武纪发布了新一代思元芯片，功耗为350瓦。'] },
    { name: 'search text that is FTS syntax is still just text', query: `?q=${encodeURIComponent('Ascend* ( :')}`, want: ['Huawei said its Ascend 910C cluster will draw 2.5 GW when complete.'] },
    { name: 'query strings the API does not know are ignored', query: '?entity=nvidia&colour=blue', want: ['Nvidia and Huawei now compete for the same buyers.'] },
  ];
  it.each(cases)('$name', async ({ query, want }) => {
    expect((await events(query)).map((e) => e.text)).toEqual(want);
  });
});

describe('GET /events shape and paging', () => {
  it('carries the fields of `newsmon events --format json`', async () => {
    const [e] = await events('?entity=huawei&limit=1');
    expect(e).toMatchObject({
      id: expect.any(Number),
      text: 'Huawei said its Ascend 910C cluster will draw 2.5 GW when complete.',
      entities: ['huawei'],
      tags: ['product', 'power'],
      powerFigures: [{ text: '2.5 GW', value: 2.5, unit: 'GW', kind: 'power', si: 2.5e9 }],
      article: { id: db.articleIds[0], url: 'https://news.example.com/huawei-ascend?utm=x', title: "Huawei's Ascend push", published: '2025-03-01T01:30:00.000Z', feed: 'example-news' },
    });
  });

  it('pages by keyset: a full page links the next (RFC 8288), the last links nothing', async () => {
    const all = await events('');
    const got: StoredEvent[] = [];
    let url: string | null = '/events?limit=2&since=2w';
    const links: string[] = [];
    while (url) {
      const res = await app.inject({ url });
      expect(res.statusCode, res.body).toBe(200);
      got.push(...(res.json() as StoredEvent[]));
      const link = res.headers.link as string | undefined;
      const m = link ? /^<([^>]+)>; rel="next"$/.exec(link) : null;
      if (link) links.push(link);
      url = m ? (m[1] as string) : null;
    }
    expect(got).toEqual(all);
    expect(links).toHaveLength(2);
    // Filters are kept, a relative since is pinned to the first page's time, the cursor is opaque.
    expect(links[0]).toMatch(/^<\/events\?limit=2&since=2025-02-16T00%3A00%3A00\.000Z&cursor=[A-Za-z0-9_-]+>; rel="next"$/);
  });

  it('CSV pages the same way', async () => {
    const res = await app.inject({ url: '/events.csv?limit=1&entity=huawei' });
    expect(res.headers.link).toMatch(/^<\/events\.csv\?limit=1&entity=huawei&cursor=[A-Za-z0-9_-]+>; rel="next"$/);
    expect(res.headers['x-next-offset']).toBeUndefined();
  });

  it('still takes offset from old clients (without x-next-offset)', async () => {
    const all = await events('');
    expect(await events('?limit=2&offset=3')).toEqual(all.slice(3, 5));
  });

  it('serves CSV with the same rows', async () => {
    const res = await app.inject({ url: '/events.csv?tag=power' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    const lines = res.body.trimEnd().split('\n');
    expect(lines[0]).toBe('id,published,entities,tags,power_figures,text,title,url,feed');
    expect(lines).toHaveLength(4);
    expect(res.body).toContain('"The data centre needs 300 MW, and each rack 120 kW."');
  });
});

describe('GET /events rejects bad parameters with 400 and a message', () => {
  const cases = [
    { name: 'limit zero', query: '?limit=0', message: /limit must be >= 1/ },
    { name: 'limit over the cap', query: '?limit=1001', message: /limit must be <= 1000/ },
    { name: 'limit not a number', query: '?limit=ten', message: /limit must be integer/ },
    { name: 'negative offset', query: '?offset=-1', message: /offset must be >= 0/ },
    { name: 'since in words', query: '?since=yesterday', message: /"since" must be a duration .*"yesterday"/ },
    { name: 'until not a real date', query: '?until=2025-13-01', message: /"until" must be/ },
    { name: 'entity given 17 times', query: `?${Array.from({ length: 17 }, (_, i) => `entity=e${i}`).join('&')}`, message: /entity must NOT have more than 16 items/ },
    { name: 'empty q', query: '?q=', message: /q must NOT have fewer than 1 characters/ },
    { name: 'garbled cursor', query: '?cursor=%%%', message: /"cursor" is not a cursor this API gave out/ },
    { name: 'forged cursor', query: `?cursor=${Buffer.from('1.99999999999999999.1').toString('base64url')}`, message: /"cursor" is not a cursor/ },
    { name: 'cursor of another form', query: `?cursor=${Buffer.from('{"k":1}').toString('base64url')}`, message: /"cursor"/ },
    { name: 'cursor not in canonical form', query: `?cursor=${Buffer.from('1.0012.1').toString('base64url')}`, message: /"cursor"/ },
    { name: 'min without a number', query: '?min=GW', message: /"min" must be a number/ },
    { name: 'min with an unknown unit', query: '?min=1hp', message: /"min" must be a number/ },
    { name: 'kind and unit disagree', query: '?kind=energy&min=1GW', message: /disagree/ },
    { name: 'unknown kind', query: '?kind=heat', message: /kind must be equal to one of the allowed values/ },
  ];
  it.each(cases)('$name', async ({ query, message }) => {
    const res = await app.inject({ url: `/events${query}` });
    expect(res.statusCode).toBe(400);
    const body = res.json() as { statusCode: number; error: string; message: string };
    expect(body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
    expect(body.message).toMatch(message);
  });
});
