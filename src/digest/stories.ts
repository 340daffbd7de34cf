import type { StoredEvent } from '../store/types.js';
import { storyTokens } from './story-tokens.js';
import { clusterStories, storySubject, type ClusterOptions } from './story-clusters.js';
import type { Story, StoryArticle, StorySentence } from './story-types.js';

// One day's events → stories: the events are grouped by article, each article is compared on
// its title and its event sentences (what the store keeps of it), and articles telling one
// story are merged. Pure.

export interface StoriesOptions extends ClusterOptions {
  /** Outlet name per feed id (configured name, else the feed's own title). */
  feedNames?: ReadonlyMap<string, string>;
  /** Extra text per article id (e.g. its main text), when the caller has it. */
  articleText?: ReadonlyMap<number, string>;
}

interface ArticleGroup {
  article: StoryArticle;
  sentences: StorySentence[];
  entityCounts: Map<string, number>;
}

export function buildStories(events: readonly StoredEvent[], opts: StoriesOptions = {}): Story[] {
  const groups = articleGroups(events, opts.feedNames ?? new Map());
  const docs = groups.map((g) => ({
    id: String(g.article.id),
    tokens: storyTokens([g.article.title, opts.articleText?.get(g.article.id) ?? '', ...lede(g.sentences)].join('\n')),
    subject: storySubject([...g.entityCounts].map(([id, count]) => ({ id, count }))),
  }));
  const byId = new Map(groups.map((g) => [String(g.article.id), g]));
  return clusterStories(docs, opts).map((ids) => story(ids.map((id) => byId.get(id)!)));
}

// The title and the first sentences say which story an article tells (the pair set's
// documents are leads of this length); the rest costs time and adds background.
const LEDE_SENTENCES = 3;
function lede(sentences: readonly StorySentence[]): string[] {
  return sentences.slice(0, LEDE_SENTENCES).map((s) => s.text);
}

function articleGroups(events: readonly StoredEvent[], feedNames: ReadonlyMap<string, string>): ArticleGroup[] {
  const groups = new Map<number, ArticleGroup>();
  const seen = new Set<number>();
  for (const e of events) {
    if (seen.has(e.id)) continue;
    seen.add(e.id);
    let g = groups.get(e.article.id);
    if (!g) {
      const a = e.article;
      g = { article: { id: a.id, url: a.url, title: a.title, published: a.published, outlet: outletName(a.feed, a.url, feedNames), entities: [] }, sentences: [], entityCounts: new Map() };
      groups.set(a.id, g);
    }
    g.sentences.push({ articleId: e.article.id, text: e.text, entities: [...e.entities], tags: [...e.tags], powerFigures: e.powerFigures.map((p) => ({ ...p })) });
    for (const id of e.entities) {
      if (!g.entityCounts.has(id)) g.article.entities.push(id);
      g.entityCounts.set(id, (g.entityCounts.get(id) ?? 0) + 1);
    }
  }
  // Earliest first, so a story's first article is where it broke; undated last.
  return [...groups.values()].sort((a, b) => byPublished(a.article, b.article));
}

/** The feed's name, else the site's host name (never a feed id such as "127-0-0-1-f5b4c49a"). */
export function outletName(feed: string | null, url: string, feedNames: ReadonlyMap<string, string>): string {
  const named = feed === null ? undefined : feedNames.get(feed);
  if (named) return named;
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return feed ?? 'unknown';
  }
}

function byPublished(a: StoryArticle, b: StoryArticle): number {
  if (a.published !== b.published) {
    if (a.published === null) return 1;
    if (b.published === null) return -1;
    return a.published < b.published ? -1 : 1;
  }
  return a.id - b.id;
}

function story(members: ArticleGroup[]): Story {
  const articles = members.map((m) => m.article).sort(byPublished);
  const entityCounts = new Map<string, number>();
  for (const m of members) for (const [id, n] of m.entityCounts) entityCounts.set(id, (entityCounts.get(id) ?? 0) + n);
  const entities = [...entityCounts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([id]) => id);
  const all = members.flatMap((m) => m.sentences);
  return {
    id: `s${Math.min(...articles.map((a) => a.id))}`,
    title: articles[0]!.title,
    articles,
    outlets: [...new Set(articles.map((a) => a.outlet))],
    entities,
    subject: storySubject([...entityCounts].map(([id, count]) => ({ id, count }))),
    tags: [...new Set(all.flatMap((s) => s.tags))].sort(),
    sentences: keySentences(members[0]!.sentences, all),
    figures: all.flatMap((s) => s.powerFigures.map((figure) => ({ figure, sentence: s }))),
  };
}

/** The sentences worth showing: the first article's lede, then tagged or figure-stating ones; one text once. */
function keySentences(first: StorySentence[], all: StorySentence[]): StorySentence[] {
  const weight = (s: StorySentence): number => s.tags.length + s.powerFigures.length;
  const seen = new Set<string>();
  const rest = all.filter((s) => s !== first[0]).sort((a, b) => weight(b) - weight(a));
  return [...first.slice(0, 1), ...rest]
    .filter((s) => {
      const key = s.text.replace(/\s+/g, ' ').trim().toLowerCase();
      return seen.has(key) ? false : (seen.add(key), true);
    });
}
