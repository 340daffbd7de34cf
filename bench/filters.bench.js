// The query surface of issue 9 on a year-sized store: GET /entities' counts, entity
// any/all, language and power-range pages, each the median of 5 on a warm read-only
// connection. The store (NEWSMON_FILTERS_ARTICLES articles, default 200,000: ~1.1M events)
// is written straight through Store.saveArticles, without analysis, into
// $NEWSMON_BENCH_DIR/filters.db and reused. Needs `npm run build` (imports dist/).
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { openStore } from '../dist/src/store/store.js';
import { rng } from '../tests/fixture-site/content.js';

const ARTICLES = Number(process.env.NEWSMON_FILTERS_ARTICLES ?? 200_000);
const dir = process.env.NEWSMON_BENCH_DIR ?? '/tmp/newsmon-bench';
const path = join(dir, `filters-${ARTICLES}.db`);
const ENTITIES = ['moore-threads', 'metax', 'biren', 'enflame', 'huawei', 'cambricon', 'nvidia'];
const TAGS = ['ipo', 'funding', 'earnings', 'product', 'export-control', 'partnership', 'power-capacity'];


function article(i, r) {
  const pick = (list) => list[Math.floor(r() * list.length)];
  const published = new Date(Date.UTC(2025, 0, 1) + Math.floor(r() * 365 * 86_400_000)).toISOString();
  const events = Array.from({ length: 4 + Math.floor(r() * 4) }, (_, s) => {
    const entities = [...new Set([pick(ENTITIES), ...(r() < 0.25 ? [pick(ENTITIES)] : [])])];
    const gw = r() < 0.15 ? [{ text: 'x GW', value: 1, unit: 'GW', kind: 'power', si: Math.round(r() * 5000) * 1e6, sentence: s, start: 0, end: 4 }] : [];
    return { sentence: s, text: `${entities.join(' and ')} sentence ${s} of story ${i}`, entities, tags: r() < 0.7 ? [pick(TAGS)] : [], powerFigures: gw };
  });
  return {
    url: `https://n.example.com/${i}`, canonicalUrl: `https://n.example.com/${i}`, feedId: `feed-${i % 36}`, feedItemId: `i${i}`, title: `Story ${i}`, author: null,
    published, fetchedAt: published, lang: r() < 0.3 ? 'zh' : 'en', text: `Story ${i}`, contentHash: `h${i}`.padEnd(64, '0'), mentions: [], powerFigures: [], events,
  };
}

if (!existsSync(path)) {
  mkdirSync(dir, { recursive: true });
  const store = openStore(path);
  const r = rng(7).next;
  const t0 = Date.now();
  for (let i = 0; i < ARTICLES; i += 500) store.saveArticles(Array.from({ length: Math.min(500, ARTICLES - i) }, (_, j) => article(i + j, r)));
  process.stdout.write(`built ${path} in ${((Date.now() - t0) / 1000).toFixed(0)} s\n`);
  store.close();
}

const store = openStore(path, { readonly: true });
const ms = (f) => {
  const times = [];
  for (let i = 0; i < 5; i++) {
    const t = process.hrtime.bigint();
    f();
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  return times.sort((a, b) => a - b)[2].toFixed(2);
};
const stats = store.stats();
process.stdout.write(`store: ${stats.articles} articles, ${stats.events} events\n`);
const rows = [
  ['GET /entities (7 counts + newest)', () => store.entityCounts(ENTITIES)],
  ['entity=huawei&entity=nvidia (any), 100', () => store.queryEventPage({ entities: ['huawei', 'nvidia'], limit: 100 })],
  ['entity=huawei&entity=nvidia&match=all, 100', () => store.queryEventPage({ entities: ['huawei', 'nvidia'], match: 'all', limit: 100 })],
  ['3 entities all + tag, 100', () => store.queryEventPage({ entities: ['huawei', 'nvidia', 'biren'], match: 'all', tag: 'ipo', limit: 100 })],
  ['lang=zh, 100', () => store.queryEventPage({ lang: 'zh', limit: 100 })],
  ['lang=zh&entity=cambricon&since=30 days, 100', () => store.queryEventPage({ lang: 'zh', entity: 'cambricon', since: '2025-12-01T00:00:00Z', limit: 100 })],
  ['5 entities any + 2 tags, 100', () => store.queryEventPage({ entities: ENTITIES.slice(0, 5), tags: ['ipo', 'funding'], limit: 100 })],
  ['entities any + power 1-10 GW, 100', () => store.queryEventPage({ entities: ['huawei', 'nvidia'], figureKind: 'power', minSi: 1e9, maxSi: 1e10, limit: 100 })],
];
for (const [name, f] of rows) process.stdout.write(`${name.padEnd(48)} ${ms(f).padStart(8)} ms\n`);
store.close();
