import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractMainContent } from '../../src/extract/main-content.js';

// Golden files: tests/fixtures/extract/NAME.html → NAME.expected.json (title, text, lang,
// published, author, canonicalUrl). UPDATE_GOLDEN=1 rewrites them; review the diff.

const repoRoot = resolve(import.meta.dirname, '..', '..');
const fixtures = join(repoRoot, 'tests', 'fixtures', 'extract');
const shared = resolve(repoRoot, '..', 'shared');
const seedFile = join(shared, 'seed', 'aicnbc-16727-china-ai-chips.txt');

const pages = readdirSync(fixtures).filter((f) => f.endsWith('.html') && !f.endsWith('.template.html')).sort();

describe('extractMainContent golden files', () => {
  it.each(pages)('%s', (file) => {
    const html = readFileSync(join(fixtures, file), 'utf8');
    const got = extractMainContent(html, { url: `https://fixtures.example/${file}` });
    const goldenPath = join(fixtures, file.replace(/\.html$/, '.expected.json'));
    if (process.env.UPDATE_GOLDEN) writeFileSync(goldenPath, `${JSON.stringify(got, null, 2)}\n`);
    expect(got).toEqual(JSON.parse(readFileSync(goldenPath, 'utf8')));
  });
});

/** The seed article wrapped in a news site's chrome: nav, share bar, related list, comments, footer, cookie banner. */
function seedPage(): { html: string; summary: string; paragraphs: string[]; title: string } {
  const lines = readFileSync(seedFile, 'utf8').split('\n').map((l) => l.trim()).filter(Boolean);
  const end = lines.findIndex((l) => l.startsWith('Original article'));
  const [title = '', summary = '', ...paragraphs] = lines.slice(0, end);
  const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const html = readFileSync(join(fixtures, 'aicnbc-chrome.template.html'), 'utf8')
    .replaceAll('{{TITLE}}', esc(title))
    .replace('{{SUMMARY}}', esc(summary))
    .replace('{{PARAGRAPHS}}', paragraphs.map((p) => `          <p>${esc(p)}</p>`).join('\n'));
  return { html, summary, paragraphs, title };
}

describe.skipIf(!existsSync(seedFile))('the seed article in a news page', () => {
  it('yields the summary and body, and nothing of the chrome', () => {
    const { html, summary, paragraphs, title } = seedPage();
    const got = extractMainContent(html, { url: 'https://aicnbc.com/16727.html' });
    expect(got.text).toBe([summary, ...paragraphs].join('\n'));
    expect(got).toMatchObject({ title, lang: 'en', author: 'Tobias', published: '2026-01-26T01:12:40.000Z', canonicalUrl: 'https://aicnbc.com/16727.html' });
  });

  it.each([
    ['related-news headline', 'Moore Threads shares double'],
    ['related-news headline', 'Blackwell racks draw 120 kW'],
    ['previous/next links', 'H20 shipments to China resume'],
    ['comment', 'CUDA is the real moat'],
    ['cookie banner', 'We use cookies'],
    ['share bar', 'Weibo'],
    ['navigation', 'Tech: Nvidia, Huawei'],
    ['sidebar', 'market cap tops'],
    ['footer', 'All rights reserved'],
    ['reprint notice', 'Original article'],
    ['like button', 'Like (0)'],
    ['ad label', 'Advertisement'],
  ])('does not leak the %s "%s"', (_what, phrase) => {
    expect(extractMainContent(seedPage().html).text).not.toContain(phrase);
  });
});

const PARA = '<p>Prose with a comma, several words, and enough length to count as a paragraph of an article.</p>\n';

describe('pages that misuse chrome tags', () => {
  it.each(['aside', 'nav', 'footer'])('an article inside <%s> is still found', (tag) => {
    const script = `<script>${'var x = 1;'.repeat(5000)}</script>`;
    const html = `<html><head>${script}</head><body><div class="menu"><a href="/">Home</a></div><${tag} class="page">${PARA.repeat(8)}</${tag}></body></html>`;
    expect(extractMainContent(html).text.split('\n')).toHaveLength(8);
  });
});

describe('bad input gives a clear result, never a crash or a hang', () => {
  it.each([
    { name: 'empty input', html: '', text: '' },
    { name: 'whitespace only', html: ' \n\t ', text: '' },
    { name: 'binary junk', html: Buffer.from(Array.from({ length: 65536 }, (_, i) => (i * 7919 + 13) % 256)).toString('latin1'), text: '' },
    { name: 'no article (a front page of headline links)', html: readFileSync(join(fixtures, 'no-article.html'), 'utf8'), text: '' },
    { name: 'a one-line fragment is its own text', html: '<p>Huawei shipped <b>chips</b>.</p>', text: 'Huawei shipped chips.' },
    { name: 'script never closed: the paragraph before it, none of the script', html: `<body>${PARA}<script>var x = "${'a'.repeat(100000)}`, text: 'Prose with a comma, several words, and enough length to count as a paragraph of an article.' },
    { name: 'tags never closed', html: `<html><body><div><p>${'<b><i>'.repeat(5000)}Deeply formatted text, with a comma, long enough to be kept.`, text: 'Deeply formatted text, with a comma, long enough to be kept.' },
  ])('$name', ({ html, text }) => {
    expect(extractMainContent(html).text).toBe(text);
  });

  it.each([
    { name: '100k nested <div>', html: `${'<div>'.repeat(100_000)}${PARA}${'</div>'.repeat(100_000)}` },
    { name: '100k unclosed <span>', html: `${'<span>'.repeat(100_000)}${PARA}` },
    { name: '100k nested <a> in a paragraph', html: `<p>Intro, with a comma. ${'<a href="/x">'.repeat(100_000)}x</p>${PARA}` },
    { name: '30k nested tables', html: `${'<table><tr><td>'.repeat(30_000)}${PARA}` },
    { name: '50k nested lists', html: `${'<ul><li>'.repeat(50_000)}${PARA}` },
  ])('$name: keeps the paragraph', ({ html }) => {
    expect(extractMainContent(html).text).toContain('Prose with a comma');
  }, 60_000);
});
