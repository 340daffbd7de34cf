// Store throughput: saveArticle for 200 feeds x 20 articles (each ~8 KB of main text, 20%
// Chinese, and 5-20 events), the same through saveArticles in batches of 50, the whole set
// again (all duplicates), the seen-item check of a poll round, and the event queries
// behind `newsmon events`. Fresh file per run; median of 3. Rates are given per second of
// wall time and per second of this process's CPU time (user + system), since the wall
// figure moves with whatever else the machine runs. Needs `npm run build` (imports dist/).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../dist/src/store/store.js';
import { rng } from '../tests/fixture-site/content.js';

const FEEDS = 200;
const PER_FEED = 20;
const RUNS = 3;


const EN = 'the chip maker said its new accelerator cluster would draw more power than any data centre in the province as demand for training capacity grows and export rules tighten on advanced GPUs memory bandwidth yields foundry capacity'.split(' ');
const ZH = '华为发布新一代昇腾芯片数据中心用电需求持续增长寒武纪摩尔线程沐曦壁仞燧原英伟达出口管制算力集群功耗兆瓦'.split('');
const ENTITIES = ['moore-threads', 'metax', 'biren', 'enflame', 'huawei', 'cambricon', 'nvidia'];
const TAGS = ['product', 'funding', 'export-control', 'power', 'tdp', 'partnership', 'ipo', 'capacity'];

function sentence(r, zh) {
  const n = 12 + Math.floor(r() * 20);
  const words = Array.from({ length: n }, () => (zh ? ZH : EN)[Math.floor(r() * (zh ? ZH.length : EN.length))]);
  return zh ? `${words.join('')}。` : `${words.join(' ')}.`;
}

function makeArticle(feed, item, r) {
  const zh = r() < 0.2;
  const sentences = [];
  let text = '';
  while (text.length < (zh ? 3000 : 8000)) {
    const s = sentence(r, zh);
    sentences.push(s);
    text += (text ? ' ' : '') + s;
  }
  const nEvents = 5 + Math.floor(r() * 16);
  const events = [];
  const mentions = [];
  const powerFigures = [];
  for (let i = 0; i < nEvents && i < sentences.length; i++) {
    const entities = [ENTITIES[Math.floor(r() * ENTITIES.length)]];
    if (r() < 0.4) entities.push(ENTITIES[Math.floor(r() * ENTITIES.length)]);
    const tags = [TAGS[Math.floor(r() * TAGS.length)]];
    if (r() < 0.5) tags.push(TAGS[Math.floor(r() * TAGS.length)]);
    const figs = [];
    if (r() < 0.3) {
      const value = Math.round(r() * 1000) / 10;
      const f = { text: `${value} MW`, value, unit: 'MW', kind: 'power', si: value * 1e6, sentence: i, start: 10, end: 17 };
      figs.push(f);
      powerFigures.push(f);
    }
    for (const e of new Set(entities)) mentions.push({ entity: e, alias: e, sentence: i, start: 0, end: e.length });
    events.push({ sentence: i, text: sentences[i], entities, tags, powerFigures: figs });
  }
  const day = String(1 + Math.floor(r() * 28)).padStart(2, '0');
  return {
    url: `https://site${feed}.example.com/news/${item}.html?utm_source=rss`,
    canonicalUrl: `https://site${feed}.example.com/news/${item}.html`,
    feedId: `feed-${feed}`,
    feedItemId: `guid-${feed}-${item}`,
    title: sentences[0].slice(0, 80),
    author: null,
    published: `2025-03-${day}T0${Math.floor(r() * 10)}:00:00Z`,
    fetchedAt: '2025-03-29T12:00:00.000Z',
    lang: zh ? 'zh' : 'en',
    text,
    contentHash: `h-${feed}-${item}-`.padEnd(64, 'x'),
    mentions,
    powerFigures,
    events,
  };
}

function cpuMs(since) {
  const u = process.cpuUsage(since);
  return (u.user + u.system) / 1000;
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

const r = rng(42).next;
const articles = [];
for (let f = 0; f < FEEDS; f++) for (let i = 0; i < PER_FEED; i++) articles.push(makeArticle(f, i, r));
// Rows written per pass: article, its FTS row and feed item, mentions, figures, and per event its row and label row.
const rowsPerPass = articles.reduce((n, a) => n + 3 + a.mentions.length + a.powerFigures.length + a.events.length * 2, 0);
const textMB = articles.reduce((n, a) => n + Buffer.byteLength(a.text), 0) / 1e6;

const results = { insert: [], insertCpu: [], batch: [], batchCpu: [], duplicate: [], seen: [], queries: {} };
const QUERIES = {
  'latest 100': {},
  'entity': { entity: 'metax' },
  'tag + since': { tag: 'tdp', since: '2025-03-20' },
  'feed': { feed: 'feed-7' },
  'q (en)': { q: 'accelerator "data centre"' },
  'q (zh)': { q: '昇腾' },
  'q hostile': { q: 'Huawei "Ascend' },
};

for (let run = 0; run < RUNS; run++) {
  const dir = mkdtempSync(join(tmpdir(), 'newsmon-bench-store-'));
  const store = openStore(join(dir, 'bench.db'));
  for (let f = 0; f < FEEDS; f++) store.upsertFeed({ id: `feed-${f}`, url: `https://site${f}.example.com/feed`, name: null });

  let c = process.cpuUsage();
  let t = performance.now();
  for (const a of articles) store.saveArticle(a);
  results.insert.push(performance.now() - t);
  results.insertCpu.push(cpuMs(c));

  t = performance.now();
  for (const a of articles) store.saveArticle(a);
  results.duplicate.push(performance.now() - t);

  t = performance.now();
  for (let f = 0; f < FEEDS; f++) {
    const ids = Array.from({ length: PER_FEED }, (_, i) => `guid-${f}-${i}`);
    const seen = store.seenItemIds(`feed-${f}`, ids);
    if (seen.size !== PER_FEED) throw new Error('seenItemIds lost items');
  }
  results.seen.push(performance.now() - t);

  for (const [name, q] of Object.entries(QUERIES)) {
    const times = [];
    for (let i = 0; i < 20; i++) {
      t = performance.now();
      store.queryEvents({ ...q, limit: 100 });
      times.push(performance.now() - t);
    }
    (results.queries[name] ??= []).push(median(times));
  }
  if (run === RUNS - 1) {
    const s = store.stats();
    console.log(`stored: ${s.articles} articles, ${s.events} events, ${s.mentions} mentions, ${s.powerFigures} figures; ${textMB.toFixed(1)} MB of text; ${rowsPerPass} rows per pass`);
  }
  store.close();

  // The same articles again into a second file, 50 to a commit.
  const batched = openStore(join(dir, 'batched.db'));
  c = process.cpuUsage();
  t = performance.now();
  for (let i = 0; i < articles.length; i += 50) batched.saveArticles(articles.slice(i, i + 50));
  results.batch.push(performance.now() - t);
  results.batchCpu.push(cpuMs(c));
  if (batched.stats().articles !== articles.length) throw new Error('saveArticles lost articles');
  batched.close();
  rmSync(dir, { recursive: true, force: true });
}

const rate = (n, ms) => Math.round(n / (ms / 1000));
const ins = median(results.insert);
const insCpu = median(results.insertCpu);
const bat = median(results.batch);
const batCpu = median(results.batchCpu);
const dup = median(results.duplicate);
console.log(`saveArticle, new:        ${rate(articles.length, ins)} articles/s, ${rate(rowsPerPass, ins)} rows/s wall; ${rate(articles.length, insCpu)} articles/s, ${rate(rowsPerPass, insCpu)} rows/s CPU (target >= 2000 articles/s)`);
console.log(`saveArticles, 50/commit: ${rate(articles.length, bat)} articles/s, ${rate(rowsPerPass, bat)} rows/s wall; ${rate(articles.length, batCpu)} articles/s, ${rate(rowsPerPass, batCpu)} rows/s CPU`);
console.log(`saveArticle, duplicate:  ${Math.round(articles.length / (dup / 1000))} articles/s (${dup.toFixed(0)} ms)`);
console.log(`seenItemIds, ${FEEDS} feeds x ${PER_FEED}: ${median(results.seen).toFixed(1)} ms`);
for (const [name, times] of Object.entries(results.queries)) console.log(`queryEvents ${name.padEnd(12)} ${median(times).toFixed(2)} ms`);
console.log(`peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB (includes the generated articles)`);
