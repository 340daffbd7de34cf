// Event tagger: per-sentence cost of tag() (features + scoring; the sentence's power figures
// are found beforehand, as the analyzer does) over the real labelled sentences, and the
// model's load time, beside the baseline checkout's tagger in the same run when one is at
// ../wt-base (or NEWSMON_BASELINE). Medians of 5; CPU time beside wall time. Needs
// `npm run build` (imports dist/).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const baseRoot = process.env.NEWSMON_BASELINE ?? join(root, '..', 'wt-base');
const RUNS = 5;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

const sentences = ['train.jsonl', 'heldout.jsonl'].flatMap((f) =>
  readFileSync(join(root, 'tests', 'fixtures', 'analyze', 'real-tags', f), 'utf8').trim().split('\n').map((l) => JSON.parse(l).text),
);

async function measure(label, checkout) {
  const dist = join(checkout, 'dist', 'src', 'analyze');
  // loadTagger moved to src/ingest/load-analyzer.ts (issue 7); the baseline has it in analyze/.
  const loader = join(checkout, 'dist', 'src', 'ingest', 'load-analyzer.js');
  const { loadTagger } = await import(existsSync(loader) ? loader : join(dist, 'analyzer.js'));
  const { findPowerFigures } = await import(join(dist, 'power-figures.js'));
  const t0 = performance.now();
  const tagger = loadTagger(join(checkout, 'config', 'tagger', 'training.tsv'));
  const load = performance.now() - t0;
  const cases = sentences.map((s) => [s, findPowerFigures(s)]);
  for (let i = 0; i < 3; i++) for (const [s, f] of cases) tagger.tag(s, f);
  const walls = [];
  const cpus = [];
  for (let r = 0; r < RUNS; r++) {
    const w = performance.now();
    const c = cpuMs();
    for (let i = 0; i < 5; i++) for (const [s, f] of cases) tagger.tag(s, f);
    walls.push(((performance.now() - w) * 1000) / (5 * cases.length));
    cpus.push(((cpuMs() - c) * 1000) / (5 * cases.length));
  }
  console.log(`${label.padEnd(10)} tag(): ${median(walls).toFixed(1).padStart(6)} µs wall ${median(cpus).toFixed(1).padStart(6)} µs CPU per sentence; load ${load.toFixed(0)} ms (${sentences.length} sentences)`);
  return { wall: median(walls), cpu: median(cpus) };
}

const mine = await measure('this', root);
if (existsSync(join(baseRoot, 'dist', 'src', 'analyze', 'analyzer.js'))) {
  const base = await measure('baseline', baseRoot);
  console.log(`per-sentence cost: ${(mine.cpu / base.cpu).toFixed(2)}x the baseline's CPU time (${(mine.wall / base.wall).toFixed(2)}x wall)`);
} else console.log(`no baseline checkout at ${baseRoot}`);
