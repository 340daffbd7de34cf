// TF-IDF vectors of a day's articles, all in a few flat arrays (a busy day has tens of
// thousands of articles; one object per term would be most of the time and memory).

/** Document d's terms held by another document too are terms[offsets[d] .. offsets[d+1]), each once, with their weights. */
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

// 1 + ln(count) for the small whole counts nearly every term has (the same values Math.log gives, looked up).
const SUBLINEAR = Float64Array.from({ length: 64 }, (_, c) => (c === 0 ? 0 : 1 + Math.log(c)));

export function termVectors(docs: ReadonlyArray<ArrayLike<number>>): TermVectors {
  const n = docs.length;
  let vocab = 0;
  let total = 0;
  for (let d = 0; d < n; d++) {
    const doc = docs[d]!;
    total += doc.length;
    for (let k = 0; k < doc.length; k++) if (doc[k]! >= vocab) vocab = doc[k]! + 1;
  }
  // Pass 1: each document's distinct terms and weighted counts, and document frequencies.
  const tf = new Float64Array(vocab); // scratch: this document's weighted counts
  const df = new Int32Array(vocab);
  const starts = new Int32Array(n + 1);
  const all = new Int32Array(total);
  const counts = new Float64Array(total);
  let at = 0;
  for (let d = 0; d < n; d++) {
    const doc = docs[d]!;
    starts[d] = at;
    for (let k = 0; k < doc.length; k++) {
      const t = doc[k]!;
      if (tf[t] === 0) {
        all[at++] = t;
        df[t]!++;
      }
      tf[t]! += k < LEAD_TOKENS ? LEAD_WEIGHT : 1;
    }
    for (let k = starts[d]!; k < at; k++) {
      counts[k] = tf[all[k]!]!;
      tf[all[k]!] = 0;
    }
  }
  starts[n] = at;
  const idf = new Float64Array(vocab);
  for (let t = 0; t < vocab; t++) idf[t] = Math.log((1 + n) / (1 + df[t]!)) + 1;
  // Pass 2: unit vectors. A term no other document holds adds to the norm but to no dot
  // product, so it is left out of the arrays (most of a real day's rare words).
  const offsets = new Int32Array(n + 1);
  let out = 0;
  for (let d = 0; d < n; d++) {
    offsets[d] = out;
    let norm = 0;
    for (let k = starts[d]!; k < starts[d + 1]!; k++) {
      const c = counts[k]!;
      const w = (c < SUBLINEAR.length ? SUBLINEAR[c]! : 1 + Math.log(c)) * idf[all[k]!]!;
      norm += w * w;
      if (df[all[k]!]! < 2) continue;
      all[out] = all[k]!; // out <= k: compacted in place
      counts[out++] = w;
    }
    norm = Math.sqrt(norm);
    if (norm > 0) for (let k = offsets[d]!; k < out; k++) counts[k]! /= norm;
  }
  offsets[n] = out;
  return { offsets, terms: all.subarray(0, out), weights: counts.subarray(0, out), df };
}

/** Cosine of documents i and j (their vectors are unit length). */
export function cosine(v: TermVectors, i: number, j: number): number {
  const w = new Map<number, number>();
  for (let k = v.offsets[i]!; k < v.offsets[i + 1]!; k++) w.set(v.terms[k]!, v.weights[k]!);
  let dot = 0;
  for (let k = v.offsets[j]!; k < v.offsets[j + 1]!; k++) dot += v.weights[k]! * (w.get(v.terms[k]!) ?? 0);
  return dot;
}
