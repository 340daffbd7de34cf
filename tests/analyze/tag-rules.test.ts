import { describe, expect, it } from 'vitest';
import { ruleTags } from '../../src/analyze/tag-cues.js';
import { toSimplified } from '../../src/analyze/simplified-chinese.js';
import { trainLogistic } from '../../src/analyze/tag-logistic.js';
import { parseTrainingData, trainTagger } from '../../src/analyze/tagger.js';

// Exact-phrase rules (tag-cues.ts RULES) and the class-balanced regression the tagger uses.
describe('exact-phrase tag rules', () => {
  it('settle ipo, funding and export-control on their phrases, in both scripts', () => {
    expect(ruleTags('Biren filed for an Initial Public Offering in Hong Kong.')).toEqual(['ipo']);
    expect(ruleTags(toSimplified('燧原科技首次公開發行股票並在科創板上市'))).toEqual(['ipo']);
    expect(ruleTags('沐曦完成新一轮融资')).toEqual(['funding']);
    expect(ruleTags('寒武纪2025年度向特定对象发行A股股票')).toEqual(['funding']);
    expect(ruleTags('The US added Moore Threads to the Entity List.')).toEqual(['export-control']);
  });

  it('stay silent on sentences without the phrase', () => {
    expect(ruleTags('Nvidia shares rose 3% after the keynote.')).toEqual([]);
    expect(ruleTags('Cambricon listed on the STAR Market in 2020.')).toEqual([]);
  });

  it('add their tag even when the trained model would not', () => {
    // Training data with no IPO phrase at all: only the rule can give ipo.
    const examples = parseTrainingData('t.tsv', 'chip-power\tThe chip draws 700 W.\n-\tThe company declined to comment.\nproduct\tThe company unveiled a new chip.\n');
    const tagger = trainTagger(examples, () => []);
    expect(tagger.tag('MetaX plans an initial public offering in Shanghai.', [])).toContain('ipo');
    expect(tagger.tag('The company declined to comment.', [])).not.toContain('ipo');
  });
});

describe('class-balanced logistic regression', () => {
  it('gives a rare positive class more weight than the unbalanced fit does', () => {
    // Feature 0 marks the one positive; feature 1 is shared by every example.
    const x = [[0, 1], ...Array.from({ length: 30 }, () => [1])];
    const y = [true, ...Array.from({ length: 30 }, () => false)];
    const opts = { epochs: 20, rate: 0.3, l2: 0.01 };
    const plain = trainLogistic(x, y, 2, opts);
    const balanced = trainLogistic(x, y, 2, { ...opts, balance: true });
    const score = (m: { bias: number; w: Float64Array }) => m.bias + (m.w[0] as number) + (m.w[1] as number);
    expect(score(balanced)).toBeGreaterThan(score(plain));
  });
});
