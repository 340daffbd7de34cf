import type { Tag } from './tags.js';
import { addMlpScores, type Mlp } from './tag-mlp.js';

/** apparatus's state of a trained yes/no Bayes classifier (natural's BayesClassifier). */
export interface BayesState {
  classFeatures: Record<string, Record<string, number>>;
  classTotals: Record<string, number>;
  totalExamples: number;
  smoothing: number;
}

/**
 * Log-odds weights from a yes/no Bayes state: apparatus's probabilityOfClass (the product
 * over present features of count/classTotal, times the prior) taken in log space, yes minus
 * no. A sum of them needs no exp, so long sentences cannot underflow.
 */
export function bayesWeights(state: BayesState, size: number): { bias: number; w: Float64Array } {
  const yes = state.classFeatures.yes ?? {};
  const no = state.classFeatures.no ?? {};
  const ty = state.classTotals.yes ?? 1;
  const tn = state.classTotals.no ?? 1;
  const s = state.smoothing;
  const w = new Float64Array(size);
  for (let i = 0; i < size; i++) w[i] = Math.log((yes[i] ?? s) / ty) - Math.log((no[i] ?? s) / tn);
  return { bias: Math.log(ty) - Math.log(tn), w };
}

/** A linear scorer: feature → one weight per tag, laid out contiguously per feature. */
export interface Scorer {
  tags: Tag[];
  index: ReadonlyMap<string, number>;
  bias: Float64Array;
  /** weights[f * tags.length + t] */
  weights: Float64Array;
  /** A network over the same features whose log-odds are added to the linear ones (outputs in `tags` order). */
  mlp?: Mlp;
}

/** A scorer from per-tag bias and weight vectors over one vocabulary. */
export function scorerOf(tags: Tag[], index: ReadonlyMap<string, number>, perTag: { bias: number; w: ArrayLike<number> }[], mlp?: Mlp): Scorer {
  const k = tags.length;
  const size = index.size;
  const weights = new Float64Array(size * k);
  perTag.forEach(({ w }, t) => {
    for (let f = 0; f < size; f++) weights[f * k + t] = w[f] ?? 0;
  });
  const scorer: Scorer = { tags, index, bias: Float64Array.from(perTag.map((p) => p.bias)), weights };
  if (mlp) scorer.mlp = mlp;
  return scorer;
}

/** Log-odds of each of the scorer's tags for a feature list (unknown features ignored, each feature once). */
export function logOdds(scorer: Scorer, features: readonly string[]): Float64Array {
  const k = scorer.tags.length;
  const out = Float64Array.from(scorer.bias);
  // A sentence has a few dozen features: a linear scan of those already counted beats a Set.
  const seen: number[] = [];
  for (const token of features) {
    const f = scorer.index.get(token);
    if (f === undefined || seen.includes(f)) continue;
    seen.push(f);
    const base = f * k;
    for (let t = 0; t < k; t++) out[t]! += scorer.weights[base + t] as number;
  }
  if (scorer.mlp) addMlpScores(scorer.mlp, seen, out);
  return out;
}
