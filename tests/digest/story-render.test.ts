import { describe, expect, it } from 'vitest';
import { buildStoryDigest, type StoryDigestView } from '../../src/digest/story-digest.js';
import { renderStoryDigest } from '../../src/digest/story-render.js';
import { FONT_STACK } from '../../src/digest/story-render-html.js';
import { dayViewUrl, fitToBudget, HTML_BUDGET_BYTES, POWER_ROWS, shownPowerRows } from '../../src/digest/size-budget.js';
import { sparkline, trendBarsHtml, trendLineText } from '../../src/digest/trend-render.js';
import { addDays } from '../../src/time/zoned-day.js';
import { sampleCompanies, sampleEvents, SAMPLE_DATE, SAMPLE_FEED_NAMES, SAMPLE_ZONE } from '../fixtures/digest/sample-day/index.js';

const view = (webBase: string | null = 'https://newsmon.example.org'): StoryDigestView =>
  buildStoryDigest(sampleEvents(), { date: SAMPLE_DATE, timezone: SAMPLE_ZONE, companies: sampleCompanies(addDays), feedNames: SAMPLE_FEED_NAMES, webBase });

describe('the sample day', () => {
  const v = view();
  const r = renderStoryDigest(v);

  it('has 40 articles in fewer stories; six outlets’ copies of the debut are one story', () => {
    expect(v.totals.articles).toBe(40);
    const debut = v.ranked.find((s) => s.articles.some((a) => a.url.includes('moore-debut-1')))!;
    expect(debut.articles.map((a) => a.url.replace(/.*\//, ''))).toEqual(['moore-debut-1', 'moore-debut-2', 'moore-debut-3', 'moore-debut-4', 'moore-debut-5', 'moore-debut-6']);
    expect(v.head[0]!.id).toBe(debut.id);
  });
  it('keeps Moore Threads’ other news of the day, and the Chinese copies, as their own stories', () => {
    const ids = (key: string): string => v.ranked.find((s) => s.articles.some((a) => a.url.includes(key)))!.id;
    expect(new Set([ids('moore-debut-1'), ids('moore-debut-zh-1'), ids('moore-card-1'), ids('moore-mobile-1')]).size).toBe(4);
    expect(v.ranked.find((s) => s.id === ids('moore-debut-zh-1'))!.articles).toHaveLength(3);
  });
  it('links every outlet of a story once in the head, and names outlets, never feed ids', () => {
    for (const k of [1, 2, 3, 4, 5, 6]) expect(r.html.split(`moore-debut-${k}"`).length - 1).toBeGreaterThanOrEqual(1);
    expect(r.html).toContain('>South China Morning Post</a>');
    expect(r.html).toContain('>servethehome.com</a>'); // a feed without a configured name
    expect(r.html).not.toMatch(/>(reuters|scmp|servethehome)</);
  });
  it('calls out the Moore Threads spike and only it', () => {
    expect(v.companies.filter((c) => c.spike).map((c) => c.id)).toEqual(['moore-threads']);
    expect(r.html).toContain('data-spike="moore-threads"');
    expect(r.text).toMatch(/Moore Threads +\S{14} {2}12 today · 7-day avg 1\.6 · SPIKE: 7\.6× ITS 7-DAY AVERAGE/);
    expect(r.subject).toContain('spike: Moore Threads');
  });
  it('escapes what the sources wrote and carries no script, SVG or external resource', () => {
    expect(r.html).not.toContain('<script>');
    expect(r.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(r.html).not.toMatch(/<svg|<img|<link|src=/i);
  });
  it('names CJK faces in the font stack', () => {
    expect(r.html).toContain(FONT_STACK.replace(/'/g, "'"));
    expect(FONT_STACK).toMatch(/PingFang SC.*Microsoft YaHei.*Noto Sans CJK SC/);
  });
  it('lists each power figure once with all its outlets, normalized', () => {
    const figures = v.power.map((p) => p.figure);
    expect(figures).toEqual(['1.2 GW', '300–500 MW', '8–10 MW', '200 kW/rack', '132 kW', '60+ kW', '800 W', '150 TWh']);
    expect(v.power.find((p) => p.figure === '8–10 MW')!.sources).toHaveLength(4);
  });
  it('the text part stands alone: sources’ URLs, trends for every company, power figures', () => {
    expect(r.text).toContain('https://reuters.example.com/news/moore-debut-1');
    for (const c of v.companies) expect(r.text).toContain(`${c.name} `);
    expect(r.text).toContain('* 150 TWh — no company named — ');
    expect(r.collapsed).toBe(0);
  });
});

describe('size budget', () => {
  it('collapses the lowest-ranked stories into a count with a link to the day on the web', () => {
    const v = view();
    const whole = Buffer.byteLength(renderStoryDigest(v).html);
    const budget = Math.floor(whole * 0.6);
    const r = renderStoryDigest(v, budget);
    expect(Buffer.byteLength(r.html)).toBeLessThanOrEqual(budget);
    expect(r.collapsed).toBeGreaterThan(0);
    expect(r.html).toContain(`data-collapsed="${r.collapsed}"`);
    const link = dayViewUrl('https://newsmon.example.org', v.range).replace(/&/g, '&amp;');
    expect(r.html).toContain(`href="${link}"`);
    expect(r.text).toContain(`${r.collapsed} lower-ranked stories not shown: https://newsmon.example.org/?since=`);
    // The best stories stay: the head's first is still there.
    expect(r.html).toContain(`data-story="${v.head[0]!.id}"`);
  });
  it('keeps the default budget at 102 KB', () => expect(HTML_BUDGET_BYTES).toBe(104_448));
  const render = (shown: readonly number[], collapsed: number): string => 'x'.repeat(10 + shown.reduce((a, b) => a + b, 0)) + (collapsed ? '+' : '');
  const cases: Array<[string, number[], number, number]> = [
    ['everything fits', [5, 5, 5], 25, 0],
    ['the tail collapses', [5, 5, 5], 21, 1],
    ['all collapse when only the frame fits', [50, 5], 11, 2],
  ];
  it.each(cases)('fitToBudget: %s', (_n, items, budget, collapsed) => {
    const f = fitToBudget(items, render, budget);
    expect(f.collapsed).toBe(collapsed);
    expect(f.html.length).toBeLessThanOrEqual(budget);
  });
  it('fitToBudget throws when even the frame is too big', () => expect(() => fitToBudget([1], render, 5)).toThrow(/does not fit/));
  it('shows at most POWER_ROWS power figures, most-sourced first, in table order, and counts the rest', () => {
    const rows = Array.from({ length: 30 }, (_, i) => ({ i, sources: i === 29 ? [1, 2, 3] : [1] }));
    const shown = shownPowerRows(rows, 5);
    expect(shown.rows.map((r) => r.i)).toEqual([0, 1, 2, 3, 29]);
    expect(shown.more).toBe(25);
    expect(shownPowerRows(rows.slice(0, 4), 5)).toEqual({ rows: rows.slice(0, 4), more: 0 });
  });
  it('a day of many power figures keeps its stories: the table is cut, with a count and a link', () => {
    const v = view();
    const many = Array.from({ length: POWER_ROWS + 40 }, (_, i) => ({ ...v.power[0]!, figure: `${i + 1} MW`, si: (i + 1) * 1e6 }));
    const r = renderStoryDigest({ ...v, power: many });
    expect(r.collapsed).toBe(0);
    expect(r.html.match(/<tr><td style="[^"]*;width:30%"/g)).toHaveLength(POWER_ROWS);
    expect(r.html).toContain('data-more-figures="40"');
    expect(r.text).toContain('… and 40 more power figures: https://newsmon.example.org/?since=');
  });
  it('dayViewUrl builds the web page’s query', () => {
    expect(dayViewUrl('https://n.example/', { start: '2026-11-29T16:00:00.000Z', end: '2026-11-30T16:00:00.000Z' })).toBe(
      'https://n.example/?since=2026-11-29T16%3A00%3A00.000Z&until=2026-11-30T16%3A00%3A00.000Z',
    );
  });
});

describe('trend rendering', () => {
  const day = (counts: number[], spike = false) => ({
    id: 'x', name: 'X', count: counts.at(-1)!, average7: 2, spike, stories: [],
    trend: counts.map((count, i) => ({ date: `2026-11-${String(17 + i).padStart(2, '0')}`, count })),
  });
  it('sparkline scales to the maximum', () => expect(sparkline([0, 1, 2, 4, 8])).toBe('▁▂▃▅█'));
  it('bars: one cell per day, tallest today, zero days a 1px stub, no SVG', () => {
    const html = trendBarsHtml(day([0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 8], true));
    expect(html.match(/<td /g)).toHaveLength(14);
    expect(html).toContain('height:28px;background:#c2410c');
    expect(html).toContain('height:1px;background:#e5e7eb');
    expect(html).not.toMatch(/svg|script/i);
  });
  it('text line has the numbers and the spike', () => {
    expect(trendLineText(day([1, 2, 8], true), 3)).toBe('X   ▂▃█  8 today · 7-day avg 2.0 · SPIKE: 4.0× ITS 7-DAY AVERAGE');
  });
});
