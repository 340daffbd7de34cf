import { describe, expect, it } from 'vitest';
import type { PowerFigure } from '../../src/model.js';
import { average7, companyDays, headStories, isSpike, rankStories, scoreStory, storyConcerns } from '../../src/digest/rank.js';
import type { Story, StoryArticle } from '../../src/digest/story-types.js';
import { addDays } from '../../src/time/zoned-day.js';

const WATCH = new Set(['moore-threads', 'metax', 'huawei', 'nvidia']);
const art = (id: number, outlet: string, entities: string[] = [], published = `2026-11-30T0${id % 10}:00:00.000Z`): StoryArticle => ({
  id, url: `https://${outlet}.example.com/${id}`, title: `t${id}`, published, outlet, entities,
});
const fig = (si: number): PowerFigure => ({ text: `${si} W`, value: si, unit: 'W', kind: 'power', si, sentence: 0, start: 0, end: 1 });
function story(id: string, over: Partial<Story> = {}): Story {
  const articles = over.articles ?? [art(Number(id.slice(1)), 'a')];
  return {
    id, title: id, articles, outlets: [...new Set(articles.map((a) => a.outlet))], entities: ['huawei'], subject: 'huawei',
    tags: [], sentences: [], figures: [], ...over,
  };
}
const sentence = { articleId: 1, text: 'x', entities: [], tags: [], powerFigures: [] };

describe('scoreStory', () => {
  const cases: Array<[string, Partial<Story>, number, string[]]> = [
    ['a single outlet with nothing else scores 0', {}, 0, []],
    ['3 points per extra outlet', { articles: [art(1, 'a'), art(2, 'b'), art(3, 'c')] }, 6, ['3 outlets']],
    ['outlets are capped at 5 extra', { articles: [1, 2, 3, 4, 5, 6, 7, 8].map((i) => art(i, `o${i}`)) }, 15, ['8 outlets']],
    ['two copies from one outlet are one outlet', { articles: [art(1, 'a'), art(2, 'a')] }, 0, []],
    ['ipo and export-control weigh 4', { tags: ['export-control', 'ipo'] }, 8, ['export-control', 'ipo']],
    ['earnings weighs 3, funding 2, an unknown tag 0', { tags: ['earnings', 'funding', 'gossip'] }, 5, ['earnings', 'funding']],
    ['a figure weighs 2, each further distinct one 1 (up to 2)', { figures: [1e3, 2e3, 3e3, 4e3].map((si) => ({ figure: fig(si), sentence })) }, 4, ['1 kW', '2 kW', '3 kW']],
    ['the same figure twice counts once', { figures: [1e6, 1e6].map((si) => ({ figure: fig(si), sentence })) }, 2, ['1 MW']],
    ['each extra watch-list company 1; other entities none', { entities: ['huawei', 'nvidia', 'acme'] }, 1, ['2 companies']],
  ];
  it.each(cases)('%s', (_n, over, score, reasons) => {
    const r = scoreStory(story('s1', over), WATCH);
    expect(r.score).toBe(score);
    expect(r.reasons).toEqual(reasons);
  });
});

describe('rankStories and headStories', () => {
  it('orders by score, then more articles, then earlier first article, then id', () => {
    const ranked = rankStories(
      [
        story('s1'),
        story('s2', { tags: ['ipo'] }),
        story('s3', { articles: [art(3, 'a'), art(13, 'a')] }),
        story('s4', { articles: [art(4, 'a', [], '2026-11-30T00:00:00.000Z')] }),
      ],
      WATCH,
    );
    expect(ranked.map((s) => s.id)).toEqual(['s2', 's3', 's4', 's1']);
  });
  it('the head leaves out stories that touch no watch-list company and keeps its size', () => {
    const ranked = rankStories([story('s1', { entities: [], subject: null, tags: ['ipo'] }), story('s2'), story('s3'), story('s4')], WATCH);
    expect(headStories(ranked, WATCH, 2).map((s) => s.id)).toEqual(['s2', 's3']);
  });
});

describe('spikes', () => {
  const cases: Array<[number, number, boolean]> = [
    [5, 2.5, true], // exactly 2× and exactly the minimum
    [4, 0, false], // under the minimum, however quiet the week
    [5, 0, true],
    [9, 4.6, false], // under 2×
    [30, 14.9, true],
  ];
  it.each(cases)('%d today against an average of %d → %s', (count, avg, want) => expect(isSpike(count, avg)).toBe(want));

  it('the 7-day average reads the 7 days before today, missing days as 0', () => {
    const history = [{ date: '2026-11-29', count: 7 }, { date: '2026-11-23', count: 7 }, { date: '2026-11-22', count: 100 }, { date: '2026-11-30', count: 50 }];
    expect(average7(history, '2026-11-30', addDays)).toBe(2);
  });
});

describe('companyDays', () => {
  const debut = story('s1', {
    subject: 'moore-threads', entities: ['moore-threads', 'nvidia'],
    articles: [art(1, 'a', ['moore-threads', 'nvidia']), art(2, 'b', ['moore-threads']), art(3, 'c', ['moore-threads'])],
  });
  const ranked = rankStories([debut, story('s9', { subject: 'nvidia', entities: ['nvidia'], articles: [art(9, 'd', ['nvidia'])] })], WATCH);
  const days = companyDays(
    ranked,
    [{ id: 'moore-threads', name: 'Moore Threads', history: [{ date: '2026-11-29', count: 1 }] }, { id: 'nvidia', name: 'Nvidia', history: [] }],
    '2026-11-30',
    addDays,
  );
  it('counts articles naming the company, in any story', () => {
    expect(days.map((d) => d.count)).toEqual([3, 2]);
  });
  it('lists a story under its subject, not under a company a minority of its copies name', () => {
    expect(days[0]!.stories.map((s) => s.id)).toEqual(['s1']);
    expect(days[1]!.stories.map((s) => s.id)).toEqual(['s9']);
    expect(storyConcerns(debut, 'nvidia')).toBe(false);
  });
  it('has a 14-day trend ending today with today’s count', () => {
    const t = days[0]!.trend;
    expect(t).toHaveLength(14);
    expect(t[0]!.date).toBe('2026-11-17');
    expect(t[12]).toEqual({ date: '2026-11-29', count: 1 });
    expect(t[13]).toEqual({ date: '2026-11-30', count: 3 });
  });
});
