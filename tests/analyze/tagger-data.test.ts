import { describe, expect, it } from 'vitest';
import { TrainingDataError } from '../../src/analyze/tagger.js';
import { cueFeatures } from '../../src/analyze/tag-cues.js';
import { tagFeatures } from '../../src/analyze/tag-features.js';
import { parseTrainingData } from '../../src/analyze/tagger.js';
import { bestThreshold } from '../../src/analyze/tagger-thresholds.js';
import { toSimplified } from '../../src/analyze/simplified-chinese.js';

describe('training data file', () => {
  it('reads tags, sentences and the source page named by the latest "# http…" comment', () => {
    const data = parseTrainingData('t.tsv', ['# written', 'ipo\tA listed.', '# https://example.com/a', 'funding,ipo\tB raised.', '-\tC said.', '# ---- end', 'product\tD shipped.'].join('\n'));
    expect(data).toEqual([
      { text: 'A listed.', tags: ['ipo'], line: 2 },
      { text: 'B raised.', tags: ['funding', 'ipo'], line: 4, source: 'https://example.com/a' },
      { text: 'C said.', tags: [], line: 5, source: 'https://example.com/a' },
      { text: 'D shipped.', tags: ['product'], line: 7 },
    ]);
  });

  it.each([
    ['a line without a tab', 'ipo A listed.', 1, /tags<TAB>sentence/],
    ['an empty sentence', 'ipo\t  ', 1, /sentence after the tab/],
    ['an unknown tag', '# c\nipo,merger\tA merged.', 2, /unknown tag/],
  ])('rejects %s with file and line', (_name, content, line, message) => {
    let err: unknown;
    try {
      parseTrainingData('t.tsv', content);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(TrainingDataError);
    expect(String((err as Error).message)).toMatch(message);
    expect(String((err as Error).message)).toContain(`t.tsv`);
    expect(String((err as Error).message)).toContain(String(line));
  });
});

describe('features', () => {
  it.each([
    ['traditional and simplified Chinese give the same features', '寒武紀營收增長', '寒武纪营收增长'],
    ['a possessive reads as the word', "Nvidia's chips", 'Nvidia chips'],
  ])('%s', (_name, a, b) => {
    expect(tagFeatures(a, [])).toEqual(tagFeatures(b, []));
  });

  it.each([
    ['IPO words', 'Moore Threads filed for an IPO on the STAR Market', ['#cue:ipo:offering', '#cue:ipo', '#cue:ipo:board']],
    ['export words (zh)', '美国商务部将其列入实体清单', ['#cue:export-control:rules', '#cue:export-control']],
    ['share price marks no tag', 'Its market cap passed $1 trillion', ['#cue:none:stock', '#cue:none']],
    ['nothing', 'The weather was fine', []],
  ])('cue groups: %s', (_name, text, expected) => {
    expect(cueFeatures(text).sort()).toEqual([...expected].sort());
  });

  it.each([
    ['hardware counted in units', 'ByteDance ordered 100,000 A800 processors', '#qty:units'],
    ['hardware counted in units (zh)', '华为计划明年生产约60万颗910C芯片', '#qty:units'],
    ['money in words', 'Biren raised 1.5 billion yuan', '#qty:money'],
    ['money in words (zh)', '沐曦完成10亿元A轮融资', '#qty:money'],
  ])('quantity marks: %s', (_name, text, mark) => {
    expect(tagFeatures(text, [])).toContain(mark);
  });

  it('no quantity mark for a bare number or a year', () => {
    expect(tagFeatures('In 2024 the H100 led 3 of 5 tests', []).filter((f) => f.startsWith('#qty'))).toEqual([]);
  });

  it('marks a power figure by kind and magnitude', () => {
    expect(tagFeatures('It draws 700 W', [{ kind: 'power', si: 700 }])).toEqual(expect.arrayContaining(['#power', '#power:device']));
    expect(tagFeatures('It uses 415 TWh', [{ kind: 'energy', si: 415e12 * 3600 }])).toEqual(expect.arrayContaining(['#energy', '#energy:large']));
  });

  it('simplifies traditional characters one for one and leaves the rest', () => {
    expect(toSimplified('華為輝達 Nvidia 123')).toBe('华为辉达 Nvidia 123');
  });
});

describe('threshold choice', () => {
  it.each([
    ['separable scores: the cut falls between the classes', [{ s: 3, y: true }, { s: 2, y: true }, { s: -1, y: false }, { s: -2, y: false }], 0.5],
    ['one positive below a negative: taking both beats taking one', [{ s: 3, y: true }, { s: 2, y: false }, { s: 1, y: true }, { s: -5, y: false }], -2],
    ['no positives: even odds', [{ s: 1, y: false }], 0],
    ['ties are not split', [{ s: 1, y: true }, { s: 1, y: false }, { s: 0, y: false }], 0.5],
  ])('%s', (_name, pts, cut) => {
    expect(bestThreshold(pts)).toBe(cut);
  });

  it('with a tolerance, takes the near-best cut nearest even odds', () => {
    // Ten positives scored 10…1, a negative at 0, one more positive at -3, a negative at -4:
    // cutting at -3.5 takes every positive (F1 0.957); cutting at 0.5 misses one (F1 0.952).
    const pts = [...Array.from({ length: 10 }, (_, i) => ({ s: 10 - i, y: true })), { s: 0, y: false }, { s: -3, y: true }, { s: -4, y: false }];
    expect(bestThreshold(pts)).toBe(-3.5);
    expect(bestThreshold(pts, 0.01)).toBe(0.5);
    expect(bestThreshold(pts, 0.001)).toBe(-3.5);
  });
});
