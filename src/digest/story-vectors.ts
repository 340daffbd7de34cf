// TF-IDF vectors of a day's articles, all in a few flat arrays (a busy day has tens of
// thousands of articles; one object per term would be most of the time and memory).

/** Document d's terms are terms[offsets[d] .. offsets[d+1]), each once, with their weights. */
export interface TermVectors {
  offsets: Int32Array;
  terms: Int32Array;
  /** Sublinear TF × smoothed IDF, L2-normalized per document. */
  weights: Float64Array;
  /** Documents holding each term id. */
  df: Int32Array;
}

// The lead (title and first sentences) says what the story is; the rest is background that
// stories of one company share. Chosen with the threshold on the tuning part of the pair set
// (word pairs as terms were tried too and did no better there).
export const LEAD_TOKENS = 30;
export const LEAD_WEIGHT = 3;

export function termVectors(docs: ReadonlyArray<ArrayLike<number>>): TermVectors {
  let vocab = 0;
  let total = 0;
  for (const d of docs) {
    total += d.length;
    for (let k = 0; k < d.length; k++) if (d[k]! >= vocab) vocab = d[k]! + 1;
  }
  const tf = new Float64Array(vocab); // scratch: this document's weighted counts
  const df = new Int32Array(vocab);
  const offsets = new Int32Array(docs.length + 1);
  const terms = new Int32Array(total);
  const counts = new Float64Array(total);
  let at = 0;
  docs.forEach((d, n) => {
    offsets[n] = at;
    for (let k = 0; k < d.length; k++) {
      const t = d[k]!;
      if (tf[t] === 0) {
        terms[at++] = t;
        df[t]!++;
      }
      tf[t]! += k < LEAD_TOKENS ? LEAD_WEIGHT : 1;
    }
    for (let k = offsets[n]!; k < at; k++) {
      counts[k] = tf[terms[k]!]!;
      tf[terms[k]!] = 0;
    }
  });
  offsets[docs.length] = at;
  const weights = counts.subarray(0, at); // in place: each count is read once, then its weight written
  const n = docs.length;
  const idf = new Float64Array(vocab);
  for (let t = 0; t < vocab; t++) idf[t] = Math.log((1 + n) / (1 + df[t]!)) + 1;
  for (let d = 0; d < n; d++) {
    let norm = 0;
    for (let k = offsets[d]!; k < offsets[d + 1]!; k++) {
      const w = (1 + Math.log(weights[k]!)) * idf[terms[k]!]!;
      weights[k] = w;
      norm += w * w;
    }
    norm = Math.sqrt(norm);
    if (norm > 0) for (let k = offsets[d]!; k < offsets[d + 1]!; k++) weights[k]! /= norm;
  }
  return { offsets, terms: terms.subarray(0, at), weights, df };
}

/** Cosine of documents i and j (their vectors are unit length). */
export function cosine(v: TermVectors, i: number, j: number): number {
  const w = new Map<number, number>();
  for (let k = v.offsets[i]!; k < v.offsets[i + 1]!; k++) w.set(v.terms[k]!, v.weights[k]!);
  let dot = 0;
  for (let k = v.offsets[j]!; k < v.offsets[j + 1]!; k++) dot += v.weights[k]! * (w.get(v.terms[k]!) ?? 0);
  return dot;
}
