import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { HttpSettings } from '../../src/config/settings-types.js';
import { decodeBytes } from '../../src/text/charset.js';
import { FetchError } from '../../src/fetch/fetch-error.js';
import type { HostResolver } from '../../src/fetch/guarded-lookup.js';
import { createHttpClient } from '../../src/fetch/http-client.js';
import type { HttpClientOptions } from '../../src/fetch/http-client.js';
import type { FetchErrorKind, FetchOk, FetchRequest, HttpClient } from '../../src/fetch/types.js';
import { VERSION } from '../../src/version.js';
import { startFixtureSite } from '../fixture-site/index.js';
import type { FixtureSite } from '../fixture-site/index.js';

const SETTINGS: HttpSettings = {
  userAgent: '',
  timeoutMs: 5_000,
  connectTimeoutMs: 2_000,
  maxBytes: 10 * 1024 * 1024,
  maxRedirects: 5,
  perHostConcurrency: 4,
  perHostMinGapMs: 0,
  allowPrivateNetwork: true,
};

let site: FixtureSite;
const clients: HttpClient[] = [];
function client(over: Partial<HttpClientOptions> = {}): HttpClient {
  const c = createHttpClient({ ...SETTINGS, ...over });
  clients.push(c);
  return c;
}

async function failure(c: HttpClient, req: FetchRequest): Promise<FetchError> {
  try {
    await c.fetch(req);
  } catch (err) {
    if (err instanceof FetchError) return err;
    throw err;
  }
  throw new Error(`expected ${req.url} to fail`);
}

async function ok(c: HttpClient, req: FetchRequest): Promise<FetchOk> {
  const res = await c.fetch(req);
  if (res.status !== 'ok') throw new Error(`expected 200 from ${req.url}, got ${res.status}`);
  return res;
}

const logFor = (path: string) => site.requests.filter((r) => r.path === path);

beforeAll(async () => {
  site = await startFixtureSite();
});
afterEach(() => {
  for (const c of clients.splice(0)) c.close();
});
afterAll(async () => {
  await site.close();
});

describe('failures are classified once, with retryability', () => {
  const cases: Array<[name: string, path: string, kind: FetchErrorKind, retryable: boolean, extra?: Partial<FetchError>, req?: Partial<FetchRequest>]> = [
    ['500', '/status/500', 'http-server-error', true, { statusCode: 500 }],
    ['502', '/status/502', 'http-server-error', true, { statusCode: 502 }],
    ['404', '/status/404', 'not-found', false, { statusCode: 404 }],
    ['410', '/status/410', 'gone', false, { statusCode: 410 }],
    ['403', '/status/403', 'http-client-error', false, { statusCode: 403 }],
    ['429 with delta-seconds Retry-After', '/status/429', 'rate-limited', true, { statusCode: 429, retryAfterMs: 120_000 }],
    ['429 with HTTP-date Retry-After', `/status/429?retry-after=${encodeURIComponent('Sun, 01 Jun 2025 12:05:00 GMT')}`, 'rate-limited', true, { retryAfterMs: 300_000 }],
    ['redirect loop', '/redirect/loop', 'too-many-redirects', false],
    ['too many redirects', '/redirect/chain/6', 'too-many-redirects', false],
    ['redirect to a non-http scheme', `/redirect/to?url=${encodeURIComponent('file:///etc/passwd')}`, 'invalid-url', false],
    ['body past the total timeout (trickle)', '/slow?every=50&bytes=1000', 'timeout', true, undefined, { timeoutMs: 400 }],
    ['no answer at all', '/stall', 'timeout', true, undefined, { timeoutMs: 300 }],
    ['declared 50 MB body', '/big', 'too-large', false],
    ['undeclared 50 MB body, cut at the cap', '/big?chunked=1', 'too-large', false],
    ['gzip bomb, cut at the decoded cap', '/bomb.gz', 'too-large', false],
    ['per-request cap', '/articles/cap.html', 'too-large', false, undefined, { maxBytes: 10_000 }],
    ['not gzip under a gzip header', '/bad-gzip', 'bad-encoding', false],
    ['connection closed mid-body', '/truncated', 'connection', true],
  ];
  it.each(cases)('%s', async (_name, path, kind, retryable, extra, req) => {
    const c = client({ now: () => Date.parse('2025-06-01T12:00:00Z') });
    const e = await failure(c, { url: site.url + path, ...req });
    expect(e.kind).toBe(kind);
    expect(e.retryable).toBe(retryable);
    expect(e.message.length).toBeGreaterThan(10);
    if (extra) expect(e).toMatchObject(extra);
  });

  it('a refused connection', async () => {
    const c = client();
    const e = await failure(c, { url: 'http://127.0.0.1:1/feed.xml' });
    expect([e.kind, e.retryable]).toEqual(['connection', true]);
  });

  it.each([
    ['not a URL', 'not a url'],
    ['ftp scheme', 'ftp://example.com/feed'],
    ['javascript scheme', 'javascript:alert(1)'],
  ])('invalid URL: %s', async (_n, url) => {
    expect((await failure(client(), { url })).kind).toBe('invalid-url');
  });

  it('a slow body is cut off: the server sees the client go', async () => {
    site.resetLog();
    await failure(client(), { url: `${site.url}/slow?every=20&bytes=100000`, timeoutMs: 300 });
    await until(() => logFor('/slow?every=20&bytes=100000')[0]?.finishedAt != null);
    expect(logFor('/slow?every=20&bytes=100000')[0]?.aborted).toBe(true);
  });

  it('the 50 MB transfer is aborted early, not read to the end', async () => {
    site.resetLog();
    const e = await failure(client(), { url: `${site.url}/big?chunked=1` });
    expect(e.message).toMatch(/10 MB cap/);
    await until(() => logFor('/big?chunked=1')[0]?.finishedAt != null);
    const entry = logFor('/big?chunked=1')[0];
    expect(entry?.aborted).toBe(true);
    // 10 MB cap + socket buffers, far from the 50 MB the server would have sent.
    expect(entry?.bytesSent).toBeLessThan(25 * 1024 * 1024);
  });

  it('a declared oversize body is refused on its headers', async () => {
    site.resetLog();
    const e = await failure(client(), { url: `${site.url}/big` });
    expect(e.message).toMatch(/Content-Length/);
    await until(() => logFor('/big')[0]?.finishedAt != null);
    expect(logFor('/big')[0]?.aborted).toBe(true);
  });
});

describe('successful fetches', () => {
  it('GET with newsmon User-Agent, Accept and Accept-Encoding', async () => {
    const res = await ok(client(), { url: `${site.url}/echo`, accept: 'application/rss+xml' });
    const echoed = JSON.parse(res.body.toString('utf8')) as { headers: Record<string, string> };
    expect(echoed.headers['user-agent']).toMatch(new RegExp(`^newsmon/${VERSION.replace(/\./g, '\\.')} `));
    expect(echoed.headers.accept).toBe('application/rss+xml');
    expect(echoed.headers['accept-encoding']).toBe('gzip, deflate, br');
    expect(res.headers['content-type']).toBe('application/json');
  });

  it('elapsedMs covers the whole fetch, body included', async () => {
    // The site sends the headers and a prefix at once, then a space every 60 ms, and ends
    // the response on the tick after the 4th: at least 4 ticks, 240 ms.
    const before = Date.now();
    const res = await ok(client(), { url: `${site.url}/slow?every=60&bytes=4` });
    const wall = Date.now() - before;
    expect(res.body.toString()).toMatch(/<channel> {4}$/);
    expect(res.elapsedMs).toBeGreaterThanOrEqual(240);
    expect(res.elapsedMs).toBeLessThanOrEqual(wall);
  });

  it('a configured User-Agent is sent as is', async () => {
    const res = await ok(client({ userAgent: 'newsmon/9 (test)' }), { url: `${site.url}/echo` });
    expect((JSON.parse(res.body.toString()) as { headers: Record<string, string> }).headers['user-agent']).toBe('newsmon/9 (test)');
  });

  it('follows a redirect chain with relative Locations and reports the final URL', async () => {
    const res = await ok(client(), { url: `${site.url}/redirect/chain/3` });
    expect(res.url).toBe(`${site.url}/feeds/rss.xml`);
    expect(res.body.toString()).toContain('<rss version="2.0">');
  });

  it('maxRedirects 0 refuses any redirect', async () => {
    expect((await failure(client({ maxRedirects: 0 }), { url: `${site.url}/redirect/chain/0` })).kind).toBe('too-many-redirects');
  });

  const plain = () => ok(client(), { url: `${site.url}/feeds/atom.xml` });
  it.each([
    ['gzip', '/gzip/feeds/atom.xml', 'gzip'],
    ['brotli', '/br/feeds/atom.xml', 'br'],
    ['deflate (zlib)', '/deflate/feeds/atom.xml', 'deflate'],
    ['deflate (raw)', '/deflate-raw/feeds/atom.xml', 'deflate'],
    ['gzip article page', '/gzip/articles/zipped.html', 'gzip'],
  ])('decompresses %s', async (_n, path, encoding) => {
    const res = await ok(client(), { url: site.url + path });
    expect(res.headers['content-encoding']).toBe(encoding);
    if (path.includes('atom')) expect(res.body.equals((await plain()).body)).toBe(true);
    else expect(res.body.toString()).toMatch(/<\/html>\s*$/);
  });

  it('negotiates compression with a site that honours Accept-Encoding', async () => {
    const zipped = await startFixtureSite({ compress: true });
    try {
      const res = await ok(client(), { url: `${zipped.url}/feeds/rss.xml` });
      expect(res.headers['content-encoding']).toBe('br');
      expect(res.body.toString()).toContain('<rss version="2.0">');
    } finally {
      await zipped.close();
    }
  });
});

describe('conditional GET', () => {
  it('round trip: 200 with validators, then 304 for each validator, then 200 after an update', async () => {
    const c = client();
    const path = '/feeds/conditional.xml';
    site.setFeed(path, '<rss version="2.0"><channel><title>v1</title></channel></rss>');
    const url = site.url + path;
    const first = await ok(c, { url });
    expect(first.etag).toMatch(/^".+"$/);
    expect(first.lastModified).toMatch(/GMT$/);

    site.resetLog();
    expect((await c.fetch({ url, etag: first.etag })).status).toBe('not-modified');
    expect((await c.fetch({ url, lastModified: first.lastModified })).status).toBe('not-modified');
    expect(site.requests.map((r) => [r.headers['if-none-match'], r.headers['if-modified-since']])).toEqual([
      [first.etag, undefined],
      [undefined, first.lastModified],
    ]);
    expect(site.requests.map((r) => r.status)).toEqual([304, 304]);

    site.setFeed(path, '<rss version="2.0"><channel><title>v2</title></channel></rss>');
    const second = await ok(c, { url, etag: first.etag, lastModified: first.lastModified });
    expect(second.body.toString()).toContain('v2');
    expect(second.etag).not.toBe(first.etag);
    expect((await c.fetch({ url, etag: second.etag, lastModified: second.lastModified })).status).toBe('not-modified');
  });

  it('a 304 carries the response headers for the freshness computation', async () => {
    const c = client();
    site.setFeed('/feeds/cached.xml', '<rss/>', { 'cache-control': 'max-age=3600' });
    const first = await ok(c, { url: `${site.url}/feeds/cached.xml` });
    const again = await c.fetch({ url: `${site.url}/feeds/cached.xml`, etag: first.etag });
    expect(again.status).toBe('not-modified');
    expect(again.headers['cache-control']).toBe('max-age=3600');
  });

  it('a validator that is not a legal header value is dropped, not thrown', async () => {
    const res = await c304(`"bad\r\nInjected: yes"`);
    expect(res).toBe('ok');
  });
  const c304 = async (etag: string) => (await client().fetch({ url: `${site.url}/feeds/rss.xml`, etag })).status;
});

describe('charsets (decoded by decodeBytes from what the client returns)', () => {
  it.each([
    ['GBK with header and declaration', '/feeds/gbk.xml', 'xml', 'header', '华为昇腾910C'],
    ['GBK with the declaration only', '/feeds/gbk-declared.xml', 'xml', 'xml-declaration', '华为昇腾910C'],
    ['unknown charset label: sniffed as GB18030', '/feeds/bad-charset.xml', 'xml', 'sniffed', '华为昇腾910C'],
    ['GBK page with charset header', '/articles/gbk-1.html', 'html', 'header', '相关新闻'],
    ['GBK page with meta tag only', '/articles/gbk-meta-1.html', 'html', 'meta', '相关新闻'],
  ] as const)('%s', async (_n, path, kind, source, contains) => {
    const res = await ok(client(), { url: site.url + path });
    const decoded = decodeBytes(res.body, { contentType: res.contentType, kind });
    expect(decoded.source).toBe(source);
    expect(decoded.charset).toBe('gb18030');
    expect(decoded.text).toContain(contains);
    expect(decoded.text).not.toContain('\uFFFD');
  });
});

describe('private and loopback addresses', () => {
  const fakeDns = (map: Record<string, string[]>): HostResolver => async (host) =>
    (map[host] ?? []).map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));

  it('127.0.0.1 is refused by default, before any request is sent', async () => {
    site.resetLog();
    const e = await failure(client({ allowPrivateNetwork: false }), { url: `${site.url}/feeds/rss.xml` });
    expect([e.kind, e.retryable]).toEqual(['private-address', false]);
    expect(e.message).toMatch(/loopback/);
    expect(site.requests).toHaveLength(0);
  });

  it('and allowed with allowPrivateNetwork', async () => {
    expect((await client({ allowPrivateNetwork: true }).fetch({ url: `${site.url}/feeds/rss.xml` })).status).toBe('ok');
  });

  it.each([
    ['localhost', `http://localhost/`],
    ['IPv6 loopback', 'http://[::1]/'],
    ['mapped IPv4 loopback', 'http://[::ffff:127.0.0.1]/'],
    ['cloud metadata', 'http://169.254.169.254/latest/meta-data/'],
    ['decimal-encoded loopback', 'http://2130706433/'],
    ['private 10/8', 'http://10.0.0.1/'],
  ])('refuses %s by default', async (_n, url) => {
    expect((await failure(client({ allowPrivateNetwork: false }), { url })).kind).toBe('private-address');
  });

  it('a public-looking name that resolves to a private address is refused at lookup time', async () => {
    site.resetLog();
    const lookup = fakeDns({ 'news.example.com': ['127.0.0.1'] });
    const e = await failure(client({ allowPrivateNetwork: false, lookup }), { url: `http://news.example.com:${site.port}/feeds/rss.xml` });
    expect(e.kind).toBe('private-address');
    expect(e.message).toMatch(/news\.example\.com resolves to 127\.0\.0\.1/);
    expect(site.requests).toHaveLength(0);
  });

  it('DNS rebinding: a name resolving to public and private addresses is refused', async () => {
    const lookup = fakeDns({ 'rebind.example.com': ['93.184.216.34', '10.0.0.1'] });
    const e = await failure(client({ allowPrivateNetwork: false, lookup }), { url: 'http://rebind.example.com/' });
    expect(e.kind).toBe('private-address');
  });

  it('with private allowed, the injected lookup is what the socket connects to', async () => {
    site.resetLog();
    const lookup = fakeDns({ 'news.example.com': ['127.0.0.1'] });
    const res = await ok(client({ allowPrivateNetwork: true, lookup }), { url: `http://news.example.com:${site.port}/feeds/rss.xml` });
    expect(res.url).toBe(`http://news.example.com:${site.port}/feeds/rss.xml`);
    expect(site.requests[0]?.headers.host).toBe(`news.example.com:${site.port}`);
  });

  it('an unknown name is a dns error', async () => {
    const e = await failure(client({ lookup: fakeDns({}) }), { url: 'http://nowhere.example.com/' });
    expect([e.kind, e.retryable]).toEqual(['dns', true]);
  });

  it('a lookup that never answers hits the connect timeout', async () => {
    const lookup: HostResolver = () => new Promise(() => undefined);
    const e = await failure(client({ lookup, connectTimeoutMs: 200 }), { url: 'http://hang.example.com/' });
    expect(e.kind).toBe('timeout');
    expect(e.message).toMatch(/could not connect/);
  });
});

describe('politeness and connections', () => {
  const articles = (n: number, tag: string) => Array.from({ length: n }, (_, i) => `/articles/${tag}-${i}.html`);

  it('concurrency 1 to one host serializes the requests, in order', async () => {
    const c = client({ perHostConcurrency: 1 });
    const paths = articles(5, 'serial');
    site.resetLog();
    await Promise.all(paths.map((p) => ok(c, { url: site.url + p })));
    const log = site.requests;
    expect(log.map((r) => r.path)).toEqual(paths);
    expect(site.maxConcurrent).toBe(1);
    for (let i = 1; i < log.length; i++) {
      expect(log[i]?.startedAt).toBeGreaterThanOrEqual(log[i - 1]?.finishedAt ?? Infinity);
    }
  });

  it('concurrency 3 lets at most 3 in at once', async () => {
    const c = client({ perHostConcurrency: 3 });
    site.resetLog();
    await Promise.all(['/slow?every=10&bytes=10', '/slow?every=10&bytes=11', '/slow?every=10&bytes=12', '/slow?every=10&bytes=13', '/slow?every=10&bytes=14'].map((p) => ok(c, { url: site.url + p })));
    expect(site.maxConcurrent).toBe(3);
  });

  it('the minimum gap separates request starts to one host', async () => {
    const gap = 150;
    const c = client({ perHostConcurrency: 4, perHostMinGapMs: gap });
    site.resetLog();
    await Promise.all(articles(4, 'gap').map((p) => ok(c, { url: site.url + p })));
    const starts = site.requests.map((r) => r.startedAt);
    expect(starts).toHaveLength(4);
    // Server-side arrival times: the client spaces starts by `gap`; allow for arrival jitter.
    for (let i = 1; i < starts.length; i++) expect((starts[i] ?? 0) - (starts[i - 1] ?? 0)).toBeGreaterThanOrEqual(gap - 40);
  });

  it('keep-alive: sequential requests reuse one connection', async () => {
    const c = client();
    site.resetLog();
    for (const p of articles(5, 'ka')) await ok(c, { url: site.url + p });
    expect(new Set(site.requests.map((r) => r.remotePort)).size).toBe(1);
  });

  it('close() aborts requests in flight and refuses new ones', async () => {
    const c = createHttpClient(SETTINGS);
    const pending = c.fetch({ url: `${site.url}/stall` });
    await until(() => site.requests.some((r) => r.path === '/stall' && r.finishedAt === null));
    c.close();
    c.close(); // twice is fine
    const e = await pending.then(
      () => null,
      (err: unknown) => err as FetchError,
    );
    expect(e?.kind).toBe('aborted');
    expect((await failure(c, { url: `${site.url}/feeds/rss.xml` })).kind).toBe('aborted');
  });
});

async function until(cond: () => boolean, timeoutMs = 5_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}
