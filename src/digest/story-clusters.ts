import { StoryIndex, subjectOfCounts, type StoryIndexOptions } from '../text/story-index.js';

// Story clustering of a set of documents held in memory (the labelled pair set, an
// in-memory day): the store's own method (text/story-index.ts), documents assigned in input
// order. The store decides each article's story as it writes it; this is the same decision
// for documents that were never stored.

export { DEFAULT_STORY_THRESHOLD, subjectOfCounts } from '../text/story-index.js';

export interface StoryDoc {
  id: string;
  /** storyTokens() of the article's title and text (or any opaque tokens). */
  tokens: readonly string[];
  /** The watch-list entity the article is mainly about (storySubject), or none; two articles with different subjects are never one story. */
  subject?: string | null;
}

export interface ClusterOptions {
  /** Mean cosine to a story at or above which an article joins it. */
  threshold?: number;
  /** IDF from every document of the set, as a stored window would give it, rather than from those before each one. */
  wholeSetIdf?: boolean;
}

/** storySubject() of { id, count } in order of first mention. */
export function storySubject(entities: ReadonlyArray<{ id: string; count: number }>): string | null {
  return subjectOfCounts(entities.map((e) => [e.id, e.count] as const));
}

/** Token strings → term ids, one id per distinct token. */
function internDocs(docs: readonly StoryDoc[]): Array<{ terms: Int32Array; subject: string | null }> {
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

/** Groups of document ids telling one story, in order of their first document; every document in exactly one. */
export function clusterStories(docs: readonly StoryDoc[], opts: ClusterOptions = {}): string[][] {
  const interned = internDocs(docs);
  const indexOpts: StoryIndexOptions = { threshold: opts.threshold };
  if (opts.wholeSetIdf) indexOpts.fixedIdf = interned.map((d) => d.terms);
  const index = new StoryIndex(indexOpts);
  const groups = new Map<number, string[]>();
  interned.forEach((d, i) => {
    const story = index.assign({ id: i, at: 0, terms: d.terms, subject: d.subject });
    let g = groups.get(story);
    if (!g) groups.set(story, (g = []));
    g.push(docs[i]!.id);
  });
  return [...groups.values()];
}
