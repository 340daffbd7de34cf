// Which of a day's articles tell the same story. TF-IDF cosine over storyTokens():
// rewritten copy (the same announcement in each outlet's words) shares the rare terms —
// names, model numbers, figures — but few word sequences, so term weights find it where
// shingle overlap does not. IDF comes from the day itself, so a company every article
// names weighs little and two reports on one company's different news stay apart.
// Articles whose main watch-list entities differ are never one story (storySubject).

export interface StoryDoc {
  id: string;
  /** storyTokens() of the article's title and text (or any opaque tokens). */
  tokens: readonly string[];
  /** The watch-list entity the article is mainly about (storySubject); two articles with different subjects are never one story. */
  subject?: string | null;
}

export interface ClusterOptions {
  /** Mean cosine to a group at or above which an article joins it (see tests/digest/story-clusters.eval.ts). */
  threshold?: number;
  /** Terms per article used to find candidate pairs (its heaviest); bounds the cost on a big day. */
  candidateTerms?: number;
}

/** Chosen on the tuning part of tests/fixtures/digest/story-pairs (see the eval for P/R on the held-out part). */
export const DEFAULT_STORY_THRESHOLD = 0.18;
const DEFAULT_CANDIDATE_TERMS = 24;

/**
 * The entity an article is mainly about: the one it names most, ties to the one named first
 * (leads name their subject first). `entities` are in order of first mention. A MetaX
 * listing story names Moore Threads as its yardstick; this keeps it MetaX's story.
 */
export function storySubject(entities: ReadonlyArray<{ id: string; count: number }>): string | null {
  let best: { id: string; count: number } | null = null;
  for (const e of entities) if (!best || e.count > best.count) best = e;
  return best?.id ?? null;
}

/** Whether two articles may be one story at all: not when each has a subject and they differ. */
export function subjectsAgree(a: StoryDoc, b: StoryDoc): boolean {
  return !a.subject || !b.subject || a.subject === b.subject;
}

/** Term ids (interned per call of tfidfVectors) in ascending order, and their weights. */
export interface SparseVector {
  terms: Int32Array;
  weights: Float64Array;
}

/** Sublinear TF × smoothed IDF, L2-normalized, one vector per document (same order). */
export function tfidfVectors(docs: readonly StoryDoc[]): SparseVector[] {
  const ids = new Map<string, number>();
  const df: number[] = [];
  const tfs = docs.map((d) => {
    const tf = new Map<number, number>();
    for (const [t, c] of termCounts(d.tokens)) {
      let id = ids.get(t);
      if (id === undefined) {
        id = df.length;
        ids.set(t, id);
        df.push(0);
      }
      tf.set(id, c);
      df[id]!++;
    }
    return tf;
  });
  const n = docs.length;
  return tfs.map((tf) => {
    const terms = Int32Array.from(tf.keys()).sort();
    const weights = new Float64Array(terms.length);
    let norm = 0;
    terms.forEach((t, k) => {
      const w = (1 + Math.log(tf.get(t)!)) * (Math.log((1 + n) / (1 + df[t]!)) + 1);
      weights[k] = w;
      norm += w * w;
    });
    norm = Math.sqrt(norm);
    if (norm > 0) for (let k = 0; k < weights.length; k++) weights[k]! /= norm;
    return { terms, weights };
  });
}

// The lead (title and first sentences) says what the story is; the rest is background that
// stories of one company share. Chosen with the threshold on the tuning part of the pair set
// (word pairs as terms were tried too and did no better there).
const LEAD_TOKENS = 30;
const LEAD_WEIGHT = 3;

function termCounts(tokens: readonly string[]): Map<string, number> {
  const tf = new Map<string, number>();
  tokens.forEach((t, i) => tf.set(t, (tf.get(t) ?? 0) + (i < LEAD_TOKENS ? LEAD_WEIGHT : 1)));
  return tf;
}

export function cosine(a: SparseVector, b: SparseVector): number {
  let dot = 0;
  let i = 0;
  let j = 0;
  while (i < a.terms.length && j < b.terms.length) {
    const x = a.terms[i]!;
    const y = b.terms[j]!;
    if (x === y) dot += a.weights[i++]! * b.weights[j++]!;
    else if (x < y) i++;
    else j++;
  }
  return dot;
}

// A term among the heaviest of this many articles names a topic, not a story: it finds no
// useful candidates and would make the candidate set grow with the square of the day.
const MAX_POSTING = 100;
// Copies of one story share several of their heaviest terms; one shared term is chance.
const MIN_SHARED = 2;

function topTerms(v: SparseVector, k: number): number[] {
  const order = Array.from(v.terms.keys()).sort((x, y) => v.weights[y]! - v.weights[x]! || v.terms[x]! - v.terms[y]!);
  return order.slice(0, k).map((x) => v.terms[x]!);
}

/** Per document j, the earlier documents i < j sharing at least two of their heaviest terms: the only pairs worth a cosine. */
export function earlierCandidates(vectors: readonly SparseVector[], termsPerDoc = DEFAULT_CANDIDATE_TERMS): number[][] {
  const postings = new Map<number, number[]>();
  const tops = vectors.map((v) => topTerms(v, termsPerDoc));
  tops.forEach((top, i) => {
    for (const t of top) {
      const list = postings.get(t);
      if (list) list.push(i);
      else postings.set(t, [i]);
    }
  });
  const shared = new Int32Array(vectors.length);
  const stamp = new Int32Array(vectors.length).fill(-1);
  return tops.map((top, j) => {
    const out: number[] = [];
    for (const t of top) {
      const list = postings.get(t)!;
      if (list.length > MAX_POSTING) continue;
      for (const i of list) {
        if (i >= j) break; // postings are in document order
        if (stamp[i] !== j) {
          stamp[i] = j;
          shared[i] = 0;
        }
        if (++shared[i]! === MIN_SHARED) out.push(i);
      }
    }
    return out;
  });
}

/**
 * Groups of document ids telling one story; every document is in exactly one group, groups
 * in order of their first document. Average link, in input order: a document joins the
 * group it is most similar to on average (over all members), if that average reaches the
 * threshold. Single link would chain a story into its neighbour through one bridging article.
 */
export function clusterStories(docs: readonly StoryDoc[], opts: ClusterOptions = {}): string[][] {
  const threshold = opts.threshold ?? DEFAULT_STORY_THRESHOLD;
  const vectors = tfidfVectors(docs);
  const earlier = earlierCandidates(vectors, opts.candidateTerms);
  const groupOf = new Array<number>(docs.length).fill(-1);
  const groups: number[][] = [];
  docs.forEach((doc, j) => {
    let best = -1;
    let bestScore = threshold;
    for (const g of new Set(earlier[j]!.map((i) => groupOf[i]!))) {
      const members = groups[g]!;
      if (!members.every((i) => subjectsAgree(docs[i]!, doc))) continue;
      const mean = members.reduce((sum, i) => sum + cosine(vectors[i]!, vectors[j]!), 0) / members.length;
      if (mean >= bestScore) {
        best = g;
        bestScore = mean;
      }
    }
    if (best < 0) {
      best = groups.length;
      groups.push([]);
    }
    groups[best]!.push(j);
    groupOf[j] = best;
  });
  return groups.map((g) => g.map((i) => docs[i]!.id));
}
