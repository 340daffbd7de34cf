import type { StoredEvent } from '../store/types.js';
import { TermInterner } from './story-tokens.js';
import { clusterTermDocs, storySubject, type ClusterOptions } from './story-clusters.js';
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

export interface ArticleGroup {
  article: StoryArticle;
  sentences: StorySentence[];
  entityCounts: Map<string, number>;
}

export function buildStories(events: Iterable<StoredEvent>, opts: StoriesOptions = {}): Story[] {
  return storiesOf(articleGroups(events, opts.feedNames ?? new Map()), opts);
}

/** Stories from articles already grouped (articleGroups), earliest first. */
export function storiesOf(groups: readonly ArticleGroup[], opts: StoriesOptions = {}): Story[] {
  const interner = new TermInterner();
  const docs = groups.map((g) => {
    const terms: number[] = [];
    interner.tokens(g.article.title, terms);
    const extra = opts.articleText?.get(g.article.id);
    if (extra) interner.tokens(extra, terms);
    for (const s of g.sentences.slice(0, LEDE_SENTENCES)) interner.tokens(s.text, terms);
    return { terms, subject: storySubject([...g.entityCounts].map(([id, count]) => ({ id, count }))) };
  });
  return clusterTermDocs(docs, opts).map((members) => story(members.map((i) => groups[i]!)));
}

// The title and the first sentences say which story an article tells (the pair set's
// documents are leads of this length); the rest costs time and adds background.
const LEDE_SENTENCES = 3;

/** A day's events by article, each event once, articles earliest published first (undated last). `keep` filters events. */
export function articleGroups(
  events: Iterable<StoredEvent>,
  feedNames: ReadonlyMap<string, string>,
  keep: (e: StoredEvent) => boolean = () => true,
): ArticleGroup[] {
  const groups = new Map<number, ArticleGroup>();
  const seen = new Set<number>();
  const outlet = outletCache(feedNames);
  for (const e of events) {
    if (seen.has(e.id) || !keep(e)) continue;
    seen.add(e.id);
    let g = groups.get(e.article.id);
    if (!g) {
      const a = e.article;
      g = { article: { id: a.id, url: a.url, title: a.title, published: a.published, outlet: outlet(a.feed, a.url), entities: [] }, sentences: [], entityCounts: new Map() };
      groups.set(a.id, g);
    }
    // The event's arrays are shared, not copied: nothing here or downstream changes them.
    g.sentences.push({ articleId: e.article.id, text: e.text, entities: e.entities, tags: e.tags, powerFigures: e.powerFigures });
    for (const id of e.entities) {
      const n = g.entityCounts.get(id);
      if (n === undefined) g.article.entities.push(id);
      g.entityCounts.set(id, (n ?? 0) + 1);
    }
  }
  // Earliest first, so a story's first article is where it broke.
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

/** outletName(), parsing each site's URL once (a day has thousands of articles from a few hundred sites). */
function outletCache(feedNames: ReadonlyMap<string, string>): (feed: string | null, url: string) => string {
  const bySite = new Map<string, string>();
  return (feed, url) => {
    const slash = /^https?:\/\//i.test(url) ? url.indexOf('/', url.indexOf('//') + 2) : -1;
    if (slash < 0) return outletName(feed, url, feedNames);
    const key = `${feed ?? ''} ${url.slice(0, slash)}`;
    let name = bySite.get(key);
    if (name === undefined) bySite.set(key, (name = outletName(feed, url, feedNames)));
    return name;
  };
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
  const articles = members.length === 1 ? [members[0]!.article] : members.map((m) => m.article).sort(byPublished);
  const entityCounts = members.length === 1 ? members[0]!.entityCounts : new Map<string, number>();
  if (members.length > 1) for (const m of members) for (const [id, n] of m.entityCounts) entityCounts.set(id, (entityCounts.get(id) ?? 0) + n);
  const entities = [...entityCounts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([id]) => id);
  const all = members.length === 1 ? members[0]!.sentences : members.flatMap((m) => m.sentences);
  let lowest = articles[0]!.id;
  for (const a of articles) if (a.id < lowest) lowest = a.id;
  const tags = new Set<string>();
  const figures: Story['figures'] = [];
  for (const s of all) {
    for (const t of s.tags) tags.add(t);
    for (const figure of s.powerFigures) figures.push({ figure, sentence: s });
  }
  return {
    id: `s${lowest}`,
    title: articles[0]!.title,
    articles,
    outlets: [...new Set(articles.map((a) => a.outlet))],
    entities,
    subject: storySubject([...entityCounts].map(([id, count]) => ({ id, count }))),
    tags: [...tags].sort(),
    sentences: keySentences(members[0]!.sentences, all, members.length > 1),
    figures,
  };
}

/** The sentences worth showing: the first article's lede, then tagged or figure-stating ones; one text once. */
function keySentences(first: StorySentence[], all: StorySentence[], copies: boolean): StorySentence[] {
  const weight = (s: StorySentence): number => s.tags.length + s.powerFigures.length;
  const seen = new Set<string>();
  const rest = all.filter((s) => s !== first[0]).sort((a, b) => weight(b) - weight(a));
  // Copies from several outlets differ in spacing and case; one article's sentences only in text.
  const key = copies ? (s: StorySentence): string => s.text.replace(/\s+/g, ' ').trim().toLowerCase() : (s: StorySentence): string => s.text;
  return [...first.slice(0, 1), ...rest].filter((s) => {
    const k = key(s);
    return seen.has(k) ? false : (seen.add(k), true);
  });
}
