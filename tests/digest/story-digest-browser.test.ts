import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser } from 'playwright-core';
import { buildStoryDigest } from '../../src/digest/story-digest.js';
import { renderStoryDigest } from '../../src/digest/story-render.js';
import { addDays } from '../../src/time/zoned-day.js';
import { sampleCompanies, sampleEvents, SAMPLE_DATE, SAMPLE_FEED_NAMES, SAMPLE_ZONE } from '../fixtures/digest/sample-day/index.js';

// The sample day's digest in headless Chromium (Debian's, no download) at desktop and phone
// widths: the key parts are visible, nothing runs off the side, screenshots are kept in
// test-artifacts/digest/ (gitignored) for a person to look at.

const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = join(process.cwd(), 'test-artifacts', 'digest');
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

const rendered = renderStoryDigest(
  buildStoryDigest(sampleEvents(), {
    date: SAMPLE_DATE,
    timezone: SAMPLE_ZONE,
    companies: sampleCompanies(addDays),
    feedNames: SAMPLE_FEED_NAMES,
    webBase: 'https://newsmon.example.org',
  }),
);

describe.skipIf(!existsSync(CHROMIUM))('story digest in Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    writeFileSync(join(ARTIFACTS, 'sample-digest.html'), rendered.html);
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
