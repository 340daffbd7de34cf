import type { PowerFigure } from '../model.js';

// The digest as data: built by buildDigest (pure), rendered by renderDigest (pure).

/** A watch-list entry as the digest shows it; the order of the list is the digest's order. */
export interface DigestEntity {
  id: string;
  name: string;
}

export interface DigestArticle {
  id: number;
  title: string;
  url: string;
  published: string | null;
  /** The feed's id, and its configured name (the id when it has none). */
  feed: string | null;
  feedName: string | null;
}

export interface DigestSentence {
  eventId: number;
  sentence: number;
  text: string;
  entities: string[];
  tags: string[];
  powerFigures: PowerFigure[];
}

/** One article in a section, with the sentences of it that belong there, in text order. */
export interface DigestArticleGroup {
  article: DigestArticle;
  sentences: DigestSentence[];
  /** Sentences of this article in this section left out by the cap. */
  moreSentences: number;
}

export interface DigestSection {
  /** An entity id, or "power" for the power-figures section. */
  id: string;
  kind: 'entity' | 'power';
  title: string;
  /** Events (sentences) in this section, all of them, shown or not. */
  events: number;
  /** Articles in this section, all of them, shown or not. */
  articleCount: number;
  /** The articles shown, most sentences first. */
  articles: DigestArticleGroup[];
}

export interface FailingFeed {
  id: string;
  name: string | null;
  url: string;
  failureCount: number;
  lastError: string | null;
  lastErrorKind: string | null;
  lastSuccessAt: string | null;
  nextCheckAt: string | null;
}

export interface Digest {
  /** The local calendar day, YYYY-MM-DD. */
  date: string;
  timezone: string;
  /** [start, end) in UTC. */
  range: { start: string; end: string };
  /** Distinct events and articles in the day. */
  totals: { events: number; articles: number; powerFigures: number };
  /** One count per watch-list entity (zeros kept, watch-list order), then any other entity seen. */
  entityCounts: Array<{ id: string; name: string; events: number; articles: number }>;
  /** Non-empty sections: entities in watch-list order, then power figures. */
  sections: DigestSection[];
  failingFeeds: FailingFeed[];
}
