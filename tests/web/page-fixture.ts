import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ArticleEvent, PowerFigure } from '../../src/model.js';
import { openStore } from '../../src/store/store.js';
import type { ArticleInput } from '../../src/store/types.js';

// A real SQLite file for the web page: a fortnight of events from two feeds (one failing),
// and one hostile article whose title, text and URL try to run script in the page.

export const PAGE_NOW = new Date('2026-03-15T12:00:00Z');
const ENTITIES = ['huawei', 'nvidia', 'cambricon', 'moore-threads'];
const TAGS = ['product', 'earnings', 'export-control'];

function figure(text: string, value: number, unit: string, si: number): PowerFigure {
  return { text, value, unit, kind: unit.endsWith('h') ? 'energy' : 'power', si, sentence: 0, start: 0, end: text.length };
}

function story(n: number): ArticleInput {
  const entity = ENTITIES[n % ENTITIES.length] as string;
  const tag = TAGS[n % TAGS.length] as string;
  const gw = n % 3 === 0 ? [figure(`${n * 500} MW`, n * 500, 'MW', n * 5e8)] : [];
  const events: ArticleEvent[] = [
    { sentence: 0, text: `${entity} story ${n}: shipments and plans for the quarter.`, entities: [entity], tags: [tag], powerFigures: gw },
    { sentence: 1, text: `Story ${n} also names Huawei and the 摩尔线程 roadmap.`, entities: ['huawei'], tags: n % 2 ? ['product'] : [], powerFigures: [] },
  ];
  const at = new Date(PAGE_NOW.getTime() - n * 31 * 3_600_000).toISOString();
  return {
    url: `https://news.example.com/story/${n}`, canonicalUrl: `https://news.example.com/story/${n}`, feedId: n % 2 ? 'example-news' : 'cn-tech', feedItemId: `i${n}`,
    title: `Story ${n}: chips and power`, author: null, published: at, fetchedAt: at, lang: 'en', text: events.map((e) => e.text).join(' '),
    contentHash: `h${n}`.padEnd(64, '0'), mentions: [], powerFigures: gw, events,
  };
}

export const HOSTILE_TEXT = 'Nvidia <script>window.__pwned = "script"</script> said <img src=x onerror="window.__pwned = \'img\'"> 2.5 GW.';
export const HOSTILE_TITLE = '<img src=x onerror="window.__pwned = \'title\'">Hostile title';

function hostile(): ArticleInput {
  const at = new Date(PAGE_NOW.getTime() - 2 * 3_600_000).toISOString();
  return {
    url: 'javascript:window.__pwned="url"', canonicalUrl: 'javascript:hostile', feedId: 'example-news', feedItemId: 'evil', title: HOSTILE_TITLE, author: null,
    published: at, fetchedAt: at, lang: 'en', text: HOSTILE_TEXT, contentHash: 'e'.repeat(64), mentions: [],
    powerFigures: [figure('2.5 GW', 2.5, 'GW', 2.5e9)],
    events: [{ sentence: 0, text: HOSTILE_TEXT, entities: ['nvidia'], tags: ['product'], powerFigures: [figure('2.5 GW', 2.5, 'GW', 2.5e9)] }],
  };
}

export function pageDb(): { dbPath: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'newsmon-web-'));
  const dbPath = join(dir, 'newsmon.db');
  const store = openStore(dbPath);
  try {
    store.upsertFeed({ id: 'example-news', url: 'https://news.example.com/feed.xml', name: 'Example News' });
    store.upsertFeed({ id: 'cn-tech', url: 'https://cn.example.com/atom', name: '中文科技' });
    store.recordFeedFetch('example-news', { ok: true, at: '2026-03-15T11:00:00Z', etag: null, lastModified: null, nextCheckAt: '2026-03-15T11:15:00Z', notModified: false });
    store.recordFeedFetch('cn-tech', { ok: false, at: '2026-03-15T11:00:00Z', error: 'HTTP 503 <b>Service</b> Unavailable', errorKind: 'http_5xx', nextCheckAt: '2026-03-15T11:30:00Z' });
    for (let n = 1; n <= 12; n++) store.saveArticle(story(n));
    store.saveArticle(hostile());
  } finally {
    store.close();
  }
  return { dbPath, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
