import Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ArticleEvent, PowerFigure } from '../../src/model.js';
import { afterEach } from 'vitest';
import { openStore, type OpenOptions, type Store } from '../../src/store/store.js';
import type { ArticleInput } from '../../src/store/types.js';

/** openStore for one test file: every store it opens (a fresh temp file by default) is closed after each test. */
export function storesClosedAfterEach(): (path?: string, opts?: OpenOptions) => Store {
  const open: Store[] = [];
  afterEach(() => {
    for (const s of open.splice(0)) s.close();
  });
  return (path = tempDbPath(), opts = {}) => {
    const s = openStore(path, opts);
    open.push(s);
    return s;
  };
}

/** Reads a database file on a read-only connection of its own, closed after `read`. */
export function readDb<T>(path: string, read: (db: Database.Database) => T): T {
  const db = new Database(path, { readonly: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
}

/** A fresh database path in its own temp folder (the folder itself is created by openStore). */
export function tempDbPath(): string {
  return join(mkdtempSync(join(tmpdir(), 'newsmon-store-')), 'nested', 'newsmon.db');
}

export function figure(sentence: number, text: string, value: number, unit: string, si: number, start = 0): PowerFigure {
  return { text, value, unit, kind: unit.endsWith('h') ? 'energy' : 'power', si, sentence, start, end: start + text.length };
}

const BODY =
  'Huawei said its Ascend 910C cluster draws 2.5 GW at full load. ' +
  'Moore Threads and Biren are racing to ship training chips before Nvidia exports tighten further. ' +
  'Analysts expect data-centre demand in China to reach 300 TWh by 2030, straining grids in Inner Mongolia.';

/** A realistic article with two events; `n` makes URL, text and hash unique. */
export function article(n: number, over: Partial<ArticleInput> = {}): ArticleInput {
  const gw = figure(0, '2.5 GW', 2.5, 'GW', 2.5e9, 42);
  const twh = figure(2, '300 TWh', 300, 'TWh', 3e14, 60);
  const events: ArticleEvent[] = [
    { sentence: 0, text: 'Huawei said its Ascend 910C cluster draws 2.5 GW at full load.', entities: ['huawei'], tags: ['product', 'power'], powerFigures: [gw] },
    { sentence: 1, text: 'Moore Threads and Biren are racing to ship training chips before Nvidia exports tighten further.', entities: ['moore-threads', 'biren', 'nvidia'], tags: ['export-control'], powerFigures: [] },
  ];
  return {
    url: `https://news.example.com/story/${n}?utm_source=rss`,
    canonicalUrl: `https://news.example.com/story/${n}`,
    feedId: 'example-feed',
    feedItemId: `item-${n}`,
    title: `Story ${n}: Huawei and the power bill`,
    author: 'Li Wei',
    published: `2025-03-${String((n % 28) + 1).padStart(2, '0')}T08:00:00Z`,
    fetchedAt: '2025-03-29T12:00:00.000Z',
    lang: 'en',
    text: `${BODY} Story number ${n}.`,
    contentHash: `hash-${n}-`.padEnd(64, 'x'),
    mentions: [
      { entity: 'huawei', alias: 'Huawei', sentence: 0, start: 0, end: 6 },
      { entity: 'moore-threads', alias: 'Moore Threads', sentence: 1, start: 63, end: 76 },
    ],
    powerFigures: [gw, twh],
    events,
    ...over,
  };
}
