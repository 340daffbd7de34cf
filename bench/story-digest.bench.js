// The story digest's cost on a busy day: a synthetic day of N articles (stories carried by
// 1–8 outlets, copies lightly rewritten, SENTENCES event sentences each (default 4, so 25,000
// articles give ~88,000 events and 28,500 ~100,000), a Zipf vocabulary with story-specific
// names and figures), run through buildStoryDigest (tokenize, cluster, rank, power table,
// trends) and renderStoryDigest (with the 102 KB budget).
//
// Each run is a fresh Node process, as `newsmon digest` is: it generates the day (not
// counted), then imports the digest modules and builds and renders it. Reported per size:
// medians of RUNS (default 3) of wall time from process start to the rendered mail minus the
// generation, the CPU time of import + build + render, and peak RSS (which includes the
// generated events, as a real run includes the events read from the store). Beside it, in
// the same process, the old sentence digest (buildDigest + renderDigest, removed here) of the
// untouched baseline checkout (/work/wt-base, NEWSMON_BASELINE) on the same events, when present.
// Sizes: BENCH_ARTICLES (default "2000,25000,28500").
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = new URL('..', import.meta.url);
const SENTENCES = Number(process.env.BENCH_SENTENCES ?? 4);
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

function day(articles, perArticle = SENTENCES) {
  const events = [];
  let aid = 1;
  let eid = 1;
  while (aid <= articles) {
    const company = COMPANIES[Math.floor(rand() * COMPANIES.length)];
    const special = Array.from({ length: 8 }, (_, i) => `s${aid}x${i}`);
    const sentences = Array.from({ length: perArticle }, () => words(22, special));
    const copies = 1 + Math.floor(rand() * rand() * 8);
    const tag = TAGS[Math.floor(rand() * TAGS.length)];
    for (let c = 0; c < copies && aid <= articles; c++, aid++) {
      const published = new Date(Date.UTC(2026, 10, 29, 16) + Math.floor(rand() * 86_400_000)).toISOString();
      const article = { id: aid, url: `https://o${c}.example.com/${aid}`, title: words(10, special), published, feed: `f${c}`, fetchedAt: published };
      sentences.forEach((s, i) => {
        if (c > 0 && rand() < 0.2) return; // rewrites drop sentences
        const text = c > 0 ? `${zipf()} ${s} ${zipf()}` : s;
        const gw = 0.1 + Math.floor(rand() * 50) / 10; // a few hundred distinct figures on a busy day
        const figures = i === 0 && rand() < 0.1 ? [{ text: `${gw} GW`, value: gw, unit: 'GW', kind: 'power', si: gw * 1e9, sentence: i, start: 0, end: 6 }] : [];
        events.push({ id: eid++, text, sentence: i, entities: [company], tags: tag ? [tag] : [], powerFigures: figures, article });
      });
    }
  }
  return events;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function child(n) {
  const events = day(n);
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const { buildStoryDigest } = await import(new URL('dist/src/digest/story-digest.js', here).href);
  const { renderStoryDigest } = await import(new URL('dist/src/digest/story-render.js', here).href);
  const { addDays } = await import(new URL('dist/src/time/zoned-day.js', here).href);
  const companies = COMPANIES.map((id) => ({ id, name: id, history: Array.from({ length: 13 }, (_, i) => ({ date: addDays('2026-11-30', i - 13), count: 5 })) }));
  const v = buildStoryDigest(events, { date: '2026-11-30', timezone: 'Asia/Shanghai', companies, webBase: 'https://n.example' });
  const r = renderStoryDigest(v);
  const c = process.cpuUsage(c0);
  const end = performance.now();
  const out = {
    events: events.length,
    stories: v.totals.stories,
    written: new Set(events.map((e) => e.article.title.split(' ').find((w) => w.startsWith('s'))?.split('x')[0])).size,
    // performance.now() counts from process start: start-up + import + build + render, without the generation.
    wallMs: end - (t0 - startup),
    cpuMs: (c.user + c.system) / 1000,
    maxRssMB: process.resourceUsage().maxRSS / 1024,
    htmlKB: Buffer.byteLength(r.html) / 1024,
    collapsed: r.collapsed,
  };
  const baseDir = `${process.env.NEWSMON_BASELINE ?? '/work/wt-base'}/dist/src/digest/`;
  if (existsSync(`${baseDir}build.js`)) {
    const { buildDigest } = await import(pathToFileURL(`${baseDir}build.js`).href);
    const { renderDigest } = await import(pathToFileURL(`${baseDir}render.js`).href);
    const t = performance.now();
    renderDigest(buildDigest(events, { date: '2026-11-30', timezone: 'Asia/Shanghai', entities: COMPANIES.map((id) => ({ id, name: id })) }));
    out.sentenceMs = performance.now() - t;
  }
  console.log(JSON.stringify(out));
}

// Time from process start to this module's first line: Node's own start-up.
const startup = performance.now();
if (process.argv[2] === '--child') await child(Number(process.argv[3]));
else {
  const runs = Number(process.env.RUNS ?? 3);
  for (const n of (process.env.BENCH_ARTICLES ?? '2000,25000,28500').split(',').map(Number)) {
    const rs = Array.from({ length: runs }, () => {
      const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--child', String(n)], { encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`child for ${n} articles failed: ${r.stderr}`);
      return JSON.parse(r.stdout);
    });
    const m = (k) => median(rs.map((r) => r[k]));
    const { events, stories, written, htmlKB, collapsed } = rs[0];
    console.log(
      `${n} articles, ${events} events (${written} stories written) → ${stories} stories: ` +
        `start-up + build + render ${m('wallMs').toFixed(0)} ms wall, ${m('cpuMs').toFixed(0)} ms CPU (import + build + render), ` +
        `peak RSS ${m('maxRssMB').toFixed(0)} MB; HTML ${htmlKB.toFixed(0)} KB, ${collapsed} collapsed; ${rs[0].sentenceMs === undefined ? 'no baseline' : `baseline sentence digest ${m('sentenceMs').toFixed(0)} ms`} ` +
        `(medians of ${runs} fresh processes)`,
    );
  }
}
