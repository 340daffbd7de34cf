/**
 * The loopback fixture site: a real node:http server on 127.0.0.1 (port 0) serving feeds
 * and article pages, good and bad, for tests and for bench/. Plain ESM JavaScript typed by
 * index.d.ts, so vitest and `node bench/...` import the same file.
 *
 *   import { startFixtureSite } from '../fixture-site/index.js';
 *   const site = await startFixtureSite({ corpus: { feeds: 200, articles: 20 } });
 *   ... fetch `${site.url}/feeds/rss.xml` ...
 *   await site.close();
 *
 * startFixtureSite(opts?) → Promise<FixtureSite>
 *   opts.seed        content seed (default 1)
 *   opts.corpus      { feeds, articles, minBytes?, maxBytes?, compress? } → the bench corpus (below)
 *   opts.compress    true: answer Accept-Encoding (br, else gzip) for every stored resource
 *   opts.log         false: keep no request log (long benches)
 *
 * FixtureSite
 *   url, port, origin        "http://127.0.0.1:PORT" (url === origin)
 *   requests                 RequestLog[]: { seq, method, path, headers, startedAt, finishedAt,
 *                            status, bytesSent, aborted, remotePort } (times: performance.now())
 *   maxConcurrent, inFlight  most requests in progress at once (since resetLog), and now
 *   resetLog()               clear requests and maxConcurrent
 *   setFeed(path, body, headers?)      store/replace a feed (RSS content type unless given);
 *                                      gets a new ETag and a later Last-Modified; returns them
 *   setResource(path, body, headers?)  the same for any content (type guessed from extension)
 *   removeResource(path)               later requests get 404
 *   setRoute(path, handler)            custom (req, res) handler for an exact path
 *   corpus                   null, or { feeds, articles, feedUrl(f), articleUrl(f, a), feedUrls(),
 *                            spec(f, a), articleCount(f), addArticle(f) }
 *   close()                  stop: ends trickles, drops keep-alive sockets
 *
 * Stored resources (every one honours If-None-Match / If-Modified-Since with a 304):
 *   /feeds/rss.xml             RSS 2.0, 5 items → /articles/rss-N.html (absolute links), <ttl>30</ttl>
 *   /feeds/atom.xml            Atom 1.0, 5 entries → /articles/atom-N.html
 *   /feeds/gbk.xml             RSS in GBK: encoding="gbk" declaration AND charset=GBK header; titles like 华为昇腾910C
 *   /feeds/gbk-declared.xml    the same bytes, declaration only (Content-Type without charset)
 *   /feeds/bad-charset.xml     GBK bytes under a charset label nobody knows (header and declaration)
 *   /feeds/relative.xml        RSS with relative item links ("../articles/rel-1.html", "/articles/rel-2.html")
 *   /feeds/relative-atom.xml   Atom with xml:base="/articles/" and href="rel-3.html"
 *   /feeds/malformed.xml       broken XML (unescaped &, unclosed tags, truncated)
 *   /articles/SLUG.html        a generated 50-150 KB page (seeded by SLUG; "zh-" prefix: Chinese;
 *                              "gbk-" prefix: Chinese in GBK with charset header; "gbk-meta-": meta tag only)
 * Behaviours:
 *   /status/CODE               that status; 429 carries Retry-After: 120 (or ?retry-after=),
 *                              503 an HTTP-date Retry-After 90 s ahead
 *   /slow?every=MS&bytes=N     headers at once, then one byte every MS ms (default 200) up to N (default 10000)
 *   /stall                     accepts the request and never answers
 *   /big?mb=N&chunked=1        an N MB (default 50) body, generated while streaming, with
 *                              Content-Length unless chunked=1; honours backpressure
 *   /bomb.gz?mb=N              gzip that inflates to N MB (default 100) of zeros, ~1 KB per MB on the wire
 *   /bad-gzip                  Content-Encoding: gzip over bytes that are not gzip
 *   /truncated                 Content-Length 5000, 100 bytes, then the socket is destroyed
 *   /redirect/loop             → /redirect/loop-b → loop (relative) → ... forever
 *   /redirect/chain/N          → ./N-1 (relative Location) ... /redirect/chain/0 → /feeds/rss.xml
 *   /redirect/to?url=U         302 to U
 *   /gzip/PATH, /br/PATH, /deflate/PATH, /deflate-raw/PATH
 *                              the stored resource PATH compressed that way, whatever the client accepts
 *   /echo                      JSON { method, url, headers } of the request
 *
 * The corpus (opts.corpus = { feeds: F, articles: M }), generated on demand from the seed,
 * nothing on disk and no page kept in memory:
 *   /corpus/feeds/F.xml            RSS 2.0 with the newest M items of feed F (every 5th feed Chinese)
 *   /corpus/articles/F/A.html      article A of feed F, 50-150 KB
 * Feeds and pages carry stable ETags, so a second pass over unchanged content is all 304s;
 * corpus.addArticle(f) publishes one more item in feed f (its ETag changes).
 */
import http from 'node:http';
import { createHash } from 'node:crypto';
import zlib from 'node:zlib';
import iconv from 'iconv-lite';
import { articleHtml, articleSpec, atomXml, hashSeed, rssXml } from './content.js';

export { articleHtml, articleSpec, atomXml, hashSeed, rssXml } from './content.js';

// Last-Modified comes from a logical clock, not the wall clock: HTTP dates have whole
// seconds, and a test that updates a feed twice in one second must still see it change.
const LM_BASE = Date.UTC(2025, 0, 1, 0, 0, 0);

const TYPES = { '.xml': 'application/rss+xml; charset=utf-8', '.html': 'text/html; charset=utf-8', '.json': 'application/json', '.txt': 'text/plain; charset=utf-8' };

function typeFor(path) {
  const m = /\.[a-z]+$/.exec(path);
  return (m && TYPES[m[0]]) || 'application/octet-stream';
}

function etagOf(body) {
  return `"${createHash('sha1').update(body).digest('hex').slice(0, 20)}"`;
}

function isNotModified(req, etag, lastModified) {
  const inm = req.headers['if-none-match'];
  if (inm) {
    const want = etag.replace(/^W\//, '');
    return inm.split(',').some((t) => {
      const tag = t.trim().replace(/^W\//, '');
      return tag === '*' || tag === want;
    });
  }
  const ims = req.headers['if-modified-since'];
  if (ims && lastModified) {
    const t = Date.parse(ims);
    return !Number.isNaN(t) && Date.parse(lastModified) <= t;
  }
  return false;
}

function encode(body, encoding) {
  if (encoding === 'gzip') return zlib.gzipSync(body);
  if (encoding === 'br') return zlib.brotliCompressSync(body);
  if (encoding === 'deflate') return zlib.deflateSync(body);
  if (encoding === 'deflate-raw') return zlib.deflateRawSync(body);
  return body;
}

function negotiate(req) {
  const ae = String(req.headers['accept-encoding'] ?? '');
  if (/\bbr\b/.test(ae)) return 'br';
  if (/\bgzip\b/.test(ae)) return 'gzip';
  return null;
}

/** @param {import('./index.js').FixtureSiteOptions} [opts] */
export async function startFixtureSite(opts = {}) {
  const seed = opts.seed ?? 1;
  const keepLog = opts.log !== false;
  /** @type {Map<string, { body: Buffer, headers: Record<string,string>, etag: string, lastModified: string }>} */
  const resources = new Map();
  const routes = new Map();
  const timers = new Set();
  const requests = [];
  let seq = 0;
  let version = 0;
  let inFlight = 0;
  let maxConcurrent = 0;

  const server = http.createServer((req, res) => {
    inFlight++;
    if (inFlight > maxConcurrent) maxConcurrent = inFlight;
    const entry = {
      seq: ++seq,
      method: req.method ?? 'GET',
      path: req.url ?? '/',
      headers: { ...req.headers },
      startedAt: performance.now(),
      finishedAt: null,
      status: 0,
      bytesSent: 0,
      aborted: false,
      remotePort: req.socket.remotePort ?? 0,
    };
    if (keepLog) requests.push(entry);
    const count = (chunk) => {
      if (chunk && typeof chunk !== 'function') entry.bytesSent += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length;
    };
    const write = res.write.bind(res);
    const end = res.end.bind(res);
    res.write = (chunk, ...rest) => {
      count(chunk);
      return write(chunk, ...rest);
    };
    res.end = (chunk, ...rest) => {
      count(chunk);
      return end(chunk, ...rest);
    };
    res.on('close', () => {
      inFlight--;
      entry.finishedAt = performance.now();
      entry.status = res.statusCode;
      entry.aborted = !res.writableFinished;
    });
    try {
      handle(req, res);
    } catch (err) {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(`fixture error: ${err instanceof Error ? err.message : String(err)}`);
    }
  });

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(undefined));
  });
  const port = /** @type {import('node:net').AddressInfo} */ (server.address()).port;
  const origin = `http://127.0.0.1:${port}`;

  function setResource(path, body, headers = {}) {
    const buf = typeof body === 'string' ? Buffer.from(body, 'utf8') : Buffer.from(body);
    version++;
    const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), String(v)]));
    const etag = lower.etag ?? etagOf(buf);
    const lastModified = lower['last-modified'] ?? new Date(LM_BASE + version * 1000).toUTCString();
    resources.set(path, {
      body: buf,
      headers: { 'content-type': typeFor(path), ...lower },
      etag,
      lastModified,
    });
    return { etag, lastModified };
  }
  function setFeed(path, body, headers = {}) {
    const hasType = Object.keys(headers).some((k) => k.toLowerCase() === 'content-type');
    return setResource(path, body, hasType ? headers : { 'content-type': 'application/rss+xml; charset=utf-8', ...headers });
  }

  /** Send a stored (or generated) resource with validators, a 304 when they match. */
  function sendResource(req, res, r, forced) {
    const base = { ...r.headers, etag: r.etag, 'last-modified': r.lastModified };
    if (isNotModified(req, r.etag, r.lastModified)) {
      res.writeHead(304, { etag: r.etag, 'last-modified': r.lastModified, ...(r.headers['cache-control'] ? { 'cache-control': r.headers['cache-control'] } : {}) });
      res.end();
      return;
    }
    const encoding = forced ?? (opts.compress || r.compress ? negotiate(req) : null);
    const body = encoding ? encode(r.body, encoding) : r.body;
    const headers = { ...base, 'content-length': String(body.length) };
    if (encoding) {
      headers['content-encoding'] = encoding === 'deflate-raw' ? 'deflate' : encoding;
      headers.vary = 'Accept-Encoding';
    }
    res.writeHead(200, headers);
    res.end(req.method === 'HEAD' ? undefined : body);
  }

  function staticArticle(slug) {
    const path = `/articles/${slug}.html`;
    const existing = resources.get(path);
    if (existing) return existing;
    const zh = /^(zh|gbk)-/.test(slug);
    const spec = articleSpec(hashSeed(`${seed}:${slug}`), { lang: zh ? 'zh' : 'en' });
    if (slug.startsWith('gbk-')) {
      const html = articleHtml(spec, { url: origin + path, charset: 'gbk' });
      const meta = slug.startsWith('gbk-meta-');
      setResource(path, iconv.encode(html, 'gbk'), { 'content-type': meta ? 'text/html' : 'text/html; charset=GBK' });
    } else {
      setResource(path, articleHtml(spec, { url: origin + path }), { 'content-type': 'text/html; charset=utf-8' });
    }
    return resources.get(path);
  }

  function trickle(res, every, total) {
    res.writeHead(200, { 'content-type': 'application/rss+xml' });
    res.write('<?xml version="1.0"?><rss version="2.0"><channel>');
    let sent = 0;
    const t = setInterval(() => {
      if (res.destroyed || sent >= total) {
        clearInterval(t);
        timers.delete(t);
        if (!res.destroyed) res.end();
        return;
      }
      res.write(' ');
      sent++;
    }, every);
    timers.add(t);
    res.on('close', () => {
      clearInterval(t);
      timers.delete(t);
    });
  }

  function streamBig(res, total, chunked) {
    const unit = Buffer.from('<item><title>padding</title><description>fixture filler for the size cap</description></item>\n');
    const chunk = Buffer.concat(Array.from({ length: Math.ceil(65536 / unit.length) }, () => unit)).subarray(0, 65536);
    const headers = { 'content-type': 'application/rss+xml' };
    if (!chunked) headers['content-length'] = String(total);
    res.writeHead(200, headers);
    let sent = 0;
    const pump = () => {
      while (sent < total && !res.destroyed) {
        const n = Math.min(chunk.length, total - sent);
        sent += n;
        if (!res.write(n === chunk.length ? chunk : chunk.subarray(0, n))) {
          res.once('drain', pump);
          return;
        }
      }
      if (!res.destroyed) res.end();
    };
    pump();
  }

  let bombMember = null;
  function bomb(mb) {
    bombMember ??= zlib.gzipSync(Buffer.alloc(1024 * 1024));
    // Concatenated gzip members inflate to the concatenation of their contents.
    return Buffer.concat(Array.from({ length: mb }, () => bombMember));
  }

  function redirect(res, status, location) {
    res.writeHead(status, { location, 'content-type': 'text/plain', 'content-length': '11' });
    res.end('redirecting');
  }

  function text(res, status, body, headers = {}) {
    res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'content-length': String(Buffer.byteLength(body)), ...headers });
    res.end(body);
  }

  function handle(req, res) {
    const u = new URL(req.url ?? '/', origin);
    const path = u.pathname;
    const q = u.searchParams;
    const route = routes.get(path);
    if (route) return route(req, res);
    const stored = resources.get(path);
    if (stored) return sendResource(req, res, stored, null);

    let m;
    if ((m = /^\/(gzip|br|deflate|deflate-raw)(\/.+)$/.exec(path))) {
      const r = resources.get(m[2]) ?? (/^\/articles\/(.+)\.html$/.test(m[2]) ? staticArticle(m[2].slice(10, -5)) : undefined);
      if (!r) return text(res, 404, 'not found');
      return sendResource(req, res, r, m[1]);
    }
    if ((m = /^\/articles\/([\w-]+)\.html$/.exec(path))) return sendResource(req, res, staticArticle(m[1]), null);
    if (corpus && (m = /^\/corpus\/feeds\/(\d+)\.xml$/.exec(path))) return corpus.serveFeed(req, res, Number(m[1]));
    if (corpus && (m = /^\/corpus\/articles\/(\d+)\/(\d+)\.html$/.exec(path))) return corpus.serveArticle(req, res, Number(m[1]), Number(m[2]));
    if ((m = /^\/status\/(\d{3})$/.exec(path))) {
      const code = Number(m[1]);
      const headers = {};
      if (code === 429) headers['retry-after'] = q.get('retry-after') ?? '120';
      if (code === 503) headers['retry-after'] = q.get('retry-after') ?? new Date(Date.now() + 90_000).toUTCString();
      return text(res, code, `status ${code}\n`, headers);
    }
    if (path === '/slow') return trickle(res, Number(q.get('every') ?? 200), Number(q.get('bytes') ?? 10_000));
    if (path === '/stall') return; // never answered; close() drops the socket
    if (path === '/big') return streamBig(res, Number(q.get('mb') ?? 50) * 1024 * 1024, q.get('chunked') === '1');
    if (path === '/bomb.gz') {
      const body = bomb(Number(q.get('mb') ?? 100));
      res.writeHead(200, { 'content-type': 'application/rss+xml', 'content-encoding': 'gzip', 'content-length': String(body.length) });
      return res.end(body);
    }
    if (path === '/bad-gzip') {
      const body = Buffer.from('this is plainly not a gzip stream, whatever the header says');
      res.writeHead(200, { 'content-type': 'application/rss+xml', 'content-encoding': 'gzip', 'content-length': String(body.length) });
      return res.end(body);
    }
    if (path === '/truncated') {
      res.writeHead(200, { 'content-type': 'application/rss+xml', 'content-length': '5000' });
      res.write(Buffer.alloc(100, 0x20));
      const t = setTimeout(() => req.socket.destroy(), 20);
      timers.add(t);
      return;
    }
    if (path === '/redirect/loop') return redirect(res, 302, '/redirect/loop-b');
    if (path === '/redirect/loop-b') return redirect(res, 302, 'loop');
    if ((m = /^\/redirect\/chain\/(\d+)$/.exec(path))) {
      const n = Number(m[1]);
      return redirect(res, n % 2 ? 301 : 302, n > 0 ? `./${n - 1}` : '/feeds/rss.xml');
    }
    if (path === '/redirect/to') return redirect(res, 302, q.get('url') ?? '/');
    if (path === '/echo') {
      return text(res, 200, JSON.stringify({ method: req.method, url: req.url, headers: req.headers }), { 'content-type': 'application/json' });
    }
    return text(res, 404, `no fixture at ${path}\n`);
  }

  // --- the built-in resources ---------------------------------------------------------
  const items = (prefix, n, lang) =>
    Array.from({ length: n }, (_, i) => {
      const spec = articleSpec(hashSeed(`${seed}:${prefix}-${i + 1}`), { lang });
      return { title: spec.title, link: `${origin}/articles/${prefix}-${i + 1}.html`, published: spec.published, summary: spec.summary, author: spec.author };
    });
  setFeed('/feeds/rss.xml', rssXml({ title: 'Fixture RSS', link: `${origin}/`, ttlMinutes: 30, items: items('rss', 5, 'en') }));
  setResource('/feeds/atom.xml', atomXml({ title: 'Fixture Atom', link: `${origin}/`, items: items('atom', 5, 'en') }), { 'content-type': 'application/atom+xml; charset=utf-8' });

  const gbkItems = items('gbk', 3, 'zh').map((it, i) => ({ ...it, title: i === 0 ? `华为昇腾910C量产提速：${it.title}` : it.title }));
  const gbkBytes = iconv.encode(rssXml({ title: '芯片新闻（GBK）', link: `${origin}/`, encoding: 'gbk', items: gbkItems }), 'gbk');
  setFeed('/feeds/gbk.xml', gbkBytes, { 'content-type': 'application/rss+xml; charset=GBK' });
  setFeed('/feeds/gbk-declared.xml', gbkBytes, { 'content-type': 'application/rss+xml' });
  const klingon = iconv.encode(rssXml({ title: '芯片新闻', link: `${origin}/`, encoding: 'x-klingon', items: gbkItems }), 'gbk');
  setFeed('/feeds/bad-charset.xml', klingon, { 'content-type': 'text/xml; charset=x-klingon' });

  const rel = items('rel', 3, 'en');
  setFeed(
    '/feeds/relative.xml',
    rssXml({ title: 'Relative links', link: '/', items: [{ ...rel[0], link: '../articles/rel-1.html' }, { ...rel[1], link: '/articles/rel-2.html' }] }),
  );
  setResource('/feeds/relative-atom.xml', atomXml({ title: 'Relative Atom', link: '/', base: '/articles/', items: [{ ...rel[2], link: 'rel-3.html' }] }), {
    'content-type': 'application/atom+xml',
  });
  setFeed(
    '/feeds/malformed.xml',
    '<?xml version="1.0"?>\n<rss version="2.0"><channel><title>Broken & unescaped <b>feed</title>\n<item><title>Unclosed <i>tag</title><link>/articles/x.html</item>\n<item><title>Cut off',
  );

  // --- the corpus ------------------------------------------------------------------------
  const corpus = opts.corpus ? makeCorpus(opts.corpus) : null;

  function makeCorpus(c) {
    const counts = Array.from({ length: c.feeds }, () => c.articles);
    const window = c.articles;
    const specOpts = (f) => ({ lang: f % 5 === 4 ? 'zh' : 'en', minBytes: c.minBytes ?? 50_000, maxBytes: c.maxBytes ?? 150_000 });
    const spec = (f, a) => articleSpec(hashSeed(`corpus:${seed}:${f}:${a}`), specOpts(f));
    const feedUrl = (f) => `${origin}/corpus/feeds/${f}.xml`;
    const articleUrl = (f, a) => `${origin}/corpus/articles/${f}/${a}.html`;
    const feedLm = (f) => new Date(LM_BASE + counts[f] * 1000).toUTCString();
    return {
      feeds: c.feeds,
      articles: c.articles,
      feedUrl,
      articleUrl,
      feedUrls: () => counts.map((_, f) => feedUrl(f)),
      spec,
      articleCount: (f) => counts[f],
      addArticle(f) {
        if (counts[f] === undefined) throw new RangeError(`no corpus feed ${f}`);
        counts[f]++;
        const a = counts[f] - 1;
        return { url: articleUrl(f, a), spec: spec(f, a) };
      },
      serveFeed(req, res, f) {
        if (counts[f] === undefined) return text(res, 404, 'no such feed');
        const etag = `"feed-${seed}-${f}-${counts[f]}"`;
        const r = { etag, lastModified: feedLm(f), headers: { 'content-type': 'application/rss+xml; charset=utf-8' }, compress: c.compress, body: null };
        if (isNotModified(req, etag, r.lastModified)) return sendResource(req, res, r, null);
        const list = [];
        for (let a = counts[f] - 1; a >= Math.max(0, counts[f] - window); a--) {
          const s = spec(f, a);
          list.push({ title: s.title, link: articleUrl(f, a), published: s.published, summary: s.summary, author: s.author });
        }
        r.body = Buffer.from(rssXml({ title: `Corpus feed ${f}`, link: `${origin}/corpus/${f}/`, items: list }));
        return sendResource(req, res, r, null);
      },
      serveArticle(req, res, f, a) {
        if (counts[f] === undefined || a >= counts[f]) return text(res, 404, 'no such article');
        const r = { etag: `"art-${seed}-${f}-${a}"`, lastModified: new Date(LM_BASE).toUTCString(), headers: { 'content-type': 'text/html; charset=utf-8' }, compress: c.compress, body: null };
        if (isNotModified(req, r.etag, r.lastModified)) return sendResource(req, res, r, null);
        r.body = Buffer.from(articleHtml(spec(f, a), { url: articleUrl(f, a) }));
        return sendResource(req, res, r, null);
      },
    };
  }

  return {
    url: origin,
    origin,
    port,
    requests,
    get maxConcurrent() {
      return maxConcurrent;
    },
    get inFlight() {
      return inFlight;
    },
    resetLog() {
      requests.length = 0;
      maxConcurrent = inFlight;
    },
    setFeed,
    setResource,
    removeResource: (path) => resources.delete(path),
    setRoute: (path, handler) => routes.set(path, handler),
    corpus,
    close() {
      for (const t of timers) clearInterval(t);
      timers.clear();
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
