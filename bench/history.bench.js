// A year of history, queried by 20 keep-alive clients on loopback (issue 8's bench).
// Builds (once, into NEWSMON_BENCH_DIR, default /tmp/newsmon-bench) a store of ~200,000
// articles / ~1.1 million events with `newsmon import`, and the same rows in today's
// layout for the baseline (bench/history-stores.js). Then for each query shape: this
// checkout's `newsmon serve` (3 rounds, >= 500 requests a shape, median reported) beside
// the baseline checkout's (/work/wt-base, NEWSMON_BASELINE) serving the v1 copy (1 round,
// fewer requests: its slow shapes take seconds each under load). Needs `npm run build`
// here and in the baseline. Loopback only; every loop is bounded.
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { storeQueries } from './history-queries.js';
import { historyStores } from './history-stores.js';
import { get, load, repeat, walk } from './http-load.js';
import http from 'node:http';

const repo = fileURLToPath(new URL('..', import.meta.url));
const dir = process.env.NEWSMON_BENCH_DIR ?? '/tmp/newsmon-bench';
const basePath = process.env.NEWSMON_BASELINE ?? '/work/wt-base';
const CLIENTS = 20;
const REQUESTS = Number(process.env.NEWSMON_BENCH_REQUESTS ?? 500);
const BASE_REQUESTS = Number(process.env.NEWSMON_BENCH_BASE_REQUESTS ?? 100);
const ROUNDS = Number(process.env.NEWSMON_BENCH_ROUNDS ?? 3);
const ENTITIES = ['huawei', 'nvidia', 'cambricon', 'moore-threads', 'biren'];
const PHRASES = ['"supply chain"', '"export controls"', '"funding round"', '"data centre campus"'];

function freePort() {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

async function startServer(checkout, db) {
  const port = await freePort();
  const child = spawn(process.execPath, [join(checkout, 'bin', 'newsmon.js'), 'serve', '--db', db, '--port', String(port)], {
    env: { ...process.env, NEWSMON_CONFIG: join(checkout, 'config'), NEWSMON_LOG_LEVEL: 'warn' }, stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  const agent = new http.Agent();
  for (let i = 0; i < 600; i++) {
    const ok = await get(agent, base, '/healthz').then((r) => r.status === 200, () => false);
    if (ok) return { base, stop: () => child.kill('SIGTERM') };
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`${checkout}: serve did not come up`);
}

/** Each shape: this layout's plan, and the baseline's plan for the same question (or null when v1 cannot ask it). */
function shapes(tag) {
  const company30 = ENTITIES.map((e) => `/events?entity=${e}&since=30d&limit=50`);
  const companyTag = ENTITIES.map((e) => `/events?entity=${e}&tag=${tag}&limit=50`);
  const phrase = PHRASES.map((p) => `/events?q=${encodeURIComponent(p)}&limit=50`);
  return [
    { name: 'company + 30 days', plan: repeat(company30), base: repeat(company30) },
    { name: 'company + tag', plan: repeat(companyTag), base: repeat(companyTag) },
    { name: 'phrase search', plan: repeat(phrase), base: repeat(phrase) },
    { name: 'newest', plan: repeat(['/events?limit=50']), base: repeat(['/events?limit=50']) },
    { name: 'company + power > 1 GW', plan: repeat(ENTITIES.map((e) => `/events?entity=${e}&kind=power&min=1GW&limit=50`)), base: null },
    // Pages 1-200 by following Link rel="next"; the baseline is page 200 by offset (x-next-offset's way), asked directly.
    { name: 'page 200 via next links', plan: walk('/events?entity=nvidia&limit=50', 200), base: repeat(['/events?entity=nvidia&limit=50&offset=9950']), requests: CLIENTS * 200 },
    { name: '/healthz', plan: repeat(['/healthz']), base: repeat(['/healthz']) },
  ];
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (n) => (n >= 100 ? n.toFixed(0) : n.toFixed(1));

async function main() {
  mkdirSync(dir, { recursive: true });
  const stores = await historyStores(dir, { basePath });
  const { default: Database } = await import(join(repo, 'node_modules', 'better-sqlite3', 'lib', 'index.js'));
  const ro = new Database(stores.v3, { readonly: true });
  const counts = ro.prepare('SELECT articles, events FROM store_counts').get();
  // The most common tag of the first entity, so company + tag asks something that exists.
  const tag = ro.prepare("SELECT substr(key, length('et:huawei') + 2) AS tag, count(*) AS n FROM event_keys WHERE key > 'et:huawei' || char(31) AND key < 'et:huawei' || char(32) GROUP BY key ORDER BY n DESC LIMIT 1").get()?.tag ?? 'product';
  ro.close();
  process.stdout.write(`store: ${counts.articles} articles, ${counts.events} events; import ${stores.importSummary.articlesPerSecond} articles/s (${(stores.importSummary.elapsedMs / 1000).toFixed(0)} s); load ${loadavg().map((l) => l.toFixed(1)).join(' ')}\n`);

  const direct = await storeQueries({ v3: stores.v3, v1: stores.v1, basePath, entities: ENTITIES, tag });
  const dl = ['| shape (in-process, one at a time) | CPU ms | wall ms | rows | baseline CPU ms | baseline wall ms | rows | CPU ratio |', '|---|---|---|---|---|---|---|---|'];
  for (const d of direct) {
    dl.push(`| ${d.name} | ${d.after.cpuMs.toFixed(3)} | ${d.after.wallMs.toFixed(3)} | ${d.resultsAfter} | ${d.before.cpuMs.toFixed(2)} | ${d.before.wallMs.toFixed(2)} | ${d.resultsBefore} | ${fmt(d.before.cpuMs / d.after.cpuMs)}x |`);
  }
  process.stdout.write(`${dl.join('\n')}\n\n`);

  const results = [];
  const mine = await startServer(repo, stores.v3);
  try {
    const list = shapes(tag);
    const budget = (s) => Math.max(REQUESTS, s.requests ?? 0);
    // An unmeasured pass first: the first shape must not pay for loading the file into the page cache.
    for (const s of list) await load(mine.base, { clients: CLIENTS, requests: Math.max(100, s.requests ?? 0), plan: s.plan });
    // Rounds outside, shapes inside: a burst of load from the neighbours lands on every shape, not on one.
    const rounds = list.map(() => []);
    for (let r = 0; r < ROUNDS; r++) for (const [i, s] of list.entries()) rounds[i].push(await load(mine.base, { clients: CLIENTS, requests: budget(s), plan: s.plan }));
    for (const [i, s] of list.entries()) {
      const rs = rounds[i];
      results.push({ name: s.name, after: { p50: median(rs.map((x) => x.p50)), p95: median(rs.map((x) => x.p95)), p99: median(rs.map((x) => x.p99)), rps: median(rs.map((x) => x.rps)), requests: rs[0].requests, statuses: rs.map((x) => x.statuses) } });
    }
  } finally {
    mine.stop();
  }
  const base = await startServer(basePath, stores.v1);
  try {
    for (const [i, s] of shapes(tag).entries()) {
      if (!s.base) continue;
      await load(base.base, { clients: CLIENTS, requests: CLIENTS, plan: s.base });
      results[i].before = await load(base.base, { clients: CLIENTS, requests: BASE_REQUESTS, plan: s.base });
    }
  } finally {
    base.stop();
  }

  const lines = ['| shape | p50 ms | p95 ms | p99 ms | req/s | baseline p50 | baseline p95 | baseline p99 | baseline req/s | p95 ratio |', '|---|---|---|---|---|---|---|---|---|---|'];
  for (const r of results) {
    const a = r.after;
    const b = r.before;
    lines.push(`| ${r.name} | ${fmt(a.p50)} | ${fmt(a.p95)} | ${fmt(a.p99)} | ${fmt(a.rps)} | ${b ? fmt(b.p50) : 'n/a'} | ${b ? fmt(b.p95) : 'n/a'} | ${b ? fmt(b.p99) : 'n/a'} | ${b ? fmt(b.rps) : 'n/a'} | ${b ? `${fmt(b.p95 / a.p95)}x` : ''} |`);
  }
  process.stdout.write(`${lines.join('\n')}\n`);
  writeFileSync(join(dir, 'history-bench.json'), JSON.stringify({ counts, import: stores.importSummary, tag, direct, results, load: loadavg() }, null, 2));
}

await main();
