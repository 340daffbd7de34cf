// Side-by-side `newsmon ingest --once` of several checkouts over ONE loopback corpus, runs
// interleaved (A, B, A, B, ...) so that on a shared machine each side sees the same load.
// Each checkout reads its own config/ (watch-list, tagger model); each run is a fresh
// database. Reports per checkout the median art/s (wall, start-up included) and CPU s
// (user + system of the whole process, reader threads included, by /usr/bin/time).
//
//   node bench/ingest-ab.js [--runs 3] [--feeds 200] [--articles 20] [--threads N] CHECKOUT...
//
// e.g. node bench/ingest-ab.js /work/wt-base .   (both need `npm run build`)
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const here = dirname(fileURLToPath(import.meta.url));
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    runs: { type: 'string', default: '3' },
    feeds: { type: 'string', default: '200' },
    articles: { type: 'string', default: '20' },
    threads: { type: 'string' },
  },
});
const checkouts = positionals.map((p) => resolve(p));
if (checkouts.length === 0) {
  process.stderr.write('usage: node bench/ingest-ab.js [--runs N] CHECKOUT...\n');
  process.exit(2);
}
for (const c of checkouts) if (!existsSync(join(c, 'dist', 'src', 'cli', 'main.js'))) throw new Error(`${c}: no dist/ (npm run build)`);

const work = mkdtempSync(join(tmpdir(), 'newsmon-ingest-ab-'));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function startFixture() {
  return new Promise((res, rej) => {
    const child = spawn(process.execPath, [join(here, 'ingest-fixture.js'), '--feeds', values.feeds, '--articles', values.articles], { stdio: ['pipe', 'pipe', 'inherit'] });
    child.on('error', rej);
    createInterface({ input: child.stdout }).once('line', (line) => res({ child, info: JSON.parse(line) }));
  });
}

function configFor(checkout, i, feedUrls) {
  const dir = join(work, `config-${i}`);
  mkdirSync(dir);
  writeFileSync(join(dir, 'newsmon.yaml'), 'http:\n  per_host_min_gap: 0ms\n  per_host_concurrency: 32\n  allow_private_network: true\n');
  for (const name of ['entities.yaml', 'tagger']) if (existsSync(join(checkout, 'config', name))) cpSync(join(checkout, 'config', name), join(dir, name), { recursive: true });
  writeFileSync(join(dir, 'feeds.yaml'), `feeds:\n${feedUrls.map((u, k) => `  - url: ${u}\n    name: corpus ${k}\n`).join('')}`);
  return dir;
}

function run(checkout, configDir, db) {
  return new Promise((res, rej) => {
    const timeFile = `${db}.time`;
    const args = ['-v', '-o', timeFile, process.execPath, join(checkout, 'bin', 'newsmon.js'), 'ingest', '--once', '--json', '--quiet', '--allow-private-network', '--config', configDir, '--db', db];
    if (values.threads) args.push('--threads', values.threads);
    const env = { ...process.env };
    delete env.NEWSMON_DB;
    delete env.NEWSMON_CONFIG;
    const t0 = process.hrtime.bigint();
    const child = spawn('/usr/bin/time', args, { cwd: checkout, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('error', rej);
    child.on('close', (code) => {
      const wallS = Number(process.hrtime.bigint() - t0) / 1e9;
      if (code !== 0) return rej(new Error(`${checkout}: exit ${code}: ${err.slice(0, 500)}`));
      const t = readFileSync(timeFile, 'utf8');
      const cpuS = Number(/User time \(seconds\): ([\d.]+)/.exec(t)[1]) + Number(/System time \(seconds\): ([\d.]+)/.exec(t)[1]);
      const rssMB = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(t)[1]) / 1024;
      const summary = JSON.parse(out.trim().split('\n').at(-1));
      res({ wallS, cpuS, rssMB, stored: summary.articlesStored, events: summary.events, errors: summary.errors });
    });
  });
}

let fixture;
try {
  fixture = await startFixture();
  const { feedUrls, pages } = fixture.info;
  const configs = checkouts.map((c, i) => configFor(c, i, feedUrls));
  const results = checkouts.map(() => []);
  const load0 = loadavg()[0];
  for (let r = 0; r < Number(values.runs); r++) {
    for (let i = 0; i < checkouts.length; i++) {
      const db = join(work, `db-${i}-${r}.db`);
      const x = await run(checkouts[i], configs[i], db);
      rmSync(db, { force: true });
      rmSync(`${db}-wal`, { force: true });
      rmSync(`${db}-shm`, { force: true });
      results[i].push(x);
      process.stderr.write(`  ${checkouts[i]} run ${r + 1}: ${(x.stored / x.wallS).toFixed(0)} art/s, ${x.cpuS.toFixed(2)} CPU s, ${x.wallS.toFixed(2)} s wall, ${x.events} events, ${x.errors} errors\n`);
    }
  }
  console.log(`ingest --once over ${pages} pages, median of ${values.runs} interleaved runs; load average ${load0.toFixed(1)} at start, ${loadavg()[0].toFixed(1)} at end`);
  console.log(`${'checkout'.padEnd(40)}${'art/s'.padStart(8)}${'CPU s'.padStart(8)}${'wall s'.padStart(8)}${'RSS MB'.padStart(8)}  CPU s of each run`);
  checkouts.forEach((c, i) => {
    const rs = results[i];
    console.log(
      `${c.padEnd(40)}${median(rs.map((x) => x.stored / x.wallS)).toFixed(0).padStart(8)}${median(rs.map((x) => x.cpuS)).toFixed(2).padStart(8)}` +
        `${median(rs.map((x) => x.wallS)).toFixed(2).padStart(8)}${median(rs.map((x) => x.rssMB)).toFixed(0).padStart(8)}  ${rs.map((x) => x.cpuS.toFixed(2)).join(' / ')}`,
    );
  });
} finally {
  fixture?.child.stdin.end();
  fixture?.child.kill('SIGTERM');
  rmSync(work, { recursive: true, force: true });
}
