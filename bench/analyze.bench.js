// Text analysis: start-up (import + loadAnalyzer, each in a fresh process, as `newsmon
// extract` pays it), then per-article cost of analyze() and its stages on a ~5 KB mixed
// English/Chinese article, beside the obvious alias matching (one regex per alias per
// sentence). Medians of 5; CPU time (user + system) is given beside wall time, since wall
// time moves with whatever else the machine runs. Needs `npm run build` (imports dist/).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist', 'src', 'analyze');
const configDir = join(root, 'config');
const RUNS = 5;

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

if (process.argv[2] === '--startup') {
  const w0 = performance.now();
  const c0 = cpuMs();
  const { loadAnalyzer } = await import(join(root, 'dist', 'src', 'ingest', 'load-analyzer.js'));
  const w1 = performance.now();
  const c1 = cpuMs();
  loadAnalyzer(configDir);
  process.stdout.write(JSON.stringify({ importWall: w1 - w0, importCpu: c1 - c0, loadWall: performance.now() - w1, loadCpu: cpuMs() - c1 }));
  process.exit(0);
}

const startups = Array.from({ length: RUNS }, () => {
  const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--startup'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout);
});
const pick = (k) => median(startups.map((s) => s[k])).toFixed(1);
console.log(`start-up: import ${pick('importWall')} ms wall / ${pick('importCpu')} ms CPU; loadAnalyzer ${pick('loadWall')} ms wall / ${pick('loadCpu')} ms CPU (median of ${RUNS} fresh processes)`);

const { loadAnalyzer } = await import(join(root, 'dist', 'src', 'ingest', 'load-analyzer.js'));
const { splitSentences } = await import(join(dist, 'sentences.js'));
const { findPowerFigures } = await import(join(dist, 'power-figures.js'));
const { compileWatchlist } = await import(join(dist, 'watchlist.js'));
const { readEntitiesFile } = await import(join(root, 'dist', 'src', 'config', 'entities.js'));

const seedFile = join(root, '..', 'shared', 'seed', 'aicnbc-16727-china-ai-chips.txt');
const seed = existsSync(seedFile)
  ? readFileSync(seedFile, 'utf8')
  : 'Huawei and Nvidia compete. Moore Threads, MetaX, Biren and Enflame filed for IPOs.\nThe H100 draws 700 W, and China added 277 GW of capacity.';
const zh = '华为发布昇腾910C芯片，单卡功耗约350瓦。寒武纪上半年营收28.81亿元。全国发电装机容量达到36.5亿千瓦，数据中心年用电量约1500亿千瓦时。摩尔线程和沐曦已登陆科创板，英伟达H20出口受限。\n';
let article = `${seed}\n${zh}`;
while (article.length < 5000) article += zh;
const kb = (article.length / 1024).toFixed(1);

const analyzer = loadAnalyzer(configDir);
const specs = readEntitiesFile(join(configDir, 'entities.yaml'));
const watchlist = compileWatchlist(specs);
const sentences = splitSentences(article);
const whole = () => [0, article.length];

// The obvious way: one case-insensitive regex per alias, run over every sentence.
const naive = specs.flatMap((s) => s.aliases.map((a) => ({ id: s.id, re: new RegExp(a.text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), a.case === 'sensitive' ? 'gu' : 'giu') })));
const naiveFind = () => {
  let n = 0;
  for (const s of sentences) for (const { re } of naive) {
    re.lastIndex = 0;
    while (re.exec(s.text) !== null) n++;
  }
  return n;
};

function time(label, fn, iterations) {
  for (let i = 0; i < Math.min(50, iterations); i++) fn();
  const walls = [];
  const cpus = [];
  for (let r = 0; r < RUNS; r++) {
    const w = performance.now();
    const c = cpuMs();
    for (let i = 0; i < iterations; i++) fn();
    walls.push(((performance.now() - w) * 1000) / iterations);
    cpus.push(((cpuMs() - c) * 1000) / iterations);
  }
  console.log(`${label.padEnd(44)} ${median(walls).toFixed(1).padStart(8)} µs wall ${median(cpus).toFixed(1).padStart(8)} µs CPU`);
  return median(walls);
}

console.log(`seed article (${(seed.length / 1024).toFixed(1)} KB, ${splitSentences(seed).length} sentences, ${analyzer.analyze(seed).events.length} events):`);
const seedFull = time('analyze() whole', () => analyzer.analyze(seed), 300);
console.log(`dense mixed article (${kb} KB, ${sentences.length} sentences, ${analyzer.analyze(article).events.length} events; tagging costs ~35 µs per event):`);
const full = time('analyze() whole', () => analyzer.analyze(article), 300);
time('  splitSentences', () => splitSentences(article), 300);
const compiled = time('  watch-list: one compiled alternation', () => watchlist.find(article, whole), 1000);
time('  power figures', () => findPowerFigures(article), 1000);
const obvious = time('  baseline: one regex per alias per sentence', naiveFind, 100);
console.log(`watch-list matching: ${(obvious / compiled).toFixed(1)}x the baseline's speed; analyze(): ${(1e6 / seedFull).toFixed(0)} seed-like and ${(1e6 / full).toFixed(0)} dense articles/s on one core`);
