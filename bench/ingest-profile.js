// Summarise a V8 .cpuprofile (from `node --cpu-prof`): the functions with the most self
// time, and self time grouped by file, so the ingest bench can say where a pass goes.
//
//   node bench/ingest-profile.js FILE.cpuprofile [N]      prints the top N (default 25)
//   import { summarizeProfile } from './ingest-profile.js'
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * @param {string} file  a .cpuprofile
 * @param {number} top   how many rows of each table
 * @returns {{ totalMs: number, functions: {name: string, where: string, selfMs: number, pct: number}[],
 *             files: {where: string, selfMs: number, pct: number}[] }}
 */
export function summarizeProfile(file, top = 25) {
  const p = JSON.parse(readFileSync(file, 'utf8'));
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  // Self time per node: each sample is the node on top of the stack for the following delta.
  const selfUs = new Map();
  for (let i = 0; i < p.samples.length; i++) {
    const dt = p.timeDeltas[i + 1] ?? 0;
    selfUs.set(p.samples[i], (selfUs.get(p.samples[i]) ?? 0) + dt);
  }
  const fn = new Map();
  const files = new Map();
  let total = 0;
  for (const [id, us] of selfUs) {
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
  const lines = [`self time ${(summary.totalMs / 1000).toFixed(2)} s; top functions:`];
  for (const f of summary.functions) lines.push(`  ${f.pct.toFixed(1).padStart(5)}%  ${f.selfMs.toFixed(0).padStart(6)} ms  ${f.name}  ${f.where}`);
  lines.push('by file:');
  for (const f of summary.files) lines.push(`  ${f.pct.toFixed(1).padStart(5)}%  ${f.selfMs.toFixed(0).padStart(6)} ms  ${f.where}`);
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
