// `newsmon extract` over the Article Extraction Benchmark's 181 pages, in one process with
// start-up included, against the obvious baseline (bench/baseline-extract.js); both median
// of 5. Then the quality of our main text on the same pages, with the benchmark's scorer,
// and the main-text stage's own cost per page. Skips when ../shared is absent.
import { existsSync, readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { evaluate, bodies } from './aeb-score.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const aeb = resolve(root, '..', 'shared', 'conformance', 'articles', 'aeb');
const RUNS = 5;

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

// Each run is `node bench/cpu-wrap.js SCRIPT ARGS`, the same as `node SCRIPT ARGS` plus a
// CPU-time report on stderr.
function timeRun(args) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [join('bench', 'cpu-wrap.js'), ...args], { cwd: root, maxBuffer: 1 << 30, encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) throw new Error(`${args.slice(0, 2).join(' ')} exited ${r.status}: ${r.stderr.slice(0, 500)}`);
  const cpu = Number(/cpu-ms ([\d.]+)/.exec(r.stderr)?.[1] ?? NaN);
  return { ms, cpu, stdout: r.stdout };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function series(label, args) {
  const times = [];
  const cpus = [];
  let stdout = '';
  for (let i = 0; i < RUNS; i++) {
    const r = timeRun(args);
    times.push(r.ms);
    cpus.push(r.cpu);
    stdout = r.stdout;
  }
  const ms = median(times);
  const cpu = median(cpus);
  const rate = (t) => (files.length / (t / 1000)).toFixed(1);
  console.log(`${label.padEnd(34)} wall median ${(ms / 1000).toFixed(2)} s = ${rate(ms)} pages/s; CPU median ${(cpu / 1000).toFixed(2)} s = ${rate(cpu)} pages/s per CPU-second`);
  console.log(`${''.padEnd(34)} (wall runs: ${times.map((t) => (t / 1000).toFixed(2)).join(', ')} s)`);
  return { ms, cpu, stdout };
}

console.log(`${files.length} pages (${(files.reduce((n, f) => n + gunzipSync(readFileSync(f)).length, 0) / 1e6).toFixed(1)} MB), one process each run, start-up included`);
const ours = series('newsmon extract', ['bin/newsmon.js', 'extract', ...files]);
const base = series('baseline (cheerio + regex/alias)', [join('bench', 'baseline-extract.js'), ...files]);
console.log(`speed-up over baseline: ${(base.ms / ours.ms).toFixed(2)}x wall, ${(base.cpu / ours.cpu).toFixed(2)}x CPU;  target >= 165 pages/s (3x readability-lxml's 55)`);
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
