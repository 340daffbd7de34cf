import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApi } from '../../src/api/build-api.js';
import { openStore } from '../../src/store/store.js';
import { formatFigure, nextLink, safeHref } from '../../web/format.js';
import { pageDb, PAGE_NOW } from './page-fixture.js';

// The page's files as the API serves them (without a browser), and its pure helpers.

let db: ReturnType<typeof pageDb>;
let app: FastifyInstance;
beforeAll(async () => {
  db = pageDb();
  app = buildApi({ store: openStore(db.dbPath, { readonly: true }), now: () => PAGE_NOW, closeStore: true });
  await app.ready();
});
afterAll(async () => {
  await app.close();
  db.cleanup();
});

describe('GET / and its assets', () => {
  it.each([
    ['/', /^text\/html/],
    ['/?entity=huawei&since=30d', /^text\/html/],
    ['/assets/app.js', /^text\/javascript/],
    ['/assets/style.css', /^text\/css/],
    ['/assets/vendor/uPlot.esm.js', /^text\/javascript/],
    ['/assets/vendor/uPlot.min.css', /^text\/css/],
  ])('%s is served with a strict CSP and nosniff', async (url, type) => {
    const res = await app.inject({ url });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(type);
    const csp = String(res.headers['content-security-policy']);
    for (const d of ["default-src 'self'", "script-src 'self'", "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'"]) expect(csp).toContain(d);
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('the page has no inline script and loads only its own files', async () => {
    const html = (await app.inject({ url: '/' })).body;
    expect(html).not.toMatch(/<script>|<script [^>]*>[^<]|\son[a-z]+=/i);
    for (const m of html.matchAll(/(?:src|href)="([^"]+)"/g)) expect(m[1]).toMatch(/^\//);
  });

  it.each(['/assets/../package.json', '/assets/%2e%2e%2fpackage.json', '/assets/vendor/..%2f..%2fpackage.json', '/assets/index.d.ts', '/assets/format.d.ts', '/assets/nothing.js'])('%s is a 400 or 404, never a file outside web/', async (url) => {
    const res = await app.inject({ url });
    expect([400, 404]).toContain(res.statusCode);
    expect(res.body).not.toMatch(/"name": "newsmon"/);
  });
});

describe('packaging', () => {
  const root = join(import.meta.dirname, '..', '..');
  it('the page\'s files ship in the npm package, and the chart library is a dependency (no CDN)', () => {
    const r = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: root, encoding: 'utf8', timeout: 60_000 });
    expect(r.status, r.stderr).toBe(0);
    const packed = new Set((JSON.parse(r.stdout) as Array<{ files: Array<{ path: string }> }>)[0]!.files.map((f) => f.path));
    for (const f of readdirSync(join(root, 'web'))) expect(packed.has(`web/${f}`), f).toBe(true);
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    expect(pkg.dependencies.uplot).toBeDefined();
  });
});

describe('page helpers', () => {
  it.each([
    [2.5e9, 'power', '2.5 GW'],
    [350, 'power', '350 W'],
    [120_000, 'power', '120 kW'],
    [3e14, 'energy', '300 TWh'],
    [1_234_567, 'power', '1.23 MW'],
    [Number.NaN, 'power', '? W'],
  ])('formatFigure(%d, %s) = %s', (si, kind, want) => {
    expect(formatFigure(si, kind)).toBe(want);
  });

  it('links only http(s) sources', () => {
    expect(safeHref('https://example.com/a?b=1')).toBe('https://example.com/a?b=1');
    expect(safeHref('javascript:alert(1)')).toBeNull();
    expect(safeHref(' JavaScript:alert(1)')).toBeNull();
    expect(safeHref('data:text/html,<script>')).toBeNull();
    expect(safeHref('not a url')).toBeNull();
  });

  it('reads rel="next" from a Link header', () => {
    expect(nextLink('</events?limit=2&cursor=abc>; rel="next"')).toBe('/events?limit=2&cursor=abc');
    expect(nextLink('</a>; rel="prev", </b>; rel="next"')).toBe('/b');
    expect(nextLink('</a>; rel="nextish"')).toBeNull();
    expect(nextLink(null)).toBeNull();
  });
});
