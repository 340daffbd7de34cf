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

export type SparseVector = Map<string, number>;

/** Sublinear TF × smoothed IDF, L2-normalized, one vector per document (same order). */
export function tfidfVectors(docs: readonly StoryDoc[]): SparseVector[] {
  const df = new Map<string, number>();
  const tfs = docs.map((d) => {
    const tf = termCounts(d.tokens);
    for (const t of tf.keys()) df.set(t, (df.get(t) ?? 0) + 1);
    return tf;
  });
  const n = docs.length;
  return tfs.map((tf) => {
    const v: SparseVector = new Map();
    let norm = 0;
    for (const [t, c] of tf) {
      const w = (1 + Math.log(c)) * (Math.log((1 + n) / (1 + (df.get(t) ?? 0))) + 1);
      v.set(t, w);
      norm += w * w;
    }
    norm = Math.sqrt(norm);
    if (norm > 0) for (const [t, w] of v) v.set(t, w / norm);
    return v;
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
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let dot = 0;
  for (const [t, w] of small) {
    const x = large.get(t);
    if (x !== undefined) dot += w * x;
  }
  return dot;
}

/** Pairs (i < j) sharing one of their heaviest terms: the only pairs worth a full cosine. */
export function candidatePairs(vectors: readonly SparseVector[], termsPerDoc = DEFAULT_CANDIDATE_TERMS): Array<[number, number]> {
  const postings = new Map<string, number[]>();
  vectors.forEach((v, i) => {
    const top = [...v].sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1)).slice(0, termsPerDoc);
    for (const [t] of top) {
      const list = postings.get(t);
      if (list) list.push(i);
      else postings.set(t, [i]);
    }
  });
  const seen = new Set<number>();
  const out: Array<[number, number]> = [];
  const n = vectors.length;
  for (const list of postings.values()) {
    for (let a = 0; a < list.length; a++) {
      for (let b = a + 1; b < list.length; b++) {
        const i = list[a]!;
        const j = list[b]!;
        const key = i * n + j;
        if (!seen.has(key)) {
          seen.add(key);
          out.push([i, j]);
        }
      }
    }
  }
  return out;
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
  const earlier = docs.map((): number[] => []);
  for (const [i, j] of candidatePairs(vectors, opts.candidateTerms)) earlier[j]!.push(i);
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
