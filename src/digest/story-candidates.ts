import type { TermVectors } from './story-vectors.js';

// Candidate generation: which earlier articles an article is worth comparing with. Copies of
// one story share several of their heaviest terms — the story's names, model numbers and
// figures, rare on the day — so each article is indexed under its KEY heaviest terms that
// another article also holds (a term only it holds can pair it with nothing), and its
// candidates are the earlier articles sharing at least MIN_SHARED of them. A term held by
// many articles is looked at only through its WINDOW latest holders: the cost stays linear
// in the day, and a story carried by hundreds of outlets still finds its own recent copies
// (the average link joins the group, not the single article).

/** Copies of one story share several of their heaviest terms; one shared term is chance. */
export const MIN_SHARED = 2;
export const DEFAULT_KEY_TERMS = 24;
export const DEFAULT_WINDOW = 64;

/** The document's `k` heaviest terms held by at least one other document (ties: lower term id). */
export function keyTerms(v: TermVectors, d: number, k: number, scratch = new Float64Array(v.offsets[d + 1]! - v.offsets[d]!)): number[] {
  const shared: number[] = [];
  for (let x = v.offsets[d]!; x < v.offsets[d + 1]!; x++) if (v.df[v.terms[x]!]! >= 2) shared.push(x);
  if (shared.length <= k) return shared.map((x) => v.terms[x]!);
  // The k-th largest weight by a numeric sort of a copy; above it all, at it the lowest ids.
  const w = scratch.subarray(0, shared.length);
  shared.forEach((x, n) => (w[n] = v.weights[x]!));
  w.sort();
  const cut = w[shared.length - k]!;
  const out = shared.filter((x) => v.weights[x]! > cut).map((x) => v.terms[x]!);
  const ties = shared.filter((x) => v.weights[x]! === cut).map((x) => v.terms[x]!);
  if (ties.length > k - out.length) ties.sort((a, b) => a - b).length = k - out.length;
  return out.concat(ties);
}

/** Candidates of documents in order: earlier(0), earlier(1), … (each call indexes its document). */
export class CandidateIndex {
  private readonly keys: number[][];
  private readonly start: Int32Array;
  private readonly fill: Int32Array;
  private readonly postings: Int32Array;
  private readonly shared: Int32Array;
  private readonly stamp: Int32Array;
  private next = 0;

  constructor(
    v: TermVectors,
    keyCount = DEFAULT_KEY_TERMS,
    private readonly window = DEFAULT_WINDOW,
  ) {
    const n = v.offsets.length - 1;
    let longest = 0;
    for (let d = 0; d < n; d++) longest = Math.max(longest, v.offsets[d + 1]! - v.offsets[d]!);
    const scratch = new Float64Array(longest);
    this.keys = Array.from({ length: n }, (_, d) => keyTerms(v, d, keyCount, scratch));
    const vocab = v.df.length;
    this.start = new Int32Array(vocab + 1);
    for (const ks of this.keys) for (const t of ks) this.start[t + 1]!++;
    for (let t = 0; t < vocab; t++) this.start[t + 1]! += this.start[t]!;
    this.fill = this.start.slice(0, vocab);
    this.postings = new Int32Array(this.start[vocab]!);
    this.shared = new Int32Array(n);
    this.stamp = new Int32Array(n).fill(-1);
  }

  /** The earlier documents sharing MIN_SHARED key terms with document j, which must be the next one. */
  earlier(j: number): number[] {
    if (j !== this.next) throw new RangeError(`candidates are asked in document order: expected ${this.next}, got ${j}`);
    this.next++;
    const out: number[] = [];
    for (const t of this.keys[j]!) {
      const end = this.fill[t]!;
      for (let p = Math.max(this.start[t]!, end - this.window); p < end; p++) {
        const i = this.postings[p]!;
        if (this.stamp[i] !== j) {
          this.stamp[i] = j;
          this.shared[i] = 0;
        }
        if (++this.shared[i]! === MIN_SHARED) out.push(i);
      }
      this.postings[this.fill[t]!++] = j;
    }
    return out;
  }
}
