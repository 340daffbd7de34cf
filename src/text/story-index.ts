// Which story an article tells, decided as it is stored: a TF-IDF cosine against the articles
// of the day and a half around it. Rewritten copy (the same announcement in each outlet's
// words) shares the rare terms — names, model numbers, figures — but few word sequences, so
// term weights find it where shingle overlap does not. IDF comes from the articles held (the
// window), so a company every article names weighs little and two reports on one company's
// different news stay apart. Articles whose main watch-list entities differ are never one
// story (subjectOfCounts), nor are an article about a watch-list company and one naming none:
// copies of one story name its company alike.
//
// Average link: an article joins the story it is most similar to on average over the story's
// held members, if that average reaches the threshold, else it starts a story named by its own
// id. Single link would chain a story into its neighbour through one bridging article.
//
// Deciding at write time is what keeps the morning digest cheap: a busy day (28,500 articles)
// is grouped by a stored number instead of clustered each morning (bench/digest-store.bench.js).
// The cost is an article's share of the work as it arrives (tens of microseconds) and a story
// assignment that depends on arrival order (a copy joins the story of the copies stored before
// it), which the digest's day does not see.

/** Chosen on the tuning part of tests/fixtures/digest/story-pairs (see tests/digest/story-clusters.eval.ts). */
export const DEFAULT_STORY_THRESHOLD = 0.2;
/** Copies of one story share several of their heaviest terms; one shared term is chance. */
const MIN_SHARED = 2;
/** Terms per article that can make it a candidate of another (its heaviest ones held before it). */
const DEFAULT_KEY_TERMS = 16;
/** How many of the latest articles holding a term are looked at: the cost stays flat on a busy day, and a story carried by hundreds of outlets still finds its recent copies. */
const DEFAULT_WINDOW = 32;
/** Articles dated this far apart are not compared; a story of several days continues as long as its copies keep coming. */
export const HOLD_SECONDS = 36 * 3600;

// The lead (title and first sentences) says what the story is; the rest is background that
// stories of one company share. Chosen with the threshold on the tuning part of the pair set.
const LEAD_TOKENS = 30;
const LEAD_WEIGHT = 3;

// 1 + ln(count) for the small whole counts nearly every term has.
const SUBLINEAR = Float64Array.from({ length: 64 }, (_, c) => (c === 0 ? 0 : 1 + Math.log(c)));
const sublinear = (c: number): number => (c < SUBLINEAR.length ? SUBLINEAR[c]! : 1 + Math.log(c));

/** An article as the index sees it. */
export interface StoryCard {
  /** The article's id; a story is named by the id of its first article. */
  id: number;
  /** Unix seconds of the article's date. */
  at: number;
  /** Its terms (term hashes, or any integers), title first, in text order. */
  terms: ArrayLike<number>;
  /** The watch-list entity it is mainly about, or none. */
  subject: string | null;
}

export interface StoryIndexOptions {
  threshold?: number;
  keyTerms?: number;
  window?: number;
  /** IDF from these documents alone instead of the held ones (an evaluation's whole set, standing for a window of stored days). */
  fixedIdf?: Iterable<ArrayLike<number>>;
}

/**
 * The entity an article is mainly about: the one it names most, ties to the one named first
 * (leads name their subject first). A MetaX listing story names Moore Threads as its
 * yardstick; this keeps it MetaX's story. `counts` are [entity, count] in order of first mention.
 */
export function subjectOfCounts(counts: Iterable<readonly [string, number]>): string | null {
  let best: string | null = null;
  let most = 0;
  for (const [id, n] of counts) if (best === null || n > most) [best, most] = [id, n];
  return best;
}

interface Held {
  id: number;
  at: number;
  story: Story;
  /** Distinct terms and their weights (a unit vector). */
  terms: Int32Array;
  weights: Float64Array;
}

interface Story {
  id: number;
  subject: string | null;
  members: Held[];
  /** Sum of the members' vectors once the story is big: mean cosine = dot(v, sum) / size. */
  sum: Map<number, number> | null;
}

// Below this size a story's mean is summed member by member (most stories are one article).
const SUM_AT = 4;

/** A card's distinct terms with their lead-weighted counts. */
function counted(terms: ArrayLike<number>): Map<number, number> {
  const tf = new Map<number, number>();
  for (let k = 0; k < terms.length; k++) tf.set(terms[k]!, (tf.get(terms[k]!) ?? 0) + (k < LEAD_TOKENS ? LEAD_WEIGHT : 1));
  return tf;
}

export class StoryIndex {
  private readonly df = new Map<number, number>();
  private readonly postings = new Map<number, number[]>();
  private readonly held = new Map<number, Held>();
  private readonly stories = new Map<number, Story>();
  private readonly threshold: number;
  private readonly keyCount: number;
  private readonly window: number;
  /** fixedIdf's document frequencies and size, when given. */
  private readonly fixedDf: Map<number, number> | null = null;
  private fixedN = 0;

  constructor(opts: StoryIndexOptions = {}) {
    this.threshold = opts.threshold ?? DEFAULT_STORY_THRESHOLD;
    this.keyCount = opts.keyTerms ?? DEFAULT_KEY_TERMS;
    this.window = opts.window ?? DEFAULT_WINDOW;
    if (opts.fixedIdf) {
      this.fixedDf = new Map();
      for (const terms of opts.fixedIdf) {
        this.fixedN++;
        for (const t of counted(terms).keys()) this.fixedDf.set(t, (this.fixedDf.get(t) ?? 0) + 1);
      }
    }
  }

  /** Articles held. */
  get size(): number {
    return this.held.size;
  }

  has(id: number): boolean {
    return this.held.has(id);
  }

  /**
   * Cards whose stories are known (read back from the store), held as if assigned: all are
   * counted in IDF before any is weighted.
   */
  restore(cards: ReadonlyArray<{ card: StoryCard; story: number }>): void {
    const tfs = cards.map(({ card }) => {
      const tf = counted(card.terms);
      for (const t of tf.keys()) this.df.set(t, (this.df.get(t) ?? 0) + 1);
      return tf;
    });
    const n = this.held.size + cards.length;
    cards.forEach(({ card, story }, i) => this.hold(card, this.unit(tfs[i]!, n), this.storyNamed(story, card.subject)));
  }

  /** The story a new card tells (the id of the story's first article, else its own id); the card is held from now on. */
  assign(card: StoryCard): number {
    if (this.held.has(card.id)) this.forget(card.id);
    const tf = counted(card.terms);
    for (const t of tf.keys()) this.df.set(t, (this.df.get(t) ?? 0) + 1);
    const v = this.unit(tf, this.held.size + 1);
    const story = this.best(card, v) ?? this.storyNamed(card.id, card.subject);
    this.hold(card, v, story);
    return story.id;
  }

  /** Forgets the cards dated before `at` (the window moving on). */
  forgetBefore(at: number): void {
    for (const h of this.held.values()) if (h.at < at) this.forget(h.id);
  }

  /** Forgets one card (its article re-analysed or gone). */
  forget(id: number): void {
    const h = this.held.get(id);
    if (!h) return;
    this.held.delete(id);
    for (const t of h.terms) {
      const n = this.df.get(t)! - 1;
      if (n > 0) this.df.set(t, n);
      else {
        this.df.delete(t);
        this.postings.delete(t);
      }
    }
    const s = h.story;
    s.members.splice(s.members.indexOf(h), 1);
    if (s.members.length === 0) this.stories.delete(s.id);
    else if (s.sum) for (let k = 0; k < h.terms.length; k++) s.sum.set(h.terms[k]!, s.sum.get(h.terms[k]!)! - h.weights[k]!);
  }

  /** Sublinear TF × smoothed IDF over `n` documents (the held ones, or fixedIdf's), as a unit vector. */
  private unit(tf: Map<number, number>, n: number): { terms: Int32Array; weights: Float64Array } {
    const terms = new Int32Array(tf.size);
    const weights = new Float64Array(tf.size);
    const [docs, df] = this.fixedDf ? [this.fixedN, this.fixedDf] : [n, this.df];
    let norm = 0;
    let k = 0;
    for (const [t, c] of tf) {
      const w = sublinear(c) * (Math.log((1 + docs) / (1 + (df.get(t) ?? 0))) + 1);
      terms[k] = t;
      weights[k++] = w;
      norm += w * w;
    }
    norm = Math.sqrt(norm);
    if (norm > 0) for (let i = 0; i < weights.length; i++) weights[i]! /= norm;
    return { terms, weights };
  }

  private storyNamed(id: number, subject: string | null): Story {
    let s = this.stories.get(id);
    if (!s) this.stories.set(id, (s = { id, subject, members: [], sum: null }));
    return s;
  }

  private hold(card: StoryCard, v: { terms: Int32Array; weights: Float64Array }, story: Story): void {
    const h: Held = { id: card.id, at: card.at, story, ...v };
    this.held.set(card.id, h);
    for (const t of v.terms) {
      let list = this.postings.get(t);
      if (!list) this.postings.set(t, (list = []));
      list.push(card.id);
      // Only the latest `window` are ever looked at.
      if (list.length > 2 * this.window) list.splice(0, list.length - this.window);
    }
    story.members.push(h);
    if (story.sum) addTo(story.sum, h);
    else if (story.members.length >= SUM_AT) {
      story.sum = new Map();
      for (const m of story.members) addTo(story.sum, m);
    }
  }

  /** The held story the card is most similar to on average, at or above the threshold (ties: the lower id). */
  private best(card: StoryCard, v: { terms: Int32Array; weights: Float64Array }): Story | null {
    const dense = new Map<number, number>();
    for (let k = 0; k < v.terms.length; k++) dense.set(v.terms[k]!, v.weights[k]!);
    let best: Story | null = null;
    let bestScore = this.threshold;
    const looked = new Set<Story>();
    for (const id of this.candidates(v)) {
      const h = this.held.get(id);
      if (!h || Math.abs(h.at - card.at) > HOLD_SECONDS || looked.has(h.story)) continue;
      looked.add(h.story);
      if (h.story.subject !== card.subject) continue;
      const mean = meanCosine(h.story, dense);
      if (mean > bestScore || (mean === bestScore && (best === null || h.story.id < best.id))) [best, bestScore] = [h.story, mean];
    }
    return best;
  }

  /** Held articles sharing MIN_SHARED of the card's key terms: its heaviest terms another held article holds. */
  private candidates(v: { terms: Int32Array; weights: Float64Array }): number[] {
    const order: number[] = [];
    for (let k = 0; k < v.terms.length; k++) if (this.df.get(v.terms[k]!)! >= 2) order.push(k);
    // Heaviest first; ties to the lower term, so the choice does not depend on text order.
    order.sort((a, b) => v.weights[b]! - v.weights[a]! || v.terms[a]! - v.terms[b]!);
    const shared = new Map<number, number>();
    const found: number[] = [];
    for (const k of order.slice(0, this.keyCount)) {
      const list = this.postings.get(v.terms[k]!) ?? [];
      for (let p = Math.max(0, list.length - this.window); p < list.length; p++) {
        const n = (shared.get(list[p]!) ?? 0) + 1;
        shared.set(list[p]!, n);
        if (n === MIN_SHARED) found.push(list[p]!);
      }
    }
    return found;
  }
}

function addTo(sum: Map<number, number>, h: Held): void {
  for (let k = 0; k < h.terms.length; k++) sum.set(h.terms[k]!, (sum.get(h.terms[k]!) ?? 0) + h.weights[k]!);
}

/** Mean cosine of a unit vector (`dense`: term → weight) to a story's members. */
function meanCosine(s: Story, dense: Map<number, number>): number {
  let dot = 0;
  if (s.sum) for (const [t, w] of dense) dot += w * (s.sum.get(t) ?? 0);
  else for (const m of s.members) for (let k = 0; k < m.terms.length; k++) dot += m.weights[k]! * (dense.get(m.terms[k]!) ?? 0);
  return dot / s.members.length;
}
