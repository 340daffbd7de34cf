import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractMainContent } from '../../src/extract/main-content.js';
import { parseHtml } from '../../src/extract/parse-html.js';
import { contentMatches, removeMatches } from '../../src/extract/site-rules.js';
import type { SiteRuleOutcome, SiteRules } from '../../src/model.js';

// Site rules on pages built the way sites build them (tests/fixtures/site-rules/): nested
// wrappers, share bars, inline ads and newsletter boxes inside the body, related lists,
// an article in an <aside>, a short brief beside long "editor's picks".

const dir = join(import.meta.dirname, '..', 'fixtures', 'site-rules');
const page = (name: string): string => readFileSync(join(dir, name), 'utf8');

const BIREN_FIRST = 'Shanghai-based Biren Technology has started delivering its BR106 accelerator boards';
const BIREN_LAST = "Biren's chief executive said in March that the company would ship its next-generation part in 2026.";

interface Case {
  name: string;
  file: string;
  rules: SiteRules;
  /** The body's lines, first to last, when the case pins them all. */
  lines?: string[];
  first?: string;
  last?: string;
  includes?: string[];
  excludes?: string[];
  outcome: Partial<SiteRuleOutcome>;
}

const cases: Case[] = [
  {
    name: 'content inside nested wrappers, with the inline ad, related link and newsletter box removed',
    file: 'wrapped-news.html',
    rules: { content: 'article .entry-content .rich-text', remove: ['.ad-wrapper', '.inline-related', '.newsletter-signup'] },
    first: BIREN_FIRST,
    last: BIREN_LAST,
    excludes: ['Advertisement', 'liquid loops', 'Read also', 'Sign up now', 'Share this story', 'Related stories', 'comments'],
    outcome: { used: 'content', matched: 1, removed: 3 },
  },
  {
    name: 'content alone keeps what sits inside the matched element (the rule is the user\'s word)',
    file: 'wrapped-news.html',
    rules: { content: '.rich-text', remove: [] },
    includes: ['Advertisement', 'Upgrade your data centre cooling', 'Read also: Moore Threads prices its Shanghai IPO', 'Get the Silicon Wire daily'],
    excludes: ['Share this story', 'Related stories'],
    outcome: { used: 'content', matched: 1, removed: 0 },
  },
  {
    name: 'several matches are joined in document order',
    file: 'wrapped-news.html',
    rules: { content: '.rich-text > p', remove: [] },
    lines: [
      expect.stringMatching(/^Shanghai-based Biren/) as unknown as string,
      expect.stringMatching(/^The boards, which pair/) as unknown as string,
      expect.stringMatching(/^The company filed for a Hong Kong listing/) as unknown as string,
      expect.stringMatching(/^Analysts at a Beijing brokerage/) as unknown as string,
      BIREN_LAST,
    ],
    outcome: { used: 'content', matched: 5 },
  },
  {
    name: 'a selector list naming a wrapper and its paragraphs gives each text once',
    file: 'wrapped-news.html',
    rules: { content: '.rich-text > p:last-child, .rich-text, h1.entry-title', remove: ['.ad-wrapper', '.inline-related', '.newsletter-signup'] },
    first: 'Biren ships BR106 boards to a second cloud customer',
    last: BIREN_LAST,
    outcome: { used: 'content', matched: 2 },
  },
  {
    name: 'remove only: automatic extraction over the pruned page',
    file: 'brief-with-picks.html',
    rules: { content: null, remove: ['.editors-picks'] },
    lines: [
      'Cambricon has won an order to supply accelerators for a 50 MW data centre in Inner Mongolia, the company said in a filing on Tuesday.',
      'The company did not give the value of the contract.',
    ],
    outcome: { used: 'auto', matched: 0, removed: 1 },
  },
  {
    name: 'content where automatic extraction takes the long neighbouring block too',
    file: 'brief-with-picks.html',
    rules: { content: '.brief-body', remove: [] },
    lines: [
      'Cambricon has won an order to supply accelerators for a 50 MW data centre in Inner Mongolia, the company said in a filing on Tuesday.',
      'The company did not give the value of the contract.',
    ],
    outcome: { used: 'content', matched: 1 },
  },
  {
    name: 'content inside an <aside>: the rule sees the page as a browser does',
    file: 'aside-article.html',
    rules: { content: 'aside.story-panel .story-panel__text', remove: [] },
    lines: [
      'Enflame has introduced an inference card rated at 150 W, aimed at servers that cannot take the power of a training accelerator.',
      'The company says the card is already in trials with two internet companies.',
    ],
    outcome: { used: 'content', matched: 1 },
  },
  {
    name: 'Chinese portal: the body by id, its ad box and editor line removed',
    file: 'cn-portal.html',
    rules: { content: '#artibody', remove: ['.otherContent_01', '.show_author'] },
    lines: [
      '某某科技讯 7月18日消息，摩尔线程今日在北京发布新一代训练芯片，单卡功耗为600瓦，公司称其能效较上一代提升约一倍。',
      '摩尔线程表示，基于新芯片的千卡集群已在多家智算中心部署，单个机柜功率约为40千瓦。',
      '业内人士指出，国产GPU厂商正加快产品迭代，华为、寒武纪等公司也在扩大算力芯片出货。',
    ],
    outcome: { used: 'content', matched: 1, removed: 2 },
  },
  {
    name: 'jQuery-style filters cheerio supports (:contains, :first)',
    file: 'cn-portal.html',
    rules: { content: '#artibody p:contains(摩尔线程):first', remove: [] },
    lines: ['某某科技讯 7月18日消息，摩尔线程今日在北京发布新一代训练芯片，单卡功耗为600瓦，公司称其能效较上一代提升约一倍。'],
    outcome: { used: 'content', matched: 1 },
  },
];

describe('site rules on real-shaped pages', () => {
  it.each(cases)('$name', (c) => {
    const main = extractMainContent(page(c.file), { rules: c.rules });
    const lines = main.text.split('\n');
    if (c.lines) expect(lines).toEqual(c.lines);
    if (c.first) expect(lines[0]).toMatch(new RegExp(`^${c.first.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
    if (c.last) expect(lines[lines.length - 1]).toBe(c.last);
    for (const s of c.includes ?? []) expect(main.text).toContain(s);
    for (const s of c.excludes ?? []) expect(main.text).not.toContain(s);
    expect(main.siteRule).toMatchObject(c.outcome);
    expect(main.siteRule?.fallback).toBeUndefined();
  });

  it('keeps the page metadata (title, canonical URL) when a content rule is used', () => {
    const main = extractMainContent(page('wrapped-news.html'), { rules: { content: '.rich-text', remove: [] } });
    expect(main.title).toBe('Biren ships BR106 boards to a second cloud customer');
    expect(main.canonicalUrl).toBe('https://siliconwire.example.com/2025/07/biren-br106-second-customer');
    expect(main.lang).toBe('en');
  });
});

describe('fallback to automatic extraction', () => {
  const fallbacks: Array<{ name: string; file: string; rules: SiteRules; why: RegExp }> = [
    { name: 'a content selector that matches nothing', file: 'wrapped-news.html', rules: { content: '.post-body', remove: [] }, why: /"\.post-body" matched nothing on the page/ },
    { name: 'a content selector that matches only empty elements', file: 'wrapped-news.html', rules: { content: '.ad-label:empty, input', remove: [] }, why: /matched 1 element\(s\) with no text/ },
    { name: 'a selector cheerio cannot read (config load rejects it; extraction must not throw)', file: 'cn-portal.html', rules: { content: 'div[', remove: [] }, why: /"div\[" is not valid/ },
  ];
  it.each(fallbacks)('$name: the automatic text, and why', ({ file, rules, why }) => {
    const html = page(file);
    const main = extractMainContent(html, { rules });
    expect(main.text).toBe(extractMainContent(html).text);
    expect(main.text.length).toBeGreaterThan(100);
    expect(main.siteRule?.used).toBe('auto');
    expect(main.siteRule?.fallback).toMatch(why);
  });

  it('still applies the remove rules on the way to automatic extraction', () => {
    const main = extractMainContent(page('brief-with-picks.html'), { rules: { content: '.no-such-body', remove: ['.editors-picks'] } });
    expect(main.text).not.toContain('grid is the real bottleneck');
    expect(main.text).toContain('Cambricon has won an order');
    expect(main.siteRule).toMatchObject({ used: 'auto', removed: 1, fallback: expect.stringContaining('matched nothing') });
  });

  it('reports a remove selector it cannot read and goes on with the others', () => {
    const main = extractMainContent(page('brief-with-picks.html'), { rules: { content: null, remove: ['p:nth-child(x)', '.editors-picks'] } });
    expect(main.text).not.toContain('grid is the real bottleneck');
    expect(main.siteRule?.invalid).toEqual([expect.stringMatching(/^p:nth-child\(x\): /)]);
  });
});

describe('no rules: extraction exactly as before', () => {
  it.each(['wrapped-news.html', 'cn-portal.html', 'brief-with-picks.html', 'aside-article.html'])('%s', (file) => {
    const html = page(file);
    const plain = extractMainContent(html);
    expect(plain.siteRule).toBeUndefined();
    expect(extractMainContent(html, { rules: null })).toEqual(plain);
    expect(extractMainContent(html, { rules: { content: null, remove: [] } })).toEqual(plain);
  });
});

describe('cheerio on the htmlparser2 tree', () => {
  it('removes from the very tree extraction reads (no copy, no second parse)', () => {
    const doc = parseHtml(page('wrapped-news.html'));
    const before = contentMatches(doc, '.rich-text')[0];
    expect(removeMatches(doc, ['.ad-wrapper', '.newsletter-signup'])).toEqual({ removed: 2, invalid: [] });
    const after = contentMatches(doc, '.rich-text')[0];
    expect(after).toBe(before);
    expect(contentMatches(doc, '.ad-wrapper')).toEqual([]);
  });

  it('returns matches in document order, outermost only', () => {
    const doc = parseHtml(page('wrapped-news.html'));
    const m = contentMatches(doc, '.rich-text p, h1, .rich-text');
    expect(m.map((e) => e.name)).toEqual(['h1', 'div']);
  });
});
