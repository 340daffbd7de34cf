import { createHash } from 'node:crypto';
import { TAGS, type Tag } from './tags.js';
import type { LabelledSentence } from './tagger-data.js';
import { logOdds, type Scorer } from './tag-scorer.js';

const FOLDS = 5;

/** Which of FOLDS folds an example belongs to: by source page when it has one, so near-duplicate sentences of one page never sit on both sides. */
function foldOf(e: LabelledSentence, i: number): number {
  const key = e.source ?? `line:${i}`;
  return (createHash('sha256').update(key).digest()[0] as number) % FOLDS;
}

/**
 * Per-tag thresholds on the log-odds, chosen by cross-validation within the training data:
 * train on four folds, score the fifth, and for each tag take the threshold that maximises
 * F1 over the out-of-fold scores of the examples quoted from real pages (all examples when
 * none are). The scores are log-odds of a regression plus naive Bayes evidence, not
 * calibrated probabilities, and differently off per tag: one cut-off does not fit them all.
 */
export function tuneThresholds(examples: readonly LabelledSentence[], features: string[][], train: (ex: LabelledSentence[], f: string[][]) => Scorer, tolerance = 0): Record<Tag, number> {
  const folds = examples.map(foldOf);
  const scores: (Float64Array | undefined)[] = new Array(examples.length);
  for (let k = 0; k < FOLDS; k++) {
    const tr = examples.filter((_, i) => folds[i] !== k);
    const trF = features.filter((_, i) => folds[i] !== k);
    if (tr.length === examples.length) continue;
    const scorer = train(tr, trF);
    examples.forEach((_, i) => {
      if (folds[i] === k) scores[i] = remap(logOdds(scorer, features[i] as string[]), scorer.tags);
    });
  }
  const real = examples.some((e) => e.source !== undefined);
  const pick = examples.map((e, i) => (!real || e.source !== undefined) && scores[i] !== undefined);
  const out = {} as Record<Tag, number>;
  TAGS.forEach((tag, t) => {
    const pts: { s: number; y: boolean }[] = [];
    examples.forEach((e, i) => {
      if (pick[i]) pts.push({ s: (scores[i] as Float64Array)[t] as number, y: e.tags.includes(tag) });
    });
    out[tag] = bestThreshold(pts, tolerance);
  });
  return out;
}

/** Scores in TAGS order (a tag without a classifier scores -Infinity). */
function remap(odds: Float64Array, tags: Tag[]): Float64Array {
  const out = new Float64Array(TAGS.length).fill(-Infinity);
  tags.forEach((tag, t) => {
    out[TAGS.indexOf(tag)] = odds[t] as number;
  });
  return out;
}

/**
 * The cut between two neighbouring scores that maximises F1 (predict yes when score > cut);
 * even odds (0) when no positive example has an out-of-fold score to learn from. With a
 * tolerance, of the cuts whose F1 is within it of the best, the one nearest even odds: the
 * F1 curve is flat and noisy near its top, and the extreme cut it happens to peak at on a
 * few hundred sentences is a worse bet than a near-best one that agrees with the model.
 */
export function bestThreshold(pts: readonly { s: number; y: boolean }[], tolerance = 0): number {
  const sorted = pts.filter((p) => Number.isFinite(p.s)).sort((a, b) => b.s - a.s);
  const positives = sorted.filter((p) => p.y).length;
  if (positives === 0) return 0;
  let tp = 0;
  const cuts: { f1: number; cut: number }[] = [];
  sorted.forEach((p, i) => {
    if (p.y) tp++;
    const next = sorted[i + 1];
    if (next && next.s === p.s) return; // a cut cannot fall between equal scores
    cuts.push({ f1: (2 * tp) / (i + 1 + positives), cut: next ? (p.s + next.s) / 2 : p.s - 1 });
  });
  const top = Math.max(...cuts.map((c) => c.f1));
  let best = cuts.find((c) => c.f1 === top) as { f1: number; cut: number };
  for (const c of cuts) if (c.f1 >= top - tolerance && Math.abs(c.cut) < Math.abs(best.cut)) best = c;
  return best.cut;
}
