// Shared value types that cross stage boundaries. Stages import only from here and
// from their own folder, so each can be tested alone.

/** A watched entity found in the main text. Offsets are UTF-16 indices into `ExtractResult.text`. */
export interface Mention {
  entity: string;
  alias: string;
  sentence: number;
  start: number;
  end: number;
}

export type PowerKind = 'power' | 'energy';

/** A stated electrical power or energy figure. `si` is watts (power) or watt-hours (energy). */
export interface PowerFigure {
  text: string;
  value: number;
  unit: string;
  kind: PowerKind;
  si: number;
  sentence: number;
  start: number;
  end: number;
  /** A range ("50–100 MW", "5至10吉瓦") is one figure: `value`/`si` its lower end, `max`/`siMax` its upper end (same unit). */
  max?: number;
  siMax?: number;
  /** An open upper end: "100+ kW", "60 kW+". */
  orMore?: true;
  /** The denominator of a density, singular and lower-case: "rack" for "kW/rack", "kW per rack", "每机柜 20 千瓦". */
  per?: string;
}

/** One sentence that mentions a watched entity or states a power figure. */
export interface ArticleEvent {
  sentence: number;
  text: string;
  entities: string[];
  tags: string[];
  powerFigures: PowerFigure[];
}

/** The main content of a page, before any text analysis. */
export interface MainContent {
  title: string;
  /** Article body, paragraphs separated by "\n". */
  text: string;
  lang: string;
  /** ISO 8601 UTC, when the page states it. */
  published: string | null;
  author: string | null;
  /** The canonical URL the page declares (link rel=canonical / og:url), absolute. */
  canonicalUrl: string | null;
  /** Present when site rules were given. */
  siteRule?: SiteRuleOutcome;
}

/**
 * A feed's site rules (feeds.yaml `content`, `remove`): CSS selectors as cheerio reads
 * them, for sites where automatic extraction picks the wrong block. Plain data, so it
 * travels in job payloads and to reader threads.
 */
export interface SiteRules {
  /** The article body is the text of these elements, in document order, instead of automatic extraction. */
  content: string | null;
  /** Elements removed before extraction (automatic or by `content`). */
  remove: readonly string[];
}

/** What site rules did to one page, for the record and the logs. */
export interface SiteRuleOutcome {
  /** 'content': the body is the content selector's text; 'auto': automatic extraction (after any removals). */
  used: 'content' | 'auto';
  /** Elements the content selector matched (0 when it matched nothing). */
  matched: number;
  /** Elements the remove selectors took out. */
  removed: number;
  /** Why a `content` rule that was set was not used (the page fell back to automatic extraction). */
  fallback?: string;
  /** Remove selectors cheerio could not read, with its reason (config load rejects these; this is a backstop). */
  invalid?: string[];
}

/** What `newsmon extract` prints for one document (DESIGN.md contract). */
export interface ExtractResult {
  title: string;
  text: string;
  lang: string;
  published: string | null;
  mentions: Mention[];
  powerFigures: PowerFigure[];
  events: ArticleEvent[];
}

/** A feed item normalized to the DESIGN.md contract. Dates are ISO 8601 UTC or null. */
export interface FeedItem {
  id: string;
  title: string | null;
  link: string | null;
  published: string | null;
  updated: string | null;
  author: string | null;
  summary: string | null;
  content: string | null;
}

export interface NormalizedFeed {
  title: string | null;
  link: string | null;
  description: string | null;
  items: FeedItem[];
  /** Primary language subtag the feed declares, else the one its titles' non-Latin script shows; null when unknown. */
  language: string | null;
  /** RSS <ttl>: minutes the feed asks readers to wait between polls; absent when it says nothing usable. */
  ttlMinutes?: number;
}

/** The analysis of one article's main text: what the analyzer returns and the store keeps (replaced as a whole by `reextract`). */
export interface ArticleAnalysis {
  mentions: Mention[];
  powerFigures: PowerFigure[];
  events: ArticleEvent[];
  /** Present when the analyzer's per-article caps cut the result (not stored). */
  truncated?: AnalysisTruncation;
}

/** Counts found before the analyzer's per-article caps (events: sentences with a kept mention or figure). */
export interface AnalysisTruncation {
  mentions: number;
  powerFigures: number;
  events: number;
}

/** One configured feed (config/feeds.yaml), validated. */
export interface FeedConfig {
  id: string;
  url: string;
  name: string | null;
  /** Poll interval in milliseconds. */
  intervalMs: number;
  /** A cron pattern, when the feed gives one instead of an interval. */
  cron: string | null;
  enabled: boolean;
  /** Per-feed override of the body cap. */
  maxBytes: number | null;
  /** 'auto': fetch the page unless the feed already carries the full text. */
  fullText: 'auto' | 'always' | 'never';
  /** feeds.yaml `content` / `remove`: how to read this site's pages; absent when the feed sets none. */
  siteRules?: SiteRules;
  /** IANA zone of the feed's and its pages' dates written without one; null: the feed's language decides. */
  timezone: string | null;
}

// The watch-list as config/entities.yaml states it (src/config validates it; src/analyze
// compiles it).

/** How an alias's letter case is matched. */
export type CaseRule = 'sensitive' | 'insensitive';

/** One name or product that counts as a mention of its entity. */
export interface AliasSpec {
  text: string;
  case: CaseRule;
  /** When set, a hit counts only if its sentence also holds one of these terms (or another mention of the entity). */
  requiresContext: string[] | null;
  /** True for product names (Ascend 910C), false for names of the company. */
  product: boolean;
}

/** One watched entity as configured in entities.yaml; the key is its id. */
export interface EntitySpec {
  id: string;
  name: string;
  aliases: AliasSpec[];
  /** Phrases that, where they occur, cancel any alias hit they overlap ("Moore's law"). */
  exclude: string[];
}

/** The injected clock: every stage that needs "now" takes one of these. */
export type Clock = () => Date;
