import type { StoredEvent } from '../store/types.js';
import { addDays, zonedDayRange } from '../time/zoned-day.js';
import { buildStories } from './stories.js';
import { companyDays, headStories, rankStories, type CompanyInput } from './rank.js';
import { powerTable, type PowerRow } from './power-table.js';
import type { CompanyDay, RankedStory } from './story-types.js';
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

export function buildStoryDigest(events: readonly StoredEvent[], opts: StoryDigestOptions): StoryDigestView {
  const range = zonedDayRange(opts.date, opts.timezone);
  const start = Date.parse(range.start);
  const end = Date.parse(range.end);
  const day = events.filter((e) => {
    const t = Date.parse(e.article.published ?? e.article.fetchedAt);
    return !Number.isFinite(t) || (t >= start && t < end);
  });
  const watch = new Set(opts.companies.map((c) => c.id));
  const ranked = rankStories(buildStories(day, { feedNames: opts.feedNames }), watch);
  const power = powerTable(ranked);
  return {
    date: opts.date,
    timezone: opts.timezone,
    range,
    ranked,
    head: headStories(ranked, watch, opts.headSize),
    companies: companyDays(ranked, opts.companies, opts.date, addDays),
    power,
    names: new Map(opts.companies.map((c) => [c.id, c.name])),
    webBase: opts.webBase ?? null,
    totals: { articles: new Set(day.map((e) => e.article.id)).size, stories: ranked.length, figures: power.length },
    failingFeeds: opts.failingFeeds ?? [],
  };
}

/** The view limited to the first `shown` ranked stories (what the size budget keeps). */
export function limitView(v: StoryDigestView, shown: number): StoryDigestView {
  const keep = new Set(v.ranked.slice(0, shown).map((s) => s.id));
  return {
    ...v,
    head: v.head.filter((s) => keep.has(s.id)),
    companies: v.companies.map((c) => ({ ...c, stories: c.stories.filter((s) => keep.has(s.id)) })),
    power: v.power.filter((r) => r.sources.length > 0 && v.ranked.some((s) => keep.has(s.id) && s.articles.some((a) => a.id === r.sources[0]!.id))),
  };
}
