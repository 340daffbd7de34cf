import { describe, expect, it } from 'vitest';
import { hashToken, storyTokens } from '../../src/text/story-tokens.js';
import { clusterStories, storySubject, type StoryDoc } from '../../src/digest/story-clusters.js';
import { HELD_OUT_TOPICS, isHeldOut, loadPairSet } from './story-pairs.js';

describe('storyTokens', () => {
  const cases: Array<[string, string, string[]]> = [
    ['lower-cases, drops stop words, stems', 'The Licences were Issued', ['licenc', 'issu']],
    ['keeps model numbers and decimals', 'H20 priced at 114.28 yuan', ['h20', 'price', '114.28', 'yuan']],
    ['drops possessive s', "Nvidia's chips", ['nvidia', 'chip']],
    ['Han runs give character bigrams', '摩尔线程上市', ['摩尔', '尔线', '线程', '程上', '上市']],
    ['a lone Han character stays, a function one goes', '华 的', ['华']],
    ['full-width forms fold (NFKC)', 'ＧＰＵ　２０２５', ['gpu', '2025']],
    ['a figure or model name against Han text is its own term', '发行价114.28元，輝達H200晶片', ['发行', '行价', '114.28', '元', '輝達', 'h200', '晶片']],
    ['Han between Latin words splits them', 'GPU第一股MUSA', ['gpu', '第一', '一股', 'musa']],
  ];
  it.each(cases)('%s', (_name, text, want) => {
    expect(storyTokens(text)).toEqual(want);
  });
  it('hashes tokens stably', () => {
    expect(hashToken('nvidia')).toBe(hashToken('nvidia'));
    expect(hashToken('nvidia')).not.toBe(hashToken('nvidiа')); // Cyrillic а
  });
});

const doc = (id: string, text: string, subject: string | null = null): StoryDoc => ({ id, tokens: storyTokens(text), subject });

describe('clusterStories', () => {
  const wire = 'Moore Threads shares jumped 425% in their Shanghai debut after an IPO priced at 114.28 yuan raised 8 billion yuan.';
  const day: StoryDoc[] = [
    doc('a', wire, 'moore-threads'),
    doc('b', `Reuters — ${wire} The retail tranche was oversubscribed 2,750 times.`, 'moore-threads'),
    doc('c', 'Moore Threads unveiled the MTT S5000 training card, which draws 800 W, for cloud customers.', 'moore-threads'),
    doc('d', 'MetaX shares jumped 693% in their Shanghai debut after an IPO priced at 104.66 yuan, beating Moore Threads.', 'metax'),
    doc('e', '摩尔线程今日在科创板上市，发行价114.28元，首日大涨425%。', 'moore-threads'),
    doc('f', '摩尔线程科创板上市首日收涨425%，发行价为114.28元/股。', 'moore-threads'),
    doc('g', 'Nvidia reported record data-centre revenue and raised its guidance for the quarter.', 'nvidia'),
  ];
  const groups = clusterStories(day);
  const groupOf = (id: string): number => groups.findIndex((g) => g.includes(id));

  it('puts every document in exactly one group, in input order', () => {
    expect(groups.flat().sort()).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g']);
    expect(groups[0]![0]).toBe('a');
  });
  it('merges republished wire copy', () => expect(groupOf('a')).toBe(groupOf('b')));
  it('merges Chinese copies of one story', () => expect(groupOf('e')).toBe(groupOf('f')));
  it('keeps the same company’s other news of the day apart', () => expect(groupOf('c')).not.toBe(groupOf('a')));
  it('keeps a rival’s look-alike story apart (subjects differ)', () => expect(groupOf('d')).not.toBe(groupOf('a')));
  it('does not merge across languages', () => expect(groupOf('e')).not.toBe(groupOf('a')));
  it('leaves an unrelated story alone', () => expect(groups[groupOf('g')]).toEqual(['g']));
  it('an empty day has no groups', () => expect(clusterStories([])).toEqual([]));
  it('a threshold of 1.01 merges nothing', () => expect(clusterStories(day, { threshold: 1.01 })).toHaveLength(day.length));
});

describe('storySubject', () => {
  const cases: Array<[string, Array<{ id: string; count: number }>, string | null]> = [
    ['none', [], null],
    ['most named wins', [{ id: 'metax', count: 1 }, { id: 'nvidia', count: 3 }], 'nvidia'],
    ['a tie goes to the first named', [{ id: 'metax', count: 2 }, { id: 'moore-threads', count: 2 }], 'metax'],
  ];
  it.each(cases)('%s', (_n, entities, want) => expect(storySubject(entities)).toBe(want));
});

describe('the labelled pair set', () => {
  const { docs, pairs } = loadPairSet();
  it('has at least 120 pairs, both labels, English and Chinese, and a held-out part with both labels', () => {
    expect(pairs.length).toBeGreaterThanOrEqual(120);
    for (const lang of ['en', 'zh']) {
      expect(pairs.some((p) => p.lang === lang && p.same)).toBe(true);
      expect(pairs.some((p) => p.lang === lang && !p.same)).toBe(true);
    }
    const held = pairs.filter(isHeldOut);
    expect(held.some((p) => p.same) && held.some((p) => !p.same)).toBe(true);
    expect([...HELD_OUT_TOPICS].every((t) => docs.some((d) => d.topic === t))).toBe(true);
  });
  it('every pair names known documents, every document a URL, and labels follow the stories', () => {
    const byId = new Map(docs.map((d) => [d.id, d]));
    for (const p of pairs) {
      const a = byId.get(p.a)!;
      const b = byId.get(p.b)!;
      expect(a && b).toBeTruthy();
      expect(p.same).toBe(a.story === b.story);
    }
    for (const d of docs) expect(() => new URL(d.url)).not.toThrow();
  });
});
