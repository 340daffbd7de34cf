// The busy day's digest as users run it: `newsmon digest --preview FILE` in a fresh process
// on a real SQLite file holding a day of ~100,000 events (BENCH_DIGEST_ARTICLES articles,
// default 28500: stories carried by 1–8 outlets, copies lightly rewritten, 1–7 event
// sentences each, a Zipf vocabulary with story-specific names, power figures in one article
// in ten) and 13 days of history for 7 companies. Timed from process start to exit
// (start-up, opening the file, reading, clustering, ranking, rendering under the 102 KB
// budget, writing the file): wall time and peak RSS from /usr/bin/time, medians of RUNS
// (default 5).
//
// Beside it, the same command of a baseline checkout (NEWSMON_BASELINE, default
// /tmp/lead/base: a built checkout of an earlier commit) on its own copy of the same day.
// The store is written by the baseline's code when there is one (so the baseline reads a
// file of its own schema), then copied and opened by this checkout's code, which migrates
// it (the time that takes is reported: an upgrading user pays it once).
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { rng } from '../tests/fixture-site/content.js';

const here = fileURLToPath(new URL('..', import.meta.url));
const baseline = process.env.NEWSMON_BASELINE ?? '/tmp/lead/base';
const hasBaseline = existsSync(join(baseline, 'dist/src/store/store.js'));
const N = Number(process.env.BENCH_DIGEST_ARTICLES ?? 28500);
const RUNS = Number(process.env.RUNS ?? 5);
const dir = process.env.BENCH_DIR ?? '/tmp/newsmon-bench-digest';
const COMPANIES = ['moore-threads', 'metax', 'biren', 'enflame', 'huawei', 'cambricon', 'nvidia'];
const TAGS = ['ipo', 'earnings', 'product', 'export-control', 'partnership', 'funding', ''];

const rand = rng(42).next;
const zipf = () => `w${Math.floor(100 * Math.exp(rand() * Math.log(200))).toString(36)}`;
const words = (n, special) => Array.from({ length: n }, () => (rand() < 0.25 ? special[Math.floor(rand() * special.length)] : zipf())).join(' ');
const NAMES = { 'moore-threads': 'Moore Threads', metax: 'MetaX', biren: 'Biren', enflame: 'Enflame', huawei: 'Huawei', cambricon: 'Cambricon', nvidia: 'Nvidia' };

function article(n, published, company, sentences, title, copy, tag, figureAt) {
  const url = `https://o${copy}.example.com/${n}`;
  return {
    url, canonicalUrl: url, feedId: `f${copy}`, feedItemId: `i${n}`, title, author: null, published, fetchedAt: published, lang: 'en',
    text: sentences.join(' '), contentHash: `b${n}`.padEnd(64, 'x'), mentions: [], powerFigures: [],
    events: sentences.map((text, i) => {
      const gw = figureAt === i ? 0.1 + Math.floor(rand() * 50) / 10 : null;
      const powerFigures = gw === null ? [] : [{ text: `${gw} GW`, value: gw, unit: 'GW', kind: 'power', si: gw * 1e9, sentence: i, start: 0, end: 6 }];
      return { sentence: i, text: `${NAMES[company]} ${text}`, entities: [company], tags: tag && i === 0 ? [tag] : [], powerFigures };
    }),
  };
}

function fill(store) {
  const batch = [];
  let id = 0;
  let events = 0;
  const push = (a) => {
    batch.push(a);
    events += a.events.length;
    if (batch.length === 500) store.saveArticles(batch.splice(0));
  };
  while (id < N) {
    const company = COMPANIES[Math.floor(rand() * COMPANIES.length)];
    const special = Array.from({ length: 8 }, (_, i) => `s${id}x${i}`);
    const sentences = Array.from({ length: 1 + Math.floor(rand() * 6.7) }, () => words(22, special));
    const title = words(10, special);
    const tag = TAGS[Math.floor(rand() * TAGS.length)];
    const figureAt = rand() < 0.1 ? 0 : -1;
    const copies = 1 + Math.floor(rand() * rand() * 8);
    for (let c = 0; c < copies && id < N; c++, id++) {
      const published = new Date(Date.UTC(2026, 10, 29, 16) + Math.floor(rand() * 86_400_000)).toISOString();
      // Rewrites drop a sentence now and then and add words around the rest.
      const own = c === 0 ? sentences : sentences.filter((_, i) => i === 0 || rand() >= 0.2).map((s) => `${zipf()} ${s} ${zipf()}`);
      push(article(id, published, company, own, title, c, tag, figureAt));
    }
  }
  for (let d = 1; d <= 13; d++) {
    const date = new Date(Date.UTC(2026, 10, 30 - d, 4)).toISOString();
    for (const company of COMPANIES) for (let k = 0; k < 40; k++) push(article(++id + 1e7, date, company, [`note ${d} ${k}`], `${company} ${d} ${k}`, 9, '', -1));
  }
  store.saveArticles(batch);
  return events;
}

/** The store written by `root`'s code, cached under `dir` by its schema and size. */
async function storeBy(root, label) {
  const file = join(dir, `${label}-${N}.db`);
  if (existsSync(file)) return file;
  mkdirSync(dir, { recursive: true });
  const { openStore } = await import(pathToFileURL(join(root, 'dist/src/store/store.js')).href);
  const store = openStore(join(dir, 'building.db'));
  const t = performance.now();
  const events = fill(store);
  store.close();
  for (const ext of ['', '-wal', '-shm']) if (existsSync(join(dir, `building.db${ext}`))) copyFileSync(join(dir, `building.db${ext}`), `${file}${ext}`);
  rmSync(join(dir, 'building.db'), { force: true });
  console.log(`built ${label} store: ${N} articles of the day, ${events} events with the history, in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  return file;
}

function config() {
  const cfg = join(dir, 'config');
  mkdirSync(cfg, { recursive: true });
  copyFileSync(join(here, 'config/entities.yaml'), join(cfg, 'entities.yaml'));
  writeFileSync(join(cfg, 'newsmon.yaml'), 'digest:\n  timezone: Asia/Shanghai\n  time: "07:00"\n');
  return cfg;
}

function runDigest(root, db, cfg) {
  const out = join(dir, `out-${root === here ? 'now' : 'base'}.html`);
  const r = spawnSync('/usr/bin/time', ['-f', '%e %M %U %S', process.execPath, join(root, 'bin/newsmon.js'), 'digest', '--preview', out, '--date', '2026-11-30', '--db', db, '--config', cfg], {
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`digest in ${root} failed: ${r.stderr}`);
  const [wall, rssKb, user, sys] = r.stderr.trim().split('\n').pop().split(' ').map(Number);
  return { wall: wall * 1000, rss: rssKb / 1024, cpu: (user + sys) * 1000, html: statSync(out).size / 1024, says: r.stderr.split('\n').find((l) => l.startsWith('digest for')) ?? '' };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const cfg = config();
const source = await storeBy(hasBaseline ? baseline : here, hasBaseline ? 'base' : 'now');
const now = join(dir, `now-copy-${N}.db`);
for (const ext of ['', '-wal', '-shm']) {
  rmSync(`${now}${ext}`, { force: true });
  if (existsSync(`${source}${ext}`)) copyFileSync(`${source}${ext}`, `${now}${ext}`);
}
{
  const { openStore } = await import(pathToFileURL(join(here, 'dist/src/store/store.js')).href);
  const t = performance.now();
  const s = openStore(now);
  const v = s.stats().schemaVersion;
  s.close();
  if (hasBaseline) console.log(`this checkout migrated the baseline's file to schema ${v} in ${((performance.now() - t) / 1000).toFixed(1)} s`);
}
const rows = { now: [], base: [] };
for (let i = 0; i < RUNS; i++) {
  rows.now.push(runDigest(here, now, cfg));
  if (hasBaseline) rows.base.push(runDigest(baseline, source, cfg));
}
for (const [label, rs] of Object.entries(rows)) {
  if (!rs.length) continue;
  const m = (k) => median(rs.map((r) => r[k]));
  console.log(`${label === 'now' ? 'this checkout' : `baseline ${baseline}`}: ${m('wall').toFixed(0)} ms wall, ${m('cpu').toFixed(0)} ms CPU, peak RSS ${m('rss').toFixed(0)} MB, HTML ${m('html').toFixed(0)} KB (median of ${rs.length}) — ${rs[0].says.replace(/, written to .*/, '')}`);
}
if (rows.base.length) console.log(`ratio this/baseline: wall ${(median(rows.now.map((r) => r.wall)) / median(rows.base.map((r) => r.wall))).toFixed(2)}x`);
