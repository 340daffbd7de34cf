import type { FeedState, StoredEvent } from '../store/types.js';
import { failingFeeds as failingStates } from '../ingest/feed-health.js';
import { redactUrl, redactUrlsIn } from '../text/redact-url.js';
import { nameFromId } from './watch-list.js';
import { zonedDayRange } from '../time/zoned-day.js';
import type {
  Digest,
  DigestArticleGroup,
  DigestEntity,
  DigestSection,
  DigestSentence,
  FailingFeed,
} from './types.js';

export interface BuildDigestOptions {
  /** The local calendar day, YYYY-MM-DD. */
  date: string;
  /** IANA zone the day is counted in. */
  timezone: string;
  /** Feed states; those failing get their own section. */
  feeds?: readonly FeedState[];
  /** Watch-list order and names (config/entities.yaml, see digestEntities). */
  entities: readonly DigestEntity[];
  /** Articles shown per section (default 8); the counts still cover all of them. */
  maxArticlesPerSection?: number;
  /** Sentences shown per article in a section (default 3). */
  maxSentencesPerArticle?: number;
}

// A digest is read, not searched: a busy day's full list belongs to `newsmon events`.
// The caps also keep the HTML under ~100 KB, past which Gmail clips a message.
export const DEFAULT_MAX_ARTICLES_PER_SECTION = 8;
export const DEFAULT_MAX_SENTENCES_PER_ARTICLE = 3;

export const POWER_SECTION_ID = 'power';

/**
 * Groups one day's events by entity (watch-list order) and by power figures. Pure.
 * An event belongs to the day of its article's published time, else its fetch time
 * (as the store dates it); others are dropped, so unfiltered input is safe too.
 */
export function buildDigest(events: readonly StoredEvent[], opts: BuildDigestOptions): Digest {
  const range = zonedDayRange(opts.date, opts.timezone);
  const watch = opts.entities;
  const day = dedupe(events).filter((e) => inRange(e.article.published ?? e.article.fetchedAt ?? null, range.start, range.end));
  const feedNames = new Map((opts.feeds ?? []).map((f) => [f.id, f.name ?? f.id]));

  const byEntity = new Map<string, StoredEvent[]>();
  for (const e of day) {
    for (const id of new Set(e.entities)) {
      const list = byEntity.get(id);
      if (list) list.push(e);
      else byEntity.set(id, [e]);
    }
  }

  const names = new Map(watch.map((w) => [w.id, w.name]));
  const known = new Set(names.keys());
  const others = [...byEntity.keys()].filter((id) => !known.has(id)).sort();
  const order = [...watch.map((w) => w.id), ...others];
  const nameOf = (id: string): string => names.get(id) ?? nameFromId(id);
  const caps: Caps = {
    articles: opts.maxArticlesPerSection ?? DEFAULT_MAX_ARTICLES_PER_SECTION,
    sentences: opts.maxSentencesPerArticle ?? DEFAULT_MAX_SENTENCES_PER_ARTICLE,
    feedNames,
  };

  const entityCounts = order.map((id) => {
    const list = byEntity.get(id) ?? [];
    return { id, name: nameOf(id), events: list.length, articles: new Set(list.map((e) => e.article.id)).size };
  });

  const sections: DigestSection[] = [];
  for (const id of order) {
    const list = byEntity.get(id);
    if (list?.length) sections.push(section(id, 'entity', nameOf(id), list, caps));
  }
  const power = day.filter((e) => e.powerFigures.length > 0);
  if (power.length) sections.push(section(POWER_SECTION_ID, 'power', 'Power figures', power, caps));

  return {
    date: opts.date,
    timezone: opts.timezone,
    range,
    totals: {
      events: day.length,
      articles: new Set(day.map((e) => e.article.id)).size,
      powerFigures: power.reduce((n, e) => n + e.powerFigures.length, 0),
    },
    entityCounts,
    sections,
    failingFeeds: failingFeeds(opts.feeds ?? []),
  };
}

function dedupe(events: readonly StoredEvent[]): StoredEvent[] {
  const seen = new Set<number>();
  return events.filter((e) => (seen.has(e.id) ? false : (seen.add(e.id), true)));
}

function inRange(published: string | null, start: string, end: string): boolean {
  if (published === null) return true;
  const t = Date.parse(published);
  if (!Number.isFinite(t)) return true;
  return t >= Date.parse(start) && t < Date.parse(end);
}

function section(
  id: string,
  kind: DigestSection['kind'],
  title: string,
  events: StoredEvent[],
  caps: Caps,
): DigestSection {
  const groups = new Map<number, DigestArticleGroup>();
  for (const e of events) {
    let g = groups.get(e.article.id);
    if (!g) {
      const a = e.article;
      const feedName = a.feed === null ? null : (caps.feedNames.get(a.feed) ?? a.feed);
      g = { article: { id: a.id, title: a.title, url: a.url, published: a.published, feed: a.feed, feedName }, sentences: [], moreSentences: 0 };
      groups.set(e.article.id, g);
    }
    g.sentences.push(sentence(e));
  }
  const articles = [...groups.values()];
  for (const g of articles) g.sentences.sort((a, b) => a.sentence - b.sentence || a.eventId - b.eventId);
  // Most sentences first: the article that says most about the entity leads.
  articles.sort(
    (a, b) =>
      b.sentences.length - a.sentences.length ||
      byPublished(a.article.published, b.article.published) ||
      a.article.id - b.article.id,
  );
  for (const g of articles) {
    g.moreSentences = Math.max(0, g.sentences.length - caps.sentences);
    g.sentences = g.sentences.slice(0, caps.sentences);
  }
  return { id, kind, title, events: events.length, articleCount: articles.length, articles: articles.slice(0, caps.articles) };
}

interface Caps {
  articles: number;
  sentences: number;
  feedNames: Map<string, string>;
}

/** Earlier first; undated articles after dated ones. */
function byPublished(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : 1;
}

function sentence(e: StoredEvent): DigestSentence {
  return {
    eventId: e.id,
    sentence: e.sentence,
    text: e.text,
    entities: [...e.entities],
    tags: [...e.tags],
    powerFigures: e.powerFigures.map((p) => ({ ...p })),
  };
}

function failingFeeds(feeds: readonly FeedState[]): FailingFeed[] {
  return failingStates(feeds)
    .map((f) => ({
      id: f.id,
      name: f.name,
      url: redactUrl(f.url),
      failureCount: f.failureCount,
      lastError: f.lastError === null ? null : redactUrlsIn(f.lastError),
      lastErrorKind: f.lastErrorKind,
      lastSuccessAt: f.lastSuccessAt,
      nextCheckAt: f.nextCheckAt,
    }))
    .sort((a, b) => b.failureCount - a.failureCount || a.url.localeCompare(b.url));
}
