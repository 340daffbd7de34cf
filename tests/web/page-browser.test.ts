import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApi } from '../../src/api/build-api.js';
import { openStore } from '../../src/store/store.js';
import { HOSTILE_TEXT, pageDb, PAGE_NOW } from './page-fixture.js';

// The page at / in Debian's headless Chromium (no browser download), over the API on
// loopback and a real SQLite file: load, filter by entity, follow "next", the chart drawn,
// hostile article text shown as text, no CSP violation or console error. Screenshots go to
// test-artifacts/ (gitignored) for a person to look at.

const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = join(process.cwd(), 'test-artifacts');
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

if (!existsSync(CHROMIUM)) console.warn(`skipping the web page browser test: ${CHROMIUM} is missing (apt-get install chromium)`);

describe.skipIf(!existsSync(CHROMIUM))('the web page in Chromium', () => {
  let db: ReturnType<typeof pageDb>;
  let app: FastifyInstance;
  let base: string;
  let browser: Browser;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    db = pageDb();
    app = buildApi({ store: openStore(db.dbPath, { readonly: true }), now: () => PAGE_NOW, closeStore: true });
    base = await app.listen({ host: '127.0.0.1', port: 0 });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    db?.cleanup();
  });

  /** A page that records console errors, uncaught errors, CSP violations and requests leaving the origin. */
  async function open(width: number, height: number): Promise<{ page: Page; problems: string[] }> {
    const page = await browser.newPage({ viewport: { width, height }, timezoneId: 'Asia/Shanghai' });
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('response', (r) => {
      if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`);
    });
    page.on('request', (r) => {
      if (!r.url().startsWith(base)) problems.push(`request off the origin: ${r.url()}`);
    });
    await page.addInitScript('document.addEventListener("securitypolicyviolation", (e) => { (window.__csp ??= []).push(e.violatedDirective + " " + e.blockedURI); });');
    return { page, problems };
  }

  const ready = (page: Page) => page.waitForSelector('body[data-state="ready"]');
  const rowTexts = (page: Page) => page.locator('#events tbody td[data-label="Sentence"] p.sentence').allTextContents();

  it('loads, filters by entity, follows next, draws the chart, escapes hostile text', async () => {
    const { page, problems } = await open(1280, 900);
    const res = await page.goto(`${base}/?limit=4`);
    expect(res?.headers()['content-security-policy']).toMatch(/script-src 'self'/);
    await ready(page);

    // First view: the newest four events, the hostile one among them, as text.
    const first = await rowTexts(page);
    expect(first).toHaveLength(4);
    expect(first).toContain(HOSTILE_TEXT);
    expect(await page.locator('#events tbody img, #events tbody script').count()).toBe(0);
    expect(await page.evaluate('window.__pwned')).toBeUndefined();
    // Its javascript: URL is no link; the others are, opened without referrer or opener.
    const hostileRow = page.locator('#events tbody tr', { hasText: 'Hostile title' });
    expect(await hostileRow.locator('a').count()).toBe(0);
    expect(await hostileRow.locator('.source').textContent()).toBe('<img src=x onerror="window.__pwned = \'title\'">Hostile title');
    expect(await page.locator('#events tbody a.source').first().getAttribute('rel')).toBe('noopener noreferrer');
    // Power figures normalized.
    expect(await hostileRow.locator('.figure').textContent()).toBe('2.5 GW');

    // The chart: a canvas with something drawn on it, a legend entry per entity.
    const inked = Number(await page.evaluate(`(() => { const c = document.querySelector('#chart canvas'); if (!c) return -1;
      const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data; let n = 0; for (let i = 3; i < d.length; i += 4) if (d[i]) n++; return n; })()`));
    expect(inked).toBeGreaterThan(500);
    expect(await page.locator('#chart .u-legend').textContent()).toMatch(/huawei \(\d+\).*nvidia/s);

    // Feeds: the failing one first, its error shown as text.
    expect(await page.locator('#feeds tbody tr').first().textContent()).toMatch(/中文科技.*failing.*HTTP 503 <b>Service<\/b> Unavailable/);

    // Filter by entity through the form: the URL carries it, the table changes.
    await page.selectOption('#filters select[name="entity"]', 'nvidia');
    await page.click('#filters button[type="submit"]');
    await page.waitForURL(/entity=nvidia/);
    await ready(page);
    expect(new URL(page.url()).searchParams.get('limit')).toBe('4');
    const nvidia = await rowTexts(page);
    expect(nvidia).not.toEqual(first);
    expect(nvidia.length).toBeGreaterThan(0);
    for (const tr of await page.locator('#events tbody tr').all()) expect(await tr.locator('.chip.entity').allTextContents()).toContain('nvidia');

    // Huawei has more than a page: "next" follows the Link header's cursor without repeats.
    await page.goto(`${base}/?entity=huawei&limit=4`);
    await ready(page);
    const page1 = await rowTexts(page);
    expect(page1).toHaveLength(4);
    await page.click('#next');
    await page.waitForURL(/cursor=/);
    await ready(page);
    const page2 = await rowTexts(page);
    expect(page2.length).toBeGreaterThan(0);
    expect(page2.filter((t) => page1.includes(t))).toEqual([]);
    expect(new URL(page.url()).searchParams.get('entity')).toBe('huawei');
    // Back goes back to the first page (the URL is the state).
    await page.goBack();
    await page.waitForURL((u) => !u.searchParams.has('cursor'));
    await ready(page);
    expect(await rowTexts(page)).toEqual(page1);

    // A power filter as written (1GW) from the URL fills the form; figures shown normalized.
    await page.goto(`${base}/?min=1GW&limit=10`);
    await ready(page);
    expect(await page.inputValue('#filters input[name="min"]')).toBe('1GW');
    expect(await page.locator('#events tbody .figure').allTextContents()).toEqual(['2.5 GW', '1.5 GW', '3 GW', '4.5 GW', '6 GW']);

    await page.goto(`${base}/?since=30d`);
    await ready(page);
    await page.screenshot({ path: join(ARTIFACTS, 'web-page.png'), fullPage: true });
    expect(await page.evaluate('window.__csp ?? []')).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('a bad filter in the URL shows the API\'s message, not a broken page', async () => {
    const { page, problems } = await open(1280, 900);
    await page.goto(`${base}/?min=lots`);
    await ready(page);
    expect(await page.locator('#error').textContent()).toMatch(/"min" must be a number/);
    expect(problems.filter((p) => !/status of 400|HTTP 400: .*\/events\?min=lots/.test(p))).toEqual([]);
    await page.close();
  });

  it('behind the real token door: the browser gives the token as the Basic password, and page, files and data open', async () => {
    const token = 'k3y-for-the-page-0123456789';
    const locked = buildApi({ store: openStore(db.dbPath, { readonly: true }), now: () => PAGE_NOW, closeStore: true, token });
    const url = await locked.listen({ host: '127.0.0.1', port: 0 });
    const refused = await fetch(`${url}/?entity=nvidia`);
    expect(refused.status).toBe(401);
    expect(refused.headers.get('www-authenticate')).toMatch(/Basic realm="newsmon"/);
    // What a person does at the browser's own prompt: any user name, the token as password.
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, httpCredentials: { username: 'analyst', password: token } });
    const page = await context.newPage();
    const failed: string[] = [];
    page.on('response', (r) => {
      if (r.status() >= 400) failed.push(`HTTP ${r.status()}: ${r.url()}`);
    });
    try {
      await page.goto(`${url}/?entity=nvidia`);
      // A locator, not waitForFunction: a string predicate is eval'd in the page, which its CSP refuses
      // once the page has loaded (a race: it passed while the check still ran on about:blank).
      await page.locator('#events tbody tr[data-event]').first().waitFor();
      await ready(page);
      expect(await page.locator('#error').isHidden()).toBe(true);
      expect(await page.locator('#chart canvas').count()).toBe(1);
      expect(failed).toEqual([]);
    } finally {
      await context.close();
      await locked.close();
    }
  });

  it('fits a phone: nothing runs off the side', async () => {
    const { page, problems } = await open(390, 844);
    await page.goto(`${base}/?since=30d&limit=6`);
    await ready(page);
    expect(Number(await page.evaluate('document.documentElement.scrollWidth - window.innerWidth'))).toBeLessThanOrEqual(1);
    expect(await page.locator('#chart canvas').count()).toBe(1);
    // Each event is a card showing its sentence (a hidden cell once left blank cards).
    const card = page.locator('#events tbody tr[data-event]').first();
    await expect.poll(() => card.locator('p.sentence').isVisible()).toBe(true);
    expect((await card.boundingBox())!.height).toBeGreaterThan(40);
    expect(await card.locator('td[data-label="Feed"]').getAttribute('data-empty')).toBeNull();
    await page.screenshot({ path: join(ARTIFACTS, 'web-page-phone.png'), fullPage: true });
    expect(await page.evaluate('window.__csp ?? []')).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  });
});
