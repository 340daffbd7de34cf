// `newsmon ingest --once` over the loopback corpus: 200 feeds x 20 articles of 50-150 KB
// pages. Each run is its own `node bin/newsmon.js ingest --once --json` process (start-up
// included) on a fresh SQLite file; the site runs in a child process (bench/ingest-fixture.js)
// so serving pages costs the measured process nothing. Reports, median of 3:
//   - first pass: articles stored per second of wall time, and peak RSS of the ingest process
//   - second pass over the same, unchanged feeds (all 304s): wall time
//   - the obvious pipeline (bench/ingest-baseline.js) over a subset of the feeds, and
//     newsmon over the same subset, for the ratio newsmon/baseline
// Targets (issue 3): >= 300 articles/s, peak RSS < 300 MB, second pass < 2 s.
//
// Environment: BENCH_INGEST_RUNS (3), BENCH_INGEST_FEEDS (200), BENCH_INGEST_ARTICLES (20),
// BENCH_INGEST_BASELINE_FEEDS (20; 0 skips the baseline), BENCH_INGEST_PROFILE=1 (one more
// first pass under --cpu-prof, top functions printed), BENCH_INGEST_KEEP=1 (keep the temp dir).
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { formatProfile, summarizeProfile } from './ingest-profile.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..');
const cli = join(root, 'bin', 'newsmon.js');
const envInt = (name, dflt) => (process.env[name] !== undefined && process.env[name] !== '' ? Number(process.env[name]) : dflt);
const RUNS = envInt('BENCH_INGEST_RUNS', 3);
const FEEDS = envInt('BENCH_INGEST_FEEDS', 200);
const ARTICLES = envInt('BENCH_INGEST_ARTICLES', 20);
const BASE_FEEDS = Math.min(FEEDS, envInt('BENCH_INGEST_BASELINE_FEEDS', 20));
const TARGET = { rate: 300, rssMB: 300, secondS: 2 };
const TIME_BIN = '/usr/bin/time';

if (!existsSync(join(root, 'dist', 'src', 'cli', 'main.js'))) {
  console.log('skipped: dist/ is missing; run "npm run build" first (npm run bench does)');
  process.exit(0);
}
const probe = spawnSync(process.execPath, [cli, 'ingest', '--once', '--help'], { cwd: root, encoding: 'utf8' });
if (probe.status !== 0) {
  console.log(`newsmon ingest --once is not runnable: ${(probe.stderr || probe.stdout).trim().split('\n')[0]}`);
  process.exit(1);
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const haveTime = spawnSync(TIME_BIN, ['-v', 'true'], { encoding: 'utf8' }).status === 0;

/**
 * Run one process to completion: wall time from spawn to exit, and its peak RSS, from
 * GNU time's "Maximum resident set size" or else by polling /proc/PID/status VmHWM.
 */
function measure(argv, opts = {}) {
  return new Promise((resolvePromise, reject) => {
    const timeFile = join(work, `time-${Math.random().toString(36).slice(2)}.txt`);
    const [cmd, args] = haveTime ? [TIME_BIN, ['-v', '-o', timeFile, ...argv]] : [argv[0], argv.slice(1)];
    const t0 = process.hrtime.bigint();
    const child = spawn(cmd, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env: opts.env ?? process.env });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
    let hwmKB = 0;
    const poll = haveTime
      ? null
      : setInterval(() => {
          try {
            const m = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
            if (m) hwmKB = Math.max(hwmKB, Number(m[1]));
          } catch {
            // gone already
          }
        }, 20);
    child.on('error', reject);
    child.on('close', (code) => {
      const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
      if (poll) clearInterval(poll);
      let rssKB = hwmKB;
      let cpuS = null;
      if (haveTime && existsSync(timeFile)) {
        const t = readFileSync(timeFile, 'utf8');
        const m = /Maximum resident set size \(kbytes\): (\d+)/.exec(t);
        if (m) rssKB = Number(m[1]);
        const user = /User time \(seconds\): ([\d.]+)/.exec(t);
        const sys = /System time \(seconds\): ([\d.]+)/.exec(t);
        if (user && sys) cpuS = Number(user[1]) + Number(sys[1]);
        rmSync(timeFile, { force: true });
      }
      resolvePromise({ code, wallMs, rssMB: rssKB / 1024, cpuS, stdout, stderr });
    });
  });
}

function lastJson(stdout, what) {
  const line = stdout.trim().split('\n').filter(Boolean).at(-1);
  try {
    return JSON.parse(line ?? '');
  } catch {
    throw new Error(`${what}: no JSON summary on stdout (got ${JSON.stringify((stdout || '').slice(0, 300))})`);
  }
}

function startFixture() {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [join(here, 'ingest-fixture.js'), '--feeds', String(FEEDS), '--articles', String(ARTICLES)], {
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    child.on('error', reject);
    child.on('exit', (code) => reject(new Error(`fixture exited early (${code})`)));
    createInterface({ input: child.stdout }).once('line', (line) => resolvePromise({ child, info: JSON.parse(line) }));
  });
}

const work = mkdtempSync(join(tmpdir(), 'newsmon-ingest-bench-'));
let fixture = null;
let failed = false;

function cleanup() {
  if (fixture) {
    fixture.child.stdin.end();
    fixture.child.kill('SIGTERM');
    fixture = null;
  }
  if (!process.env.BENCH_INGEST_KEEP) rmSync(work, { recursive: true, force: true });
}
process.on('SIGINT', () => {
  cleanup();
  process.exit(130);
});

const loadAtStart = loadavg()[0];
try {
  const t0 = Date.now();
  fixture = await startFixture();
  fixture.child.removeAllListeners('exit');
  const { feedUrls, pages, bytes, prebuildMs } = fixture.info;

  // A config folder of our own: one host serves every feed, so no politeness gap, and
  // enough requests at once to that host; the watch-list and tagger from the repo's config/.
  const configDir = join(work, 'config');
  mkdirSync(configDir);
  writeFileSync(
    join(configDir, 'newsmon.yaml'),
    ['# written by bench/ingest.bench.js', 'http:', '  per_host_min_gap: 0ms', '  per_host_concurrency: 32', '  allow_private_network: true', ''].join('\n'),
  );
  for (const name of ['entities.yaml', 'tagger']) {
    const src = join(root, 'config', name);
    if (existsSync(src)) cpSync(src, join(configDir, name), { recursive: true });
  }
  const entitiesFile = join(configDir, 'entities.yaml');
  // The full passes read the feeds file, as a user's would; the subset passes name their
  // feeds with --feed (DESIGN.md: then no feeds file is read).
  writeFileSync(
    join(configDir, 'feeds.yaml'),
    `# written by bench/ingest.bench.js\nfeeds:\n${feedUrls.map((u, i) => `  - url: ${u}\n    name: corpus ${i}\n`).join('')}`,
  );
  const feedArgs = (urls) => urls.flatMap((u) => ['--feed', u]);
  const env = { ...process.env };
  delete env.NEWSMON_DB;
  delete env.NEWSMON_CONFIG;
  const ingestArgv = (db, urls, extra = [], flags = []) => [
    process.execPath, ...extra, cli, 'ingest', '--once', '--json', '--quiet', '--allow-private-network', '--config', configDir, '--db', db,
    ...(urls === feedUrls ? [] : feedArgs(urls)), ...flags,
  ];

  let dbSeq = 0;
  const freshDb = () => join(work, `run-${++dbSeq}.db`);

  async function ingest(db, urls, what, extra, flags) {
    const r = await measure(ingestArgv(db, urls, extra, flags), { env });
    if (r.code !== 0) throw new Error(`${what}: exit ${r.code}: ${r.stderr.trim().slice(0, 800)}`);
    return { ...r, summary: lastJson(r.stdout, what) };
  }

  function check(summary, expectStored, what) {
    const problems = [];
    if (summary.articlesStored !== expectStored) problems.push(`stored ${summary.articlesStored} of ${expectStored} articles`);
    if (summary.errors > 0) problems.push(`${summary.errors} errors, e.g. ${JSON.stringify(summary.failures?.slice(0, 3))}`);
    if (problems.length > 0) {
      failed = true;
      console.log(`!! ${what}: ${problems.join('; ')}`);
    }
  }

  const first = [];
  const second = [];
  for (let i = 0; i < RUNS; i++) {
    const db = freshDb();
    const a = await ingest(db, feedUrls, `first pass ${i + 1}`);
    check(a.summary, pages, `first pass ${i + 1}`);
    first.push(a);
    // --force: right after the first pass no feed is due; this pass measures the conditional GETs (all 304s).
    const b = await ingest(db, feedUrls, `second pass ${i + 1}`, [], ['--force']);
    if (b.summary.feedsNotModified !== feedUrls.length || b.summary.articlesQueued !== 0) {
      failed = true;
      console.log(`!! second pass ${i + 1}: ${b.summary.feedsNotModified}/${feedUrls.length} feeds unchanged, ${b.summary.articlesQueued} articles queued (expected all 304s, none)`);
    }
    second.push(b);
  }

  const subset = feedUrls.slice(0, BASE_FEEDS);
  const subsetPages = BASE_FEEDS * ARTICLES;
  const ours = [];
  const base = [];
  if (BASE_FEEDS > 0) {
    for (let i = 0; i < RUNS; i++) {
      const a = await ingest(freshDb(), subset, `subset pass ${i + 1}`);
      check(a.summary, subsetPages, `subset pass ${i + 1}`);
      ours.push(a);
      const db = freshDb();
      const r = await measure([process.execPath, join(here, 'ingest-baseline.js'), '--db', db, '--entities', entitiesFile, ...feedArgs(subset)]);
      if (r.code !== 0) throw new Error(`baseline: exit ${r.code}: ${r.stderr.trim().slice(0, 800)}`);
      base.push({ ...r, summary: lastJson(r.stdout, 'baseline') });
    }
  }

  // --- the table ---------------------------------------------------------------------------
  const rate = (r) => r.summary.articlesStored / (r.wallMs / 1000);
  const baseRate = (r) => r.summary.articles / (r.wallMs / 1000);
  const s = (ms) => (ms / 1000).toFixed(2);
  const row = (label, runs, rateOf) => {
    const rates = rateOf ? runs.map(rateOf) : null;
    return [
      label.padEnd(30),
      (rates ? median(rates).toFixed(0) : '-').padStart(10),
      s(median(runs.map((r) => r.wallMs))).padStart(8),
      median(runs.map((r) => r.rssMB)).toFixed(0).padStart(8),
      (runs.every((r) => r.cpuS !== null) ? median(runs.map((r) => r.cpuS)).toFixed(2) : '-').padStart(8),
      `  ${runs.map((r) => s(r.wallMs)).join(' / ')}`,
    ].join('');
  };
  console.log(
    `ingest --once: ${FEEDS} feeds x ${ARTICLES} articles = ${pages} pages (${(bytes / 1e6).toFixed(0)} MB HTML; site in a child process, pages prebuilt in ${s(prebuildMs)} s), ` +
      `one process per run, start-up included, median of ${RUNS}; peak RSS ${haveTime ? 'by /usr/bin/time -v' : 'by /proc VmHWM'}`,
  );
  console.log(`${'run'.padEnd(30)}${'art/s'.padStart(10)}${'wall s'.padStart(8)}${'RSS MB'.padStart(8)}${'CPU s'.padStart(8)}  wall of each run (s)`);
  console.log(row(`newsmon first pass (${pages})`, first, rate));
  console.log(row('newsmon second pass (all 304)', second, null));
  const firstRate = median(first.map(rate));
  const firstRss = median(first.map((r) => r.rssMB));
  const secondS = median(second.map((r) => r.wallMs)) / 1000;
  if (BASE_FEEDS > 0) {
    console.log(row(`newsmon ${BASE_FEEDS}-feed subset (${subsetPages})`, ours, rate));
    console.log(row(`baseline ${BASE_FEEDS}-feed subset (${subsetPages})`, base, baseRate));
    const oursRate = median(ours.map(rate));
    const bRate = median(base.map(baseRate));
    const cpuRatio = [...ours, ...base].every((r) => r.cpuS)
      ? `, ${(median(ours.map((r) => r.summary.articlesStored / r.cpuS)) / median(base.map((r) => r.summary.articles / r.cpuS))).toFixed(1)}x by CPU time`
      : '';
    console.log(
      BASE_FEEDS < FEEDS
        ? `newsmon/baseline: ${(firstRate / bRate).toFixed(1)}x (newsmon's ${pages}-article pass vs the baseline's rate on ${subsetPages}: it is slow, so it runs a subset);` +
            ` on the same ${subsetPages} articles ${(oursRate / bRate).toFixed(1)}x${cpuRatio} (start-up and JIT warm-up weigh on newsmon's short run)`
        : `newsmon/baseline: ${(oursRate / bRate).toFixed(1)}x on the same ${subsetPages} articles${cpuRatio}`,
    );
    const sb = base.at(-1).summary;
    const so = ours.at(-1).summary;
    console.log(`  found on the subset: newsmon ${so.events} events; baseline ${sb.events} events, ${sb.mentions} mentions (whole-page text, chrome included)`);
  }
  const inProc = median(first.map((r) => r.summary.articlesStored / (r.summary.elapsedMs / 1000)));
  const perCpu = first.every((r) => r.cpuS) ? `; ${median(first.map((r) => r.summary.articlesStored / r.cpuS)).toFixed(0)} articles per CPU-second` : '';
  console.log(`  first pass in-process (summary elapsedMs, no start-up): ${inProc.toFixed(0)} articles/s${perCpu}; events ${first.at(-1).summary.events}`);
  const verdict = (ok) => (ok ? 'ok' : 'MISSED');
  console.log(
    `targets: >= ${TARGET.rate} articles/s: ${firstRate.toFixed(0)} ${verdict(firstRate >= TARGET.rate)};  ` +
      `peak RSS < ${TARGET.rssMB} MB: ${firstRss.toFixed(0)} ${verdict(firstRss < TARGET.rssMB)};  ` +
      `second pass < ${TARGET.secondS} s: ${secondS.toFixed(2)} ${verdict(secondS < TARGET.secondS)}`,
  );

  if (process.env.BENCH_INGEST_PROFILE) {
    const profDir = join(work, 'prof');
    const r = await ingest(freshDb(), feedUrls, 'profiled pass', ['--cpu-prof', '--cpu-prof-dir', profDir]);
    const prof = readdirSync(profDir).find((f) => f.endsWith('.cpuprofile'));
    console.log(`profiled first pass: ${s(r.wallMs)} s (${rate(r).toFixed(0)} articles/s under the profiler)`);
    if (prof) for (const line of formatProfile(summarizeProfile(join(profDir, prof), 20))) console.log(line);
  }
  const busy = loadavg()[0] > availableParallelism();
  console.log(
    `bench time ${((Date.now() - t0) / 1000).toFixed(0)} s; load average ${loadAtStart.toFixed(1)} at start, ${loadavg()[0].toFixed(1)} at end, ${availableParallelism()} CPUs` +
      `${busy || loadAtStart > availableParallelism() ? ' (busy machine: wall times are inflated; CPU s is the steadier figure)' : ''}` +
      `${process.env.BENCH_INGEST_KEEP ? `; kept ${work}` : ''}`,
  );
} catch (err) {
  failed = true;
  console.log(`!! ${err instanceof Error ? err.message : String(err)}`);
} finally {
  cleanup();
}
process.exitCode = failed ? 1 : 0;
