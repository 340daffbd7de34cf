import { mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadAnalyzer } from '../../src/ingest/load-analyzer.js';
import { parseFeeds } from '../../src/config/feeds.js';
import { YamlSource } from '../../src/config/yaml-source.js';
import { createHttpClient } from '../../src/fetch/http-client.js';
import { ingestOnce } from '../../src/ingest/ingest-once.js';
import { openStore, type Store } from '../../src/store/store.js';

// Issue 7: the same zoneless date must mean the same instant in a feed and in the pages
// it links to, by one rule: the feed's `timezone`, else its language (zh → Asia/Shanghai).
// End to end: feeds.yaml → loopback HTTP → poll → page → SQLite.

const repoRoot = join(import.meta.dirname, '..', '..');
const zhText = '摩尔线程今天发布了新一代图形处理器，功耗为450瓦。沐曦和壁仞也在同一天推出了新的芯片产品，华为昇腾的路线图同样受到关注。'.repeat(4);
const enText = 'Moore Threads launched a new graphics processor today, with a power draw of 450 W, and the company said it would ship in June. '.repeat(4);

function rss(language: string | null, items: Array<{ path: string; title: string; date: string | null }>, base: string): string {
  const lang = language ? `<language>${language}</language>` : '';
  const body = items.map((i) => `<item><title>${i.title}</title><link>${base}${i.path}</link>${i.date ? `<pubDate>${i.date}</pubDate>` : ''}</item>`).join('');
  return `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>t</title>${lang}${body}</channel></rss>`;
}

let pages = 0;
/** A page with its own text (the store keeps one article per text). */
function page(lang: string, date: string, text: string): string {
  pages++;
  return `<html lang="${lang}"><head><meta property="article:published_time" content="${date}"><title>Headline number ${pages}, long enough</title></head><body><article><p>${pages}: ${text}</p></article></body></html>`;
}

describe('dates without a zone, feed and page alike', () => {
  let server: Server;
  let store: Store;
  let base: string;

  beforeAll(async () => {
    const routes = new Map<string, { type: string; body: () => string }>();
    server = createServer((req, res) => {
      const r = routes.get(req.url ?? '');
      if (!r) return void res.writeHead(404).end();
      res.writeHead(200, { 'content-type': r.type }).end(r.body());
    });
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const xml = (body: () => string) => ({ type: 'application/rss+xml; charset=utf-8', body });
    const html = (body: string) => ({ type: 'text/html; charset=utf-8', body: () => body });
    // A Chinese feed: one zoneless feed date, one item dated only by its page's 年月日 date.
    routes.set('/zh.xml', xml(() => rss('zh-cn', [
      { path: '/zh/1', title: '摩尔线程发布新GPU', date: '2024-05-01 10:30:00' },
      { path: '/zh/2', title: '沐曦推出新芯片', date: null },
    ], base)));
    routes.set('/zh/1', html(page('zh-CN', '2024年5月1日 10:30', zhText)));
    routes.set('/zh/2', html(page('zh-CN', '2024年5月2日 09:00', zhText)));
    // An English-language feed whose publisher is in Berlin, set in feeds.yaml.
    routes.set('/berlin.xml', xml(() => rss('en', [
      { path: '/berlin/1', title: 'Launch', date: 'Mon, 15 Jul 2024 12:00:00' },
      { path: '/berlin/2', title: 'Launch again', date: null },
      { path: '/berlin/3', title: 'Stated offset', date: 'Mon, 15 Jul 2024 12:00:00 +0000' },
    ], base)));
    routes.set('/berlin/1', html(page('en', '2024-07-15 12:00', enText)));
    routes.set('/berlin/2', html(page('zh-CN', '2024年7月16日 09:00', zhText)));
    routes.set('/berlin/3', html(page('en', '2024-07-15 12:00', enText)));

    const yaml = `feeds:\n  - url: ${base}/zh.xml\n    id: zh\n  - url: ${base}/berlin.xml\n    id: berlin\n    timezone: Europe/Berlin\n`;
    const feeds = parseFeeds(YamlSource.parse('feeds.yaml', yaml));
    store = openStore(join(mkdtempSync(join(tmpdir(), 'newsmon-zones-')), 'newsmon.db'));
    const http = createHttpClient({
      userAgent: 'newsmon-test', timeoutMs: 5_000, connectTimeoutMs: 2_000, maxBytes: 5 * 1024 * 1024,
      maxRedirects: 5, perHostConcurrency: 8, perHostMinGapMs: 0, allowPrivateNetwork: true,
    });
    await ingestOnce(feeds, { http, store, analyzer: loadAnalyzer(join(repoRoot, 'config')), now: () => new Date(), maxBackoffMs: 60_000 });
    http.close();
  });

  afterAll(async () => {
    store?.close();
    await new Promise((ok) => server?.close(ok));
  });

  const published = (path: string): string | null | undefined => store.listArticles({ limit: 100 }).find((a) => a.url === `${base}${path}`)?.published;

  it.each([
    ["a zh feed's zoneless date is Shanghai time", '/zh/1', '2024-05-01T02:30:00.000Z'],
    ["a zh feed's page 年月日 date is Shanghai time", '/zh/2', '2024-05-02T01:00:00.000Z'],
    ['a zoneless feed date in a feed set to Europe/Berlin (summer time)', '/berlin/1', '2024-07-15T10:00:00.000Z'],
    ["a page's 年月日 date takes the feed's zone (Berlin), not its own language's", '/berlin/2', '2024-07-16T07:00:00.000Z'],
    ['a date with a stated offset is unchanged', '/berlin/3', '2024-07-15T12:00:00.000Z'],
  ])('%s', (_name, path, want) => {
    expect(published(path)).toBe(want);
  });
});
