// The story digest's cost on a busy day: a synthetic day of N articles (stories carried by
// 1–8 outlets, copies lightly rewritten, ~6 event sentences each, a Zipf vocabulary with
// story-specific names and figures), run through buildStoryDigest (tokenize, cluster, rank,
// power table, trends) and renderStoryDigest (with the 102 KB budget). Beside it, as the
// baseline, the old sentence digest (buildDigest + renderDigest, removed here) on the same
// events, when the untouched baseline checkout (/work/wt-base) is present.
// Medians of 5 runs after a warm-up. Sizes: BENCH_ARTICLES (default "2000,20000").
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const here = new URL('..', import.meta.url);
const { buildStoryDigest } = await import(new URL('dist/src/digest/story-digest.js', here).href);
const { renderStoryDigest } = await import(new URL('dist/src/digest/story-render.js', here).href);
const { addDays } = await import(new URL('dist/src/time/zoned-day.js', here).href);
const BASE = '/work/wt-base/dist/src/digest/';
const base = existsSync(`${BASE}build.js`)
  ? { build: (await import(pathToFileURL(`${BASE}build.js`).href)).buildDigest, render: (await import(pathToFileURL(`${BASE}render.js`).href)).renderDigest }
  : null;

const COMPANIES = ['moore-threads', 'metax', 'biren', 'enflame', 'huawei', 'cambricon', 'nvidia'];
const TAGS = ['ipo', 'earnings', 'product', 'export-control', 'partnership', 'funding', ''];
// mulberry32: a seeded generator with a long period (a float LCG repeats within a day's worth).
let seed = 42;
const rand = () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
// Word ranks 100–20,000, log-uniform (Zipf-like): stop words, the top ranks, are gone after storyTokens().
const zipf = () => `w${Math.floor(100 * Math.exp(rand() * Math.log(200))).toString(36)}`;
const words = (n, special) => Array.from({ length: n }, () => (rand() < 0.25 ? special[Math.floor(rand() * special.length)] : zipf())).join(' ');

function day(articles) {
  const events = [];
  let aid = 1;
  let eid = 1;
  while (aid <= articles) {
    const company = COMPANIES[Math.floor(rand() * COMPANIES.length)];
    const special = Array.from({ length: 8 }, (_, i) => `s${aid}x${i}`);
    const sentences = Array.from({ length: 6 }, () => words(22, special));
    const copies = 1 + Math.floor(rand() * rand() * 8);
    const tag = TAGS[Math.floor(rand() * TAGS.length)];
    for (let c = 0; c < copies && aid <= articles; c++, aid++) {
      const published = new Date(Date.UTC(2026, 10, 29, 16) + Math.floor(rand() * 86_400_000)).toISOString();
      const article = { id: aid, url: `https://o${c}.example.com/${aid}`, title: words(10, special), published, feed: `f${c}`, fetchedAt: published };
      sentences.forEach((s, i) => {
        if (c > 0 && rand() < 0.2) return; // rewrites drop sentences
        const text = c > 0 ? `${zipf()} ${s} ${zipf()}` : s;
        const figures = i === 0 && rand() < 0.1 ? [{ text: '2.5 GW', value: 2.5, unit: 'GW', kind: 'power', si: 2.5e9, sentence: i, start: 0, end: 6 }] : [];
        events.push({ id: eid++, text, sentence: i, entities: [company], tags: tag ? [tag] : [], powerFigures: figures, article });
      });
    }
  }
  return events;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
function time(fn, runs = 5) {
  fn();
  const ts = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    ts.push(performance.now() - t);
  }
  return median(ts);
}

const companies = COMPANIES.map((id) => ({ id, name: id, history: Array.from({ length: 13 }, (_, i) => ({ date: addDays('2026-11-30', i - 13), count: 5 })) }));
const entities = COMPANIES.map((id) => ({ id, name: id }));
for (const n of (process.env.BENCH_ARTICLES ?? '2000,20000').split(',').map(Number)) {
  const events = day(n);
  let stories = 0;
  let kb = 0;
  let collapsed = 0;
  const truth = new Set(events.map((e) => e.article.title.split(' ').find((w) => w.startsWith('s'))?.split('x')[0])).size;
  const story = time(() => {
    const v = buildStoryDigest(events, { date: '2026-11-30', timezone: 'Asia/Shanghai', companies, webBase: 'https://n.example' });
    const r = renderStoryDigest(v);
    stories = v.totals.stories;
    kb = Buffer.byteLength(r.html) / 1024;
    collapsed = r.collapsed;
  }, n > 5000 ? 3 : 5);
  const opts = { date: '2026-11-30', timezone: 'Asia/Shanghai', entities };
  const old = base ? time(() => base.render(base.build(events, opts))) : NaN;
  console.log(
    `${n} articles, ${events.length} events (${truth} written) → ${stories} stories: story digest ${story.toFixed(0)} ms (HTML ${kb.toFixed(0)} KB, ${collapsed} collapsed); ` +
      (base ? `sentence digest ${old.toFixed(0)} ms in wt-base; ratio story/sentence ${(story / old).toFixed(1)}×` : 'no sentence-digest baseline (/work/wt-base absent)'),
  );
}
