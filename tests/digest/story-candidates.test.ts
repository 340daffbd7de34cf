import { describe, expect, it } from 'vitest';
import { TermInterner, storyTokens } from '../../src/text/story-tokens.js';
import { clusterStories, type StoryDoc } from '../../src/digest/story-clusters.js';

// The busy-day machinery of story clustering: term ids equal to storyTokens(), candidate
// generation that cannot lose a story's copies, and average link against chaining.

describe('TermInterner', () => {
  const texts = [
    'The Licences were Issued',
    "Nvidia's H20 priced at 114.28 yuan; O'Neil's 3.5x e.g. U.S. exports' A100s",
    'x.y.. .5 a-b 9.',
    'MetaX 沐曦 上市 首日 ＧＰＵ　２０２５ Café naïve — résumé',
    '摩尔线程今日在科创板上市，发行价114.28元，首日大涨425%。',
    '輝達H200晶片可銷往中國，2025年第三次访华，GPU第一股',
    '',
  ];
  it.each(texts)('gives the ids of storyTokens(): %s', (text) => {
    const interner = new TermInterner();
    const ids: number[] = [];
    interner.tokens(text, ids);
    interner.tokens(text, ids); // the second time from the table of words seen
    const want = storyTokens(text);
    expect(ids.map((id) => interner.term(id))).toEqual([...want, ...want]);
  });
  it('gives one id per distinct term across texts, whatever the case', () => {
    const interner = new TermInterner();
    const a: number[] = [];
    const b: number[] = [];
    interner.tokens('Exports exported', a);
    interner.tokens('EXPORTS', b);
    expect(a[0]).toBe(a[1]);
    expect(b[0]).toBe(a[0]);
  });
  it('keeps its table right past many distinct words (the table grows)', () => {
    const interner = new TermInterner();
    const text = Array.from({ length: 70_000 }, (_, i) => `w${i.toString(36)}0`).join(' ');
    const ids: number[] = [];
    interner.tokens(text, ids);
    interner.tokens(text, ids);
    expect(new Set(ids).size).toBe(70_000);
    expect(ids.slice(70_000)).toEqual(ids.slice(0, 70_000));
  });
});

const words = (prefix: string, n: number): string[] => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

describe('candidate generation', () => {
  // A busy day: 3,000 articles over a shared vocabulary, so every common word is held by
  // hundreds (far past the window), each article with a dozen words of its own. Two copies
  // of one story share only six rare words (the story's names and figures).
  const common = words('c', 40);
  const day: StoryDoc[] = Array.from({ length: 3000 }, (_, d) => ({ id: String(d), tokens: [...common.filter((_, k) => (d + k) % 3 === 0), ...words(`own${d}x`, 12)] }));
  const rare = ['nebula9', 'kx7', 'orionfab', 'zq81', 'tethys', 'h200x'];
  day[17] = { id: '17', tokens: [...day[17]!.tokens, ...rare] };
  day[2950] = { id: '2950', tokens: [...day[2950]!.tokens, ...rare] };

  it('finds the two copies sharing the story’s rare words, however far apart and however busy the day', () => {
    const groups = clusterStories(day, { wholeSetIdf: true });
    expect(groups.find((g) => g.includes('17'))).toEqual(['17', '2950']);
    expect(groups).toHaveLength(2999);
  });
  it('a story carried by hundreds of outlets stays one story (its terms’ postings pass the window)', () => {
    const story = ['hbm4', 'fabx', 'yield', 'samsung', 'qualif', 'pyeongtaek', 'wafer', 'stack'];
    const copies: StoryDoc[] = Array.from({ length: 400 }, (_, d) => ({ id: `s${d}`, tokens: [...story, ...words(`o${d}y`, 2)], subject: 'x' }));
    const other: StoryDoc[] = Array.from({ length: 3000 }, (_, d) => ({ id: `t${d}`, tokens: ['ascend', 'cluster', ...words(`p${d}z`, 6)], subject: 'x' }));
    const groups = clusterStories([...copies, ...other].sort((a, b) => a.id.localeCompare(b.id)), { wholeSetIdf: true });
    const of = (id: string): number => groups.findIndex((g) => g.includes(id));
    expect(new Set(copies.map((c) => of(c.id))).size).toBe(1);
    expect(of('s0')).not.toBe(of('t0'));
  });
});

describe('average link against chaining', () => {
  // A and C are different stories; B is a round-up that shares half its terms with each. By
  // single link, A–B and B–C would chain A and C into one story. Average link adds B to A's
  // group, and C, similar to B but not to A, starts its own.
  const a = ['alpha', 'beta', 'gamma', 'delta', 'epsil', 'zeta'];
  const c = ['kappa', 'lambda', 'mu', 'nu', 'xi', 'omicr'];
  const b = [...a.slice(0, 3), ...c.slice(0, 3)];
  const filler: StoryDoc[] = Array.from({ length: 30 }, (_, d) => ({ id: `f${d}`, tokens: words(`f${d}w`, 6) }));
  const docs: StoryDoc[] = [...filler, { id: 'A', tokens: a }, { id: 'B', tokens: b }, { id: 'C', tokens: c }];

  it('B joins A; C, as similar to B as A is, starts its own story', () => {
    const groups = clusterStories(docs, { threshold: 0.3 }).filter((g) => g.some((id) => 'ABC'.includes(id)));
    expect(groups).toEqual([['A', 'B'], ['C']]);
    // Without A in the day, C does join B: the two are similar enough.
    expect(clusterStories([...filler, { id: 'B', tokens: b }, { id: 'C', tokens: c }], { threshold: 0.3 }).filter((g) => g.includes('B'))).toEqual([['B', 'C']]);
  });
});

describe('subjects', () => {
  it('an article about a watched company never joins a look-alike naming none', () => {
    const text = ['listing', 'debut', 'shares', 'soar', 'hong', 'kong', 'oversubscribed', 'retail'];
    const groups = clusterStories([
      { id: 'biren', tokens: [...text, 'biren'], subject: 'biren' },
      { id: 'other', tokens: [...text, 'brainaurora'], subject: null },
      { id: 'other2', tokens: [...text, 'brainaurora'] },
    ]);
    expect(groups).toEqual([['biren'], ['other', 'other2']]);
  });
});
