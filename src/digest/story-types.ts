import type { PowerFigure } from '../model.js';

// The story digest as data: built from one day's events (stories.ts), ranked (rank.ts),
// rendered (story-render-*.ts). All pure values.

export interface StoryArticle {
  id: number;
  url: string;
  title: string;
  published: string | null;
  /** The outlet as the reader knows it: the feed's configured name, else its title, else the site. */
  outlet: string;
  /** Watch-list entities its events name. */
  entities: string[];
}

export interface StorySentence {
  articleId: number;
  text: string;
  entities: string[];
  tags: string[];
  powerFigures: PowerFigure[];
}

export interface Story {
  /** Stable within a day: "s" + the lowest article id in it. */
  id: string;
  /** The headline shown: the title of the story's first article (earliest published). */
  title: string;
  /** Earliest published first. */
  articles: StoryArticle[];
  /** Distinct outlets, in article order. */
  outlets: string[];
  /** Watch-list entities named, most-named first. */
  entities: string[];
  /** The entity the story is mainly about (see storySubject), or null. */
  subject: string | null;
  /** Union of the sentences' tags, sorted. */
  tags: string[];
  /** The sentences that carry the story, best first (one per article and distinct text). */
  sentences: StorySentence[];
  /** Every power figure stated, with its sentence's article. */
  figures: Array<{ figure: PowerFigure; sentence: StorySentence }>;
}

export interface RankedStory extends Story {
  score: number;
  /** Why it ranks where it does, for the reader and the tests: "4 outlets", "ipo", "2.5 GW". */
  reasons: string[];
}

/** Mentions of one company on one local day. */
export interface DailyCount {
  date: string;
  count: number;
}

export interface CompanyDay {
  id: string;
  name: string;
  /** Articles naming the company today. */
  count: number;
  /** Mean of the 7 days before today (0 when there is no history). */
  average7: number;
  spike: boolean;
  stories: RankedStory[];
  /** The last 14 days, oldest first, today last. */
  trend: DailyCount[];
}
