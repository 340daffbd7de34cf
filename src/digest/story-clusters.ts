import { termVectors, type TermVectors } from './story-vectors.js';
import { CandidateIndex, DEFAULT_KEY_TERMS, DEFAULT_WINDOW } from './story-candidates.js';

// Which of a day's articles tell the same story. TF-IDF cosine over storyTokens():
// rewritten copy (the same announcement in each outlet's words) shares the rare terms —
// names, model numbers, figures — but few word sequences, so term weights find it where
// shingle overlap does not. IDF comes from the day itself, so a company every article
// names weighs little and two reports on one company's different news stay apart.
// Articles whose main watch-list entities differ are never one story (storySubject), nor
// are an article about a watch-list company and one naming none: copies of one story name
// its company alike (on the tuning pairs this gate removed a third of the false merges —
// other companies' listings read like a watched one's — and cost no true one).
//
// Cost on a busy day: one pass in document order. Each document is compared only with the
// groups of its candidates (story-candidates.ts), and a group's mean cosine is one dot
// product with the sum of its members' vectors, whatever the group's size.

export interface StoryDoc {
  id: string;
  /** storyTokens() of the article's title and text (or any opaque tokens). */
  tokens: readonly string[];
  /** The watch-list entity the article is mainly about (storySubject), or none; two articles with different subjects are never one story. */
  subject?: string | null;
}

/** A document as term ids (TermInterner, or any small non-negative integers) in text order. */
export interface TermDoc {
  terms: ArrayLike<number>;
  subject?: string | null;
}

export interface ClusterOptions {
  /** Mean cosine to a group at or above which an article joins it (see tests/digest/story-clusters.eval.ts). */
  threshold?: number;
  /** Terms per article that can make it a candidate of another (its heaviest shared ones). */
  candidateTerms?: number;
  /** How many earlier articles holding a term are looked at (the latest ones). */
  candidateWindow?: number;
}

/**
 * Chosen on the tuning part of tests/fixtures/digest/story-pairs: the most precise threshold that
 * keeps recall at 0.9 or more (a wrong merge is what an analyst notices; see the eval for the P/R
 * curve and the held-out part).
 */
export const DEFAULT_STORY_THRESHOLD = 0.2;

/**
 * The entity an article is mainly about: the one it names most, ties to the one named first
 * (leads name their subject first). `entities` are in order of first mention. A MetaX
 * listing story names Moore Threads as its yardstick; this keeps it MetaX's story.
 */
export function storySubject(entities: ReadonlyArray<{ id: string; count: number }>): string | null {
  return subjectOfCounts(entities.map((e) => [e.id, e.count] as const));
}

/** storySubject() of [entity, count] pairs in order of first mention (a Map of counts is one). */
export function subjectOfCounts(counts: Iterable<readonly [string, number]>): string | null {
  let best: string | null = null;
  let most = 0;
  for (const [id, n] of counts) if (best === null || n > most) [best, most] = [id, n];
  return best;
}

/** Whether two articles may be one story at all: only with the same subject (or both none). */
export function subjectsAgree(a: { subject?: string | null }, b: { subject?: string | null }): boolean {
  return (a.subject ?? null) === (b.subject ?? null);
}

/** Token strings → term ids, one id per distinct token. */
export function internDocs(docs: readonly StoryDoc[]): TermDoc[] {
  const ids = new Map<string, number>();
  return docs.map((d) => ({
    subject: d.subject ?? null,
    terms: Int32Array.from(d.tokens, (t) => {
      let id = ids.get(t);
      if (id === undefined) ids.set(t, (id = ids.size));
      return id;
    }),
  }));
}

interface Group {
  members: number[];
  /** Every member's subject (subjectsAgree is an equality). */
  subject: string | null;
  /** Sum of the members' unit vectors, kept once the group is big: mean cosine = dot(v, sum) / size. */
  sum: Map<number, number> | null;
}

// Below this size a group's mean is summed member by member (most groups are one article).
const SUM_AT = 4;

function addTo(sum: Map<number, number>, v: TermVectors, j: number): void {
  for (let k = v.offsets[j]!; k < v.offsets[j + 1]!; k++) sum.set(v.terms[k]!, (sum.get(v.terms[k]!) ?? 0) + v.weights[k]!);
}

function joinGroup(g: Group, v: TermVectors, j: number): void {
  g.members.push(j);
  if (g.sum) addTo(g.sum, v, j);
  else if (g.members.length >= SUM_AT) {
    g.sum = new Map();
    for (const i of g.members) addTo(g.sum, v, i);
  }
}

/** Mean cosine of document j to the group; `dense` holds j's weights by term id. */
function meanCosine(g: Group, v: TermVectors, j: number, dense: Float64Array): number {
  let dot = 0;
  if (g.sum) for (let k = v.offsets[j]!; k < v.offsets[j + 1]!; k++) dot += v.weights[k]! * (g.sum.get(v.terms[k]!) ?? 0);
  else for (const i of g.members) for (let k = v.offsets[i]!; k < v.offsets[i + 1]!; k++) dot += v.weights[k]! * dense[v.terms[k]!]!;
  return dot / g.members.length;
}

function scatter(dense: Float64Array, v: TermVectors, j: number, on: boolean): void {
  for (let k = v.offsets[j]!; k < v.offsets[j + 1]!; k++) dense[v.terms[k]!] = on ? v.weights[k]! : 0;
}

/**
 * Groups of document indices telling one story; every document is in exactly one group,
 * groups in order of their first document. Average link, in input order: a document joins
 * the group it is most similar to on average (over all members), if that average reaches
 * the threshold. Single link would chain a story into its neighbour through one bridging
 * article.
 */
export function clusterTermDocs(docs: readonly TermDoc[], opts: ClusterOptions = {}): number[][] {
  const threshold = opts.threshold ?? DEFAULT_STORY_THRESHOLD;
  const v = termVectors(docs.map((d) => d.terms));
  const index = new CandidateIndex(v, opts.candidateTerms ?? DEFAULT_KEY_TERMS, opts.candidateWindow ?? DEFAULT_WINDOW);
  const groupOf = new Int32Array(docs.length).fill(-1);
  const groups: Group[] = [];
  const seen = new Int32Array(docs.length).fill(-1); // group → last document that looked at it
  const dense = new Float64Array(v.df.length);
  for (let j = 0; j < docs.length; j++) {
    scatter(dense, v, j, true);
    const subject = docs[j]!.subject ?? null;
    let best = -1;
    let bestScore = threshold;
    const found = index.earlierInto(j);
    for (let c = 0; c < found; c++) {
      const gi = groupOf[index.found[c]!]!;
      if (seen[gi] === j) continue;
      seen[gi] = j;
      const g = groups[gi]!;
      if (subject !== g.subject) continue;
      const mean = meanCosine(g, v, j, dense);
      if (mean > bestScore || (mean === bestScore && (best < 0 || gi < best))) {
        best = gi;
        bestScore = mean;
      }
    }
    scatter(dense, v, j, false);
    if (best < 0) {
      best = groups.length;
      groups.push({ members: [], subject, sum: null });
    }
    joinGroup(groups[best]!, v, j);
    groupOf[j] = best;
  }
  return groups.map((g) => g.members);
}

/** clusterTermDocs() on documents of token strings, answering with their ids. */
export function clusterStories(docs: readonly StoryDoc[], opts: ClusterOptions = {}): string[][] {
  return clusterTermDocs(internDocs(docs), opts).map((g) => g.map((i) => docs[i]!.id));
}
