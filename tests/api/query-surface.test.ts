import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApi } from '../../src/api/build-api.js';
import { openStore, type Store } from '../../src/store/store.js';
import type { StoredEvent } from '../../src/store/types.js';
import { FILTER_ARTICLES, TRICKY_SENTENCE } from './filter-fixture.js';
import { filledDb, type FilledDb } from './store-fixture.js';

const NOW = new Date('2025-03-02T00:00:00Z');
const WATCH = [
  { id: 'huawei', name: 'Huawei' }, { id: 'nvidia', name: 'Nvidia' }, { id: 'cambricon', name: 'Cambricon' }, { id: 'enflame', name: 'Enflame' },
];
let db: FilledDb;
let store: Store;
let app: FastifyInstance;

beforeAll(async () => {
  db = filledDb(FILTER_ARTICLES);
  store = openStore(db.dbPath, { readonly: true });
  app = buildApi({ store, now: () => NOW, closeStore: true, entities: WATCH });
  await app.ready();
});
afterAll(async () => {
  await app.close();
  db.cleanup();
});

async function texts(query: string): Promise<string[]> {
  const res = await app.inject({ url: `/events${query}` });
  expect(res.statusCode, res.body).toBe(200);
  return (res.json() as StoredEvent[]).map((e) => e.text);
}

const HUAWEI = 'Huawei said its Ascend 910C cluster will draw 2.5 GW when complete.';
const BOTH = 'Nvidia and Huawei now compete for the same buyers.';
const LAB = 'Huawei opened a lab in Shenzhen.';
const PRICES = 'Nvidia cut prices.';
const TWH = 'Data centres used 1.5 TWh last year.';
const DC = 'The data centre needs 300 MW, and each rack 120 kW.';
const CN = '寒武纪发布了新一代思元芯片，功耗为350瓦。';
const IPO = 'Moore Threads filed for an initial public offering in Shanghai.';

describe('GET /events: the filters of issue 9', () => {
  const cases: Array<[string, string, string[]]> = [
    ['two entities, any (default)', '?entity=huawei&entity=nvidia', [HUAWEI, BOTH, LAB, PRICES]],
    ['two entities, match=any', '?entity=nvidia&entity=huawei&match=any', [HUAWEI, BOTH, LAB, PRICES]],
    ['two entities in the same sentence', '?entity=huawei&entity=nvidia&match=all', [BOTH]],
    ['entity ids ignore case', '?entity=HUAWEI&entity=Nvidia&match=all', [BOTH]],
    ['two tags, any', '?tag=funding&tag=earnings', [PRICES, IPO]],
    ['two tags, all', '?tag=product&tag=power&match=all', [HUAWEI, CN]],
    ['entities any with a tag', '?entity=huawei&entity=nvidia&tag=product', [HUAWEI, LAB]],
    ['language', '?lang=zh', [CN]],
    ['language as a full tag', '?lang=zh-CN', [CN]],
    ['language and entity', '?lang=en&entity=cambricon', []],
    ['phrase', `?q=${encodeURIComponent('"same buyers"')}`, [BOTH]],
    ['a phrase in the wrong order finds nothing', `?q=${encodeURIComponent('"buyers same"')}`, []],
    ['prefix', `?q=${encodeURIComponent('compet*')}`, [BOTH]],
    ['prefix with entity', `?q=${encodeURIComponent('Shen*')}&entity=huawei`, [LAB]],
    ['power above 1 GW (lower-case unit)', '?min=1gw', [HUAWEI]],
    ['power range with spaces in units', `?min=${encodeURIComponent('100 kW')}&max=${encodeURIComponent('400 MW')}`, [DC]],
    ['thousands separators', `?min=${encodeURIComponent('300,000 kW')}&kind=power`, [DC, HUAWEI]],
    ['units in words', `?min=${encodeURIComponent('0.3 gigawatts')}`, [DC, HUAWEI]],
    ['Chinese units', `?max=${encodeURIComponent('1千瓦')}`, [CN]],
    ['energy by its unit', `?min=${encodeURIComponent('1.5 TWh')}`, [TWH]],
    ['energy by kind with a range', '?kind=energy&max=2TWh', [TWH]],
    ['bare number in W with kind', '?kind=power&min=100&max=500', [CN]],
    ['power and entities any', '?entity=cambricon&entity=huawei&min=300W', [HUAWEI, CN]],
    ['since and until with entities all', '?entity=huawei&entity=nvidia&match=all&since=2025-03-01&until=2025-03-01', [BOTH]],
    ['since a span', '?since=24h&entity=huawei', [HUAWEI, BOTH]],
  ];
  it.each(cases)('%s', async (_name, query, want) => {
    expect(await texts(query)).toEqual(want);
  });

  it('a repeated entity survives in the Link to the next page', async () => {
    const res = await app.inject({ url: '/events?entity=huawei&entity=nvidia&limit=1' });
    expect(res.headers.link).toMatch(/^<\/events\?entity=huawei&entity=nvidia&limit=1&cursor=[\w-]+>; rel="next"$/);
    const got: string[] = [];
    let url: string | null = '/events?entity=huawei&entity=nvidia&limit=1';
    while (url) {
      const page: { json(): unknown; headers: Record<string, unknown> } = await app.inject({ url });
      got.push(...(page.json() as StoredEvent[]).map((e) => e.text));
      url = /^<([^>]+)>/.exec(String(page.headers.link ?? ''))?.[1] ?? null;
    }
    expect(got).toEqual([HUAWEI, BOTH, LAB, PRICES]);
  });
});

describe('bad parameters: 400, JSON, naming the parameter', () => {
  const cases: Array<[string, string, RegExp]> = [
    ['huge since', '?since=9999999999d', /^"since" reaches back further than any date/],
    ['huge until span', `?until=${'9'.repeat(40)}w`, /^"until" reaches back/],
    ['unknown unit', `?min=${encodeURIComponent('5 horsepower')}`, /^"min" must be a number with an optional unit .*"5 horsepower"/],
    ['unit with no number', '?max=GW', /^"max" must be a number/],
    ['negative figure', '?min=-1GW', /^"min" must be a number/],
    ['figure too large', '?min=1e400', /^"min" is too large/],
    ['min above max', '?min=2GW&max=1GW', /^"min" is above "max"/],
    ['kind and unit disagree', '?kind=power&min=1TWh', /^"min" is an energy \(Wh\) figure, but the query asks for power/],
    ['min and max units disagree', '?min=1GW&max=1TWh', /^"min" is a power \(W\) figure.*disagree/],
    ['match not any/all', '?entity=a&entity=b&match=some', /match must be equal to one of the allowed values/],
    ['lang not a language', '?lang=123', /^"lang" must be a language code/],
    ['NUL in an entity', '?entity=hua%00wei', /^"entity" must not contain control characters/],
    ['NUL in q', '?q=a%00b', /^"q" must not contain control characters/],
    ['q too long', `?q=${'a'.repeat(501)}`, /q must NOT have more than 500 characters/],
    ['too many entities', `?${Array.from({ length: 17 }, (_, i) => `entity=e${i}`).join('&')}`, /entity must NOT have more than 16 items/],
  ];
  it.each(cases)('%s', async (_name, query, message) => {
    const res = await app.inject({ url: `/events${query}` });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.json()).toMatchObject({ statusCode: 400, error: 'Bad Request', message: expect.stringMatching(message) });
  });
});

describe('injection attempts in every text parameter: 200 or 400, never 500, never wrong rows', () => {
  const PAYLOADS = [
    "' OR 1=1 --", "'; DROP TABLE events; --", '"', '""', 'huawei" OR "1"="1', 'NEAR(huawei nvidia)', 'NEAR(chips, 2)', 'text:huawei', 'text : chips',
    '*', '**', '^huawei', '-', '- -', 'OR', 'AND NOT', '(', ')', '{text}: x', '<script>alert(1)</script>', '%', '_', '\\', '\u0000', 'a\u0000b',
    'x'.repeat(10_000), 'e:huawei', 'huawei\u001fproduct', '华为" OR "', 'SELECT * FROM articles', '1e999', '0x10GW', '🙂',
  ];
  // Bytes that are not UTF-8 (a lone surrogate, a cut character, a stray %), sent as they are.
  const RAW = ['%FF', '%ED%A0%80', '%E4%B8', '%', '%%41', '%2'];
  const PARAMS = ['entity', 'tag', 'feed', 'lang', 'q', 'since', 'until', 'kind', 'min', 'max', 'match', 'cursor'];
  const everything = new Set<string>();
  beforeAll(async () => {
    for (const t of await texts('?limit=1000')) everything.add(t);
  });

  it.each(PARAMS)('%s', async (param) => {
    for (const raw of RAW) {
      const res = await app.inject({ url: `/events?${param}=${raw}` });
      expect([200, 400], `${param}=${raw} → ${res.statusCode} ${res.body.slice(0, 200)}`).toContain(res.statusCode);
    }
    for (const payload of PAYLOADS) {
      for (const url of [`/events?${param}=${encodeURIComponent(payload)}`, `/events.csv?${param}=${encodeURIComponent(payload)}&entity=biren`]) {
        const res = await app.inject({ url });
        expect([200, 400], `${url} → ${res.statusCode} ${res.body.slice(0, 200)}`).toContain(res.statusCode);
        if (res.statusCode === 400) {
          expect(res.json()).toMatchObject({ statusCode: 400, message: expect.any(String) });
          continue;
        }
        if (url.startsWith('/events.csv')) continue;
        const got = (res.json() as StoredEvent[]).map((e) => e.text);
        for (const t of got) expect(everything.has(t)).toBe(true);
        // An id no event carries matches nothing: the payload is a value, never SQL.
        if (['entity', 'tag', 'feed', 'lang'].includes(param)) expect(got, `${param}=${payload}`).toEqual([]);
        // Search finds only sentences holding a word of the payload.
        if (param === 'q') {
          const words = (payload.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).map((w) => w.replace(/^0x/, ''));
          for (const t of got) expect(words.some((w) => t.toLowerCase().includes(w)), `q=${payload} found ${t}`).toBe(true);
        }
      }
    }
  });

  it('a search for the syntax characters themselves finds the sentence that holds them, as text', async () => {
    expect(await texts(`?q=${encodeURIComponent('"NEAR(chips)" text:chips')}`)).toEqual([TRICKY_SENTENCE]);
    expect(await texts(`?q=${encodeURIComponent("O'Brien DROP TABLE")}`)).toEqual([TRICKY_SENTENCE]);
    expect(await texts(`?q=${encodeURIComponent('<script>')}`)).toEqual([TRICKY_SENTENCE]);
  });

  it('the store is untouched afterwards', async () => {
    expect((await texts('?limit=1000')).length).toBe(everything.size);
  });
});

describe('resource routes', () => {
  it('GET /events/:id is one event in the shape of the list; 404 JSON when absent; 400 for a bad id', async () => {
    const [first] = (await app.inject({ url: '/events?entity=cambricon' })).json() as StoredEvent[];
    const one = await app.inject({ url: `/events/${first!.id}` });
    expect(one.statusCode).toBe(200);
    expect(one.json()).toEqual(first);
    const missing = await app.inject({ url: '/events/999999' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toEqual({ statusCode: 404, error: 'Not Found', message: 'no event 999999' });
    for (const bad of ['abc', '0', '-1', '1.5', '99999999999999999999']) {
      const res = await app.inject({ url: `/events/${bad}` });
      expect(res.statusCode, bad).toBe(400);
      expect(res.json()).toMatchObject({ statusCode: 400, message: expect.stringMatching(/^id /) });
    }
  });

  it('GET /articles/:id carries the article and its events in sentence order', async () => {
    const id = db.articleIds[0]!;
    const res = await app.inject({ url: `/articles/${id}` });
    expect(res.statusCode).toBe(200);
    const body = res.json() as { id: number; lang: string; events: StoredEvent[] };
    expect(body).toMatchObject({ id, lang: 'en', feedId: 'example-news', title: "Huawei's Ascend push" });
    expect(body.events.map((e) => e.text)).toEqual([HUAWEI, BOTH]);
    expect(body.events[0]).toEqual(((await app.inject({ url: `/events/${body.events[0]!.id}` })).json()));
    expect((await app.inject({ url: '/articles/424242' })).json()).toEqual({ statusCode: 404, error: 'Not Found', message: 'no article 424242' });
  });

  it('GET /entities lists the watch-list in its order with event counts and the newest date', async () => {
    const res = await app.inject({ url: '/entities' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual([
      { id: 'huawei', name: 'Huawei', events: 3, latest: '2025-03-01T01:30:00.000Z' },
      { id: 'nvidia', name: 'Nvidia', events: 2, latest: '2025-03-01T01:30:00.000Z' },
      { id: 'cambricon', name: 'Cambricon', events: 1, latest: '2025-02-28T23:00:00.000Z' },
      { id: 'enflame', name: 'Enflame', events: 0, latest: null },
    ]);
  });
});
