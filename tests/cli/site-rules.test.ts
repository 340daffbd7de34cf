import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/store.js';
import { rssXml, startFixtureSite, type FixtureSite } from '../fixture-site/index.js';

// Site rules as users meet them: `newsmon extract --url ... --content ...` against a page
// on the loopback fixture site, `feeds add --content`, and `ingest --once` storing the
// rule's text (on reader threads and without), all through the built CLI.

const repoRoot = join(import.meta.dirname, '..', '..');
const bin = join(repoRoot, 'bin', 'newsmon.js');
const built = existsSync(join(repoRoot, 'dist', 'src', 'cli', 'main.js'));
const fixtures = join(repoRoot, 'tests', 'fixtures', 'site-rules');
const wrapped = readFileSync(join(fixtures, 'wrapped-news.html'), 'utf8');
const brief = readFileSync(join(fixtures, 'brief-with-picks.html'), 'utf8');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

// Asynchronous: the fixture site serves from this process while the CLI runs.
function newsmon(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [bin, ...args],
      { cwd: repoRoot, encoding: 'utf8', timeout: 120_000, env: { ...process.env, NEWSMON_CONFIG: join(repoRoot, 'config'), NEWSMON_ALLOW_PRIVATE_NETWORK: '', ...env } },
      (err, stdout, stderr) => resolve({ code: err ? Number((err as { code?: unknown }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

const json = (r: Run): Record<string, unknown> => JSON.parse(r.stdout.trim()) as Record<string, unknown>;

describe.skipIf(!built)('site rules from the command line (built CLI)', () => {
  let site: FixtureSite;
  const tmp = mkdtempSync(join(tmpdir(), 'newsmon-rules-cli-'));

  beforeAll(async () => {
    site = await startFixtureSite({ seed: 3 });
    site.setResource('/news/biren-br106.html', wrapped, { 'content-type': 'text/html; charset=utf-8' });
    site.setResource('/news/cambricon-order.html', brief, { 'content-type': 'text/html; charset=utf-8' });
    site.setFeed('/feeds/wire.xml', rssXml({
      title: 'Silicon Wire', link: site.url,
      items: [
        { title: 'Biren ships BR106 boards', link: `${site.url}/news/biren-br106.html`, published: '2025-07-14T01:30:00Z', summary: 'Biren ships.' },
        { title: 'Cambricon wins data-centre order', link: `${site.url}/news/cambricon-order.html`, published: '2025-07-15T01:30:00Z', summary: 'Cambricon wins.' },
      ],
    }));
  });
  afterAll(async () => {
    await site?.close();
  });

  it('extract --url --content --remove fetches the page and prints the rule\'s text', async () => {
    const url = `${site.url}/news/biren-br106.html`;
    const r = await newsmon(['extract', '--url', url, '--content', 'article .rich-text', '--remove', '.ad-wrapper', '--remove', '.inline-related, .newsletter-signup', '--allow-private-network']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = json(r);
    expect(out.title).toBe('Biren ships BR106 boards to a second cloud customer');
    expect((out.text as string).split('\n')).toHaveLength(5);
    expect(out.text).not.toMatch(/Advertisement|Read also|Sign up/);
    expect(out.siteRule).toEqual({ used: 'content', matched: 1, removed: 3 });
    expect(site.requests.filter((q) => q.path === '/news/biren-br106.html')).toHaveLength(1);
  });

  it('extract --url keeps the HTTP client\'s guard: a loopback page is refused unless allowed', async () => {
    const before = site.requests.length;
    const r = await newsmon(['extract', '--url', `${site.url}/news/biren-br106.html`, '--content', '.rich-text']);
    expect(r.code).toBe(1);
    expect(json(r)).toMatchObject({ url: `${site.url}/news/biren-br106.html`, error: expect.stringMatching(/^private-address: /) });
    expect(site.requests.length).toBe(before);
  });

  it('extract --url: a 404 is an error line, not a crash', async () => {
    const r = await newsmon(['extract', '--url', `${site.url}/news/missing.html`, '--content', '.rich-text'], { NEWSMON_ALLOW_PRIVATE_NETWORK: '1' });
    expect(r.code).toBe(1);
    expect(json(r).error).toMatch(/^not-found: /);
  });

  it('extract FILE --content: a selector that matches nothing falls back and says why', async () => {
    const r = await newsmon(['extract', join(fixtures, 'brief-with-picks.html'), '--content', '.post-body']);
    expect(r.code).toBe(0);
    const out = json(r);
    expect(out.text).toContain('Cambricon has won an order');
    expect(out.siteRule).toMatchObject({ used: 'auto', matched: 0, fallback: 'content selector ".post-body" matched nothing on the page' });
  });

  it('a bad selector on the command line is a usage error (exit 2) naming the flag', async () => {
    const r = await newsmon(['extract', join(fixtures, 'brief-with-picks.html'), '--remove', 'div[']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/--remove: expected a CSS selector cheerio can read, got "div\["/);
  });

  it('feeds add --content --remove, then ingest --once stores the rule\'s text (reader threads and this thread alike)', async () => {
    const config = join(tmp, 'config');
    const add = await newsmon(['feeds', 'add', `${site.url}/feeds/wire.xml`, '--config', config, '--content', '.rich-text, .brief-body', '--remove', '.ad-wrapper', '--remove', '.inline-related, .newsletter-signup']);
    expect(add.stderr).toBe('');
    expect(add.code).toBe(0);
    expect(readFileSync(join(config, 'feeds.yaml'), 'utf8')).toMatch(/content: \.rich-text, \.brief-body/);
    // The analyzer's config (entities, tagger) from the repository; the feeds from `config`.
    for (const f of ['entities.yaml']) writeFileSync(join(config, f), readFileSync(join(repoRoot, 'config', f)));
    const texts: string[][] = [];
    for (const threads of ['2', '1']) {
      const db = join(tmp, `news-${threads}.db`);
      const r = await newsmon(['ingest', '--once', '--config', config, '--db', db, '--allow-private-network', '--json', '--threads', threads]);
      expect(r.code).toBe(0);
      const summary = JSON.parse(r.stdout) as { articlesStored: number; ruleFallbacks: unknown[] };
      expect(summary.articlesStored).toBe(2);
      expect(summary.ruleFallbacks).toEqual([]);
      const store = openStore(db, { readonly: true });
      try {
        const articles = store.listArticles({});
        texts.push(articles.map((a) => a.text).sort());
        const biren = articles.find((a) => a.url.endsWith('/biren-br106.html'));
        expect(biren?.text.split('\n')).toHaveLength(5);
        expect(biren?.text).not.toMatch(/Advertisement|Read also|Sign up/);
        const cambricon = articles.find((a) => a.url.endsWith('/cambricon-order.html'));
        expect(cambricon?.text).toBe('Cambricon has won an order to supply accelerators for a 50 MW data centre in Inner Mongolia, the company said in a filing on Tuesday.\nThe company did not give the value of the contract.');
      } finally {
        store.close();
      }
    }
    expect(texts[0]).toEqual(texts[1]);
  });

  it('ingest --once: a content rule that matches nothing still stores the article, and the summary says why', async () => {
    const config = join(tmp, 'config-nomatch');
    const add = await newsmon(['feeds', 'add', `${site.url}/feeds/wire.xml`, '--config', config, '--content', '.story__body']);
    expect(add.code).toBe(0);
    writeFileSync(join(config, 'entities.yaml'), readFileSync(join(repoRoot, 'config', 'entities.yaml')));
    const r = await newsmon(['ingest', '--once', '--config', config, '--db', join(tmp, 'nomatch.db'), '--allow-private-network', '--json']);
    expect(r.code).toBe(0);
    const summary = JSON.parse(r.stdout) as { articlesStored: number; ruleFallbacks: Array<{ url: string; kind: string; message: string }> };
    expect(summary.articlesStored).toBe(2);
    expect(summary.ruleFallbacks).toHaveLength(2);
    expect(summary.ruleFallbacks[0]).toMatchObject({ kind: 'site-rule', message: 'content selector ".story__body" matched nothing on the page' });
    const text = await newsmon(['ingest', '--once', '--config', config, '--db', join(tmp, 'nomatch-text.db'), '--allow-private-network']);
    expect(text.stdout).toMatch(/~ \S+ automatic extraction instead: content selector ".story__body" matched nothing on the page/);
  });
});
