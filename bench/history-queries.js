// The history bench's shapes asked straight of the store, one at a time, in this process:
// this checkout's Store on v3.db beside the baseline checkout's Store on v1.db. CPU time
// per query (process.cpuUsage) as well as wall time, because on a shared machine the wall
// time of a loaded server says as much about the neighbours as about the query.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('..', import.meta.url));

function time(fn, n) {
  fn(0);
  const cpu0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < n; i++) fn(i);
  const wall = Number(process.hrtime.bigint() - t0) / 1e6 / n;
  const c = process.cpuUsage(cpu0);
  return { wallMs: wall, cpuMs: (c.user + c.system) / 1000 / n };
}

export async function storeQueries({ v3, v1, basePath, entities, tag, now = new Date() }) {
  const mine = await import(join(repo, 'dist', 'src', 'store', 'store.js'));
  const base = await import(join(basePath, 'dist', 'src', 'store', 'store.js'));
  const { labelsMatch } = await import(join(basePath, 'dist', 'src', 'store', 'labels.js'));
  const after = mine.openStore(v3, { readonly: true });
  const before = base.openStore(v1, { readonly: true });
  const since = new Date(now.getTime() - 30 * 86_400_000).toISOString();
  const e = (i) => entities[i % entities.length];

  // Page 200 of nvidia: the position after 199 pages, found once by walking.
  let at;
  for (let p = 0; p < 199; p++) at = after.queryEventPage({ entity: 'nvidia', limit: 50, ...(at ? { after: at } : {}) }).next;

  // v1 has no figure filter in its API; the nearest SQL on its layout, for comparison.
  const { default: Database } = await import(join(repo, 'node_modules', 'better-sqlite3', 'lib', 'index.js'));
  const raw = new Database(v1, { readonly: true });
  const v1Power = raw.prepare(`SELECT e.id FROM events e JOIN articles a ON a.id = e.article_id
    WHERE e.id IN (SELECT rowid FROM event_labels WHERE event_labels MATCH ?)
      AND EXISTS (SELECT 1 FROM power_figures f WHERE f.article_id = e.article_id AND f.event_id = e.id AND f.kind = 'power' AND f.si >= 1e9)
    ORDER BY a.sort_at DESC, a.id DESC, e.sentence LIMIT 50`);

  const shapes = [
    ['company + 30 days', (i) => after.queryEvents({ entity: e(i), since, limit: 50 }), (i) => before.queryEvents({ entity: e(i), since, limit: 50 })],
    ['company + tag', (i) => after.queryEvents({ entity: e(i), tag, limit: 50 }), (i) => before.queryEvents({ entity: e(i), tag, limit: 50 })],
    ['phrase search', () => after.queryEvents({ q: '"supply chain"', limit: 50 }), () => before.queryEvents({ q: '"supply chain"', limit: 50 })],
    ['newest', () => after.queryEvents({ limit: 50 }), () => before.queryEvents({ limit: 50 })],
    ['company + power > 1 GW', (i) => after.queryEvents({ entity: e(i), figureKind: 'power', minSi: 1e9, limit: 50 }), (i) => v1Power.all(labelsMatch([['entity', e(i)]]))],
    ['page 200', () => after.queryEvents({ entity: 'nvidia', limit: 50, after: at }), () => before.queryEvents({ entity: 'nvidia', limit: 50, offset: 9950 })],
    ['stats (/healthz)', () => after.stats(), () => before.stats()],
  ];
  const out = [];
  for (const [name, a, b] of shapes) {
    const aa = time(a, 200);
    // The baseline's slow shapes take a good part of a second each: fewer runs.
    const probe = time(b, 1);
    const bb = time(b, Math.max(3, Math.min(200, Math.floor(2000 / Math.max(1, probe.wallMs)))));
    out.push({ name, after: aa, before: bb, resultsAfter: a(0).length ?? 1, resultsBefore: b(0).length ?? 1 });
  }
  raw.close();
  after.close();
  before.close();
  return out;
}
