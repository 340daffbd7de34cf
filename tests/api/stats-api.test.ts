import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApi } from '../../src/api/build-api.js';
import type { StatsAnswer } from '../../src/api/stats-query.js';
import type * as PooledSource from '../../src/store/pooled-store.js';
import { openStore } from '../../src/store/store.js';
import { filledDb, type FilledDb } from './store-fixture.js';

// GET /stats over the fixture file (events on 2025-02-20, 02-28 23:00Z, 03-01 01:30Z…).

const NOW = new Date('2025-03-02T00:00:00Z');
let db: FilledDb;
let app: FastifyInstance;

beforeAll(async () => {
  db = filledDb();
  app = buildApi({ store: openStore(db.dbPath, { readonly: true }), now: () => NOW, closeStore: true });
  await app.ready();
});
afterAll(async () => {
  await app.close();
  db.cleanup();
});

async function stats(query: string): Promise<StatsAnswer> {
  const res = await app.inject({ url: `/stats${query}` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as StatsAnswer;
}

describe('GET /stats', () => {
  it('counts per entity per UTC day, busiest first, whole days', async () => {
    expect(await stats('?since=2025-02-27&until=2025-03-01')).toEqual({
      by: 'entity',
      tz: 'UTC',
      since: '2025-02-27T00:00:00.000Z',
      until: '2025-03-02T00:00:00.000Z',
      days: ['2025-02-27', '2025-02-28', '2025-03-01'],
      series: [
        { key: 'huawei', total: 2, counts: [0, 0, 2] },
        { key: 'cambricon', total: 1, counts: [0, 1, 0] },
        { key: 'nvidia', total: 1, counts: [0, 0, 1] },
      ],
    });
  });

  it('counts the days of another time zone', async () => {
    const s = await stats('?since=2025-02-27&until=2025-03-01&tz=asia/shanghai');
    expect(s.tz).toBe('Asia/Shanghai');
    expect(s.days).toEqual(['2025-02-27', '2025-02-28', '2025-03-01', '2025-03-02']);
    expect(s.since).toBe('2025-02-26T16:00:00.000Z');
    // 23:00 UTC on the 28th is 07:00 on 1 March in Shanghai.
    expect(s.series.find((x) => x.key === 'cambricon')?.counts).toEqual([0, 0, 1, 0]);
  });

  it('defaults to the last 30 days up to now', async () => {
    const s = await stats('');
    expect(s.days).toHaveLength(30);
    expect(s.days[0]).toBe('2025-01-31');
    expect(s.days.at(-1)).toBe('2025-03-01');
    expect(s.series.map((x) => x.key)).toEqual(['huawei', 'cambricon', 'moore-threads', 'nvidia']);
    expect(s.series.find((x) => x.key === 'moore-threads')?.counts[20]).toBe(1);
  });

  it('per tag within one entity', async () => {
    const s = await stats('?by=tag&entity=huawei&since=2025-03-01&until=2025-03-01');
    expect(s.series).toEqual([
      { key: 'competition', total: 1, counts: [1] },
      { key: 'power', total: 1, counts: [1] },
      { key: 'product', total: 1, counts: [1] },
    ]);
  });

  it('per entity within a feed and a tag', async () => {
    expect((await stats('?feed=cn-tech&since=14d')).series.map((x) => [x.key, x.total])).toEqual([['cambricon', 1]]);
    expect((await stats('?tag=funding&since=14d')).series.map((x) => [x.key, x.total])).toEqual([['moore-threads', 1]]);
  });

  it('named series come in the order named, even with no events', async () => {
    const s = await stats('?entity=nvidia&entity=intel&since=2025-03-01&until=2025-03-01');
    expect(s.series).toEqual([
      { key: 'nvidia', total: 1, counts: [1] },
      { key: 'intel', total: 0, counts: [0] },
    ]);
  });

  it.each([
    ['by=day', /by/],
    ['tz=Mars/Olympus', /"tz"/],
    ['tz=%2B08:00', /"tz"/],
    ['since=9999999999d', /"since"/],
    ['since=yesterday', /"since"/],
    ['since=1990-01-01', /"since".*days/],
    ['since=2025-03-01&until=2025-02-01', /"until"/],
    ['tag=ipo&tag=funding', /"tag"/],
    ['by=tag&entity=huawei&entity=nvidia', /"entity"/],
    [`entity=${'x'.repeat(201)}`, /entity/],
    [`q=${encodeURIComponent("' OR 1=1 --")}&entity=${encodeURIComponent("huawei' OR '1'='1")}`, null],
  ])('a bad parameter is a JSON 400 naming it: %s', async (query, names) => {
    const res = await app.inject({ url: `/stats?${query}` });
    if (names === null) {
      // Not a 400: text is data, never SQL; an unknown entity simply has no events.
      expect(res.statusCode).toBe(200);
      expect((res.json() as StatsAnswer).series).toEqual([{ key: "huawei' OR '1'='1", total: 0, counts: expect.any(Array) }]);
      return;
    }
    expect(res.statusCode, res.body).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.json()).toMatchObject({ statusCode: 400, error: 'Bad Request', message: expect.stringMatching(names) });
  });
});

// The API's read pool runs compiled code (worker threads), so this part uses dist/.
const builtPool = join(import.meta.dirname, '..', '..', 'dist', 'src', 'store', 'pooled-store.js');
describe.skipIf(!existsSync(builtPool))('GET /stats on the read pool (built dist/)', () => {
  it('answers from the pool threads the same as in-process', async () => {
    const { PooledReadStore } = (await import(pathToFileURL(builtPool).href)) as typeof PooledSource;
    const pooled = PooledReadStore.open(db.dbPath, { size: 1 });
    expect(pooled.pool).not.toBeNull();
    const other = buildApi({ store: pooled, now: () => NOW, closeStore: true });
    try {
      const res = await other.inject({ url: '/stats?since=2025-02-27&until=2025-03-01&tz=Asia/Shanghai' });
      expect(res.json()).toEqual(await stats('?since=2025-02-27&until=2025-03-01&tz=Asia/Shanghai'));
    } finally {
      await other.close();
    }
  });
});
