import { execFile } from 'node:child_process';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApi } from '../../src/api/build-api.js';
import { eventsTable } from '../../src/cli/events.js';
import { openStore } from '../../src/store/store.js';
import type { StoredEvent } from '../../src/store/types.js';
import { displayWidth } from '../../src/text/display-width.js';
import { FILTER_ARTICLES } from '../api/filter-fixture.js';
import { filledDb, type FilledDb } from '../api/store-fixture.js';
import { bin, repoRoot, requireBuiltDist } from '../built-dist.js';

requireBuiltDist();

// `newsmon events` (the built CLI) against GET /events on the same SQLite file: the same
// filters must give the same events, and the same mistakes the same words.

function newsmon(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, 'events', '--db', db.dbPath, ...args], { cwd: repoRoot, encoding: 'utf8', timeout: 60_000 }, (err, stdout, stderr) =>
      resolve({ code: err ? Number((err as { code?: unknown }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

let db: FilledDb;
let app: FastifyInstance;
beforeAll(async () => {
  db = filledDb(FILTER_ARTICLES);
  app = buildApi({ store: openStore(db.dbPath, { readonly: true }), closeStore: true });
  await app.ready();
});
afterAll(async () => {
  await app.close();
  db.cleanup();
});

describe('the CLI and the API give the same events for the same filters', () => {
  const cases: Array<[string, string[], string]> = [
    ['entities, all', ['--entity', 'huawei', '--entity', 'nvidia', '--match', 'all'], 'entity=huawei&entity=nvidia&match=all'],
    ['entities, any', ['--entity', 'huawei', '--entity', 'nvidia'], 'entity=huawei&entity=nvidia'],
    ['tags all and language', ['--tag', 'product', '--tag', 'power', '--match', 'all', '--lang', 'zh'], 'tag=product&tag=power&match=all&lang=zh'],
    ['power in words', ['--kind', 'power', '--min', '0.3 gigawatts', '--max', '10GW'], 'kind=power&min=0.3%20gigawatts&max=10GW'],
    ['prefix search and feed', ['--q', 'compet*', '--feed', 'example-news'], 'q=compet*&feed=example-news'],
    ['a date range', ['--since', '2025-02-25', '--until', '2025-03-01'], 'since=2025-02-25&until=2025-03-01'],
  ];
  it.each(cases)('%s', async (_name, args, query) => {
    const api = (await app.inject({ url: `/events?${query}` })).json() as StoredEvent[];
    expect(api.length).toBeGreaterThan(0);
    const cli = await newsmon([...args, '--format', 'json']);
    expect(cli.stderr).toBe('');
    expect(cli.code).toBe(0);
    expect(JSON.parse(cli.stdout)).toEqual(api);
  });

  it('--format jsonl is one event per line, the same events as json', async () => {
    const api = (await app.inject({ url: '/events' })).json() as StoredEvent[];
    const cli = await newsmon(['--format', 'jsonl']);
    expect(cli.code).toBe(0);
    const lines = cli.stdout.split('\n');
    expect(lines.pop()).toBe('');
    expect(lines.map((l) => JSON.parse(l) as StoredEvent)).toEqual(api);
  });
});

describe('bad flags: exit 2, one line naming the flag (the API says the same of its parameter)', () => {
  const cases: Array<[string[], RegExp]> = [
    [['--min', '5 horsepower'], /^newsmon events: --min must be a number with an optional unit .*"5 horsepower"\n$/],
    [['--since', '9999999999d'], /^newsmon events: --since reaches back further than any date/],
    [['--min', '2GW', '--max', '1GW'], /^newsmon events: --min is above "max"/],
    [['--match', 'some'], /^newsmon events: --match must be "any" or "all", got "some"\n$/],
    [['--lang', '123'], /^newsmon events: --lang must be a language code/],
    [['--kind', 'heat'], /^newsmon events: --kind must be "power" or "energy", got "heat"\n$/],
    [['--entity', 'a\u0001b'], /^newsmon events: --entity must not contain control characters\n$/],
  ];
  it.each(cases)('%j', async (args, message) => {
    const r = await newsmon(args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
  });
});

describe('hostile text through the CLI', () => {
  it('is a value, never SQL or search syntax', async () => {
    const injected = await newsmon(['--entity', "huawei' OR '1'='1", '--tag', "'; DROP TABLE events; --", '--format', 'json']);
    expect(injected.code).toBe(0);
    expect(JSON.parse(injected.stdout)).toEqual([]);
    const fts = await newsmon(['--q', 'NEAR(huawei nvidia) text:x * ^ "', '--format', 'json']);
    expect(fts.code).toBe(0);
    expect(JSON.parse(fts.stdout)).toEqual([]);
    const all = await newsmon(['--format', 'json']);
    expect((JSON.parse(all.stdout) as unknown[]).length).toBe(((await app.inject({ url: '/events' })).json() as unknown[]).length);
  });
});

describe('the table fits the terminal', () => {
  it('off a terminal: 80 columns, CJK counted two wide', async () => {
    const r = await newsmon([]);
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^date\s+entities\s+tags\s+sentence$/);
    expect(lines.length).toBe(10);
    for (const l of lines) expect(displayWidth(l), l).toBeLessThanOrEqual(80);
    expect(lines.some((l) => /寒武纪/.test(l))).toBe(true);
    expect(lines.some((l) => l.endsWith('…'))).toBe(true);
  });

  it.each([40, 60, 100, 160])('at %i columns', (width) => {
    const store = openStore(db.dbPath, { readonly: true });
    try {
      const events = store.queryEvents({ limit: 100 });
      const lines = eventsTable(events, width).trimEnd().split('\n');
      expect(lines).toHaveLength(events.length + 1);
      // Below the columns' floors a table cannot fit; from 60 it must.
      if (width >= 60) for (const l of lines) expect(displayWidth(l), l).toBeLessThanOrEqual(width);
      if (width >= 160) expect(lines.some((l) => l.includes('寒武纪发布了新一代思元芯片，功耗为350瓦。'))).toBe(true);
      // A wide terminal has room for the figures as a column of their own.
      expect(lines[0]!.includes('figures')).toBe(width >= 100);
    } finally {
      store.close();
    }
  });
});
