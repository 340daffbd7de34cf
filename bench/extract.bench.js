// `newsmon extract` over the Article Extraction Benchmark's 181 pages, in one process with
// start-up included, against readability-lxml (Debian's python3-readability, run by
// bench/readability-extract.py), the obvious baseline (bench/baseline-extract.js) and, when
// NEWSMON_BASE names another built checkout (e.g. the untouched baseline), that checkout's
// `newsmon extract`. The series are interleaved run by run, so load on a shared machine
// falls on all alike; medians of RUNS. Then the quality of our main text on the same pages,
// with the benchmark's scorer, and the main-text stage's own cost per page. Skips when
// ../shared is absent.
import { existsSync, readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { evaluate, bodies } from './aeb-score.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const aeb = resolve(root, '..', 'shared', 'conformance', 'articles', 'aeb');
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const PYTHON = '/usr/bin/python3';

if (!existsSync(join(aeb, 'ground-truth.json'))) {
  console.log(`skipped: ${aeb} is absent`);
  process.exit(0);
}
if (!existsSync(join(root, 'dist', 'src', 'cli', 'main.js'))) {
  console.log('dist/ is missing: run "npm run build" first (npm run bench does)');
  process.exit(1);
}

const truth = bodies(JSON.parse(readFileSync(join(aeb, 'ground-truth.json'), 'utf8')));
const ids = Object.keys(truth).sort();
const files = ids.map((id) => join(aeb, 'html', `${id}.html.gz`));

// A run is `node bench/cpu-wrap.js SCRIPT ARGS` (the same as `node SCRIPT ARGS` plus a
// CPU-time report on stderr), or any command whose CPU time is taken from the OS (python).
function timeRun({ cmd, args, cwd }) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { cwd, maxBuffer: 1 << 30, encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) throw new Error(`${cmd} ${args.slice(0, 2).join(' ')} exited ${r.status}: ${r.stderr.slice(0, 500)}`);
  const cpu = Number(/cpu-ms ([\d.]+)/.exec(r.stderr)?.[1] ?? NaN);
  return { ms, cpu, stdout: r.stdout };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const node = (script, args, cwd = root) => ({ cmd: process.execPath, args: [join(root, 'bench', 'cpu-wrap.js'), script, ...args], cwd });

const series = [
  { label: 'newsmon extract', run: node('bin/newsmon.js', ['extract', ...files]) },
  { label: 'readability-lxml (python3)', run: { cmd: PYTHON, args: [join(root, 'bench', 'readability-extract.py'), ...files], cwd: root } },
  { label: 'baseline (cheerio + regex/alias)', run: node(join('bench', 'baseline-extract.js'), files) },
];
// BENCH_THREADS=N adds `newsmon extract --threads N` (the default picks threads by the machine's load).
if (process.env.BENCH_THREADS) series.push({ label: `newsmon extract --threads ${process.env.BENCH_THREADS}`, run: node('bin/newsmon.js', ['extract', '--threads', process.env.BENCH_THREADS, ...files]) });
const base = process.env.NEWSMON_BASE;
if (base) series.push({ label: `newsmon extract at ${base}`, run: node(join(base, 'bin', 'newsmon.js'), ['extract', ...files], base) });
if (spawnSync(PYTHON, ['-c', 'import readability']).status !== 0) {
  console.log('readability-lxml is not installed (apt-get install python3-readability): its series is skipped');
  series.splice(1, 1);
}

console.log(`${files.length} pages (${(files.reduce((n, f) => n + gunzipSync(readFileSync(f)).length, 0) / 1e6).toFixed(1)} MB), one process each run, start-up included, ${RUNS} interleaved runs`);
for (const s of series) Object.assign(s, { times: [], cpus: [], stdout: '' });
for (let i = 0; i < RUNS; i++) {
  for (const s of series) {
    const r = timeRun(s.run);
    s.times.push(r.ms);
    s.cpus.push(r.cpu);
    s.stdout = r.stdout;
  }
}
const rate = (t) => files.length / (t / 1000);
for (const s of series) {
  s.ms = median(s.times);
  const cpu = median(s.cpus);
  const cpuNote = Number.isNaN(cpu) ? '' : `; CPU median ${(cpu / 1000).toFixed(2)} s`;
  console.log(`${s.label.padEnd(40)} wall median ${(s.ms / 1000).toFixed(2)} s = ${rate(s.ms).toFixed(1)} pages/s${cpuNote}`);
  console.log(`${''.padEnd(40)} (wall runs: ${s.times.map((t) => (t / 1000).toFixed(2)).join(', ')} s)`);
}
const ours = series[0];
for (const s of series.slice(1)) console.log(`newsmon extract vs ${s.label}: ${(s.ms / ours.ms).toFixed(2)}x its pages/s`);
const ratios = series[1]?.label.startsWith('readability') ? series[0].times.map((t, i) => series[1].times[i] / t) : [];
if (ratios.length > 0) console.log(`  per-run ratios vs readability-lxml: ${ratios.map((r) => r.toFixed(2)).join(', ')} (median ${median(ratios).toFixed(2)}x; target >= 3x)`);
const load = (await import('node:os')).loadavg()[0];
if (load > 1.5) console.log(`note: load average ${load.toFixed(1)} during the bench: wall times include waiting for the CPU`);

const lines = ours.stdout.trim().split('\n');
const predictions = {};
ids.forEach((id, i) => {
  const row = JSON.parse(lines[i] ?? '{}');
  predictions[id] = typeof row.text === 'string' ? row.text : '';
});
const fmt = (r) => `F1 ${r.f1.toFixed(4)}  P ${r.precision.toFixed(4)}  R ${r.recall.toFixed(4)}  accuracy ${r.accuracy.toFixed(4)}`;
console.log(`AEB main text, all ${ids.length}:      ${fmt(evaluate(truth, predictions))}`);
console.log(`  tuning half (even index):  ${fmt(evaluate(truth, predictions, ids.filter((_, i) => i % 2 === 0)))}`);
console.log(`  held-out half (odd index): ${fmt(evaluate(truth, predictions, ids.filter((_, i) => i % 2 === 1)))}`);
console.log('  published: readability.js 0.947, trafilatura 0.958, best 0.970');

// The main-text stage alone, in this process, pages already decompressed.
const { extractMainContent } = await import(join(root, 'dist', 'src', 'extract', 'main-content.js'));
const pages = files.map((f) => gunzipSync(readFileSync(f)).toString('utf8'));
for (const p of pages) extractMainContent(p);
const stage = [];
const stageCpu = [];
for (let r = 0; r < RUNS; r++) {
  const t0 = process.hrtime.bigint();
  const c0 = process.cpuUsage();
  for (const p of pages) extractMainContent(p);
  const c = process.cpuUsage(c0);
  stage.push(Number(process.hrtime.bigint() - t0) / 1e6 / pages.length);
  stageCpu.push((c.user + c.system) / 1000 / pages.length);
}
console.log(`main-text stage (parse + extract + metadata), warm: median ${median(stage).toFixed(2)} ms/page wall, ${median(stageCpu).toFixed(2)} ms/page CPU`);
