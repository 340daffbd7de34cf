import type { EventLabels } from '../store/article-cards.js';
import type { ArticleLink, DayCard } from '../store/digest-reads.js';
import { subjectOfCounts } from '../text/story-index.js';
import type { Story, StoryArticle, StorySentence } from './story-types.js';

// One day's articles → stories. Each article comes as its card (store/article-cards.ts):
// its story (decided as it was stored: text/story-index.ts), and its events' labels and
// power figures. The articles telling one story are merged; the stories' sentences are
// filled in later, only for the stories a mail shows (hydrate). Pure.

/** Which of an article's events the reader follows (by the event's entities and tags). */
export type EventFilter = (entities: readonly string[], tags: readonly string[]) => boolean;

export const everyEvent: EventFilter = () => true;

/** An article of the day as the digest sees it: only the events the reader follows counted. */
export interface ArticleGroup {
  article: StoryArticle;
  /** Its story (the card's). */
  story: number;
  /** Followed events per entity, in order of first mention. */
  entityCounts: ReadonlyArray<readonly [string, number]>;
  /** Each once. */
  tags: readonly string[];
  figures: Story['figures'];
}

/**
 * The day's stories from its cards: the cards sharing a story (the one each was given as it
 * was stored) merged, only the events the reader follows counted (an article with none is
 * left out); `articles` counts the articles kept. In no set order (ranking orders them);
 * their sentences are empty until hydrated.
 */
export function cardStories(cards: Iterable<DayCard>, feedNames: ReadonlyMap<string, string>, keep: EventFilter = everyEvent): { stories: Story[]; articles: number } {
  const outlet = outletCache(feedNames);
  const memo: DayMemos = { ids: new ListMemo(), byCount: new ListMemo(), sortedTags: new ListMemo() };
  const byStory = new Map<number, ArticleGroup[]>();
  let articles = 0;
  for (const c of cards) {
    const a = c.article;
    // URL and title are filled in for the stories a mail shows (fillLinks).
    const article: StoryArticle = { id: a.id, url: '', title: '', published: a.published, outlet: outlet(a.feed, a.site), entities: [] };
    const group = keep === everyEvent ? wholeGroup(article, c, memo) : followedGroup(article, c, keep);
    if (!group) continue;
    articles++;
    const members = byStory.get(group.story);
    if (members) members.push(group);
    else byStory.set(group.story, [group]);
  }
  const stories: Story[] = [];
  for (const members of byStory.values()) stories.push(story(members, memo));
  return { stories, articles };
}

/**
 * Cards share their entity and tag lists (DigestReads), so what is derived from a list is
 * worked out once per list, for this day: the entity ids, and the entities by count and the
 * sorted tags of a one-article story (all read-only).
 */
class ListMemo {
  private readonly derived = new Map<object, string[]>();

  of<L extends object>(list: L, make: (list: L) => string[]): string[] {
    let d = this.derived.get(list);
    if (!d) this.derived.set(list, (d = make(list)));
    return d;
  }
}

/** One memo per thing derived (the same entity list gives its ids and its order by count). */
interface DayMemos {
  ids: ListMemo;
  byCount: ListMemo;
  sortedTags: ListMemo;
}

const entityIdsOf = (counts: DayCard['entities']): string[] => counts.map(([id]) => id);

/** Every event counted: the card's sums as they are (no per-event labels read). */
function wholeGroup(article: StoryArticle, c: DayCard, memo: DayMemos): ArticleGroup {
  article.entities = memo.ids.of(c.entities, entityIdsOf);
  return { article, story: c.story, entityCounts: c.entities, tags: c.tags, figures: cardFigures(article.id, c, () => true) };
}

// Nine cards in ten state no figure: one shared empty list (never written to: story() copies before adding).
const NO_FIGURES: Story['figures'] = [];

/** The card's figure sentences whose event `kept(event index)` says is counted, one entry per figure. */
function cardFigures(articleId: number, c: DayCard, kept: (event: number) => boolean): Story['figures'] {
  if (c.figures.length === 0) return NO_FIGURES;
  const figures: Story['figures'] = [];
  for (const f of c.figures) {
    if (!kept(f.event)) continue;
    const sentence: StorySentence = { articleId, text: f.text, entities: f.entities, tags: f.tags, powerFigures: f.powerFigures };
    for (const figure of f.powerFigures) figures.push({ figure, sentence });
  }
  return figures;
}

/** Only the events `keep` takes counted (the per-event labels parsed); null when it takes none. */
function followedGroup(article: StoryArticle, c: DayCard, keep: EventFilter): ArticleGroup | null {
  const labels = JSON.parse(c.labelsJson) as EventLabels[];
  const entityCounts = new Map<string, number>();
  const tags = new Set<string>();
  const kept = labels.map(([entities, eventTags]) => {
    if (!keep(entities, eventTags)) return false;
    for (const id of entities) {
      const n = entityCounts.get(id);
      if (n === undefined) article.entities.push(id);
      entityCounts.set(id, (n ?? 0) + 1);
    }
    for (const t of eventTags) tags.add(t);
    return true;
  });
  if (!kept.includes(true)) return null;
  return { article, story: c.story, entityCounts: [...entityCounts], tags: [...tags], figures: cardFigures(article.id, c, (event) => kept[event] === true) };
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
    if (!/^https?:\/\//i.test(url)) return outletName(feed, url, feedNames);
    // Up to the path: a whole URL, or a card's site (scheme and host only).
    const slash = url.indexOf('/', url.indexOf('//') + 2);
    const key = `${feed ?? ''} ${slash < 0 ? url : url.slice(0, slash)}`;
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


const sortedCopy = (tags: readonly string[]): string[] => [...tags].sort();

function entitiesByCount(counts: ArticleGroup['entityCounts']): string[] {
  return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([id]) => id);
}

/** A story from its articles' groups; its first article is where it broke (earliest published, undated last). */
function story(members: ArticleGroup[], memo: DayMemos): Story {
  if (members.length > 1) members.sort((x, y) => byPublished(x.article, y.article));
  const one = members.length === 1 ? members[0]! : null;
  const articles = members.map((m) => m.article);
  let entityCounts = members[0]!.entityCounts;
  let entities: string[];
  let tags: string[];
  if (one) {
    entities = memo.byCount.of(entityCounts, entitiesByCount);
    tags = memo.sortedTags.of(one.tags, sortedCopy);
  } else {
    const sum = new Map<string, number>();
    for (const m of members) for (const [id, n] of m.entityCounts) sum.set(id, (sum.get(id) ?? 0) + n);
    entityCounts = [...sum];
    entities = entitiesByCount(entityCounts);
    tags = [...new Set(members.flatMap((m) => m.tags))].sort();
  }
  let lowest = articles[0]!.id;
  for (const a of articles) if (a.id < lowest) lowest = a.id;
  return {
    id: `s${lowest}`,
    title: articles[0]!.title,
    articles,
    outlets: one ? [one.article.outlet] : [...new Set(articles.map((a) => a.outlet))],
    entities,
    subject: subjectOfCounts(entityCounts),
    tags,
    sentences: [],
    figures: one ? one.figures : members.flatMap((m) => m.figures),
  };
}

/** Fills in the URL and title of the given stories' articles and of the sources of `more`, and each story's title (its first article's). */
export function fillLinks(stories: Iterable<Story>, more: Iterable<StoryArticle>, linksOf: (ids: number[]) => ReadonlyMap<number, ArticleLink>): void {
  const list = [...stories];
  const articles = [...list.flatMap((s) => s.articles), ...more];
  const links = linksOf([...new Set(articles.map((a) => a.id))]);
  for (const a of articles) {
    const l = links.get(a.id);
    if (l) [a.url, a.title] = [l.url, l.title];
  }
  for (const s of list) s.title = s.articles[0]!.title;
}

/**
 * Fills in a story's sentences: the first article's lede, then tagged or figure-stating
 * ones from every article, one text once. `sentencesOf` gives an article's followed event
 * sentences in sentence order.
 */
export function hydrate(s: Story, sentencesOf: (articleId: number) => StorySentence[]): void {
  const [first, ...rest] = s.articles.map((a) => sentencesOf(a.id));
  const all = [...(first ?? []), ...rest.flat()];
  s.sentences = keySentences(first ?? [], all, s.articles.length > 1);
}

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
