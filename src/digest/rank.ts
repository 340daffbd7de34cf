import type { CompanyDay, DailyCount, RankedStory, Story } from './story-types.js';
import { formatFigure } from './power-table.js';

// What matters to an analyst reading the morning mail, as a table of weights (tests pin each
// rule): how many outlets carried the story, what kind of news it is, whether it states power
// figures, and how many watch-list companies it touches. Pure.

/** Points per distinct outlet beyond the first, up to OUTLET_CAP more outlets. */
export const OUTLET_POINTS = 3;
export const OUTLET_CAP = 5;
/** Points per tag the story carries (each tag once). Unlisted tags earn nothing. */
export const TAG_POINTS: Readonly<Record<string, number>> = {
  ipo: 4,
  'export-control': 4,
  earnings: 3,
  funding: 2,
  partnership: 2,
  product: 2,
  'benchmark-comparison': 1,
  'power-capacity': 1,
  'power-demand': 1,
  'chip-power': 1,
};
/** A story that states a power figure, and each further distinct figure (up to 2 more). */
export const FIGURE_POINTS = 2;
export const EXTRA_FIGURE_POINTS = 1;
/** Each watch-list company beyond the first: news touching several is news about the race. */
export const EXTRA_COMPANY_POINTS = 1;

/** Scores a story, in place. */
export function scoreStory(s: Story, watch: ReadonlySet<string>): RankedStory {
  const reasons: string[] = [];
  let score = 0;
  const extraOutlets = Math.min(OUTLET_CAP, s.outlets.length - 1);
  if (extraOutlets > 0) {
    score += extraOutlets * OUTLET_POINTS;
    reasons.push(`${s.outlets.length} outlets`);
  }
  for (const t of s.tags) {
    const p = TAG_POINTS[t] ?? 0;
    if (p > 0) {
      score += p;
      reasons.push(t);
    }
  }
  const figures = [...new Set(s.figures.map((f) => formatFigure(f.figure)))];
  if (figures.length) {
    score += FIGURE_POINTS + Math.min(2, figures.length - 1) * EXTRA_FIGURE_POINTS;
    reasons.push(...figures.slice(0, 3));
  }
  const companies = s.entities.filter((e) => watch.has(e)).length;
  if (companies > 1) {
    score += (companies - 1) * EXTRA_COMPANY_POINTS;
    reasons.push(`${companies} companies`);
  }
  // The story becomes the ranked story (a busy day has 11,000: no copy of each).
  return Object.assign(s, { score, reasons });
}

/** Highest score first; ties: more articles, earlier first article, id. */
export function rankStories(stories: readonly Story[], watch: ReadonlySet<string>): RankedStory[] {
  return stories.map((s) => scoreStory(s, watch)).sort(
    (a, b) =>
      b.score - a.score ||
      b.articles.length - a.articles.length ||
      byText(firstPublished(a), firstPublished(b)) ||
      byText(a.id, b.id),
  );
}

const firstPublished = (s: Story): string => s.articles[0]?.published ?? '9999';
// Code-unit order: ISO dates sort by time in it, and it costs a fraction of localeCompare's (11,000 stories on a busy day).
const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The "what happened" head: the top stories that touch the watch-list. */
export function headStories(ranked: readonly RankedStory[], watch: ReadonlySet<string>, size = 5): RankedStory[] {
  return ranked.filter((s) => s.entities.some((e) => watch.has(e))).slice(0, size);
}

/** A spike: today's count at least SPIKE_RATIO × the 7-day average and at least SPIKE_MIN. */
export const SPIKE_RATIO = 2;
export const SPIKE_MIN = 5;

export function isSpike(count: number, average7: number): boolean {
  return count >= SPIKE_MIN && count >= SPIKE_RATIO * average7;
}

/** The mean of the 7 days before `today` in a history of daily counts (missing days count 0). */
export function average7(history: readonly DailyCount[], today: string, addDays: (d: string, n: number) => string): number {
  const byDate = new Map(history.map((h) => [h.date, h.count]));
  let sum = 0;
  for (let i = 1; i <= 7; i++) sum += byDate.get(addDays(today, -i)) ?? 0;
  return sum / 7;
}

export interface CompanyInput {
  id: string;
  name: string;
  /** Daily article counts before today (any length; the last 13 days and 7-day average are read). */
  history: readonly DailyCount[];
}

/**
 * Whether a story belongs in a company's section: it is about the company (its subject), or
 * most of its articles name it. A debut story that names Nvidia as the yardstick in half its
 * copies is not Nvidia news.
 */
export function storyConcerns(s: Story, company: string): boolean {
  if (s.subject === company) return true;
  const naming = s.articles.filter((a) => a.entities.includes(company)).length;
  return naming * 2 > s.articles.length;
}

/**
 * Per watch-list company: its stories (storyConcerns, ranked), today's article count against
 * its own 7-day average, the spike call-out, and its 14-day trend (today last). Watch-list order.
 */
export function companyDays(
  ranked: readonly RankedStory[],
  companies: readonly CompanyInput[],
  today: string,
  addDays: (d: string, n: number) => string,
): CompanyDay[] {
  // One pass over the day for every company: its stories, and the articles naming it (an
  // article is in one story and names each entity once, so a count is a count of articles).
  const watched = new Map(companies.map((c) => [c.id, { stories: [] as RankedStory[], articles: 0 }]));
  for (const s of ranked) {
    for (const a of s.articles) {
      for (const e of a.entities) {
        const w = watched.get(e);
        if (w) w.articles++;
      }
    }
    // The subject is one of the story's entities (the one named most).
    for (const e of s.subject && !s.entities.includes(s.subject) ? [s.subject, ...s.entities] : s.entities) {
      const w = watched.get(e);
      if (w && storyConcerns(s, e)) w.stories.push(s);
    }
  }
  return companies.map((c) => {
    const { stories, articles: count } = watched.get(c.id)!;
    const avg = average7(c.history, today, addDays);
    const byDate = new Map(c.history.map((h) => [h.date, h.count]));
    const trend = Array.from({ length: 14 }, (_, i) => {
      const date = addDays(today, i - 13);
      return { date, count: date === today ? count : (byDate.get(date) ?? 0) };
    });
    return { id: c.id, name: c.name, count, average7: avg, spike: isSpike(count, avg), stories, trend };
  });
}
