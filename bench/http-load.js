// Closed-loop HTTP load on loopback: N keep-alive clients, each sending its next request
// when the last is answered. Latency per request; p50/p95/p99 and requests per second.
import http from 'node:http';

export function get(agent, base, path) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const req = http.get(`${base}${path}`, { agent }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks), ms: Number(process.hrtime.bigint() - started) / 1e6 }));
      res.on('error', reject);
    });
    req.on('error', reject);
  });
}

/** The next page's path from a Link header (RFC 8288), or from x-next-offset for the old API. */
export function nextPath(res, path) {
  const link = /<([^>]+)>;\s*rel="next"/.exec(res.headers.link ?? '');
  if (link) return link[1];
  const offset = res.headers['x-next-offset'];
  if (offset === undefined) return null;
  const u = new URL(path, 'http://x');
  u.searchParams.set('offset', String(offset));
  return `${u.pathname}${u.search}`;
}

export function percentile(sorted, p) {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : NaN;
}

/**
 * `requests` requests over `clients` clients. `plan(i)` gives client i's requests as an
 * async function that calls `send(path)` and returns when done (so a client can follow
 * next links). Returns latencies and status counts.
 */
export async function load(base, { clients, requests, plan }) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: clients });
  const ms = [];
  const statuses = {};
  let sent = 0;
  const send = async (path) => {
    sent++;
    const res = await get(agent, base, path);
    ms.push(res.ms);
    statuses[res.statusCode ?? res.status] = (statuses[res.statusCode ?? res.status] ?? 0) + 1;
    return res;
  };
  const started = process.hrtime.bigint();
  await Promise.all(Array.from({ length: clients }, (_, i) => plan(i, send, () => sent < requests)));
  const wall = Number(process.hrtime.bigint() - started) / 1e6;
  agent.destroy();
  const sorted = [...ms].sort((a, b) => a - b);
  return {
    requests: ms.length, statuses, wallMs: wall, rps: (ms.length * 1000) / wall,
    p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99),
  };
}

/** Each client repeats `paths` round-robin until the shape's budget is spent. */
export function repeat(paths) {
  return async (i, send, more) => {
    for (let n = i; more(); n++) await send(paths[n % paths.length]);
  };
}

/** Each client walks `pages` pages from `first` by following next links, then starts over. */
export function walk(first, pages) {
  return async (_i, send, more) => {
    while (more()) {
      let path = first;
      for (let p = 0; p < pages && path && more(); p++) {
        const res = await send(path);
        path = nextPath(res, path);
      }
    }
  };
}
