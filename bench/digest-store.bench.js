// The wired digest's cost on a busy day, from a real SQLite file: N articles of 6 event
// sentences on one Shanghai day (stories carried by 1–4 outlets), 13 days of history for 7
// companies. Timed: reading the day row by row (dayEvents), the grouped history query
// (entityBuckets), and the whole recipient digest (read + cluster + rank + render with
// the 102 KB budget), medians of 3 runs after a warm-up. BENCH_DIGEST_ARTICLES
// (default "2000,16700": the second is ~100,000 events).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const here = new URL('..', import.meta.url);
const { openStore } = await import(new URL('dist/src/store/store.js', here).href);
const { prepareRecipientDigest } = await import(new URL('dist/src/digest/deliver.js', here).href);
const { zonedDayRange, addDays } = await import(new URL('dist/src/time/zoned-day.js', here).href);

const COMPANIES = ['moore-threads', 'metax', 'biren', 'enflame', 'huawei', 'cambricon', 'nvidia'];
const TAGS = ['ipo', 'earnings', 'product', 'export-control', 'partnership', 'funding'];
let seed = 7;
const rand = () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const word = () => `w${Math.floor(100 * Math.exp(rand() * Math.log(200))).toString(36)}`;
const words = (n, special) => Array.from({ length: n }, () => (rand() < 0.25 ? special[Math.floor(rand() * special.length)] : word())).join(' ');

function article(n, published, company, sentences, title, copy) {
  return {
    url: `https://o${copy}.example.com/${n}`, canonicalUrl: `https://o${copy}.example.com/${n}`, feedId: `f${copy}`, feedItemId: `i${n}`,
    title, author: null, published, fetchedAt: published, lang: 'en', text: sentences.join(' '), contentHash: `b${n}`.padEnd(64, 'x'),
    mentions: [], powerFigures: [],
    events: sentences.map((text, i) => ({ sentence: i, text, entities: [company], tags: i === 0 ? [TAGS[n % TAGS.length]] : [], powerFigures: [] })),
  };
}

function fill(store, n) {
  const batch = [];
  let id = 0;
  while (id < n) {
    const company = COMPANIES[Math.floor(rand() * COMPANIES.length)];
    const special = Array.from({ length: 8 }, (_, i) => `s${id}x${i}`);
    const sentences = Array.from({ length: 6 }, () => words(22, special));
    const title = words(10, special);
    const copies = 1 + Math.floor(rand() * rand() * 4);
    for (let c = 0; c < copies && id < n; c++, id++) {
      const published = new Date(Date.UTC(2026, 10, 29, 16) + Math.floor(rand() * 86_400_000)).toISOString();
      batch.push(article(id, published, company, sentences.map((s) => (c ? `${word()} ${s}` : s)), title, c));
      if (batch.length === 500) store.saveArticles(batch.splice(0));
    }
  }
  for (let d = 1; d <= 13; d++) {
    const date = addDays('2026-11-30', -d);
    for (const company of COMPANIES) for (let k = 0; k < 40; k++) batch.push(article(++id + 1e7, `${date}T04:00:00.000Z`, company, [`${company} note ${d} ${k}`], `${company} ${d} ${k}`, 9));
  }
  store.saveArticles(batch);
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
function time(fn, runs = 3) {
  fn();
  const ts = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    ts.push(performance.now() - t);
  }
  return median(ts);
}

const recipient = { address: 'bench@example.com', companies: null, tags: null, timezone: 'Asia/Shanghai', time: '07:00', onEmptyDay: 'note' };
const watch = COMPANIES.map((id) => ({ id, name: id }));
for (const n of (process.env.BENCH_DIGEST_ARTICLES ?? '2000,16700').split(',').map(Number)) {
  const dir = mkdtempSync(join(tmpdir(), 'newsmon-digest-bench-'));
  const store = openStore(join(dir, 'b.db'));
  try {
    fill(store, n);
    const day = zonedDayRange('2026-11-30', 'Asia/Shanghai');
    let events = 0;
    const read = time(() => {
      events = 0;
      for (const _ of store.dayEvents(day.start, day.end)) events++;
    });
    const history = time(() => store.entityBuckets(zonedDayRange('2026-11-17', 'Asia/Shanghai').start, day.start));
    let out;
    const before = process.memoryUsage().rss;
    const whole = time(() => (out = prepareRecipientDigest({ source: store, recipient, date: '2026-11-30', watch, webBase: 'https://n.example' })));
    const rssMb = (process.memoryUsage().rss - before) / 1e6;
    console.log(
      `${n} articles, ${events} events: read the day ${read.toFixed(0)} ms, history query ${history.toFixed(1)} ms, ` +
        `whole digest ${whole.toFixed(0)} ms (${out.view.totals.stories} stories, HTML ${(Buffer.byteLength(out.rendered.html) / 1024).toFixed(0)} KB, ${out.rendered.collapsed} collapsed; RSS +${rssMb.toFixed(0)} MB)`,
    );
  } finally {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
