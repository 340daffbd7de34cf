// The BullMQ service end to end: articles per second through Redis (poll → extract →
// store queues) beside `newsmon ingest --once` on the same loopback corpus, and the
// service's RSS over a 10,000-article run.
//
//   1. ingest --once over F feeds x 20 articles (a fresh DB; start-up included)
//   2. `newsmon run` (all roles, one process) over the same feeds: spawn → every article stored
//   3. the same with a second process running `--roles extract`
//   4. soak: `newsmon run` over SOAK articles; RSS sampled as they are stored
// Targets (issue 4): one-process service >= 70% of ingest --once; RSS < 250 MB and not growing.
//
// The site runs in a child process (bench/ingest-fixture.js, pages prebuilt). Redis: the
// one at REDIS_URL (default 127.0.0.1:6379) under a fresh key prefix, else a private
// redis-server on a free port. Needs dist/ (npm run bench builds it).
// Environment: BENCH_SERVICE_FEEDS (100), BENCH_SERVICE_RUNS (3), BENCH_SERVICE_SOAK (10000; 0 skips),
// BENCH_SERVICE_THREADS (reader threads for both, default one per core).
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..');
const cli = join(root, 'bin', 'newsmon.js');
const envInt = (name, dflt) => (process.env[name] !== undefined && process.env[name] !== '' ? Number(process.env[name]) : dflt);
const FEEDS = envInt('BENCH_SERVICE_FEEDS', 100);
const RUNS = envInt('BENCH_SERVICE_RUNS', 3);
const SOAK = envInt('BENCH_SERVICE_SOAK', 10_000);
const PER_FEED = 20;
const SOAK_FEEDS = Math.ceil(SOAK / PER_FEED);
// Reader threads (--threads) for both: unset = each one's default (ingest --once: one per core; the service: none).
const THREADS = process.env.BENCH_SERVICE_THREADS;
const THREAD_ARGS = THREADS ? ['--threads', THREADS] : [];
const TARGET = { ratio: 0.7, rssMB: 250 };

if (!existsSync(join(root, 'dist', 'src', 'service', 'service.js'))) {
  console.log('skipped: dist/ is missing; run "npm run build" first (npm run bench does)');
  process.exit(0);
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const work = mkdtempSync(join(tmpdir(), 'newsmon-service-bench-'));
const children = new Set();
let failed = false;

function track(child) {
  children.add(child);
  child.on('exit', () => children.delete(child));
  return child;
}

function cleanup() {
  for (const c of children) c.kill('SIGKILL');
  rmSync(work, { recursive: true, force: true });
}
process.on('SIGINT', () => {
  cleanup();
  process.exit(130);
});

function redisAnswers(port) {
  return new Promise((done) => {
    const s = connect({ host: '127.0.0.1', port });
    const end = (ok) => {
      s.destroy();
      done(ok);
    };
    s.setTimeout(1000, () => end(false));
    s.on('error', () => end(false));
    s.on('connect', () => s.write('PING\r\n'));
    s.on('data', (d) => end(d.toString().startsWith('+PONG')));
  });
}

function freePort() {
  return new Promise((r) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => r(port));
    });
  });
}

async function redisUrl() {
  const url = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const u = new URL(url);
  if (await redisAnswers(Number(u.port || 6379))) return url;
  if (spawnSync('redis-server', ['--version']).status !== 0) throw new Error(`no Redis at ${url} and no redis-server to start`);
  const port = await freePort();
  track(spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' }));
  for (let i = 0; i < 50 && !(await redisAnswers(port)); i++) await sleep(100);
  return `redis://127.0.0.1:${port}`;
}

function redisCli(url, args) {
  const u = new URL(url);
  return spawnSync('redis-cli', ['-h', u.hostname, '-p', u.port || '6379', ...args], { encoding: 'utf8' });
}

function dropPrefix(url, prefix) {
  // EVAL of a SCAN+DEL loop keeps this to one client call.
  redisCli(url, ['EVAL', "local c='0' repeat local r=redis.call('SCAN',c,'MATCH',ARGV[1],'COUNT',1000) c=r[1] for _,k in ipairs(r[2]) do redis.call('DEL',k) end until c=='0'", '0', `${prefix}:*`]);
}

function startFixture(feeds) {
  return new Promise((res, rej) => {
    const child = track(spawn(process.execPath, [join(here, 'ingest-fixture.js'), '--feeds', String(feeds), '--articles', String(PER_FEED)], { stdio: ['pipe', 'pipe', 'inherit'] }));
    child.on('exit', (code) => rej(new Error(`fixture exited early (${code})`)));
    createInterface({ input: child.stdout }).once('line', (line) => res({ child, info: JSON.parse(line) }));
  });
}

function configFor(name, feedUrls, extraYaml = '') {
  const dir = join(work, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'newsmon.yaml'),
    [
      '# written by bench/service.bench.js: one host serves every feed, so no politeness gap',
      'http:', '  per_host_min_gap: 0ms', '  per_host_concurrency: 32', '  allow_private_network: true',
      // Every feed due at boot is polled at once, as ingest --once does (the default spreads them over 30 s).
      'poll:', '  jitter: 0s',
      // As many pages in flight as ingest --once's pool (16).
      // Store jobs in flight are written in one commit, as ingest --once batches its saves.
      'concurrency:', '  poll: 8', '  extract: 16', '  store: 16',
      'api:', '  port: 0',
      'log:', '  level: warn',
      extraYaml,
    ].join('\n'),
  );
  for (const f of ['entities.yaml', 'tagger']) cpSync(join(root, 'config', f), join(dir, f), { recursive: true });
  writeFileSync(join(dir, 'feeds.yaml'), `feeds:\n${feedUrls.map((u, i) => `  - url: ${u}\n    id: corpus-${i}\n    interval: 1h\n`).join('')}`);
  return dir;
}

function countArticles(db) {
  if (!existsSync(db)) return 0;
  try {
    const d = new Database(db, { readonly: true, fileMustExist: true });
    try {
      return d.prepare('SELECT count(*) AS n FROM articles').get().n;
    } finally {
      d.close();
    }
  } catch {
    return 0;
  }
}

function rssMB(pid) {
  try {
    const m = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : null;
  } catch {
    return null;
  }
}

function cpuSeconds(pid) {
  try {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(f[11]) + Number(f[12])) / 100;
  } catch {
    return null;
  }
}

const cleanEnv = () => {
  const env = { ...process.env };
  for (const k of ['NEWSMON_DB', 'NEWSMON_CONFIG', 'REDIS_URL', 'SMTP_URL']) delete env[k];
  return env;
};

const haveTime = spawnSync('/usr/bin/time', ['-f', '%U', 'true'], { encoding: 'utf8' }).status === 0;

async function ingestOnce(configDir, db) {
  const argv = [process.execPath, cli, 'ingest', '--once', '--json', '--quiet', '--config', configDir, '--db', db, ...THREAD_ARGS];
  const timeFile = join(work, 'time.txt');
  const [cmd, args] = haveTime ? ['/usr/bin/time', ['-f', '%U %S %M', '-o', timeFile, ...argv]] : [argv[0], argv.slice(1)];
  const t0 = performance.now();
  const r = spawnSync(cmd, args, { cwd: root, encoding: 'utf8', env: cleanEnv(), maxBuffer: 64 << 20 });
  const wallMs = performance.now() - t0;
  if (r.status !== 0) throw new Error(`ingest --once: exit ${r.status}: ${r.stderr.slice(0, 500)}`);
  const summary = JSON.parse(r.stdout.trim().split('\n').at(-1));
  let cpu = null;
  let rss = null;
  if (haveTime && existsSync(timeFile)) {
    const [u, sys, maxKB] = readFileSync(timeFile, 'utf8').trim().split('\n').at(-1).split(' ').map(Number);
    cpu = u + sys;
    rss = maxKB / 1024;
  }
  return { wallMs, cpu, rss, stopMs: null, stored: summary.articlesStored, errors: summary.errors };
}

function spawnRun(configDir, db, url, prefix, roles) {
  const child = track(
    spawn(process.execPath, [cli, 'run', '--config', configDir, '--db', db, '--redis', url, '--queue-prefix', prefix, ...(roles ? ['--roles', roles] : []), ...THREAD_ARGS], {
      cwd: root,
      env: cleanEnv(),
      stdio: ['ignore', 'ignore', 'pipe'],
    }),
  );
  let err = '';
  child.stderr.on('data', (d) => (err += d));
  child.exited = new Promise((r) => child.on('exit', (code) => r(code)));
  child.errText = () => err;
  return child;
}

/** Spawn → `expected` articles stored; optional extra extract processes; then SIGTERM and the stop time. */
async function serviceRun({ configDir, url, expected, extraExtract = 0, onSample }) {
  const db = join(work, `svc-${Math.random().toString(36).slice(2)}.db`);
  const prefix = `bench${Math.random().toString(36).slice(2, 8)}`;
  const t0 = performance.now();
  const main = spawnRun(configDir, db, url, prefix);
  const extras = Array.from({ length: extraExtract }, () => spawnRun(configDir, db, url, prefix, 'extract'));
  let n = 0;
  let lastSample = 0;
  const deadline = Date.now() + 15 * 60_000;
  while (n < expected) {
    if (main.exitCode !== null) throw new Error(`newsmon run exited (${main.exitCode}): ${main.errText().slice(0, 500)}`);
    if (Date.now() > deadline) throw new Error(`only ${n}/${expected} stored after 15 minutes`);
    await sleep(50);
    n = countArticles(db);
    if (onSample && performance.now() - lastSample > 500) {
      lastSample = performance.now();
      onSample(n, main.pid);
    }
  }
  const wallMs = performance.now() - t0;
  const cpu = cpuSeconds(main.pid);
  const rss = rssMB(main.pid);
  const s0 = performance.now();
  for (const c of [...extras, main]) c.kill('SIGTERM');
  const codes = await Promise.all([...extras, main].map((c) => c.exited));
  const stopMs = performance.now() - s0;
  if (codes.some((c) => c !== 0)) {
    failed = true;
    console.log(`!! a service process exited with ${codes.join(',')} on SIGTERM`);
  }
  await sleep(200);
  const final = countArticles(db);
  if (final !== expected) {
    failed = true;
    console.log(`!! stored ${final} articles, expected ${expected}`);
  }
  dropPrefix(url, prefix);
  return { wallMs, cpu, rss, stopMs };
}

try {
  const load0 = loadavg()[0];
  const url = await redisUrl();
  const feedsNeeded = Math.max(FEEDS, SOAK_FEEDS);
  const fixture = await startFixture(feedsNeeded);
  fixture.child.removeAllListeners('exit');
  const { feedUrls, prebuildMs } = fixture.info;
  const subset = feedUrls.slice(0, FEEDS);
  const configDir = configFor('cfg', subset);

  const ingest = [];
  const one = [];
  const two = [];
  for (let i = 0; i < RUNS; i++) {
    const r = await ingestOnce(configDir, join(work, `ingest-${i}.db`));
    if (r.errors) {
      failed = true;
      console.log(`!! ingest --once: ${r.errors} errors`);
    }
    ingest.push(r);
    one.push(await serviceRun({ configDir, url, expected: r.stored }));
    two.push(await serviceRun({ configDir, url, expected: r.stored, extraExtract: 1 }));
  }
  const expected = ingest[0].stored;
  const rate = (r) => expected / (r.wallMs / 1000);
  const s = (ms) => (ms / 1000).toFixed(2);
  console.log(
    `service vs ingest --once: ${FEEDS} feeds x ${PER_FEED} = ${expected} articles (site in a child process, pages prebuilt in ${s(prebuildMs)} s), ` +
      `spawn → last article stored, start-up included, median of ${RUNS}; Redis ${url.replace(/\/\/.*@/, '//***@')}`,
  );
  console.log(`${'run'.padEnd(38)}${'art/s'.padStart(8)}${'wall s'.padStart(8)}${'CPU s'.padStart(8)}${'RSS MB'.padStart(8)}${'stop s'.padStart(8)}  each run (s)`);
  const row = (label, runs) =>
    console.log(
      [
        label.padEnd(38),
        median(runs.map(rate)).toFixed(0).padStart(8),
        s(median(runs.map((r) => r.wallMs))).padStart(8),
        (runs.every((r) => r.cpu != null) ? median(runs.map((r) => r.cpu)).toFixed(2) : '-').padStart(8),
        (runs.every((r) => r.rss != null) ? median(runs.map((r) => r.rss)).toFixed(0) : '-').padStart(8),
        (runs.every((r) => r.stopMs != null) ? s(median(runs.map((r) => r.stopMs))) : '-').padStart(8),
        `  ${runs.map((r) => s(r.wallMs)).join(' / ')}`,
      ].join(''),
    );
  row('ingest --once (in-process, no Redis)', ingest);
  row('newsmon run, all roles, 1 process', one);
  row('newsmon run + 1 extract process', two);
  const ratio = median(one.map(rate)) / median(ingest.map(rate));
  const ratio2 = median(two.map(rate)) / median(ingest.map(rate));
  console.log(`  one-process service / ingest --once: ${(ratio * 100).toFixed(0)}%; with a second extract process: ${(ratio2 * 100).toFixed(0)}% (2 cores here, shared with Redis and the site)`);

  let soakLine = 'soak skipped (BENCH_SERVICE_SOAK=0)';
  let rssOk = true;
  if (SOAK > 0) {
    const soakDir = configFor('soak', feedUrls.slice(0, SOAK_FEEDS));
    const marks = [0.25, 0.5, 0.75, 1].map((f) => Math.round(f * SOAK_FEEDS * PER_FEED));
    const at = new Map();
    let peak = 0;
    const r = await serviceRun({
      configDir: soakDir,
      url,
      expected: SOAK_FEEDS * PER_FEED,
      onSample: (n, pid) => {
        const mb = rssMB(pid);
        if (mb === null) return;
        peak = Math.max(peak, mb);
        for (const m of marks) if (n >= m && !at.has(m)) at.set(m, mb);
      },
    });
    const series = marks.map((m) => `${m}: ${(at.get(m) ?? r.rss ?? 0).toFixed(0)}`).join(', ');
    const half = at.get(marks[1]) ?? 0;
    const end = r.rss ?? at.get(marks[3]) ?? 0;
    const growing = half > 0 && end > half * 1.15;
    rssOk = end < TARGET.rssMB && peak < TARGET.rssMB && !growing;
    soakLine = `soak: ${SOAK_FEEDS * PER_FEED} articles in ${s(r.wallMs)} s (${((SOAK_FEEDS * PER_FEED) / (r.wallMs / 1000)).toFixed(0)}/s); RSS MB at stored count ${series}; peak ${peak.toFixed(0)}; ${growing ? 'GROWING' : 'flat after warm-up'}`;
  }
  console.log(soakLine);
  const verdict = (ok) => (ok ? 'ok' : 'MISSED');
  console.log(`targets: one-process >= ${TARGET.ratio * 100}% of ingest --once: ${(ratio * 100).toFixed(0)}% ${verdict(ratio >= TARGET.ratio)};  RSS < ${TARGET.rssMB} MB and not growing: ${verdict(rssOk)}`);
  const load1 = loadavg()[0];
  if (Math.max(load0, load1) > 1.5) console.log(`note: load average ${load0.toFixed(1)} → ${load1.toFixed(1)} on 2 cores: other work shared the machine; rates are lower bounds`);
} catch (err) {
  failed = true;
  console.log(`!! ${err instanceof Error ? err.message : String(err)}`);
} finally {
  cleanup();
}
process.exitCode = failed ? 1 : 0;
