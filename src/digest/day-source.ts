import type { DigestRecipient } from '../config/settings-types.js';
import type { EntityBucket } from '../store/store.js';
import type { ArticleLink, ArticleSentence, DayCard } from '../store/digest-reads.js';
import type { FeedState } from '../store/types.js';
import { failingFeedsOf } from './failing-feeds.js';
import { addDays, localDate, zonedDayRange } from '../time/zoned-day.js';
import type { CompanyInput } from './rank.js';
import { buildCardDigest, type StoryDigestView } from './story-digest.js';
import { everyEvent, type EventFilter } from './stories.js';
import type { DailyCount, StorySentence } from './story-types.js';
import type { DigestEntity } from './watch-list.js';

// The digest's edge to the store: one recipient's local day read from the database (a card
// per article, row by row; only the events the recipient follows counted; the sentences of
// the stories shown), the 13 days before it as per-company counts from one grouped query,
// the feeds' names, and the story digest built from them.

/** What the digest reads from the store (src/store's DigestReads has these). */
export interface DigestSource {
  /** With `labels`, each card's per-event labels too (for a reader who follows only some events). */
  dayCards(since: string, until: string, labels: boolean): Iterable<DayCard>;
  articleSentences(articleId: number): ArticleSentence[];
  articleLinks(ids: Iterable<number>): Map<number, ArticleLink>;
  entityBuckets(since: string, until: string, tags?: readonly string[] | null): EntityBucket[];
  feedNames(): Map<string, string>;
  listFeeds(): FeedState[];
}

export interface RecipientDay {
  recipient: Pick<DigestRecipient, 'companies' | 'tags' | 'timezone'>;
  /** The recipient's local day, YYYY-MM-DD. */
  date: string;
  /** The configured watch-list, in its order. */
  watch: readonly DigestEntity[];
  webBase: string | null;
}

/** Trend (13 days) and the 7-day average both come from the days before today. */
export const HISTORY_DAYS = 13;

/** Whether an event is one the recipient follows: a followed company (when listed) and a followed tag (when listed). */
export function follows(r: RecipientDay['recipient']): EventFilter {
  if (!r.companies && !r.tags) return everyEvent;
  const companies = r.companies ? new Set(r.companies) : null;
  const tags = r.tags ? new Set(r.tags) : null;
  return (entities, eventTags) => (!companies || entities.some((id) => companies.has(id))) && (!tags || eventTags.some((t) => tags.has(t)));
}

/** The watch-list entries a recipient follows, in watch-list order. */
export function followedCompanies(r: RecipientDay['recipient'], watch: readonly DigestEntity[]): DigestEntity[] {
  return r.companies ? watch.filter((w) => r.companies!.includes(w.id)) : [...watch];
}

/** Daily article counts per entity over the local days [from, to), summed from quarter-hour buckets. */
export function dailyCounts(buckets: readonly EntityBucket[], timezone: string): Map<string, DailyCount[]> {
  const byEntity = new Map<string, Map<string, number>>();
  for (const b of buckets) {
    const date = localDate(new Date(b.at * 1000), timezone);
    let days = byEntity.get(b.entity);
    if (!days) byEntity.set(b.entity, (days = new Map()));
    days.set(date, (days.get(date) ?? 0) + b.articles);
  }
  return new Map([...byEntity].map(([id, days]) => [id, [...days].map(([date, count]) => ({ date, count })).sort((a, b) => a.date.localeCompare(b.date))]));
}

/** The recipient's companies with the counts of the days before `date`. */
export function companyHistory(source: DigestSource, day: RecipientDay): CompanyInput[] {
  const tz = day.recipient.timezone;
  const since = zonedDayRange(addDays(day.date, -HISTORY_DAYS), tz).start;
  const until = zonedDayRange(day.date, tz).start;
  const counts = dailyCounts(source.entityBuckets(since, until, day.recipient.tags), tz);
  return followedCompanies(day.recipient, day.watch).map((c) => ({ id: c.id, name: c.name, history: counts.get(c.id) ?? [] }));
}

/** One recipient's day as a story digest. */
export function loadRecipientView(source: DigestSource, day: RecipientDay): StoryDigestView {
  const range = zonedDayRange(day.date, day.recipient.timezone);
  const feedNames = source.feedNames();
  const sentences = (id: number): StorySentence[] => source.articleSentences(id).map((s) => ({ articleId: id, ...s }));
  const keep = follows(day.recipient);
  return buildCardDigest(source.dayCards(range.start, range.end, keep !== everyEvent), { sentencesOf: sentences, linksOf: (ids) => source.articleLinks(ids) }, {
    keep,
    date: day.date,
    timezone: day.recipient.timezone,
    companies: companyHistory(source, day),
    feedNames,
    webBase: day.webBase,
    failingFeeds: failingFeedsOf(source.listFeeds(), feedNames),
  });
}
