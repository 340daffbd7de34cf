// /stats over a year of history: ~1 million events, counted per day per entity and per
// tag. Only the label index (event_keys) and the events' sort keys are read, so the bench
// fills those alone (the label rows `newsmon import` would write for such events: e:,
// t:, et: and f:; events with their key and empty text) in a file migrated by the store
// itself; building it takes a few minutes, reused from NEWSMON_BENCH_DIR (default
// /tmp/newsmon-bench). Then times each shape in-process on
// the store (the work a read-pool thread does), median of 5, wall and CPU time. Needs
// `npm run build`.
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('..', import.meta.url));
const dir = process.env.NEWSMON_BENCH_DIR ?? '/tmp/newsmon-bench';
const EVENTS = Number(process.env.NEWSMON_BENCH_EVENTS ?? 1_000_000);
const { openStore } = await import(join(repo, 'dist', 'src', 'store', 'store.js'));
const { statsPlan, statsAnswer } = await import(join(repo, 'dist', 'src', 'api', 'stats-query.js'));
const { default: Database } = await import(join(repo, 'node_modules', 'better-sqlite3', 'lib', 'index.js'));

const ENTITIES = ['huawei', 'nvidia', 'cambricon', 'moore-threads', 'biren', 'metax', 'enflame'];
const TAGS = ['ipo', 'funding', 'earnings', 'product', 'export-control', 'partnership', 'benchmark-comparison', 'power-capacity', 'power-demand', 'chip-power'];
const START = Date.UTC(2025, 11, 1) / 1000;
const YEAR = 365 * 86400;

/** A small deterministic generator, so every build is the same file. */
function rng(seed) {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

function build(file) {
  const tmp = `${file}.tmp`;
  for (const f of [tmp, `${tmp}-wal`, `${tmp}-shm`]) rmSync(f, { force: true });
  openStore(tmp).close();
  const rows = new Map();
  const add = (key, k) => (rows.get(key) ?? rows.set(key, []).get(key)).push(k);
  const r = rng(7);
  for (let i = 0; i < EVENTS; i++) {
    const k = (START + Math.floor((i / EVENTS) * YEAR)) * 2 ** 20 + (i % 1024);
    const es = r() < 0.8 ? [ENTITIES[Math.floor(r() ** 2 * 7)]] : [ENTITIES[Math.floor(r() * 7)], ENTITIES[Math.floor(r() * 7)]];
    const ts = r() < 0.4 ? [] : [TAGS[Math.floor(r() * 10)]];
    for (const e of new Set(es)) {
      add(`e:${e}`, k);
      for (const t of ts) add(`et:${e}\u001f${t}`, k);
    }
    for (const t of ts) add(`t:${t}`, k);
    add(`f:feed-${Math.floor(r() * 20)}`, k);
  }
  const db = new Database(tmp);
  const insert = db.prepare('INSERT INTO event_keys (key, k, event_id) VALUES (?, ?, ?)');
  const event = db.prepare("INSERT INTO events (article_id, sentence, text, entities, tags, figures, k) VALUES (1, ?, '', '[]', '[]', '[]', ?)");
  db.transaction(() => {
    db.prepare("INSERT INTO articles (id, url, canonical_url, title, fetched_at, lang, text, text_chars, content_hash) VALUES (1, 'u', 'u', 't', '2025-01-01', 'en', '', 0, 'h')").run();
    for (let i = 0; i < EVENTS; i++) event.run(i, (START + Math.floor((i / EVENTS) * YEAR)) * 2 ** 20 + (i % 1024));
    let id = 0;
    for (const key of [...rows.keys()].sort()) for (const k of rows.get(key)) insert.run(key, k, ++id);
  })();
  db.close();
  renameSync(tmp, file);
  return [...rows.values()].reduce((n, ks) => n + ks.length, 0);
}

mkdirSync(dir, { recursive: true });
const file = join(dir, `stats-v2-${EVENTS}.db`);
if (!existsSync(file)) {
  const t0 = performance.now();
  const n = build(file);
  console.log(`built ${file}: ${EVENTS} events, ${n} label rows in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}

const store = openStore(file, { readonly: true });
const now = new Date((START + YEAR) * 1000);
const shapes = [
  ['year, per entity (UTC)', { since: '365d' }],
  ['year, per entity (Asia/Shanghai)', { since: '365d', tz: 'Asia/Shanghai' }],
  ['year, per tag', { by: 'tag', since: '365d' }],
  ['year, per entity within a tag', { since: '365d', tag: ['product'] }],
  ['year, per tag within huawei', { by: 'tag', since: '365d', entity: ['huawei'] }],
  ['year, per entity within a feed', { since: '365d', feed: 'feed-3' }],
  ['30 days, per entity (the page\'s chart)', { since: '30d' }],
];
for (const [name, params] of shapes) {
  const times = [];
  const cpu = [];
  let answer;
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    const plan = statsPlan(params, now);
    answer = statsAnswer(plan, store.countEventsByDay(plan.query));
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  const counted = answer.series.reduce((n, s) => n + s.total, 0);
  // CPU time beside wall time: on a shared machine the wall time mostly measures the queue for a core.
  console.log(`${name.padEnd(42)} ${times[2].toFixed(1).padStart(8)} ms wall ${cpu[2].toFixed(1).padStart(8)} ms CPU  (${answer.series.length} series × ${answer.days.length} days, ${counted} label rows counted)`);
}
store.close();
