import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { chromium, type Browser } from 'playwright-core';
import { run } from '../../src/cli/digest.js';
import { sampleDayDb, SAMPLE_DATE } from './store-day.js';

// The digest as mailed, in headless Chromium (Debian's, no download) at desktop and phone
// widths: the sample day is written into a real SQLite file, `newsmon digest --preview`
// renders it (the same code the mail uses), and the page is checked: the key parts are
// visible, nothing runs off the side, screenshots are kept in test-artifacts/digest/
// (gitignored) for a person to look at.

const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = join(process.cwd(), 'test-artifacts', 'digest');
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

const rendered = { html: '', text: '' };

/** `newsmon digest --preview` (HTML) and the default print (text) of the sample day's store. */
async function preview(): Promise<void> {
  const config = join(ARTIFACTS, 'config');
  mkdirSync(config, { recursive: true });
  writeFileSync(join(config, 'newsmon.yaml'), 'digest:\n  timezone: Asia/Shanghai\n  web_base: https://newsmon.example.org\n  to: [analyst@example.com]\n');
  const db = sampleDayDb();
  const file = join(ARTIFACTS, 'sample-digest.html');
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((rendered.text += String(s)), true));
  const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    expect(await run(['--date', SAMPLE_DATE, '--db', db, '--config', config, '--preview', file])).toBe(0);
    expect(await run(['--date', SAMPLE_DATE, '--db', db, '--config', config])).toBe(0);
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
  rendered.html = readFileSync(file, 'utf8');
}

describe.skipIf(!existsSync(CHROMIUM))('story digest in Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    await preview();
    writeFileSync(join(ARTIFACTS, 'sample-digest.txt'), rendered.text);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  });
  afterAll(async () => {
    await browser?.close();
  });

  for (const [label, width, height] of [['desktop', 1280, 900], ['phone', 390, 844]] as const) {
    it(`shows the head, spike, trends and power table at ${label} width`, async () => {
      const page = await browser.newPage({ viewport: { width, height } });
      // Nothing external may load: a mail client would block it anyway.
      const external: string[] = [];
      await page.route('**/*', (route) => {
        external.push(route.request().url());
        return route.abort();
      });
      await page.setContent(rendered.html);
      await expect.poll(() => page.locator('h1').isVisible()).toBe(true);
      expect(await page.locator('[data-section="head"] td[data-story]').count()).toBe(5);
      for (const sel of ['[data-section="head"] td[data-story] >> nth=0', '[data-spike="moore-threads"]', '[data-power-table]', '[data-trend="huawei"]', '[data-trend="moore-threads"]']) {
        expect(await page.locator(sel).isVisible(), sel).toBe(true);
      }
      expect(await page.locator('[data-spike]').count()).toBe(1);
      expect(await page.locator('script').count()).toBe(0);
      expect(await page.locator('text=摩尔线程科创板上市首日大涨425%').first().isVisible()).toBe(true);
      // A string, since the test's TypeScript has no DOM types.
      const overflow = Number(await page.evaluate('document.documentElement.scrollWidth - window.innerWidth'));
      expect(overflow).toBeLessThanOrEqual(1);
      await page.screenshot({ path: join(ARTIFACTS, `sample-digest-${label}.png`), fullPage: true });
      expect(external).toEqual([]);
      await page.close();
    });
  }
});
