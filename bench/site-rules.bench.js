// Site rules: what applying them costs, and that pages without rules come out as before.
// Over the AEB pages (../shared/conformance/articles/aeb; skipped when absent), in one
// process: main text with no rules, with remove rules only, and with a content rule plus
// remove rules (generic selectors most pages have, so cheerio does real work). Reports the
// median of RUNS passes for each, and AEB F1 without rules.
//
//   node bench/site-rules.bench.js [--root OTHER_CHECKOUT]
//
// --root: also extract with that checkout's built dist/ (e.g. main, or /work/wt-base) and
// report how many pages' text differs from this checkout's rule-less text, and its F1.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { bodies, evaluate } from './aeb-score.js';

const repoRoot = resolve(import.meta.dirname, '..');
const aeb = resolve(repoRoot, '..', 'shared', 'conformance', 'articles', 'aeb');
const RUNS = Number(process.env.RUNS ?? 5);
const rootFlag = process.argv.indexOf('--root');
const other = rootFlag > 0 ? resolve(process.argv[rootFlag + 1]) : null;

if (!existsSync(join(aeb, 'ground-truth.json'))) {
  console.log('site-rules bench: no AEB pages at', aeb, '(skipped)');
  process.exit(0);
}

const load = async (root) => (await import(pathToFileURL(join(root, 'dist', 'src', 'extract', 'main-content.js')).href)).extractMainContent;
const extract = await load(repoRoot);
const truth = bodies(JSON.parse(readFileSync(join(aeb, 'ground-truth.json'), 'utf8')));
const ids = Object.keys(truth).sort();
const pages = ids.map((id) => gunzipSync(readFileSync(join(aeb, 'html', `${id}.html.gz`))).toString('utf8'));

const REMOVE = ['[class*="share"]', '[class*="related"]', '.ad, .ads, [id^="ad-"]', 'form'];
const variants = [
  ['no rules', null],
  ['remove only', { content: null, remove: REMOVE }],
  ['content + remove', { content: 'article, main, [itemprop="articleBody"]', remove: REMOVE }],
];

function pass(fn, rules) {
  const t = process.hrtime.bigint();
  const texts = pages.map((html) => fn(html, rules ? { rules } : {}).text);
  return { ms: Number(process.hrtime.bigint() - t) / 1e6, texts };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

// Warm-up: JIT, the memo caches, and cheerio's first load, outside the timings.
for (const [, rules] of variants) pass(extract, rules);
const times = new Map(variants.map(([name]) => [name, []]));
let plainTexts = [];
for (let r = 0; r < RUNS; r++) {
  // Interleaved, so a noisy neighbour hits every variant alike.
  for (const [name, rules] of variants) {
    const { ms, texts } = pass(extract, rules);
    times.get(name).push(ms);
    if (!rules) plainTexts = texts;
  }
}
const f1 = (texts) => evaluate(truth, Object.fromEntries(ids.map((id, i) => [id, texts[i]]))).f1;
const base = median(times.get('no rules'));
console.log(`AEB pages: ${pages.length}, ${RUNS} passes each, median ms per pass`);
for (const [name] of variants) {
  const m = median(times.get(name));
  console.log(`  ${name.padEnd(18)} ${m.toFixed(0).padStart(6)} ms  ${(m / pages.length).toFixed(2)} ms/page  x${(m / base).toFixed(3)}`);
}
console.log(`AEB F1 (no rules): ${f1(plainTexts).toFixed(4)}`);

if (other) {
  const otherExtract = await load(other);
  pass(otherExtract, null);
  const otherTimes = [];
  let otherTexts = [];
  for (let r = 0; r < RUNS; r++) {
    const mine = pass(extract, null);
    const theirs = pass(otherExtract, null);
    otherTimes.push(theirs.ms / mine.ms);
    otherTexts = theirs.texts;
  }
  const differ = otherTexts.filter((t, i) => t !== plainTexts[i]).length;
  console.log(`${other}: AEB F1 ${f1(otherTexts).toFixed(4)}; pages whose text differs from this checkout's: ${differ}; its time / this one's (median): ${median(otherTimes).toFixed(3)}`);
}
