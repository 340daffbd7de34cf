/* global fetch, AbortSignal -- Node 20 globals the shared eslint list leaves out */
// `npm run soak`: `newsmon run` (all roles, one process) for SOAK_MINUTES (default 10)
// over the loopback site of bench/soak-site.js: SOAK_FEEDS (300) feeds, each publishing an
// article every ~SOAK_CHANGE_SECONDS (10), polled every 5 s, with faults mixed in (500s,
// stalls past the timeout, malformed XML, huge bodies, wrong charsets; see soak-site.js).
//
// Every 10 s: the service's RSS and open file descriptors (/proc), articles and events
// stored, the site's published count, the article queue's backlog, /healthz latency.
// Asserted at the end, over the samples after the warm-up (the first 20%, at least 1 min):
//   - RSS flat: the last third's median within 10% + 16 MB of the middle third's, and the
//     fitted slope under 2 MB/min;
//   - open fds flat: the last third's highest no more than the middle third's highest + 8;
//   - throughput not decaying: articles stored per minute in the last third at least 80%
//     of the middle third's (or the backlog is empty: the site, not the service, sets the
//     pace; or per CPU second of the service it is still 80%: other processes took the CPU);
//   - /healthz answered every sample; the service stops on SIGTERM with exit 0;
//   - no article stored twice.
// Samples go to SOAK_OUT (default a temp file; the path is printed). Exit 1 if any check fails.
//
// Redis: a private redis-server on a free port (never the shared one). Needs dist/
// (npm run soak builds it).
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { verdict } from './soak-verdict.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..');
const envNum = (name, dflt) => (process.env[name] ? Number(process.env[name]) : dflt);
const MINUTES = envNum('SOAK_MINUTES', 10);
const FEEDS = envNum('SOAK_FEEDS', 300);
const CHANGE_S = envNum('SOAK_CHANGE_SECONDS', 10);
const SAMPLE_MS = envNum('SOAK_SAMPLE_SECONDS', 10) * 1000;
const work = mkdtempSync(join(tmpdir(), 'newsmon-soak-'));
const OUT = process.env.SOAK_OUT ?? join(tmpdir(), `newsmon-soak-${Date.now()}.json`);
const children = new Set();
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

if (!existsSync(join(root, 'dist', 'src', 'service', 'service.js'))) {
  console.error('dist/ is missing: run "npm run build" (npm run soak does)');
  process.exit(1);
}

function track(child) {
  children.add(child);
  child.on('exit', () => children.delete(child));
  return child;
}
function cleanup() {
  for (const c of children) c.kill('SIGKILL');
  rmSync(work, { recursive: true, force: true });
}
process.on('SIGINT', () => (cleanup(), process.exit(130)));

function freePort() {
  return new Promise((r) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => r(port));
    });
  });
}

function redisAnswers(port) {
  return new Promise((done) => {
    const s = connect({ host: '127.0.0.1', port });
    const end = (ok) => (s.destroy(), done(ok));
    s.setTimeout(1000, () => end(false));
    s.on('error', () => end(false));
    s.on('connect', () => s.write('PING\r\n'));
    s.on('data', (d) => end(d.toString().startsWith('+PONG')));
  });
}

async function privateRedis() {
  const port = await freePort();
  track(spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' }));
  for (let i = 0; i < 100 && !(await redisAnswers(port)); i++) await sleep(100);
  return port;
}

function startSite() {
  return new Promise((res, rej) => {
    const child = track(spawn(process.execPath, [join(here, 'soak-site.js'), '--feeds', String(FEEDS), '--change-seconds', String(CHANGE_S)], { stdio: ['ignore', 'pipe', 'inherit'] }));
    child.on('exit', (code) => rej(new Error(`soak site exited early (${code})`)));
    createInterface({ input: child.stdout }).once('line', (line) => res({ child, port: JSON.parse(line).port }));
  });
}

function writeConfig(sitePort, apiPort) {
  const dir = join(work, 'config');
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'newsmon.yaml'),
    [
      'http:', '  timeout: 5s', '  connect_timeout: 2s', '  max_bytes: 2MB', '  per_host_concurrency: 32', '  per_host_min_gap: 0ms', '  allow_private_network: true',
      'poll:', '  jitter: 5s', '  max_backoff: 30s',
      'concurrency:', '  poll: 8', '  extract: 8', '  store: 16',
      'api:', `  port: ${apiPort}`,
      'log:', '  level: warn',
    ].join('\n'),
  );
  for (const f of ['entities.yaml', 'tagger']) cpSync(join(root, 'config', f), join(dir, f), { recursive: true });
  const feeds = Array.from({ length: FEEDS }, (_, f) => `  - url: http://127.0.0.1:${sitePort}/feeds/${f}.xml\n    id: soak-${f}\n    interval: 5s\n`);
  writeFileSync(join(dir, 'feeds.yaml'), `feeds:\n${feeds.join('')}`);
  return dir;
}

const procStatus = (pid, key) => {
  try {
    const m = new RegExp(`${key}:\\s+(\\d+)`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
};
const openFds = (pid) => {
  try {
    return readdirSync(`/proc/${pid}/fd`).length;
  } catch {
    return null;
  }
};
const cpuSeconds = (pid) => {
  try {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(f[11]) + Number(f[12])) / 100;
  } catch {
    return null;
  }
};

function counts(dbPath) {
  try {
    const db = new Database(dbPath, { readonly: true, fileMustExist: true });
    try {
      db.pragma('busy_timeout = 2000');
      return db.prepare('SELECT (SELECT count(*) FROM articles) AS articles, (SELECT count(DISTINCT canonical_url) FROM articles) AS distinctUrls, (SELECT count(*) FROM events) AS events').get();
    } finally {
      db.close();
    }
  } catch {
    return { articles: null, distinctUrls: null, events: null };
  }
}

function backlog(redisPort, prefix) {
  const r = spawnSync('redis-cli', ['-p', String(redisPort), 'LLEN', `${prefix}:article:wait`], { encoding: 'utf8' });
  return r.status === 0 ? Number(r.stdout.trim()) : null;
}

async function timed(url) {
  const t0 = performance.now();
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(5_000) });
    await res.arrayBuffer();
    return { ok: res.ok, ms: Math.round(performance.now() - t0) };
  } catch {
    return { ok: false, ms: null };
  }
}

function line(s) {
  return `${String(Math.round(s.t)).padStart(5)}s  rss ${String(s.rssMB).padStart(4)} MB  fds ${String(s.fds).padStart(4)}  cpu ${String(s.cpu).padStart(6)} s  published ${String(s.published).padStart(6)} (clean ${s.clean})  stored ${String(s.articles).padStart(6)}  events ${String(s.events).padStart(7)}  backlog ${String(s.backlog).padStart(5)}  load ${s.load}  healthz ${s.healthOk ? `${s.healthMs} ms` : 'FAILED'}`;
}

async function main() {
  const redisPort = await privateRedis();
  const site = await startSite();
  const apiPort = await freePort();
  const configDir = writeConfig(site.port, apiPort);
  const dbPath = join(work, 'soak.db');
  const prefix = 'soak';
  const env = { ...process.env };
  for (const k of Object.keys(env)) if (k.startsWith('NEWSMON_') || k === 'REDIS_URL' || k === 'SMTP_URL') delete env[k];
  const svc = track(
    spawn(process.execPath, [join(root, 'bin', 'newsmon.js'), 'run', '--config', configDir, '--db', dbPath, '--redis', `redis://127.0.0.1:${redisPort}`, '--queue-prefix', prefix], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] }),
  );
  let logBytes = 0;
  let logTail = '';
  const keep = (d) => {
    logBytes += d.length;
    logTail = (logTail + d.toString()).slice(-4000);
  };
  svc.stdout.on('data', keep);
  svc.stderr.on('data', keep);
  let exited = null;
  svc.on('exit', (code, signal) => (exited = { code, signal }));

  console.log(`soak: ${MINUTES} min, ${FEEDS} feeds changing every ~${CHANGE_S} s, service pid ${svc.pid}, work ${work}`);
  const samples = [];
  const t0 = Date.now();
  const until = t0 + MINUTES * 60_000;
  while (Date.now() < until && exited === null) {
    await sleep(SAMPLE_MS - ((Date.now() - t0) % SAMPLE_MS));
    const site_ = await fetch(`http://127.0.0.1:${site.port}/stats`).then((r) => r.json()).catch(() => ({}));
    const health = await timed(`http://127.0.0.1:${apiPort}/healthz`);
    const c = counts(dbPath);
    const s = {
      t: (Date.now() - t0) / 1000,
      rssMB: Math.round((procStatus(svc.pid, 'VmRSS') ?? 0) / 1024),
      fds: openFds(svc.pid),
      cpu: cpuSeconds(svc.pid),
      published: site_.published ?? null,
      clean: site_.clean ?? null,
      ...c,
      backlog: backlog(redisPort, prefix),
      load: Number(loadavg()[0].toFixed(1)),
      healthOk: health.ok,
      healthMs: health.ms,
      logBytes,
    };
    samples.push(s);
    console.log(line(s));
  }
  const crashed = exited !== null;
  const siteStats = await fetch(`http://127.0.0.1:${site.port}/stats`).then((r) => r.json()).catch(() => null);
  svc.kill('SIGTERM');
  const stopped = await Promise.race([new Promise((r) => svc.once('exit', (code) => r(code))), sleep(30_000).then(() => 'timeout')]);
  const final = counts(dbPath);
  const v = verdict(samples);
  v.checks.push(['the service ran to the end', !crashed]);
  v.checks.push(['SIGTERM stops it with exit 0', crashed ? exited?.code === 0 : stopped === 0]);
  v.checks.push(['no article stored twice', final.articles === final.distinctUrls]);
  writeFileSync(OUT, JSON.stringify({ minutes: MINUTES, feeds: FEEDS, changeSeconds: CHANGE_S, samples, site: siteStats, final, verdict: v }, null, 2));
  console.log(`\nsite: ${JSON.stringify(siteStats)}`);
  console.log(`final: ${JSON.stringify(final)}`);
  const { checks, ...figures } = v;
  console.log(`figures: ${JSON.stringify(figures)}`);
  for (const [name, ok] of checks) console.log(`${ok ? 'ok  ' : 'FAIL'}  ${name}`);
  console.log(`samples: ${OUT}`);
  if (checks.some(([, ok]) => !ok)) {
    console.log(`\nlast service output:\n${logTail}`);
    process.exitCode = 1;
  }
}

main()
  .catch((err) => {
    console.error(err);
    process.exitCode = 1;
  })
  .finally(cleanup);
