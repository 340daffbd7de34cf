// HTTP API throughput on loopback: GET /events with the filters analysts use, over a
// store of 2,000 articles (~20,000 events). The server runs in a child process (this
// file with "serve"), so client and server do not share an event loop. 16 keep-alive
// connections, 1,000 requests per shape, median of 3 rounds; beside each, the same
// query straight on the store (no HTTP) as the baseline. Then the digest of one busy
// day: read, build, render. Needs `npm run build` (imports dist/). Loopback only; every
// loop is bounded in count.
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { rng } from '../tests/fixture-site/content.js';

const ARTICLES = 2000;
const REQUESTS = 1000;
const CONCURRENCY = 16;
const ROUNDS = 3;
const ENTITIES = ['moore-threads', 'metax', 'biren', 'enflame', 'huawei', 'cambricon', 'nvidia'];
const TAGS = ['product', 'funding', 'export-control', 'power', 'tdp', 'partnership'];
const WORDS = 'the chip maker said its new accelerator cluster would draw more power than any data centre in the province as demand for training capacity grows'.split(' ');


function makeArticle(i, r) {
  const pick = (xs) => xs[Math.floor(r() * xs.length)];
  const sentences = Array.from({ length: 16 }, () => `${Array.from({ length: 16 }, () => pick(WORDS)).join(' ')}.`);
  const events = [];
  for (let s = 0; s < 6 + Math.floor(r() * 9); s++) {
    const figs = r() < 0.3 ? [{ text: '300 MW', value: 300, unit: 'MW', kind: 'power', si: 3e8, sentence: s, start: 0, end: 6 }] : [];
    events.push({ sentence: s, text: sentences[s], entities: [...new Set([pick(ENTITIES), pick(ENTITIES)])], tags: [pick(TAGS)], powerFigures: figs });
  }
  // Spread over March 2025, hour by hour.
  const published = new Date(Date.UTC(2025, 2, 1) + Math.floor(r() * 31 * 24) * 3_600_000).toISOString();
  return {
    url: `https://site${i % 50}.example.com/a/${i}`, canonicalUrl: `https://site${i % 50}.example.com/a/${i}`,
    feedId: `feed-${i % 50}`, feedItemId: `item-${i}`, title: sentences[0].slice(0, 70), author: null,
    published, fetchedAt: published, lang: 'en', text: sentences.join(' '),
    contentHash: `api-bench-${i}-`.padEnd(64, "0"),
    mentions: [], powerFigures: events.flatMap((e) => e.powerFigures), events,
  };
}

async function fill(dbPath) {
  const { openStore } = await import('../dist/src/store/store.js');
  const store = openStore(dbPath);
  const r = rng(7).next;
  for (let f = 0; f < 50; f++) store.upsertFeed({ id: `feed-${f}`, url: `https://site${f}.example.com/feed`, name: `Site ${f}` });
  for (let i = 0; i < ARTICLES; i++) store.saveArticle(makeArticle(i, r));
  const stats = store.stats();
  store.close();
  return stats;
}

// ---- child: the server ----
if (process.argv[2] === 'serve') {
  const { openStore } = await import('../dist/src/store/store.js');
  const { buildApi } = await import('../dist/src/api/build-api.js');
  const store = openStore(process.argv[3], { readonly: true });
  const app = buildApi({ store, closeStore: true, now: () => new Date('2025-04-01T00:00:00Z') });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  process.send({ url });
  process.on('message', async (m) => {
    if (m === 'stop') {
      await app.close();
      process.exit(0);
    }
  });
} else {
  await main();
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function get(agent, url) {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { agent }, (res) => {
      let n = 0;
      res.on('data', (c) => (n += c.length));
      res.on('end', () => (res.statusCode === 200 ? resolve(n) : reject(new Error(`${url}: ${res.statusCode}`))));
    });
    req.setTimeout(10_000, () => req.destroy(new Error('timeout')));
    req.on('error', reject);
  });
}

async function load(base, path) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const latencies = [];
  let bytes = 0;
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < REQUESTS) {
        next++;
        const t = performance.now();
        const n = await get(agent, `${base}${path}`);
        bytes += n;
        latencies.push(performance.now() - t);
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return { rps: REQUESTS / seconds, p50: latencies[Math.floor(latencies.length / 2)], p99: latencies[Math.floor(latencies.length * 0.99)], kb: bytes / REQUESTS / 1024 };
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'newsmon-bench-api-'));
  const dbPath = join(dir, 'api.db');
  const stats = await fill(dbPath);
  console.log(`store: ${stats.articles} articles, ${stats.events} events`);

  const child = fork(fileURLToPath(import.meta.url), ['serve', dbPath], { stdio: 'inherit' });
  const { url } = await new Promise((resolve, reject) => {
    child.once('message', resolve);
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });

  const { openStore } = await import('../dist/src/store/store.js');
  const { parseSince } = await import('../dist/src/time/time-range.js');
  const direct = openStore(dbPath, { readonly: true });
  const now = new Date('2025-04-01T00:00:00Z');
  const shapes = [
    { name: 'latest 100', path: '/events?limit=100', q: { limit: 100 } },
    { name: 'latest 10', path: '/events?limit=10', q: { limit: 10 } },
    { name: 'entity', path: '/events?entity=biren&limit=100', q: { entity: 'biren', limit: 100 } },
    { name: 'tag + since 7d', path: '/events?tag=tdp&since=7d&limit=100', q: { tag: 'tdp', since: parseSince('7d', now), limit: 100 } },
    { name: 'q', path: '/events?q=accelerator&limit=50', q: { q: 'accelerator', limit: 50 } },
    { name: 'csv latest 100', path: '/events.csv?limit=100', q: { limit: 100 } },
    { name: 'feeds', path: '/feeds', q: null },
    { name: 'healthz', path: '/healthz', q: null },
  ];
  try {
    for (const s of shapes) {
      const rounds = [];
      for (let i = 0; i < ROUNDS; i++) rounds.push(await load(url, s.path));
      const rps = median(rounds.map((r) => r.rps));
      const p50 = median(rounds.map((r) => r.p50));
      const p99 = median(rounds.map((r) => r.p99));
      let baseline = '';
      if (s.q) {
        const times = [];
        for (let i = 0; i < 200; i++) {
          const t = performance.now();
          direct.queryEvents(s.q);
          times.push(performance.now() - t);
        }
        const perSec = 1000 / median(times);
        baseline = `; store alone ${Math.round(perSec)} q/s (HTTP keeps ${((rps / perSec) * 100).toFixed(0)}%)`;
      }
      console.log(`GET ${s.name.padEnd(15)} ${String(Math.round(rps)).padStart(6)} req/s  p50 ${p50.toFixed(2)} ms  p99 ${p99.toFixed(2)} ms  ${rounds[0].kb.toFixed(1)} KB${baseline}`);
    }

    const { prepareRecipientDigest } = await import('../dist/src/digest/deliver.js');
    const { digestEntities } = await import('../dist/src/digest/watch-list.js');
    const watch = digestEntities(fileURLToPath(new URL('../config', import.meta.url)));
    const recipient = { address: 'bench@example.com', companies: null, tags: null, timezone: 'Asia/Shanghai', time: '07:00', onEmptyDay: 'note' };
    const times = [];
    let events = 0;
    let htmlKb = 0;
    let textKb = 0;
    for (let i = 0; i < 5; i++) {
      const t = performance.now();
      const { view, rendered } = prepareRecipientDigest({ source: direct, recipient, date: '2025-03-15', watch, webBase: null });
      times.push(performance.now() - t);
      events = view.totals.articles;
      htmlKb = Buffer.byteLength(rendered?.html ?? '') / 1024;
      textKb = Buffer.byteLength(rendered?.text ?? '') / 1024;
    }
    console.log(`digest of one day: ${events} articles, read + build + render ${median(times).toFixed(1)} ms, HTML ${htmlKb.toFixed(0)} KB (Gmail clips past 102 KB), text ${textKb.toFixed(0)} KB`);
  } finally {
    direct.close();
    child.send('stop');
    await new Promise((resolve) => child.once('exit', resolve));
    rmSync(dir, { recursive: true, force: true });
  }
}
