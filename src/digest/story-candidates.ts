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
// 16 and 32, not 24 and 64: on bench/story-digest.bench.js's busy day (28,500 articles, the
// true story of each known) the clustering took 40% less time and split 9 more of 11,226
// stories (pairwise recall 0.9988 → 0.9977, precision unchanged); the pair set does not
// depend on them (a pair is always a candidate).
export const DEFAULT_KEY_TERMS = 16;
export const DEFAULT_WINDOW = 32;

/** The document's `k` heaviest terms held by at least one other document (ties: lower term id), in no set order. */
export function keyTerms(v: TermVectors, d: number, k: number, scratch = new KeyScratch(v.offsets[d + 1]! - v.offsets[d]!)): number[] {
  const out: number[] = [];
  const { at, w } = scratch;
  let n = 0;
  for (let x = v.offsets[d]!; x < v.offsets[d + 1]!; x++) {
    if (v.df[v.terms[x]!]! < 2) continue;
    at[n] = x;
    w[n++] = v.weights[x]!;
  }
  if (n <= k) {
    for (let i = 0; i < n; i++) out.push(v.terms[at[i]!]!);
    return out;
  }
  // The k-th largest weight, by a numeric sort of the weights (in place: `w` is scratch).
  const sorted = w.subarray(0, n).sort();
  const cut = sorted[n - k]!;
  let ties = 0;
  for (let i = 0; i < n; i++) {
    const x = at[i]!;
    if (v.weights[x]! > cut) out.push(v.terms[x]!);
    else if (v.weights[x]! === cut) at[ties++] = v.terms[x]!; // `at` is read ahead of this write
  }
  if (ties > k - out.length) at.subarray(0, ties).sort();
  for (let i = 0; out.length < k && i < ties; i++) out.push(at[i]!);
  return out;
}

/** Scratch arrays for keyTerms, sized for the longest document. */
export class KeyScratch {
  readonly at: Int32Array;
  readonly w: Float64Array;
  constructor(longest: number) {
    this.at = new Int32Array(longest);
    this.w = new Float64Array(longest);
  }
}

/** Candidates of documents in order: earlier(0), earlier(1), … (each call indexes its document). */
export class CandidateIndex {
  private readonly keyStart: Int32Array;
  private readonly keys: Int32Array;
  private readonly start: Int32Array;
  private readonly fill: Int32Array;
  private readonly postings: Int32Array;
  private readonly shared: Int32Array;
  private readonly stamp: Int32Array;
  /** earlierInto's answer: the first `count` entries. */
  readonly found: Int32Array;
  private next = 0;

  constructor(
    v: TermVectors,
    keyCount = DEFAULT_KEY_TERMS,
    private readonly window = DEFAULT_WINDOW,
  ) {
    const n = v.offsets.length - 1;
    let longest = 0;
    for (let d = 0; d < n; d++) longest = Math.max(longest, v.offsets[d + 1]! - v.offsets[d]!);
    const scratch = new KeyScratch(longest);
    // Every document's key terms, back to back (keys[keyStart[d] .. keyStart[d+1])).
    this.keyStart = new Int32Array(n + 1);
    const keys = new Int32Array(n * keyCount);
    let at = 0;
    for (let d = 0; d < n; d++) {
      for (const t of keyTerms(v, d, keyCount, scratch)) keys[at++] = t;
      this.keyStart[d + 1] = at;
    }
    this.keys = keys.subarray(0, at);
    const vocab = v.df.length;
    this.start = new Int32Array(vocab + 1);
    for (let x = 0; x < at; x++) this.start[keys[x]! + 1]!++;
    for (let t = 0; t < vocab; t++) this.start[t + 1]! += this.start[t]!;
    this.fill = this.start.slice(0, vocab);
    this.postings = new Int32Array(this.start[vocab]!);
    this.shared = new Int32Array(n);
    this.stamp = new Int32Array(n).fill(-1);
    this.found = new Int32Array(n);
  }

  /** The earlier documents sharing MIN_SHARED key terms with document j, which must be the next one. */
  earlier(j: number): number[] {
    return [...this.found.subarray(0, this.earlierInto(j))];
  }

  /** earlier(j), written to `found`; returns how many. */
  earlierInto(j: number): number {
    if (j !== this.next) throw new RangeError(`candidates are asked in document order: expected ${this.next}, got ${j}`);
    this.next++;
    let count = 0;
    for (let x = this.keyStart[j]!; x < this.keyStart[j + 1]!; x++) {
      const t = this.keys[x]!;
      const end = this.fill[t]!;
      for (let p = Math.max(this.start[t]!, end - this.window); p < end; p++) {
        const i = this.postings[p]!;
        if (this.stamp[i] !== j) {
          this.stamp[i] = j;
          this.shared[i] = 0;
        }
        if (++this.shared[i]! === MIN_SHARED) this.found[count++] = i;
      }
      this.postings[this.fill[t]!++] = j;
    }
    return count;
  }
}
