import { join } from 'node:path';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildDigest } from '../../src/digest/build.js';
import { renderDigest, safeHref } from '../../src/digest/render.js';
import { escapeHtml } from '../../src/text/html-escape.js';
import type { FeedState, StoredEvent } from '../../src/store/types.js';
import { digestEntities } from '../../src/digest/watch-list.js';

// The repository's watch-list (config/entities.yaml): its order and names.
const entities = digestEntities(join(import.meta.dirname, '..', '..', 'config'));

// Golden files: tests/fixtures/digest/<case>.{html,txt,subject}. UPDATE_GOLDEN=1 rewrites them.
const dir = fileURLToPath(new URL('../fixtures/digest/', import.meta.url));
const fixture = (name: string): unknown => JSON.parse(readFileSync(`${dir}${name}`, 'utf8'));
const events = fixture('day-events.json') as StoredEvent[];
const feeds = fixture('feeds.json') as FeedState[];

function golden(file: string, actual: string): void {
  const path = `${dir}${file}`;
  if (process.env.UPDATE_GOLDEN === '1') writeFileSync(path, actual);
  // A missing golden file fails, rather than being written and passing unread.
  if (!existsSync(path)) throw new Error(`no golden file ${path}: run with UPDATE_GOLDEN=1 and review it`);
  expect(actual).toBe(readFileSync(path, 'utf8'));
}

describe('renderDigest golden files', () => {
  const cases = [
    { name: 'shanghai-day', digest: buildDigest(events, { entities, date: '2025-03-01', timezone: 'Asia/Shanghai', feeds }) },
    { name: 'empty-day', digest: buildDigest([], { entities, date: '2025-03-02', timezone: 'UTC', feeds: [] }) },
  ];
  it.each(cases)('$name', ({ name, digest }) => {
    const r = renderDigest(digest);
    golden(`${name}.subject`, `${r.subject}\n`);
    golden(`${name}.html`, r.html);
    golden(`${name}.txt`, r.text);
  });
});

describe('renderDigest of a capped section', () => {
  const many: StoredEvent[] = Array.from({ length: 30 }, (_, i) => ({
    id: i + 1, sentence: i % 6, text: `Nvidia sentence ${i}.`, entities: ['nvidia'], tags: [], powerFigures: [],
    article: { id: Math.floor(i / 6) + 1, url: `https://x.example/${Math.floor(i / 6)}`, title: `Article ${Math.floor(i / 6)}`, published: '2025-03-01T08:00:00Z', feed: null, fetchedAt: '2025-03-01T08:00:00Z' },
  }));
  const r = renderDigest(buildDigest(many, { entities, date: '2025-03-01', timezone: 'UTC', maxArticlesPerSection: 3, maxSentencesPerArticle: 4 }));

  it('says what was left out and how to see it all', () => {
    const more = '… and 2 more articles: newsmon events --entity nvidia --since 2025-03-01T00:00:00.000Z --until 2025-03-02T00:00:00.000Z';
    expect(r.text).toContain(`== Nvidia (30 events, 5 articles) ==`);
    expect(r.text).toContain('  … 2 more sentences\n');
    expect(r.text).toContain(more);
    expect(r.html).toContain(escapeHtml(more));
    expect(r.html).toContain('>… 2 more sentences</p>');
  });
});

describe('renderDigest safety', () => {
  const r = renderDigest(buildDigest(events, { entities, date: '2025-03-01', timezone: 'Asia/Shanghai', feeds }));

  it('escapes every value from the outside world', () => {
    expect(r.html).not.toContain('<script>');
    expect(r.html).toContain('&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; IPO news');
    expect(r.html).toContain('&lt;in Shanghai&gt; &amp; raised &quot;hopes&quot;');
    expect(r.html).toContain('Down &lt;b&gt;feed&lt;/b&gt;');
  });

  it('links only http(s) URLs', () => {
    expect(r.html).not.toContain('javascript:');
    expect(r.html).toContain('href="https://news.example.com/huawei-ascend"');
  });

  it('uses inline styles only: no <style>, no <link>, no <script>, no images', () => {
    expect(r.html).not.toMatch(/<style|<link|<script|<img/i);
  });

  it('marks power figures inside the sentence', () => {
    expect(r.html).toContain('needs <span style="background:#fff3c4;font-weight:bold">300 MW</span>, and each rack <span');
  });

  it('says the counts in the subject', () => {
    expect(r.subject).toBe('newsmon digest 2025-03-01 — 5 events: Huawei 2, Moore Threads 1, Nvidia 1, Hygon 1 (2 feeds failing)');
  });

  it('shows times in the digest zone', () => {
    expect(r.text).toContain("* Huawei's Ascend push — Example News, 09:30");
  });
});

describe('helpers', () => {
  it.each([
    ['https://a.example/x?y=1&z=2', 'https://a.example/x?y=1&z=2'],
    ['http://a.example', 'http://a.example/'],
    ['javascript:alert(1)', null],
    ['data:text/html,hi', null],
    ['not a url', null],
  ])('safeHref(%j) is %j', (url, want) => {
    expect(safeHref(url)).toBe(want);
  });
});
