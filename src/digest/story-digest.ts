import type { StoredEvent } from '../store/types.js';
import { addDays, zonedDayRange } from '../time/zoned-day.js';
import { articleCard } from '../store/article-cards.js';
import type { ArticleLink, DayCard } from '../store/digest-reads.js';
import { TermInterner } from '../text/story-tokens.js';
import { StoryIndex, subjectOfCounts } from '../text/story-index.js';
import { cardStories, everyEvent, fillLinks, hydrate, type EventFilter } from './stories.js';
import { companyDays, headStories, rankStories, type CompanyInput } from './rank.js';
import { powerTable, type PowerRow } from './power-table.js';
import type { CompanyDay, RankedStory, StorySentence } from './story-types.js';
import type { FailingFeed } from './failing-feeds.js';

// The story digest of one local day, as data: stories ranked, the head, per-company days
// with trend and spike, the power table. Pure: history and names are passed in.

export interface StoryDigestOptions {
  date: string;
  timezone: string;
  /** Watch-list order and names, with each company's daily article counts before today. */
  companies: readonly CompanyInput[];
  feedNames?: ReadonlyMap<string, string>;
  /** Base URL of newsmon's web page, for "the rest of the day" links; null leaves them out. */
  webBase?: string | null;
  headSize?: number;
  /** Feeds whose polls are failing, shown last. */
  failingFeeds?: readonly FailingFeed[];
}

export interface StoryDigestView {
  date: string;
  timezone: string;
  range: { start: string; end: string };
  /** Every story of the day, best first. */
  ranked: RankedStory[];
  head: RankedStory[];
  companies: CompanyDay[];
  power: PowerRow[];
  names: ReadonlyMap<string, string>;
  webBase: string | null;
  totals: { articles: number; stories: number; figures: number };
  failingFeeds: readonly FailingFeed[];
}

/** What the digest reads of an article beyond its card, only for the stories a mail shows. */
export interface ArticleReads {
  /** Its event sentences, in sentence order. */
  sentencesOf(articleId: number): StorySentence[];
  linksOf(ids: number[]): ReadonlyMap<number, ArticleLink>;
}

/** How many stories each company's section shows (the renderers' default); only these and the head need their sentences. */
export const PER_COMPANY = 5;

/**
 * The digest of a day from its articles' cards (the store's dayCards). `keep` says which
 * events the reader follows; `sentencesOf` gives an article's event sentences in sentence
 * order, and is asked only for the stories a mail can show.
 */
export function buildCardDigest(cards: Iterable<DayCard>, reads: ArticleReads, opts: StoryDigestOptions & { keep?: EventFilter }): StoryDigestView {
  const range = zonedDayRange(opts.date, opts.timezone);
  const day = cardStories(cards, opts.feedNames ?? new Map(), opts.keep);
  const watch = new Set(opts.companies.map((c) => c.id));
  const ranked = rankStories(day.stories, watch);
  const power = powerTable(ranked);
  const head = headStories(ranked, watch, opts.headSize);
  const companies = companyDays(ranked, opts.companies, opts.date, addDays);
  const shown = new Set([...head, ...companies.flatMap((c) => c.stories.slice(0, PER_COMPANY))]);
  const keep = opts.keep ?? everyEvent;
  for (const s of shown) hydrate(s, (id) => reads.sentencesOf(id).filter((x) => keep(x.entities, x.tags)));
  fillLinks(shown, power.flatMap((r) => r.sources), reads.linksOf);
  return {
    date: opts.date,
    timezone: opts.timezone,
    range,
    ranked,
    head,
    companies,
    power,
    names: new Map(opts.companies.map((c) => [c.id, c.name])),
    webBase: opts.webBase ?? null,
    totals: { articles: day.articles, stories: ranked.length, figures: power.length },
    failingFeeds: opts.failingFeeds ?? [],
  };
}

/**
 * The digest of a day from its events in memory (tests, previews of a handful): the same
 * path, the cards made here. Events dated outside the day are dropped; undated ones kept.
 */
export function buildStoryDigest(events: Iterable<StoredEvent>, opts: StoryDigestOptions): StoryDigestView {
  const range = zonedDayRange(opts.date, opts.timezone);
  const start = Date.parse(range.start);
  const end = Date.parse(range.end);
  const byArticle = new Map<number, { article: StoredEvent['article']; events: StoredEvent[] }>();
  const seen = new Set<number>();
  for (const e of events) {
    if (seen.has(e.id)) continue;
    seen.add(e.id);
    const t = Date.parse(e.article.published ?? e.article.fetchedAt);
    if (Number.isFinite(t) && (t < start || t >= end)) continue;
    let a = byArticle.get(e.article.id);
    if (!a) byArticle.set(e.article.id, (a = { article: e.article, events: [] }));
    a.events.push(e);
  }
  // Stories as the store gives them: each article in date order, as a live writer meets them.
  const interner = new TermInterner();
  const index = new StoryIndex();
  const dated = [...byArticle.values()].map((a) => ({ ...a, at: Date.parse(a.article.published ?? a.article.fetchedAt) }));
  dated.sort((x, y) => (Number.isFinite(x.at) ? x.at : Infinity) - (Number.isFinite(y.at) ? y.at : Infinity) || x.article.id - y.article.id);
  const cards: DayCard[] = dated.map(({ article, events: es, at }) => {
    const { labels, terms, titleTerms: _, ...card } = articleCard(article.title, es, interner);
    const story = index.assign({ id: article.id, at: Math.floor((Number.isFinite(at) ? at : start) / 1000), terms, subject: subjectOfCounts(card.entities) });
    return { article: { id: article.id, site: article.url, published: article.published, feed: article.feed }, ...card, story, labelsJson: JSON.stringify(labels) };
  });
  const sentences = (id: number): StorySentence[] =>
    [...(byArticle.get(id)?.events ?? [])]
      .sort((a, b) => a.sentence - b.sentence)
      .map((e) => ({ articleId: id, text: e.text, entities: e.entities, tags: e.tags, powerFigures: e.powerFigures }));
  const linksOf = (ids: number[]): Map<number, ArticleLink> =>
    new Map(ids.flatMap((id) => {
      const a = byArticle.get(id)?.article;
      return a ? [[id, { url: a.url, title: a.title }] as const] : [];
    }));
  return buildCardDigest(cards, { sentencesOf: sentences, linksOf }, opts);
}

/**
 * The view limited to its first `shown` ranked stories (what the size budget keeps), for a
 * view asked many times (the budget's search): each story's rank is looked up once. The head and each company's stories are in rank order (filters of
 * `ranked`), so what is kept of them is a prefix, found by bisection.
 */
export function viewLimiter(v: StoryDigestView): (shown: number) => StoryDigestView {
  const rank = new Map<RankedStory, number>();
  // A power row stays when the story of its first source does.
  const articleRank = new Map<number, number>();
  v.ranked.forEach((s, i) => {
    rank.set(s, i);
    for (const a of s.articles) articleRank.set(a.id, i);
  });
  const prefix = (list: readonly RankedStory[], shown: number): RankedStory[] => {
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (rank.get(list[mid]!)! < shown) lo = mid + 1;
      else hi = mid;
    }
    return list.slice(0, lo);
  };
  return (shown) => ({
    ...v,
    head: prefix(v.head, shown),
    companies: v.companies.map((c) => ({ ...c, stories: prefix(c.stories, shown) })),
    power: v.power.filter((r) => r.sources.length > 0 && (articleRank.get(r.sources[0]!.id) ?? Infinity) < shown),
  });
}
