import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findPowerFigures } from '../../src/analyze/power-figures.js';
import { readTrainingFile, trainTagger, type LabelledSentence } from '../../src/analyze/tagger.js';
import { TAGS } from '../../src/analyze/tags.js';

const all = readTrainingFile(join(import.meta.dirname, '..', '..', 'config', 'tagger', 'training.tsv'));

interface Score {
  n: number;
  exact: number;
  perTag: Map<string, { tp: number; fp: number; fn: number }>;
}

/** Trains on every sentence whose position mod 5 is not `fold`, and scores the rest. */
function evaluate(fold: number, score: Score): void {
  const train = all.filter((_, i) => i % 5 !== fold);
  const test = all.filter((_, i) => i % 5 === fold);
  const tagger = trainTagger(train, findPowerFigures);
  for (const ex of test) {
    const got: string[] = tagger.tag(ex.text, findPowerFigures(ex.text));
    score.n++;
    if (got.length === ex.tags.length && got.every((t) => (ex.tags as string[]).includes(t))) score.exact++;
    for (const tag of TAGS) {
      const s = score.perTag.get(tag)!;
      const g = got.includes(tag);
      const w = ex.tags.includes(tag);
      if (g && w) s.tp++;
      else if (g) s.fp++;
      else if (w) s.fn++;
    }
  }
}

function newScore(): Score {
  return { n: 0, exact: 0, perTag: new Map(TAGS.map((t) => [t, { tp: 0, fp: 0, fn: 0 }])) };
}

function micro(score: Score): { p: number; r: number; f1: number } {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const s of score.perTag.values()) {
    tp += s.tp;
    fp += s.fp;
    fn += s.fn;
  }
  const p = tp / (tp + fp);
  const r = tp / (tp + fn);
  return { p, r, f1: (2 * p * r) / (p + r) };
}

function report(label: string, score: Score): string {
  const m = micro(score);
  const lines = [`${label}: ${score.n} sentences, exact match ${(score.exact / score.n).toFixed(3)}, micro P ${m.p.toFixed(3)} R ${m.r.toFixed(3)} F1 ${m.f1.toFixed(3)}`];
  for (const [tag, s] of score.perTag) {
    lines.push(`  ${tag.padEnd(22)} P ${(s.tp / (s.tp + s.fp || 1)).toFixed(2)}  R ${(s.tp / (s.tp + s.fn || 1)).toFixed(2)}  (${s.tp + s.fn} labelled)`);
  }
  return lines.join('\n');
}

describe('event tagger accuracy on held-back labelled sentences', () => {
  it('has a labelled set in English and Chinese covering every tag', () => {
    expect(all.length).toBeGreaterThanOrEqual(400);
    expect(all.filter((e) => /[\u4e00-\u9fff]/u.test(e.text)).length).toBeGreaterThanOrEqual(150);
    for (const tag of TAGS) expect(all.filter((e) => (e.tags as string[]).includes(tag)).length, tag).toBeGreaterThanOrEqual(30);
    expect(all.filter((e) => e.tags.length === 0).length).toBeGreaterThanOrEqual(50);
  });

  it('scores above the floor on the held-back fifth (every fifth line)', () => {
    const score = newScore();
    evaluate(4, score);
    console.log(report('held-back fifth', score));
    expect(score.exact / score.n).toBeGreaterThanOrEqual(0.55);
    expect(micro(score).f1).toBeGreaterThanOrEqual(0.7);
  });

  it('scores above the floor in 5-fold cross-validation', () => {
    const score = newScore();
    for (let fold = 0; fold < 5; fold++) evaluate(fold, score);
    console.log(report('5-fold cross-validation', score));
    expect(score.exact / score.n).toBeGreaterThanOrEqual(0.65);
    expect(micro(score).f1).toBeGreaterThanOrEqual(0.75);
  });

  it('tags the sentences it was trained on consistently', () => {
    const tagger = trainTagger(all, findPowerFigures);
    const sample: LabelledSentence[] = all.filter((_, i) => i % 7 === 0);
    const right = sample.filter((e) => {
      const got = tagger.tag(e.text, findPowerFigures(e.text));
      return got.length === e.tags.length && got.every((t) => e.tags.includes(t));
    }).length;
    expect(right / sample.length).toBeGreaterThanOrEqual(0.85);
  });
});
