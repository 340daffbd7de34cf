// Summarise a V8 .cpuprofile (from `node --cpu-prof`): the functions with the most self
// time, and self time grouped by file, so the ingest bench can say where a pass goes.
//
//   node bench/ingest-profile.js FILE.cpuprofile [N]      prints the top N (default 25)
//   import { summarizeProfile } from './ingest-profile.js'
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * The ingest pipeline's stages, by the function that enters each (name, and a piece of its
 * file's path). Time is inclusive: a sample counts for every stage on its stack, so nested
 * stages (sentences inside analyze) overlap their parent.
 */
export const INGEST_STAGES = [
  { label: 'poll feed (fetch + parse + seen)', name: 'pollFeed', file: 'ingest/poll-feed' },
  { label: 'decode bytes (charset)', name: 'decodeBytes', file: 'text/charset' },
  { label: 'main text (parse + extract)', name: 'extractMainContent', file: 'extract/main-content' },
  { label: 'analyze', name: 'analyze', file: 'analyze/analyzer' },
  { label: '  sentences', name: 'splitSentences', file: 'analyze/sentences' },
  { label: '  power figures', name: 'findPowerFigures', file: 'analyze/power-figures' },
  { label: '  watch-list', name: 'find', file: 'analyze/watchlist' },
  { label: '  event tagger', name: 'tag', file: 'analyze/tagger' },
  { label: 'content hash', name: 'contentHash', file: 'ingest/content-hash' },
  { label: 'store (one transaction per article)', name: 'saveArticle', file: 'store/store' },
  { label: 'store (batch)', name: 'saveArticles', file: 'store/store' },
  { label: 'garbage collector', name: '(garbage collector)', file: '' },
  { label: 'idle (waiting on I/O)', name: '(idle)', file: '' },
];

/**
 * @param {string} file  a .cpuprofile
 * @param {number} top   how many rows of each table
 * @param {{label: string, name: string, file: string}[]} stages  inclusive time per stage
 * @returns {{ totalMs: number, functions: {name: string, where: string, selfMs: number, pct: number}[],
 *             files: {where: string, selfMs: number, pct: number}[], stages: {label: string, ms: number, pct: number}[] }}
 */
export function summarizeProfile(file, top = 25, stages = INGEST_STAGES) {
  const p = JSON.parse(readFileSync(file, 'utf8'));
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const stageOf = (cf) => stages.findIndex((st) => st.name === cf.functionName && cf.url.includes(st.file));
  // Self time per node: each sample is the node on top of the stack for the following delta.
  const selfUs = new Map();
  for (let i = 0; i < p.samples.length; i++) {
    const dt = p.timeDeltas[i + 1] ?? 0;
    selfUs.set(p.samples[i], (selfUs.get(p.samples[i]) ?? 0) + dt);
  }
  const fn = new Map();
  const files = new Map();
  const stageUs = stages.map(() => 0);
  let total = 0;
  for (const [id, us] of selfUs) {
    const hit = new Set();
    for (let n = id; n !== undefined; n = parent.get(n)) {
      const k = stageOf(byId.get(n).callFrame);
      if (k >= 0) hit.add(k);
    }
    for (const k of hit) stageUs[k] += us;
    const cf = byId.get(id)?.callFrame;
    if (!cf) continue;
    total += us;
    const where = shortUrl(cf.url);
    const name = cf.functionName || (where ? '(anonymous)' : `(${cf.functionName || 'native'})`);
    const key = `${name}\u0000${where}:${cf.lineNumber + 1}`;
    fn.set(key, (fn.get(key) ?? 0) + us);
    const fk = where || name;
    files.set(fk, (files.get(fk) ?? 0) + us);
  }
  const pct = (us) => (total > 0 ? (100 * us) / total : 0);
  return {
    totalMs: total / 1000,
    functions: [...fn]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([k, us]) => {
        const [name, where] = k.split('\u0000');
        return { name, where, selfMs: us / 1000, pct: pct(us) };
      }),
    files: [...files]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([where, us]) => ({ where, selfMs: us / 1000, pct: pct(us) })),
    stages: stages.map((st, k) => ({ label: st.label, ms: stageUs[k] / 1000, pct: pct(stageUs[k]) })),
  };
}

function shortUrl(url) {
  if (!url) return '';
  const s = url.replace(/^file:\/\//, '');
  const nm = s.lastIndexOf('/node_modules/');
  if (nm >= 0) return s.slice(nm + 1);
  const d = s.indexOf('/dist/');
  if (d >= 0) return s.slice(d + 1);
  return s;
}

/** The summary as text lines. */
export function formatProfile(summary) {
  const cut = (t) => (t.length > 100 ? `${t.slice(0, 99)}…` : t);
  const lines = [`profiled time ${(summary.totalMs / 1000).toFixed(2)} s; by stage (inclusive, nested rows indented):`];
  for (const st of summary.stages) if (st.ms > 0) lines.push(`  ${st.pct.toFixed(1).padStart(5)}%  ${st.ms.toFixed(0).padStart(6)} ms  ${st.label}`);
  lines.push('top functions (self time):');
  for (const f of summary.functions) lines.push(`  ${f.pct.toFixed(1).padStart(5)}%  ${f.selfMs.toFixed(0).padStart(6)} ms  ${cut(f.name)}  ${f.where}`);
  lines.push('by file (self time):');
  for (const f of summary.files) lines.push(`  ${f.pct.toFixed(1).padStart(5)}%  ${f.selfMs.toFixed(0).padStart(6)} ms  ${cut(f.where)}`);
  return lines;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [file, n] = process.argv.slice(2);
  if (!file) {
    process.stderr.write('usage: node bench/ingest-profile.js FILE.cpuprofile [N]\n');
    process.exit(2);
  }
  process.stdout.write(`${formatProfile(summarizeProfile(file, Number(n ?? 25))).join('\n')}\n`);
}
