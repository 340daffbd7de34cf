import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpClient } from '../../src/fetch/http-client.js';
import type { FetchOk, HttpClient } from '../../src/fetch/types.js';
import { articleHtml, articleSpec, startFixtureSite } from './index.js';
import type { FixtureSite } from './index.js';

let site: FixtureSite;
let http: HttpClient;

beforeAll(async () => {
  site = await startFixtureSite({ corpus: { feeds: 6, articles: 5 } });
  http = createHttpClient({
    userAgent: '', timeoutMs: 10_000, connectTimeoutMs: 2_000, maxBytes: 10 * 1024 * 1024, maxRedirects: 5,
    perHostConcurrency: 8, perHostMinGapMs: 0, allowPrivateNetwork: true,
  });
});
afterAll(async () => {
  http.close();
  await site.close();
});

const get = async (url: string, etag?: string | null) => http.fetch({ url, etag: etag ?? null });
const body = async (url: string) => ((await get(url)) as FetchOk).body;

describe('generated content', () => {
  it('is deterministic for a seed', () => {
    expect(articleHtml(articleSpec(42))).toBe(articleHtml(articleSpec(42)));
    expect(articleSpec(42)).not.toEqual(articleSpec(43));
  });

  it.each(Array.from({ length: 12 }, (_, i) => [i]))('page %i is 50-150 KB, a whole article page, mentioning what its spec says', (i) => {
    const spec = articleSpec(1000 + i);
    const html = articleHtml(spec);
    const size = Buffer.byteLength(html);
    expect(size).toBeGreaterThanOrEqual(50_000);
    expect(size).toBeLessThanOrEqual(152_000);
    for (const part of ['<nav', '<article', 'class="related"', '<footer', '</html>']) expect(html).toContain(part);
    expect(spec.entities.length).toBeGreaterThan(0);
    const text = spec.paragraphs.join(' ');
    for (const f of spec.figures) expect(text).toContain(f);
  });

  it('mentions the watch-list and power figures across a corpus', () => {
    const specs = Array.from({ length: 50 }, (_, i) => articleSpec(i));
    const entities = new Set(specs.flatMap((s) => s.entities));
    expect([...entities].sort()).toEqual(['biren', 'cambricon', 'enflame', 'huawei', 'metax', 'moore-threads', 'nvidia']);
    expect(specs.some((s) => s.lang === 'zh')).toBe(true);
    const figures = specs.flatMap((s) => s.figures);
    for (const f of ['2.5 GW', '700 W', '10 billion kWh']) expect(figures).toContain(f);
  });
});

describe('the site', () => {
  it('serves the named feeds', async () => {
    expect((await body(`${site.url}/feeds/rss.xml`)).toString()).toContain('<ttl>30</ttl>');
    expect((await body(`${site.url}/feeds/atom.xml`)).toString()).toContain('<feed xmlns="http://www.w3.org/2005/Atom"');
    expect((await body(`${site.url}/feeds/relative.xml`)).toString()).toContain('<link>../articles/rel-1.html</link>');
    expect((await body(`${site.url}/feeds/relative-atom.xml`)).toString()).toContain('xml:base="/articles/"');
    const gbk = await body(`${site.url}/feeds/gbk.xml`);
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(gbk)).toThrow();
  });

  it('content can change while it runs', async () => {
    const a = site.setFeed('/feeds/live.xml', '<rss version="2.0"><channel><title>one</title></channel></rss>');
    expect((await body(`${site.url}/feeds/live.xml`)).toString()).toContain('one');
    const b = site.setFeed('/feeds/live.xml', '<rss version="2.0"><channel><title>two</title></channel></rss>');
    expect(b.etag).not.toBe(a.etag);
    expect(Date.parse(b.lastModified)).toBeGreaterThan(Date.parse(a.lastModified));
    expect((await body(`${site.url}/feeds/live.xml`)).toString()).toContain('two');
    site.removeResource('/feeds/live.xml');
    await expect(get(`${site.url}/feeds/live.xml`)).rejects.toMatchObject({ kind: 'not-found' });
  });

  it('custom routes take precedence', async () => {
    site.setRoute('/custom', (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('mine');
    });
    expect((await body(`${site.url}/custom`)).toString()).toBe('mine');
  });
});

describe('the corpus', () => {
  it('serves F feeds of M items whose pages exist, then all 304s on a second pass', async () => {
    const corpus = site.corpus;
    if (!corpus) throw new Error('corpus missing');
    const validators = new Map<string, string | null>();
    site.resetLog();
    for (const url of corpus.feedUrls()) {
      const res = (await get(url)) as FetchOk;
      validators.set(url, res.etag);
      const links = [...res.body.toString().matchAll(/<link>([^<]+\.html)<\/link>/g)].map((m) => m[1] as string);
      expect(links).toHaveLength(5);
      for (const link of links) {
        const page = (await get(link)) as FetchOk;
        validators.set(link, page.etag);
        expect(page.body.length).toBeGreaterThanOrEqual(50_000);
      }
    }
    expect(validators.size).toBe(6 + 6 * 5);
    site.resetLog();
    const again = await Promise.all([...validators].map(([url, etag]) => get(url, etag)));
    expect(again.every((r) => r.status === 'not-modified')).toBe(true);
    expect(site.requests.every((r) => r.status === 304 && r.bytesSent === 0)).toBe(true);
  });

  it('addArticle publishes a new item and changes the feed ETag', async () => {
    const corpus = site.corpus;
    if (!corpus) throw new Error('corpus missing');
    const before = (await get(corpus.feedUrl(2))) as FetchOk;
    const added = corpus.addArticle(2);
    const after = await get(corpus.feedUrl(2), before.etag);
    expect(after.status).toBe('ok');
    expect((after as FetchOk).body.toString()).toContain(added.url);
    expect(corpus.articleCount(2)).toBe(6);
    expect(((await get(added.url)) as FetchOk).body.toString()).toContain(added.spec.title.replace(/&/g, '&amp;'));
  });
});
