// The soak's loopback site, run as its own process by bench/soak.js so its work does not
// share the service's CPU accounting or the driver's event loop.
//
//   node bench/soak-site.js --feeds 300 --change-seconds 10 --seed 7
//
// Prints one JSON line {"port": N} when listening. Every feed publishes one more article
// every few seconds (each feed its own period around --change-seconds) and lists its
// newest 10; ETag/If-None-Match give 304s for unchanged feeds. Faults are mixed in,
// deterministically by feed number and article hash, so a rerun hits the same ones:
//   feeds  (f % 20): 1 → HTTP 500 on half the polls; 2 → a stall (never answers) on a third;
//                    3 → malformed XML (cut mid-item) on half; 4 → huge body (50 MB declared,
//                    or 8 MB chunked); 5 → GBK bytes labelled UTF-8; 6 → an unknown charset label
//   pages  (hash % 100): 0-3 → 500; 4-5 → stall; 6-7 → 8 MB chunked body; 8-11 → GBK labelled
//                    UTF-8; 12-13 → cut short of its Content-Length; the rest clean
// GET /stats → {published, clean, served, faults}: what a reader could have stored.
import http from 'node:http';
import iconv from 'iconv-lite';
import { articleHtml, articleSpec, hashSeed, rssXml } from '../tests/fixture-site/content.js';

const arg = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : dflt;
};
const FEEDS = arg('feeds', 300);
const CHANGE_S = arg('change-seconds', 10);
const SEED = arg('seed', 7);
const WINDOW = 10;
const START = Date.now();

const feeds = Array.from({ length: FEEDS }, (_, f) => {
  // Periods spread from 0.5x to 1.5x the mean, fixed per feed.
  const period = CHANGE_S * 1000 * (0.5 + (hashSeed(`${SEED}/${f}/period`) % 1000) / 1000);
  return { f, period, count: 3, next: START + period };
});
const stats = { published: 0, clean: 0, served: 0, notModified: 0, faults: {} };
const fault = (kind) => (stats.faults[kind] = (stats.faults[kind] ?? 0) + 1);
const articleHash = (f, n) => hashSeed(`${SEED}/${f}/${n}`) % 100;
const stalled = new Set();

for (const feed of feeds) {
  stats.published += feed.count;
  for (let n = 0; n < feed.count; n++) if (articleHash(feed.f, n) >= 14) stats.clean++;
}
setInterval(() => {
  const now = Date.now();
  for (const feed of feeds) {
    while (feed.next <= now) {
      if (articleHash(feed.f, feed.count) >= 14) stats.clean++;
      feed.count++;
      stats.published++;
      feed.next += feed.period;
    }
  }
}, 250).unref();

function published(f, n) {
  // Minutes apart, so the service's "oldest first" order is the publishing order.
  return new Date(Date.UTC(2025, 0, 1) + f * 1000 + n * 60_000).toISOString();
}

function feedXml(origin, feed) {
  const items = [];
  for (let n = feed.count - 1; n >= Math.max(0, feed.count - WINDOW); n--) {
    const spec = articleSpec(hashSeed(`${SEED}/${feed.f}/${n}/spec`), { minBytes: 4_000, maxBytes: 12_000 });
    items.push({ title: spec.title, link: `${origin}/a/${feed.f}/${n}.html`, published: published(feed.f, n), summary: spec.summary });
  }
  return rssXml({ title: `Soak feed ${feed.f}`, link: origin, items });
}

function stall(req, res) {
  stalled.add(res);
  req.on('close', () => stalled.delete(res));
}

function huge(res, mb) {
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
  const chunk = Buffer.alloc(64 * 1024, 'x');
  let left = mb * 16;
  const pump = () => {
    while (left > 0) {
      left--;
      if (!res.write(chunk)) return void res.once('drain', pump);
    }
    res.end();
  };
  res.on('close', () => (left = 0));
  pump();
}

function serveFeed(req, res, origin, f) {
  const feed = feeds[f];
  if (!feed) return void res.writeHead(404).end();
  const poll = (feed.polls = (feed.polls ?? 0) + 1);
  const kind = f % 20;
  if (kind === 1 && poll % 2 === 0) return void (fault('feed-500'), res.writeHead(500).end('oops'));
  if (kind === 2 && poll % 3 === 0) return void (fault('feed-stall'), stall(req, res));
  if (kind === 4 && poll % 4 === 1) return void (fault('feed-huge-declared'), res.writeHead(200, { 'content-length': String(50 << 20), 'content-type': 'application/rss+xml' }).end());
  if (kind === 4 && poll % 4 === 3) return void (fault('feed-huge-chunked'), huge(res, 8));
  const etag = `"${f}-${feed.count}"`;
  if (req.headers['if-none-match'] === etag) return void (stats.notModified++, res.writeHead(304, { etag }).end());
  let xml = feedXml(origin, feed);
  let type = 'application/rss+xml; charset=utf-8';
  let body = Buffer.from(xml);
  if (kind === 3 && poll % 2 === 0) {
    fault('feed-malformed');
    xml = xml.slice(0, Math.floor(xml.length * 0.6)).replace(/<\/title>/, '');
    body = Buffer.from(xml);
  } else if (kind === 5) {
    fault('feed-gbk-as-utf8');
    body = iconv.encode(xml, 'gbk');
  } else if (kind === 6) {
    fault('feed-unknown-charset');
    body = iconv.encode(xml.replace('encoding="UTF-8"', 'encoding="x-klingon"'), 'gbk');
    type = 'application/rss+xml; charset=x-klingon';
  }
  stats.served++;
  res.writeHead(200, { 'content-type': type, etag, 'content-length': String(body.length) }).end(body);
}

function servePage(req, res, origin, f, n) {
  const feed = feeds[f];
  if (!feed || n >= feed.count) return void res.writeHead(404).end();
  const h = articleHash(f, n);
  if (h < 4) return void (fault('page-500'), res.writeHead(500).end());
  if (h < 6) return void (fault('page-stall'), stall(req, res));
  if (h < 8) return void (fault('page-huge'), huge(res, 8));
  const spec = articleSpec(hashSeed(`${SEED}/${f}/${n}/spec`), { minBytes: 4_000, maxBytes: 12_000 });
  const html = articleHtml(spec, { url: `${origin}${req.url}` });
  if (h < 12) {
    fault('page-gbk-as-utf8');
    return void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(iconv.encode(html, 'gbk'));
  }
  const body = Buffer.from(html);
  if (h < 14) {
    fault('page-truncated');
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': String(body.length) });
    res.write(body.subarray(0, body.length >> 1));
    return void res.destroy();
  }
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': String(body.length) }).end(body);
}

const server = http.createServer((req, res) => {
  const origin = `http://127.0.0.1:${server.address().port}`;
  const path = (req.url ?? '/').split('?')[0];
  let m;
  if (path === '/stats') return void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ...stats, stalled: stalled.size }));
  if ((m = /^\/feeds\/(\d+)\.xml$/.exec(path))) return serveFeed(req, res, origin, Number(m[1]));
  if ((m = /^\/a\/(\d+)\/(\d+)\.html$/.exec(path))) return servePage(req, res, origin, Number(m[1]), Number(m[2]));
  res.writeHead(404).end();
});
server.keepAliveTimeout = 30_000;
server.listen(0, '127.0.0.1', () => process.stdout.write(`${JSON.stringify({ port: server.address().port })}\n`));
process.on('SIGTERM', () => {
  for (const res of stalled) res.destroy();
  server.close(() => process.exit(0));
  server.closeAllConnections();
});
