// Hostile documents of issue 11: time (wall and CPU) and peak memory of parsing each,
// every run in a fresh process with a time limit. `--root DIR` measures another built
// checkout (e.g. the baseline) beside this one; `--runs N` (default 3); `--only NAME`.
// Needs `npm run build` (imports dist/).
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const cases = await import(pathToFileURL(join(here, '..', 'tests', 'hostile', 'cases.js')).href);

const CASES = {
  'deep-feed-600k (4.2 MB)': { kind: 'feed', doc: () => cases.deepFeed(600_000) },
  'deep-feed-1.4M (9.8 MB)': { kind: 'feed', doc: () => cases.deepFeed(1_400_000) },
  'stray-end-tags 100k deep, 100k strays': { kind: 'feed', doc: () => cases.strayEndTags(100_000, 100_000) },
  'million-item feed (45 MB)': { kind: 'feed', doc: () => cases.manyItemsFeed(1_000_000) },
  '2,100 divs + 80,000 textareas (1.7 MB)': { kind: 'html', doc: () => cases.deepDivsTextareas(2_100, 80_000) },
  '"Huawei said 5 GW." page (2.5 MB)': { kind: 'article', doc: () => cases.repeatedEventPage(2_500_000) },
};

async function child(root, name) {
  const c = CASES[name];
  const doc = c.doc();
  const dist = (p) => pathToFileURL(join(root, 'dist', 'src', p)).href;
  const { parseFeed } = await import(dist('feed/parse-feed.js'));
  const { parseHtml } = await import(dist('extract/parse-html.js'));
  const { loadAnalyzer } = await import(dist('analyze/analyzer.js'));
  const { extractDocument } = await import(dist('extract/extract-document.js'));
  const analyzer = c.kind === 'article' ? loadAnalyzer(join(root, 'config')) : null;
  let out;
  const cpu0 = process.cpuUsage();
  const t = performance.now();
  if (c.kind === 'feed') out = { items: parseFeed(doc).items.length };
  else if (c.kind === 'html') out = { children: parseHtml(doc).children.length };
  else {
    const r = extractDocument({ bytes: Buffer.from(doc), url: 'http://site.test/a' }, analyzer);
    out = { events: r.events.length, analysisJsonMB: +(JSON.stringify([r.events, r.mentions, r.powerFigures]).length / 1e6).toFixed(1) };
  }
  const cpu = process.cpuUsage(cpu0);
  process.stdout.write(
    JSON.stringify({ wallMs: Math.round(performance.now() - t), cpuMs: Math.round((cpu.user + cpu.system) / 1000), maxRssMB: Math.round(process.resourceUsage().maxRSS / 1024), ...out }),
  );
}

function arg(name, fallback) {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : fallback;
}

if (process.argv[2] === '--child') {
  await child(process.argv[3], process.argv[4]);
} else {
  const roots = [join(here, '..'), ...(arg('--root') ? [arg('--root')] : [])];
  const runs = Number(arg('--runs', '3'));
  const limitS = Number(arg('--limit', '300'));
  const only = arg('--only');
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  for (const name of Object.keys(CASES).filter((n) => !only || n.includes(only))) {
    for (const root of roots) {
      const results = [];
      for (let i = 0; i < runs; i++) {
        const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--child', root, name], { encoding: 'utf8', timeout: limitS * 1000 });
        if (r.status !== 0) {
          results.push({ failed: r.signal ? `over ${limitS} s (killed)` : (r.stderr.trim().split('\n').pop() ?? `exit ${r.status}`) });
          break; // a case over the limit is not run again
        }
        results.push(JSON.parse(r.stdout));
      }
      const ok = results.filter((r) => !r.failed);
      const summary = ok.length
        ? { wallMs: median(ok.map((r) => r.wallMs)), cpuMs: median(ok.map((r) => r.cpuMs)), maxRssMB: median(ok.map((r) => r.maxRssMB)), ...Object.fromEntries(Object.entries(ok[0]).filter(([k]) => !['wallMs', 'cpuMs', 'maxRssMB'].includes(k))) }
        : results[0];
      process.stdout.write(`${name.padEnd(42)} ${root === roots[0] ? 'this   ' : 'other  '} runs ${ok.length}  ${JSON.stringify(summary)}\n`);
    }
  }
}
